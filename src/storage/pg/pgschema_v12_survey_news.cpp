// The branch book, version 12: a manager creates survey templates and launches campaigns on a
// server (survey.create, survey.launch), as a desk's user does. Version 5 already lets a manager,
// and only a manager, insert templates, their items and campaigns, and the calls of the clients
// the manager sees, each row in the database's trail under the login. What was missing is the
// news: a desk's replica holds the branch's surveys (copyServerSurveys), so a new template or
// campaign is announced on bd_book as the branch's settings are, "settings:<table>", once per
// statement (pg_notify folds a transaction's equal payloads into one), and the desks read their
// surveys again (the campaign and the calls of their clients).
#include "storage/pg/pgschema_v12_survey_news.h"

namespace bd::storage {

Status migrateSurveyNewsV12(PgConnection& admin) {
    // Announced by version 7's function, as "settings:survey_templates" and
    // "settings:survey_campaigns" (a campaign's calls are inserted in the same transaction).
    return admin.script(R"SQL(
DROP TRIGGER IF EXISTS notify_settings ON survey_templates;
CREATE TRIGGER notify_settings AFTER INSERT OR UPDATE OR DELETE ON survey_templates
  FOR EACH STATEMENT EXECUTE FUNCTION bd_notify_settings();
DROP TRIGGER IF EXISTS notify_settings ON survey_campaigns;
CREATE TRIGGER notify_settings AFTER INSERT OR UPDATE OR DELETE ON survey_campaigns
  FOR EACH STATEMENT EXECUTE FUNCTION bd_notify_settings();
)SQL");
}

} // namespace bd::storage
