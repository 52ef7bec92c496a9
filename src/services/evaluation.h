#pragma once
// The CRM's own evaluation use case (docs/kpi.md "Evaluating the CRM"): builds each client's
// outcomes before and after a programme's start from the book (the KPI history's readers) and
// hands them to analytics::evaluate for the difference in differences.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/evaluation.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::services {

/// A group of clients: those of some brokers, of some branches, or of some segments of the
/// newest segmentation (ids as the book names them; segments by number).
struct EvalSelector {
    enum class Kind { Broker, Branch, Segment } kind = Kind::Broker;
    std::vector<std::string> ids;
};
/// "broker:B1,B2", "branch:R01", "segment:3"; InvalidInput (Usage) when malformed.
Result<EvalSelector> parseEvalSelector(const std::string& text);

struct EvalOptionsIn {
    Date start;     // the programme's first day
    int months = 6; // length of each window
    /// The clients on the programme; none: every client not in `comparison` (every client when
    /// that is none too, and then there is no comparison group).
    std::optional<EvalSelector> treated;
    /// The comparison group; none: every client not treated (when `treated` is given).
    std::optional<EvalSelector> comparison;
    int resamples = 1000;
    std::uint64_t seed = 20261206;
};

struct EvalReport {
    EvalResult result;
    Date data_from, data_to; // the book's history
    double read_ms = 0, compute_ms = 0;
};

/// Evaluates a programme. Clients count when their account was opened before the before
/// window and they are not prospects; a closed account stays in (its activity ends). Refused
/// (InvalidInput) with what is missing: a window outside the book's history, a treated or
/// comparison group with no client, groups that overlap.
Result<EvalReport> evaluateProgramme(storage::Database& db, const EvalOptionsIn& options);

} // namespace bd::services
