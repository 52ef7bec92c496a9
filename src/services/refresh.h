#pragma once
// The "refresh" use case: recompute every client's value (profit, CLV, value score, VIPs) as of
// a date and store it as one analytics run.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analytics/profitmodel.h"
#include "analytics/segmentation.h"
#include "analytics/valuescore.h"
#include "core/date.h"
#include "core/result.h"
#include "storage/book/analyticsstore.h"
#include "storage/db/database.h"

namespace bd::services {

struct RefreshOptions {
    /// The as-of date A; default: the latest trade date (today when the book has no trades).
    std::optional<Date> as_of;
    /// Called at each stage start and end: (stage name, fraction of the whole run done 0..1).
    std::function<void(std::string_view stage, double fraction)> progress;
    /// Set (from any thread) to stop: checked between stages. Everything the run writes is in
    /// one transaction, so a cancelled run leaves the book as it was (RefreshSummary::cancelled).
    const std::atomic<bool>* cancel = nullptr;
    /// Parameters to use instead of the book's stored ones (not saved).
    std::optional<analytics::ValueModelParams> params;
    /// Keep the KPI history (services/kpi.h) as of the run's date: months not yet stored
    /// (all of them in a new book) and the open month are computed and written.
    bool kpi_history = true;
    /// Per-client scores are kept for this many newest runs (older run records stay).
    int keep_scored_runs = 10;
    /// Called once the clients are segmented: the segmentation's input and options, and the
    /// client_ref of each input row (for measuring the segmentation: bench/segment_study).
    std::function<void(const analytics::SegmentationInput&, const analytics::SegmentationOptions&,
                       const std::vector<std::int64_t>&)>
        on_segmentation_input;
};

struct RefreshSummary {
    std::int64_t run_id = 0;
    Date as_of;
    std::string started_at;
    analytics::ValueModelParams params;
    std::int64_t clients = 0;
    std::int64_t clients_with_trades = 0;    // at least one trade day up to A
    std::int64_t clients_with_snapshots = 0; // at least one snapshot up to A
    std::int64_t vips = 0;                   // firm-wide
    std::int64_t aum_rich_low_value = 0;
    double total_profit_12m = 0;
    double total_clv_12m = 0;
    analytics::Concentration concentration;
    std::string clv_method; // "bgnbd+gammagamma", "bgnbd+empirical_value" or "empirical"
    std::vector<storage::ClvModelRow> clv_models;
    std::vector<std::string> notes;                       // what fell back and why
    std::vector<std::pair<std::string, double>> stage_ms; // in pipeline order
    double total_ms = 0;
    std::size_t kpi_months_written = 0; // month-ends of the KPI history written by this run
    /// The run was cancelled (RefreshOptions::cancel): nothing was written, the rest is empty.
    bool cancelled = false;
};

/// Runs the pipeline: params -> features -> profit -> CLV -> value score -> VIPs -> persist.
/// Never produces NaN: empty books and clients without trades or snapshots get zeros.
Result<RefreshSummary> refreshBook(storage::Database& db, const RefreshOptions& options = {});

/// The stored summary JSON of a run rebuilt as text lines (for `refresh` output and logs).
std::string formatRefreshSummary(const RefreshSummary& s);

} // namespace bd::services
