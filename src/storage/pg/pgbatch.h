#pragma once
// The nightly batch on a branch server (`refresh` and `plan` with --db URI): the server's book
// is copied from ONE consistent snapshot (REPEATABLE READ, READ ONLY; COPY ... TO) into a scratch
// desk book, where the desk's own pipeline (services/refresh, services/planrebuild) computes the
// results unchanged; then the results are written back in ONE transaction (COPY into temporary
// staging tables, then delete-and-insert of the runs and months written), so that a desk reading
// meanwhile sees the old results or the new ones, never half a run. The trade-off and the path
// to a firm-scale batch: docs/architecture.md, "The nightly batch on a server".
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// What a copy read from the server, and what the results were before the pipeline ran (to tell
/// afterwards which rows the pipeline wrote and removed).
struct ServerSnapshot {
    std::int64_t analytics_run_max = 0; // newest analytics run id at the snapshot (0: none)
    std::int64_t plan_run_max = 0;
    std::int64_t kpi_computed_max = 0; // newest kpi_months.computed_at
    /// Per result table, the keys (run ids, months) it held at the snapshot.
    std::map<std::string, std::set<std::int64_t>> keys_before;
    std::vector<std::pair<std::string, std::int64_t>> rows_read; // table, rows (in copy order)
    double read_ms = 0;
    /// Connections the copy read on: 2 when the trades streamed on a second one in the same
    /// snapshot while the first copied the rest, 1 when no second connection could be had.
    int readers = 1;
    /// The server's snapshot the copy was read in (pg_current_snapshot()): what a kept copy
    /// asks the next night's changes since (storage/pg/pgchanges.h).
    std::string snapshot;
    /// When not empty, the batch's kept copy (services/batchcopy.h): written into the server's
    /// bd_meta with the results, in their transaction, so that the next night can tell the
    /// results it holds are the ones the server holds.
    std::string copy_token;
    /// With the token from server schema v17: the kept copy's id, recorded on the server with
    /// the snapshot it now holds (its horizon), so that the change log is pruned behind it.
    std::string copy_id;
};

/// The transaction-level advisory lock a write of results holds (one batch writes at a time);
/// an administrator's change of what the batch records (pgxidmarkers.h) holds it too.
inline constexpr std::int64_t kBatchResultsLock = 19019;

/// Which results a write-back carries: a refresh's (runs, scores, segments, KPI history) or a
/// plan's (plan runs, follow-up tasks, dropped items).
enum class BatchResults { Refresh, Plan };

struct BatchWrite {
    std::vector<std::pair<std::string, std::int64_t>> rows_written; // table, rows inserted
    double write_ms = 0;
    /// A kept copy's write (copy_id): the change log's rows pruned behind the copies (server
    /// schema v17), in how long; `prune_deferred` when a desk held the log and the prune was
    /// left to the next night.
    std::int64_t rows_gone_pruned = 0;
    double prune_ms = 0;
    bool prune_deferred = false;
    /// Clients removed on the server while the night ran (read, not there at the write): their
    /// results were neither written nor kept in the scratch book.
    std::int64_t clients_removed = 0;
};

/// Refuses a login that is not a batch login of this book (NotPermitted): the batch is the only
/// role that writes results.
Status requireBatchLogin(PgConnection& c,
                         std::string_view what = "the nightly batch (refresh, plan)");

/// Copies the server's book into `scratch` (a new, empty desk book) from one snapshot: the
/// client records the pipeline reads (trades as per-day aggregates, trade_days) and the stored
/// results (earlier runs, of their per-client rows the newest run's, the KPI history, the plan
/// and its tasks). `alsoInSnapshot`, when given, runs in the same snapshot before it ends (a
/// desk's replica copies what only its pages read: serverreplica.h).
Result<ServerSnapshot> copyServerBook(PgConnection& c, Database& scratch,
                                      const std::function<Status()>& alsoInSnapshot = {});

/// One server table copied into a desk book with COPY (the rows `where` keeps: a fixed clause
/// of the storage layer, never input); the rows copied.
Result<std::int64_t> copyServerTable(PgConnection& c, Database& desk, std::string_view table,
                                     const std::string& where = {});

/// `e`, an error of reading `table` from the server, saying so.
Error readingFromServer(std::string_view table, Error e);

/// The server table's column names in order (a desk book's table has the same names), but the
/// writer of a tracked row (server schema v14).
Result<std::vector<std::string>> serverColumnNames(PgConnection& c, std::string_view table);

/// How a server column's values are stored in a desk book, as a copy stores them: 'i' an
/// integer, 'r' a real, 't' text.
Result<std::vector<std::pair<std::string, char>>> serverColumnKinds(PgConnection& c,
                                                                    std::string_view table);

/// The result tables of a desk book a copy reads, parents first, and whether only the newest
/// run's rows of each are read (the per-client rows: scores, labels).
std::vector<std::pair<std::string_view, bool>> serverResultTables();

/// Notes in `snap` what the results in `scratch` are before the pipeline runs (the keys each
/// result table holds), to tell afterwards which rows the pipeline wrote and removed.
Status noteResultsBefore(Database& scratch, ServerSnapshot& snap);

/// Writes the results the pipeline added to `scratch` since `snapshot` back to the server in
/// one transaction. Busy when another batch wrote results since the snapshot (run it again).
/// The per-client scores and segment labels are kept for the newest `keepScoredRuns` runs.
Result<BatchWrite> writeBatchResults(Database& scratch, PgConnection& c,
                                     const ServerSnapshot& snapshot, BatchResults what,
                                     int keepScoredRuns = 10);

} // namespace bd::storage
