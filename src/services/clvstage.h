#pragma once
// The refresh pipeline's future-value stage: turns every client's trade days into p_alive,
// expected trade days over the horizon and expected commission per trade day. Kept apart
// from refresh.cpp so the model behind it can change without touching the pipeline.
#include <string>
#include <utility>
#include <vector>

#include "analytics/valuescore.h"
#include "core/date.h"
#include "storage/book/analyticsstore.h"
#include "storage/book/features.h"

namespace bd::services {

/// Per-client calibration data in weeks (BG/NBD's x, t_x, T) plus Gamma-Gamma's m_x.
struct ClvSummaryStats {
    std::vector<double> x, t_x, T, m_x;
    std::vector<bool> traded; // false: no trade day up to A (not part of the fit)
};

/// Builds x, t_x, T (weeks, first trade day = time 0) and m_x (mean commission of repeat days).
ClvSummaryStats clvSummaryStats(const storage::TradeDays& days, Date asOf);

struct ClvStageOutput {
    std::vector<analytics::ClvEstimate> clients; // clv_12m is filled in by the caller
    std::vector<storage::ClvModelRow> models;    // to store with the run
    bool fitted = false;                         // true when the BG/NBD fit was used
    /// "bgnbd+gammagamma" (both fitted), "bgnbd+empirical_value" (Gamma-Gamma degenerate:
    /// shrunk client means) or "empirical" (BG/NBD impossible too).
    std::string method;
    std::string note; // why a fallback was used, else ""
    /// Sub-stage wall times in ms ("clv.bgnbd_fit", "clv.gammagamma_fit", "clv.predict").
    std::vector<std::pair<std::string, double>> timings;
};

/// Runs the stage for a whole book (one model per book): BG/NBD for p_alive and expected trade
/// days, Gamma-Gamma's conditional expected commission per trade day, fallbacks noted.
ClvStageOutput runClvStage(const storage::TradeDays& days, Date asOf, double horizonWeeks);

} // namespace bd::services
