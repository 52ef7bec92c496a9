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

/// Copies, computes with `compute` on the copy, writes back.
template <typename Summary, typename Compute>
Result<Summary> runBatch(storage::PgConnection& c, storage::BatchResults what, int keepRuns,
                         ServerBatchTimings* timings, const std::filesystem::path& scratchDir,
                         Compute&& compute) {
    if (auto s = storage::requireBatchLogin(c); !s) return s.error();
    storage::ServerSnapshot snap;
    auto scratch = copyServer(c, scratchDir, snap);
    if (!scratch) return scratch.error();
    const auto t0 = std::chrono::steady_clock::now();
    Result<Summary> sum = compute((*scratch)->db());
    if (!sum) return sum.error();
    const double computeMs = msSince(t0);
    auto written = storage::writeBatchResults((*scratch)->db(), c, snap, what, keepRuns);
    if (!written) return written.error();
    if (timings) *timings = {snap.read_ms, computeMs, written->write_ms};
    spdlog::info("server batch: read {:.0f} ms, compute {:.0f} ms, write {:.0f} ms", snap.read_ms,
                 computeMs, written->write_ms);
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
    auto db = storage::openBook((dir / "book.bdbook").string(), {.create = true});
    if (!db) return db.error();
    // A working copy: nothing of it needs to survive a crash.
    if (auto s = db->exec("PRAGMA synchronous=OFF"); !s) return s.error();
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

} // namespace bd::services
