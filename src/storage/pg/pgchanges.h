#pragma once
// What changed in a branch book's client records since the snapshot a copy was made in (server
// schema v14, pgschema_v14_change_tracking.cpp): the nightly batch keeps its working copy between
// runs and, in the run's one snapshot, reads only this (docs/architecture.md, "The nightly batch
// on a server"). Commit-order safe: a row is changed when the transaction that last wrote it is
// one the copy's snapshot did not see, however the transactions' ids and commits interleave.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/book/tradedays.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Why what changed cannot be told: the copy must be made again whole.
enum class ChangesReset {
    None,
    NotTracked,     // the server's schema is older than v14: nothing is tracked
    BeforeTracking, // the copy's snapshot predates the tracking (rows without a writer)
    TableEmptied,   // a tracked table was emptied since (TRUNCATE: a first load)
    ServerBehind,   // the server's transactions are behind the copy's: restored from a backup
    Pruned,         // the records of removed rows the copy needs were pruned (server schema
                    // v17): the copy was not seen within the retention, or is another machine's
};

/// The changes of one tracked table (but trades: those come as trade days).
struct TableChanges {
    std::string table;
    /// The rows written since, whole, in `columns` order (a tracked row's writer left out).
    std::vector<std::string> columns;
    PgRows rows;
    /// The rows removed since, or moved away from their key or client (a merge, a re-import):
    /// columns key0, key1, key2 (the primary key's columns in order, NULL past its width) and
    /// the row's client before. A key may be both here and in `rows` (removed, then written
    /// again): apply the removals first.
    PgRows gone;
};

struct ServerChanges {
    ChangesReset reset = ChangesReset::None;
    std::string reset_table; // TableEmptied: which one
    /// Pruned: the server's prune horizon (every change before it pruned) and the xmin of the
    /// copy's snapshot, older.
    std::string pruned_before, since_xmin;
    /// The snapshot this was read in (pg_current_snapshot()): the next run's `since`.
    std::string snapshot;
    /// Every client-day whose trades changed (written, removed, or moved away), summed again
    /// from the trades now (trades = 0: the client has none that day any more); sorted.
    std::vector<TradeDayRow> trade_days;
    std::vector<TableChanges> tables; // kTrackedTables' order, trades left out
};

/// The snapshot of the transaction open on `c` (REPEATABLE READ): what a copy made in it saw,
/// to pass as `since` to the next run's changesSince.
Result<std::string> currentSnapshot(PgConnection& c);

/// In the REPEATABLE READ transaction open on `c` (a batch login's: it reads every row), what
/// changed since the snapshot `since` (an earlier currentSnapshot), or why it cannot be told
/// (`reset`, the rest then empty). Turns JIT and sequential scans off for the rest of the
/// transaction (the estimates of these small, indexed reads could choose either: a JIT
/// compilation costs tenths of a second a query, a scan of every trade seconds).
Result<ServerChanges> changesSince(PgConnection& c, std::string_view since);

} // namespace bd::storage
