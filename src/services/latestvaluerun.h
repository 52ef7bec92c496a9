#pragma once
// Reading what the newest run of the value model holds: the run, then its parts (the scores,
// the Value page's points, a client's score).
#include <optional>
#include <utility>

#include "core/result.h"
#include "storage/book/analyticsstore.h"
#include "storage/db/database.h"

namespace bd::services {

/// The newest "value" run's record; nullopt when the book was never refreshed.
Result<std::optional<storage::AnalyticsRunRecord>> latestValueRun(storage::Database& db);

/// A T read for the newest "value" run: its `run`, then the rest by `fill(t)` (a Status);
/// nullopt when the book was never refreshed.
template <typename T, typename Fill>
Result<std::optional<T>> readForLatestValueRun(storage::Database& db, Fill fill) {
    auto run = latestValueRun(db);
    if (!run) return run.error();
    if (!*run) return std::optional<T>{};
    T out;
    out.run = std::move(**run);
    if (auto s = fill(out); !s) return s.error();
    return std::optional<T>{std::move(out)};
}

} // namespace bd::services
