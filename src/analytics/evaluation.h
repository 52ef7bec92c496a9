#pragma once
// The CRM's own evaluation (docs/kpi.md "Evaluating the CRM"): per-client outcomes over two
// equal windows around a programme's start, and a difference-in-differences estimate against a
// comparison group with a percentile bootstrap interval over clients. Plain data: no database.
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "analytics/kpi.h"
#include "core/evaluation.h"

namespace bd::analytics {

/// Which side of the comparison a client is on.
enum class EvalGroup : std::uint8_t { Treated, Comparison };

/// A value not observed (no snapshot, no rated contact, no cadence).
inline constexpr double kEvalMissing = std::numeric_limits<double>::quiet_NaN();
using EvalValues = std::array<double, kEvalOutcomeCount>;

/// One client's outcomes in the before and the after window (kEvalMissing where not observed).
struct EvalClientPanel {
    std::int64_t client_ref = 0;
    EvalGroup group = EvalGroup::Treated;
    EvalValues before{}, after{};
};

/// A client's outcomes over the window [from, to] (inclusive) from its KPI history
/// (analytics/kpi.h): the same rules as the KPI history's active, AUM, commission,
/// satisfaction and coverage.
EvalValues evalOutcomes(const KpiClient& client, const KpiClientHistory& history, Date from,
                        Date to);

struct EvalOptions {
    int resamples = 1000;          // bootstrap resamples (0: no interval)
    std::uint64_t seed = 20261206; // the same seed gives the same interval
    double confidence = 0.95;      // of the percentile interval
    std::size_t min_clients = 2;   // fewer on a side: NotEnoughData
};

/// The estimate per outcome: with comparison clients in `panel`, treated change - comparison
/// change (means over clients of after - before), else the treated change and the caveat.
/// The interval resamples clients with replacement within each group. Windows are left for
/// the caller to fill in.
EvalResult evaluate(const std::vector<EvalClientPanel>& panel, const EvalOptions& options = {});

} // namespace bd::analytics
