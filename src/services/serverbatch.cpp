#include "services/serverbatch.h"

#include <chrono>
#include <random>
#include <system_error>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "storage/pg/pgbatch.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgsettings.h"
#include "storage/schema/schema.h"

namespace bd::services {
namespace {

/// A working copy of what the login may see of the server's book; `snap` says what was copied.
/// The branch's settings (VIP %, value model, policies, calendar), not the defaults; its
/// surveys (the calls the plan holds, the answers the KPI counts).
Result<std::unique_ptr<ScratchBook>>
copyServer(storage::PgConnection& c, const std::filesystem::path& scratchDir,
           storage::ServerSnapshot& snap,
           const std::function<Status(storage::Database&)>& alsoInSnapshot = {}) {
    auto scratch = ScratchBook::make(scratchDir);
    if (!scratch) return scratch.error();
    storage::Database& db = (*scratch)->db();
    auto copied = alsoInSnapshot
                      ? storage::copyServerBook(c, db, [&]() { return alsoInSnapshot(db); })
                      : storage::copyServerBook(c, db);
    if (!copied) return copied.error();
    snap = std::move(*copied);
    if (auto s = storage::copyServerSettings(c, (*scratch)->db()); !s) return s.error();
    if (auto s = storage::copyServerSurveys(c, (*scratch)->db()); !s) return s.error();
    return scratch;
}

/// Computes with `compute` on the copy `db` (read as `snap` says), writes back.
template <typename Summary, typename Compute>
Result<Summary> computeAndWrite(storage::PgConnection& c, storage::Database& db,
                                const storage::ServerSnapshot& snap, storage::BatchResults what,
                                int keepRuns, ServerBatchTimings& t, Compute&& compute) {
    const auto t0 = std::chrono::steady_clock::now();
    Result<Summary> sum = compute(db);
    if (!sum) return sum.error();
    t.compute_ms = msSince(t0);
    auto written = storage::writeBatchResults(db, c, snap, what, keepRuns);
    if (!written) return written.error();
    t.write_ms = written->write_ms;
    t.rows_gone_pruned = written->rows_gone_pruned;
    t.prune_ms = written->prune_ms;
    t.prune_deferred = written->prune_deferred;
    spdlog::info("server batch: read {:.0f} ms, apply {:.0f} ms, compute {:.0f} ms, write {:.0f} "
                 "ms (of it the change log's prune {:.0f} ms, {} rows)",
                 t.read_ms, t.apply_ms, t.compute_ms, t.write_ms, t.prune_ms, t.rows_gone_pruned);
    return sum;
}

/// Copies into a scratch book, computes with `compute` on the copy, writes back.
template <typename Summary, typename Compute>
Result<Summary> runBatch(storage::PgConnection& c, storage::BatchResults what, int keepRuns,
                         ServerBatchTimings* timings, const std::filesystem::path& scratchDir,
                         Compute&& compute) {
    if (auto s = storage::requireBatchLogin(c); !s) return s.error();
    storage::ServerSnapshot snap;
    auto scratch = copyServer(c, scratchDir, snap);
    if (!scratch) return scratch.error();
    ServerBatchTimings t;
    t.read_ms = snap.read_ms;
    auto sum = computeAndWrite<Summary>(c, (*scratch)->db(), snap, what, keepRuns, t, compute);
    if (sum && timings) *timings = t;
    return sum;
}

/// The same on the batch's kept copy: brought up to date, computed on, written back, kept
/// (pruned, the results' token recorded); removed when anything fails on the way.
template <typename Summary, typename Compute>
Result<Summary> runKeptBatch(storage::PgConnection& c, storage::BatchResults what, int keepRuns,
                             ServerBatchTimings* timings, const KeptCopyOptions& options,
                             Compute&& compute) {
    if (auto s = storage::requireBatchLogin(c); !s) return s.error();
    auto kept = KeptCopy::open(c, options);
    if (!kept) return kept.error();
    KeptCopyNight night;
    auto snap = (*kept)->update(c, &night);
    if (!snap) {
        (*kept)->discard();
        return snap.error();
    }
    ServerBatchTimings t;
    t.read_ms = night.read_ms;
    t.apply_ms = night.apply_ms;
    t.copy_rebuilt = night.rebuilt;
    t.copy_reason = night.reason;
    auto sum = computeAndWrite<Summary>(c, (*kept)->db(), *snap, what, keepRuns, t, compute);
    if (!sum) {
        (*kept)->discard();
        return sum.error();
    }
    if (auto s = (*kept)->keep(snap->copy_token); !s) {
        (*kept)->discard();
        spdlog::warn("batch: the copy could not be kept ({}); the next night makes it whole",
                     s.error().toString());
    }
    if (timings) *timings = t;
    return sum;
}

} // namespace

ScratchBook::~ScratchBook() {
    m_db.reset();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
    if (ec) spdlog::warn("batch: could not remove {}: {}", m_dir.string(), ec.message());
}

Result<std::unique_ptr<ScratchBook>> ScratchBook::make(const std::filesystem::path& where) {
    std::error_code ec;
    const auto base = where.empty() ? std::filesystem::temp_directory_path(ec) : where;
    if (ec) return makeError(ErrorCode::Io, "no temporary directory: " + ec.message());
    std::random_device seed;
    const auto dir =
        base / fmt::format("brokerdesk-batch-{:016x}", (std::uint64_t{seed()} << 32) | seed());
    if (!std::filesystem::create_directory(dir, ec) || ec)
        return makeError(ErrorCode::Io, "cannot make the batch's working directory " +
                                            dir.string() + ": " + ec.message());
    auto b = std::make_unique<ScratchBook>(dir); // removes the directory from here on
    // A working copy: nothing of it needs to survive a crash.
    auto db = storage::openBook((dir / "book.bdbook").string(), {.create = true, .durable = false});
    if (!db) return db.error();
    b->m_db.emplace(std::move(*db));
    return b;
}

Result<std::unique_ptr<ScratchBook>>
copyForReading(storage::PgConnection& c, const std::filesystem::path& scratchDir,
               const std::function<Status(storage::Database& scratch)>& alsoInSnapshot) {
    if (auto s = storage::requireServerBook(c); !s) return s.error();
    if (auto s = storage::requireBookUser(c); !s) return s.error();
    storage::ServerSnapshot snap;
    return copyServer(c, scratchDir, snap, alsoInSnapshot);
}

Result<RefreshSummary> refreshServerBook(storage::PgConnection& c, const RefreshOptions& options,
                                         ServerBatchTimings* timings,
                                         const std::filesystem::path& scratchDir) {
    return runBatch<RefreshSummary>(
        c, storage::BatchResults::Refresh, options.keep_scored_runs, timings, scratchDir,
        [&](storage::Database& db) { return refreshBook(db, options); });
}

Result<PlanSummary> rebuildServerPlan(storage::PgConnection& c, const PlanOptions& options,
                                      ServerBatchTimings* timings,
                                      const std::filesystem::path& scratchDir) {
    return runBatch<PlanSummary>(c, storage::BatchResults::Plan, 10, timings, scratchDir,
                                 [&](storage::Database& db) { return rebuildPlan(db, options); });
}

Result<RefreshSummary> refreshServerBook(storage::PgConnection& c, const RefreshOptions& options,
                                         ServerBatchTimings* timings, const KeptCopyOptions& kept) {
    return runKeptBatch<RefreshSummary>(
        c, storage::BatchResults::Refresh, options.keep_scored_runs, timings, kept,
        [&](storage::Database& db) { return refreshBook(db, options); });
}

Result<PlanSummary> rebuildServerPlan(storage::PgConnection& c, const PlanOptions& options,
                                      ServerBatchTimings* timings, const KeptCopyOptions& kept) {
    return runKeptBatch<PlanSummary>(
        c, storage::BatchResults::Plan, 10, timings, kept,
        [&](storage::Database& db) { return rebuildPlan(db, options); });
}

} // namespace bd::services
