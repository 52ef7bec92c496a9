#pragma once
// The segmentation stage of a refresh: build the segmentation features from the refresh's
// in-memory per-client features and value results, segment the clients (keeping the previous
// run's segment ids and names), and store segments, labels, factors and the migration matrix
// with the run.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analytics/segmentation.h"
#include "analytics/valuescore.h"
#include "core/result.h"
#include "services/segmentation.h"
#include "storage/book/features.h"
#include "storage/book/segmentstore.h"
#include "storage/db/database.h"

namespace bd::services {

/// What the stage did.
struct SegmentStageSummary {
    std::int64_t run_id = 0;
    bool segmented = false; // false: a book without clients, nothing stored
    std::int64_t clients = 0;
    int k = 0;
    int factors = 0; // 0 when the features were clustered directly
    std::optional<std::int64_t> previous_run_id;
    int inherited = 0;                         // segments that kept their previous id and name
    std::vector<storage::SegmentRow> segments; // as stored, ordered by id
    /// Why the book was kept as one segment (k = 1), else No; with the figures the phrasebook
    /// states it with (phrase::unsegmented).
    Unsegmented unsegmented = Unsegmented::No;
    double agreement = 0;  // of the samples' segments at the k the criterion chose
    double ms = 0;         // whole stage
    double cluster_ms = 0; // segmentClients (prep, factors, k selection, k-means, profiles)
    double persist_ms = 0; // reading the previous run and writing this one
};

/// The segmentation features in column order (names, transforms): aum, commission_12m,
/// profit_12m, clv_12m, trades_12m, contacts_12m, days_since_trade, contact_gap_days,
/// tenure_days, aum_trend, satisfaction, net_inflow_12m, service_cost_12m.
std::vector<analytics::FeatureSpec> segmentFeatureSpecs();

/// The features whose factor scores choose k: every feature but service_cost_12m.
std::vector<std::string> segmentSelectionFeatures();

/// The features k-means assigns the clients in, standard-scaled: aum, trades_12m,
/// commission_12m, days_since_trade, tenure_days, contacts_12m, service_cost_12m, profit_12m.
std::vector<std::string> segmentClusterFeatures();

/// The segmentation input of the refresh's clients (`values` in the same order as `features`).
/// aum_trend = ln(1 + AUM now) - ln(1 + AUM a year ago), missing for clients younger than a
/// year; satisfaction is missing for clients without a rated contact.
analytics::SegmentationInput
buildSegmentationInput(const storage::BookFeatures& features,
                       const std::vector<analytics::ValueInput>& values);

/// The Kotler thresholds stored in the book's settings (segments.kotler.*), defaults otherwise.
Result<analytics::KotlerThresholds> loadKotlerThresholds(storage::Database& db);

/// Segments the clients of run `runId` and stores the result with the run; the run's stored
/// stage timings gain "segmentation". Errors are storage failures or inconsistent inputs; a
/// book without clients is skipped (segmented = false).
/// Same as SegmentStage::prepare + compute + store.
Result<SegmentStageSummary> runSegmentStage(storage::Database& db, std::int64_t runId,
                                            const storage::BookFeatures& features,
                                            const std::vector<analytics::ValueInput>& values);

/// The stage in three steps so the refresh can cluster (CPU only, no database) while another
/// thread writes the run: prepare() reads what it needs from the book, compute() segments,
/// store() writes the result once the run exists.
class SegmentStage {
  public:
    /// Reads the Kotler settings and the latest segmentation older than `beforeRunId` (any
    /// when nullopt). `features` and `values` must outlive the stage.
    static Result<SegmentStage> prepare(storage::Database& db,
                                        const storage::BookFeatures& features,
                                        const std::vector<analytics::ValueInput>& values,
                                        std::optional<std::int64_t> beforeRunId);
    /// Segments the clients; touches no database (safe while another thread writes).
    Status compute();
    /// Stores the segmentation with run `runId` and appends its stage timings to the run.
    Result<SegmentStageSummary> store(storage::Database& db, std::int64_t runId);
    /// What compute() segmented, and how (valid after compute()).
    const analytics::SegmentationInput& input() const { return m_input; }
    const analytics::SegmentationOptions& options() const { return m_options; }

  private:
    SegmentStage() = default;
    const storage::BookFeatures* m_features = nullptr;
    const std::vector<analytics::ValueInput>* m_values = nullptr;
    analytics::SegmentationOptions m_options;
    std::optional<std::int64_t> m_previousRunId;
    analytics::PreviousRun m_previous;
    std::unordered_map<int, std::pair<std::string, std::string>> m_prevTyped; // id -> (zh, en)
    analytics::SegmentationInput m_input;
    std::optional<analytics::SegmentationResult> m_result;
    bool m_skip = false;
    double m_prepareMs = 0, m_clusterMs = 0, m_clusterCpuMs = 0;
};

/// A client's segment in a run, for exports and views.
struct ClientSegment {
    int segment_id = 0;
    std::string name_fact;        // a generated name (core/facts.h), else ""
    std::string name_zh, name_en; // a name the user typed (phrase::segmentName words either)
    analytics::RelationshipType relationship = analytics::RelationshipType::Basic;
};

/// Every labelled client's segment in run `runId`, by client_ref (empty when the run has no
/// segmentation or its labels were pruned).
Result<std::unordered_map<std::int64_t, ClientSegment>> loadClientSegments(storage::Database& db,
                                                                           std::int64_t runId);

/// Text lines listing a run's segments (id, name, size, relationship type) for `refresh`
/// output; "" when the run has no segmentation.
Result<std::string> formatRunSegments(storage::Database& db, std::int64_t runId);

} // namespace bd::services
