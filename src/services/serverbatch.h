#pragma once
// The nightly batch on a branch server: `refresh` and `plan` with --db postgresql://... . The
// server's book is copied from one snapshot into a scratch desk book on the batch machine
// (removed afterwards), the desk's own refreshBook / rebuildPlan run on it unchanged, and their
// results go back to the server in one transaction (storage/pg/pgbatch.h). Only a batch login
// may run it.
#include <filesystem>

#include "core/result.h"
#include "services/planrebuild.h"
#include "services/refresh.h"
#include "storage/pg/pgconnection.h"

namespace bd::services {

/// Where the time of a server batch went, in milliseconds.
struct ServerBatchTimings {
    double read_ms = 0, compute_ms = 0, write_ms = 0;
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

} // namespace bd::services
