#include "storage/schema/schema_v1.h"

#include "storage/schema/sqltext.h"

namespace bd::storage {

// Tables for segments, their profiles and service policies. Segments belong to an analytics
// run (the refresh that computed them); a segment_id is stable across runs (the segmentation
// matches new clusters to the previous run's segments), so history and renames follow it.
// relationship_type is the Kotler type code (analytics::RelationshipType: 0 basic, 1 reactive,
// 2 accountable, 3 proactive, 4 partnership); levels are 0 low, 1 medium, 2 high.
// The service_policies defaults must match analytics::defaultServicePolicy() (a test checks it);
// served_by is analytics::ServedBy (0 senior broker, 1 broker, 2 service desk, 3 automated) and
// channels are core ContactChannel English names, preferred first, comma-separated.
namespace {

// Segment runs, segments, their profiles and migrations.
constexpr std::string_view kSegmentTables = R"SQL(
-- One row per segmentation of a run: how it was computed (for the UI and for audits).
CREATE TABLE segment_runs (
  run_id INTEGER PRIMARY KEY REFERENCES analytics_runs(id) ON DELETE CASCADE,
  clients INTEGER NOT NULL,
  k INTEGER NOT NULL,
  used_factors INTEGER NOT NULL DEFAULT 0,
  factors INTEGER NOT NULL DEFAULT 0,
  explained_variance REAL,
  inertia REAL NOT NULL DEFAULT 0,
  silhouette REAL,
  previous_run_id INTEGER,
  features TEXT NOT NULL DEFAULT '[]'  -- JSON [{"name", "transform", "centre", "scale", "missing"}]
);

CREATE TABLE segments (
  run_id INTEGER NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  segment_id INTEGER NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  name_edited INTEGER NOT NULL DEFAULT 0,  -- 1: the user renamed it; kept while the segment lives
  inherited INTEGER NOT NULL DEFAULT 0,    -- 1: matched to the previous run's segment
  relationship_type INTEGER NOT NULL CHECK (relationship_type BETWEEN 0 AND 4),
  client_level INTEGER NOT NULL,
  margin_level INTEGER NOT NULL,
  size INTEGER NOT NULL,
  client_share REAL NOT NULL,
  aum_share REAL,
  profit_share REAL,
  mean_aum REAL,
  mean_profit_12m REAL,
  mean_clv_12m REAL,
  mean_aum_trend REAL,
  -- Mean CLV per client over the population's mean CLV per client (NULL when that is <= 0).
  growth_potential REAL,
  feature_means TEXT NOT NULL DEFAULT '{}',  -- JSON {"feature": mean in original units}
  feature_z TEXT NOT NULL DEFAULT '{}',      -- JSON {"feature": z in the prepared space}
  centroid TEXT NOT NULL DEFAULT '[]',       -- JSON array, prepared feature space
  PRIMARY KEY (run_id, segment_id)
) WITHOUT ROWID;

-- Each client's segment in a run (kept for the newest runs only, like client_scores).
CREATE TABLE segment_labels (
  run_id INTEGER NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  segment_id INTEGER NOT NULL,
  PRIMARY KEY (run_id, client_ref)
) WITHOUT ROWID;

-- Factor model of a run: one row per factor and its loadings per feature.
CREATE TABLE segment_factors (
  run_id INTEGER NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  factor INTEGER NOT NULL,
  theme TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  variance REAL NOT NULL,
  PRIMARY KEY (run_id, factor)
) WITHOUT ROWID;
CREATE TABLE segment_factor_loadings (
  run_id INTEGER NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  factor INTEGER NOT NULL,
  feature_index INTEGER NOT NULL,  -- position in segment_runs.features
  feature TEXT NOT NULL,
  loading REAL NOT NULL,
  PRIMARY KEY (run_id, factor, feature_index)
) WITHOUT ROWID;

-- Clients moving from the previous run's segment (-1: no previous segment) to this run's.
CREATE TABLE segment_migrations (
  run_id INTEGER NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  from_segment_id INTEGER NOT NULL,
  to_segment_id INTEGER NOT NULL,
  clients INTEGER NOT NULL,
  PRIMARY KEY (run_id, from_segment_id, to_segment_id)
) WITHOUT ROWID;

)SQL";

// The Kotler thresholds' default settings.
constexpr std::string_view kKotlerDefaults = R"SQL(
-- Kotler thresholds (analytics::KotlerThresholds defaults).
INSERT OR IGNORE INTO settings(key, value) VALUES
  ('segments.kotler.many_share', '0.2'),
  ('segments.kotler.few_share', '0.05'),
  ('segments.kotler.high_margin_ratio', '2'),
  ('segments.kotler.low_margin_ratio', '0.5');
)SQL";

} // namespace

const std::string_view kSchemaV1Segments =
    kSqlText<kSegmentTables, kServicePoliciesTable, kServicePolicyDefaults, kKotlerDefaults>;

} // namespace bd::storage
