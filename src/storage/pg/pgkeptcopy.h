#pragma once
// The nightly batch's kept working copy, the storage half (the service half, where the copy
// lives and when it is made again whole: services/batchcopy.h). A copy made by copyServerBook
// is kept between runs; each night, in the run's one snapshot, what changed on the server since
// the snapshot the copy was made or last brought up to date in (storage/pg/pgchanges.h) is
// applied to it in one SQLite transaction, and the copy's recorded snapshot moves in that
// transaction: a copy is up to date with one snapshot or with the one before, never half.
// docs/architecture.md, "The nightly batch on a server".
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/book/tradedays.h"
#include "storage/db/database.h"
#include "storage/pg/pgbatch.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Which server, book and login a copy is of (its name), and the server's schema version.
struct ServerIdentity {
    std::string system_id; // pg_control_system()'s system identifier: one per cluster
    std::string database;
    std::string login;
    int server_schema = 0;
};
Result<ServerIdentity> serverIdentity(PgConnection& c);

/// The copy's own record of what it is (table kept_copy_state: key, value), read and written in
/// the copy: "snapshot" (the server's snapshot it holds), "token" (of the results it holds),
/// and what named it (server, schema versions, build).
Result<std::map<std::string, std::string>> readKeptCopyState(Database& copy);
Status writeKeptCopyState(Database& copy, const std::map<std::string, std::string>& values);

/// What one night's apply did.
struct KeptCopyApply {
    /// Not empty: the copy cannot follow the server and was left untouched; why (it is to be
    /// made again whole).
    std::string rebuild_reason;
    /// What writeBatchResults needs (the results' keys and newest runs, from the copy, which
    /// holds what the server holds: the token says so), with the new snapshot.
    ServerSnapshot snapshot;
    std::int64_t rows_written = 0, rows_gone = 0, trade_days = 0, small_rows = 0;
    double read_ms = 0;  // the server's changes read (changesSince and the checks)
    double apply_ms = 0; // applied to the copy, the untracked small tables copied
};

/// In one REPEATABLE READ READ ONLY transaction on `c` (a batch login's): the server's changes
/// since the copy's recorded snapshot applied to `copy` (removals first, then the changed rows,
/// then the changed client-days replaced in trade_days), the untracked small tables copied
/// whole, the copy's caches dropped (made again by their readers), the new snapshot recorded:
/// all in one transaction of the copy. Nothing is applied (rebuild_reason) when the changes
/// cannot be told (changesSince's reset), when the server's token of the results is not the
/// copy's, or when the server's newest results are not the copy's.
Result<KeptCopyApply> applyServerChanges(PgConnection& c, Database& copy);

/// Replaces the given client-days in trade_days (sorted by client and day, one row each; a day
/// of no trades removes the day), in the caller's transaction: the days come from the server,
/// summed from its trades, so the days are exact and no client is left to re-aggregate (the
/// copy holds no trades to re-aggregate from).
Status replaceChangedTradeDays(Database& db, const std::vector<TradeDayRow>& days);

/// After a run's results are written: the copy pruned to what a copy made now would hold (of
/// the per-client results, the newest run's rows only) and `token` recorded as the results'.
Status keepResults(Database& copy, const std::string& token);

} // namespace bd::storage
