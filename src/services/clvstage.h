#pragma once
// The refresh pipeline's future-value stage: turns every client's trade days into p_alive,
// expected trade days over the horizon and expected commission per trade day. Kept apart
// from refresh.cpp so the model behind it can change without touching the pipeline.
#include <string>
#include <vector>

#include "analytics/valuescore.h"
#include "core/date.h"
#include "storage/analyticsstore.h"
#include "storage/features.h"

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
    bool fitted = false; // true when the BG/NBD and Gamma-Gamma fits were used
    std::string method;  // "bgnbd+gammagamma" or "empirical"
    std::string note;    // why a fallback was used, else ""
};

/// Runs the stage for a whole book (one model per book).
ClvStageOutput runClvStage(const storage::TradeDays& days, Date asOf, double horizonWeeks);

} // namespace bd::services
