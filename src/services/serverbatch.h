#pragma once
// The nightly batch on a branch server: `refresh` and `plan` with --db postgresql://... . The
// server's book is copied from one snapshot into a scratch desk book on the batch machine
// (removed afterwards), the desk's own refreshBook / rebuildPlan run on it unchanged, and their
// results go back to the server in one transaction (storage/pg/pgbatch.h). Only a batch login
// may run it.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "services/batchcopy.h"
#include "services/planrebuild.h"
#include "services/refresh.h"
#include "storage/pg/pgconnection.h"

namespace bd::services {

/// A scratch desk book in a directory of its own on this machine, removed with everything
/// SQLite put beside it (WAL, shared memory) when it goes, however the work on it ended.
class ScratchBook {
  public:
    /// In `where` (default: the system's temporary directory).
    static Result<std::unique_ptr<ScratchBook>> make(const std::filesystem::path& where = {});
    /// Takes `dir` (made already) over: removed with the object.
    explicit ScratchBook(std::filesystem::path dir) : m_dir(std::move(dir)) {}
    ~ScratchBook();
    ScratchBook(const ScratchBook&) = delete;
    ScratchBook& operator=(const ScratchBook&) = delete;
    storage::Database& db() { return *m_db; }

  private:
    std::filesystem::path m_dir;
    std::optional<storage::Database> m_db;
};

/// What this login may see of the server's book (the policies decide: a broker's own clients,
/// a manager's branch), copied from one snapshot into a scratch book for the read commands
/// that run on a desk's book (`coverage`, ...). Any user of the book may make one.
/// `alsoInSnapshot`, when given, copies more into the scratch book in the same snapshot
/// (serverreading.h: the trades themselves).
Result<std::unique_ptr<ScratchBook>>
copyForReading(storage::PgConnection& c, const std::filesystem::path& scratchDir = {},
               const std::function<Status(storage::Database& scratch)>& alsoInSnapshot = {});

/// Where the time of a server batch went, in milliseconds.
struct ServerBatchTimings {
    double read_ms = 0, compute_ms = 0, write_ms = 0;
    /// A kept copy's night: its changes applied (read_ms their read); made whole instead, and why.
    double apply_ms = 0;
    bool copy_rebuilt = false;
    std::string copy_reason;
    /// The server's change log pruned behind the kept copies (server schema v17), in how long;
    /// deferred to the next night when a desk held the log.
    std::int64_t rows_gone_pruned = 0;
    double prune_ms = 0;
    bool prune_deferred = false;
};

/// `refreshBook` on the server's book; the summary of the run stored there.
/// `scratchDir`: where the working copy is made (default: the system's temporary directory).
Result<RefreshSummary> refreshServerBook(storage::PgConnection& c,
                                         const RefreshOptions& options = {},
                                         ServerBatchTimings* timings = nullptr,
                                         const std::filesystem::path& scratchDir = {});

/// `rebuildPlan` on the server's book; the summary of the plan stored there.
Result<PlanSummary> rebuildServerPlan(storage::PgConnection& c, const PlanOptions& options = {},
                                      ServerBatchTimings* timings = nullptr,
                                      const std::filesystem::path& scratchDir = {});

/// The same on the batch's kept copy (services/batchcopy.h): the night's changes applied to it,
/// or made whole when it does not match; the copy kept for the next night.
Result<RefreshSummary> refreshServerBook(storage::PgConnection& c, const RefreshOptions& options,
                                         ServerBatchTimings* timings, const KeptCopyOptions& kept);
Result<PlanSummary> rebuildServerPlan(storage::PgConnection& c, const PlanOptions& options,
                                      ServerBatchTimings* timings, const KeptCopyOptions& kept);

} // namespace bd::services
