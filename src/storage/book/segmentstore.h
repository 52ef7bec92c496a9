#pragma once
// Persisted segmentation results per analytics run (segment_runs, segments, segment_labels,
// segment_factors, segment_factor_loadings, segment_migrations) and the service policy per
// Kotler relationship type (service_policies). Plain rows in and out: relationship types,
// levels and served-by are the integer codes documented in schema_v1_segments.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "storage/book/segmentnames.h"
#include "storage/db/database.h"

namespace bd::storage {

/// How a run's segmentation was computed (segment_runs).
struct SegmentRunRow {
    std::int64_t run_id = 0;
    std::int64_t clients = 0;
    int k = 0;
    bool used_factors = false;
    int factors = 0;
    std::optional<double> explained_variance;
    double inertia = 0;
    std::optional<double> silhouette;
    std::optional<std::int64_t> previous_run_id;
    std::string features_json = "[]";
    std::string unsegmented; // why the book is one segment (core/facts.h Unsegmented key), or ""
};

/// One segment of a run.
struct SegmentRow {
    int segment_id = 0;
    std::string name_fact; // a generated name: encoded SegmentName (core/facts.h); "" if typed
    std::string name_zh;   // a name the user typed (name_edited), kept exactly as typed
    std::string name_en;
    bool name_edited = false;
    bool inherited = false;
    int relationship_type = 0; // analytics::RelationshipType code
    int client_level = 1;      // 0 low, 1 medium, 2 high
    int margin_level = 1;
    std::int64_t size = 0;
    double client_share = 0;
    std::optional<double> aum_share, profit_share;
    std::optional<double> mean_aum, mean_profit_12m, mean_clv_12m, mean_aum_trend;
    std::optional<double> growth_potential;
    /// Per feature, in feature order: (name, mean in original units); NaN stored as null.
    std::vector<std::pair<std::string, double>> feature_means;
    std::vector<std::pair<std::string, double>> feature_z;
    std::vector<double> centroid; // prepared feature space
};

/// One factor of a run's factor model with its loadings (feature order).
struct SegmentFactorRow {
    int factor = 0;
    std::string theme; // what it is about: analytics::FactorName (phrase::factorName words it)
    double variance = 0;
    std::vector<std::pair<std::string, double>> loadings;
};

/// One cell of a run's migration matrix (from -1 = no previous segment).
struct SegmentMigrationRow {
    int from_segment_id = -1;
    int to_segment_id = 0;
    std::int64_t clients = 0;
};

/// One candidate k of a run's choice of k: its mean silhouette and inertia on the sample k was
/// chosen on (segment_k_choices).
struct SegmentKChoiceRow {
    int k = 0;
    double silhouette = 0;
    double inertia = 0;
    std::int64_t sample_rows = 0;
    std::optional<double> silhouette_se; // across the samples; none when k was chosen on one
    std::optional<double> agreement;     // of the samples' segments (adjusted Rand index)
};

/// Everything one segmentation run stores.
struct SegmentRunData {
    SegmentRunRow run;
    std::vector<SegmentRow> segments;
    std::vector<std::pair<std::int64_t, int>> labels; // (client_ref, segment_id)
    std::vector<SegmentFactorRow> factors;
    std::vector<SegmentMigrationRow> migration;
    std::vector<SegmentKChoiceRow> k_choices; // empty when k was fixed without scoring
};

/// Saves a run's segmentation in one transaction (replacing any earlier one of the same run).
/// Per-client labels are kept for the newest `keepLabelRuns` segmented runs only.
Status saveSegmentRun(Database& db, const SegmentRunData& data, int keepLabelRuns = 10);

/// The newest segmented run that still has labels, optionally only runs before `beforeRunId`.
Result<std::optional<std::int64_t>>
latestSegmentRunId(Database& db, std::optional<std::int64_t> beforeRunId = std::nullopt);

/// The run record of a segmentation (NotFound when the run has none).
Result<SegmentRunRow> loadSegmentRun(Database& db, std::int64_t runId);

/// A run's segments, ordered by segment_id.
Result<std::vector<SegmentRow>> loadSegments(Database& db, std::int64_t runId);

/// A run's labels as (client_ref, segment_id), ordered by client_ref.
Result<std::vector<std::pair<std::int64_t, int>>> loadSegmentLabels(Database& db,
                                                                    std::int64_t runId);

/// A run's factors with their loadings, ordered by factor.
Result<std::vector<SegmentFactorRow>> loadSegmentFactors(Database& db, std::int64_t runId);

/// A run's migration matrix cells (only non-zero cells are stored).
Result<std::vector<SegmentMigrationRow>> loadSegmentMigration(Database& db, std::int64_t runId);
/// The run's candidate k with their criterion, by k (empty when none was scored).
Result<std::vector<SegmentKChoiceRow>> loadSegmentKChoices(Database& db, std::int64_t runId);

/// Renames a segment of the newest segmented run and marks the name as edited, so later runs
/// that keep the segment keep the name; the names it had (for the audit trail). NotFound when
/// the segment is not in that run; InvalidInput for an empty name.
Result<SegmentNameRow> renameSegment(Database& db, int segmentId, const std::string& nameZh,
                                     const std::string& nameEn);

/// Adds stages to a run's stored timings (analytics_runs.stage_timings JSON) and `durationMs`
/// to its duration, for stages that run after the run record was written.
Status appendRunStageTimings(Database& db, std::int64_t runId,
                             const std::vector<std::pair<std::string, double>>& stages,
                             double durationMs);

/// The service policy of a relationship type.
struct ServicePolicyRow {
    int relationship_type = 0;
    int cadence_days = 365;
    std::string channels; // "phone,wechat"
    int served_by = 3;
    bool proactive = false;
};

/// All stored policies, ordered by relationship type.
Result<std::vector<ServicePolicyRow>> loadServicePolicies(Database& db);
/// One policy (NotFound when the type has no row).
Result<ServicePolicyRow> loadServicePolicy(Database& db, int relationshipType);
/// Inserts or replaces the policy of its relationship type.
Status saveServicePolicy(Database& db, const ServicePolicyRow& policy);

} // namespace bd::storage
