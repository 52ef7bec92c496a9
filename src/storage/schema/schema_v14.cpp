#include "storage/schema/schema_v14.h"

namespace bd::storage {

// Version 14 (see schema_v14.h). Dates are day numbers, times seconds (schema_v1.h).
// survey_templates.standard: 0 = typed by a manager, else the standard template's kind
// (services/surveys.h StandardSurvey); survey_items.standard_item: 0 = `text` as typed, else
// the standard item's kind (phrase::surveyItem). survey_campaigns.audience: an AudienceKind code
// with its argument (a segment id or a number of days) in audience_arg. survey_calls.queue is a
// broker id or the service desk's queue, fixed at launch.
const std::string_view kSchemaV14Surveys = R"SQL(
CREATE TABLE survey_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  standard INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE survey_items (
  template_id INTEGER NOT NULL REFERENCES survey_templates(id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 5),
  standard_item INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (template_id, position)
) WITHOUT ROWID;

CREATE TABLE survey_campaigns (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  template_id INTEGER NOT NULL REFERENCES survey_templates(id),
  audience INTEGER NOT NULL,
  audience_arg INTEGER NOT NULL DEFAULT 0,
  launch_date INTEGER NOT NULL,
  deadline_working_days INTEGER NOT NULL,
  deadline_date INTEGER NOT NULL,
  launched_at INTEGER NOT NULL
);

CREATE TABLE survey_calls (
  campaign_id INTEGER NOT NULL REFERENCES survey_campaigns(id),
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  queue TEXT NOT NULL,
  due_date INTEGER NOT NULL,
  contact_id INTEGER REFERENCES contacts(id),
  PRIMARY KEY (campaign_id, client_ref)
) WITHOUT ROWID;
CREATE INDEX survey_calls_open ON survey_calls(client_ref) WHERE contact_id IS NULL;

CREATE TABLE survey_answers (
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  item INTEGER NOT NULL CHECK (item BETWEEN 0 AND 5),
  campaign_id INTEGER NOT NULL REFERENCES survey_campaigns(id),
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  score INTEGER NOT NULL CHECK ((item = 0 AND score BETWEEN 0 AND 10) OR
                                (item > 0 AND score BETWEEN 1 AND 5)),
  PRIMARY KEY (contact_id, item)
) WITHOUT ROWID;
CREATE INDEX survey_answers_by_campaign ON survey_answers(campaign_id, client_ref);

-- Loyalty in the KPI history: the month's 0..10 answers by NPS class (months stored before
-- this version keep 0 until `kpi --rebuild`).
ALTER TABLE kpi_months ADD COLUMN promoters INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_months ADD COLUMN passives INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_months ADD COLUMN detractors INTEGER NOT NULL DEFAULT 0;

INSERT INTO survey_templates(id, name, standard, created_at) VALUES (1, '', 1, 0), (2, '', 2, 0);
INSERT INTO survey_items(template_id, position, standard_item) VALUES
  (1, 1, 1), (1, 2, 2), (1, 3, 3), (1, 4, 4),
  (2, 1, 5), (2, 2, 6), (2, 3, 7);
)SQL";

} // namespace bd::storage
