#pragma once
// The CRM's own evaluation (issue 21 item 3, docs/kpi.md "Evaluating the CRM"): what it finds,
// as facts (kinds and numbers), shared by the analytics that compute them and the phrasebook
// that words them. Never sentences.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/date.h"

namespace bd {

/// A per-client outcome compared before and after a programme's start.
enum class EvalOutcome : std::uint8_t {
    Active,       // 1 when the client traded in the 90 days to the window's last day, else 0
    Aum,          // CNY: latest snapshot on or before the window's last day
    Commission,   // CNY: commission of the window's trades (revenue per client)
    Satisfaction, // mean 1-5 satisfaction of the window's rated contacts (clients rated in both)
    Coverage,     // 1 when contacted within its cadence at the window's last day (cadence only)
};
inline constexpr int kEvalOutcomeCount = 5;

/// What the interval says about an outcome's change.
enum class EvalVerdict : std::uint8_t {
    NotEnoughData, // fewer than two clients with the outcome on a side: no number is given
    Rose,          // the whole interval lies above zero
    Fell,          // the whole interval lies below zero
    NoClearChange, // the interval covers zero
};

/// Facts about the evaluation as a whole that qualify every number in it.
enum class EvalCaveat : std::uint8_t {
    /// No comparison group: the change is before versus after only, and anything else that
    /// changed between the two windows (markets, seasons, prices) is inside it.
    NoComparisonGroup,
    /// The comparison group is much smaller than the treated one (under a tenth of it).
    SmallComparisonGroup,
};

/// One outcome's result. Means are over the clients that have the outcome in both windows.
struct EvalOutcomeResult {
    EvalOutcome outcome = EvalOutcome::Active;
    std::size_t n_treated = 0, n_comparison = 0;
    double treated_before = 0, treated_after = 0;
    double comparison_before = 0, comparison_after = 0;
    double treated_change = 0, comparison_change = 0; // mean of after - before per client
    /// Difference in differences (treated change - comparison change), or with no comparison
    /// group the treated change itself; with its percentile bootstrap interval.
    double estimate = 0, ci_low = 0, ci_high = 0;
    EvalVerdict verdict = EvalVerdict::NotEnoughData;
};

/// The whole evaluation: windows, groups, outcomes and caveats.
struct EvalResult {
    Date before_from, before_to; // the before window, inclusive
    Date after_from, after_to;   // the after window, inclusive (after_from = the start)
    bool has_comparison = false;
    std::size_t treated_clients = 0, comparison_clients = 0;
    int resamples = 0;
    std::uint64_t seed = 0;
    double confidence = 0.95;
    std::vector<EvalOutcomeResult> outcomes; // in EvalOutcome order
    std::vector<EvalCaveat> caveats;
};

} // namespace bd
