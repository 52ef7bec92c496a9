// The branch book, version 7: a desk's replica holds the branch's settings (VIP %, value model,
// policies, calendar, channel limits, brokers' capacities), so a manager's change of them is
// announced on bd_book as "settings:<table>", once per statement (pg_notify folds a
// transaction's equal payloads into one): the desks read the settings again, not a client.
#include "storage/pg/pgschema_v7_settings_news.h"

namespace bd::storage {
namespace {

const char* const kSettingsNewsV7 = R"SQL(
CREATE OR REPLACE FUNCTION bd_notify_settings() RETURNS trigger LANGUAGE plpgsql
  SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_notify('bd_book', 'settings:' || TG_TABLE_NAME);
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION bd_notify_settings() FROM PUBLIC;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['settings', 'calendar_days', 'channel_limits', 'service_policies'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS notify_settings ON %I', t);
    EXECUTE format('CREATE TRIGGER notify_settings AFTER INSERT OR UPDATE OR DELETE ON %I ' ||
                   'FOR EACH STATEMENT EXECUTE FUNCTION bd_notify_settings()', t);
  END LOOP;
END $$;
DROP TRIGGER IF EXISTS notify_settings ON brokers;
CREATE TRIGGER notify_settings AFTER UPDATE OF daily_capacity ON brokers
  FOR EACH STATEMENT EXECUTE FUNCTION bd_notify_settings();
)SQL";

} // namespace

Status migrateSettingsNewsV7(PgConnection& admin) {
    return admin.script(kSettingsNewsV7);
}

} // namespace bd::storage
