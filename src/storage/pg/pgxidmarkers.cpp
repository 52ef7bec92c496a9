#include "storage/pg/pgxidmarkers.h"

#include <string_view>

#include "storage/pg/pgbatch.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgschema_v14_change_tracking.h"
#include "storage/pg/pgschema_v17_batch_copies.h"

namespace bd::storage {
namespace {

constexpr std::string_view kTrackedFromKey = "changes_tracked_from";

/// How the repair resets a place's ids ahead of the server.
enum class Reset {
    ToNone,   // a tracked row's writer: none, as rows from before the tracking
    ToZero,   // a merge's transaction (client_merges.txid, NOT NULL): 0, no transaction's id
    RemoveRow // a record of the old cluster's (a removed row's, a batch copy's horizon)
};

/// A place that holds transaction ids: a table and its column (names of the storage layer's
/// own schema, never input), the column's type and how the repair resets it.
struct MarkerColumn {
    std::string table;
    std::string column;
    std::string_view type; // xid8, or bigint (txid_current()'s, epoch and all: the same value)
    Reset reset;
};

/// Every column of marker rows the book of `version` has: the tracked tables' writers and the
/// removed rows' records (v14), the batch copies' horizons (v17), and each merge's transaction
/// (v9, read by bd_merge_moving: a merge's row ahead would make a later transaction of that id
/// seem to be moving the merge; 0 matches no transaction).
std::vector<MarkerColumn> markerColumns(int version) {
    std::vector<MarkerColumn> out;
    if (version < kServerChangeTrackingVersion) return out;
    for (const TrackedTable& t : kTrackedTables)
        out.push_back({std::string(t.name), std::string(kWriterColumn), "xid8", Reset::ToNone});
    out.push_back({"bd_rows_gone", "xid", "xid8", Reset::RemoveRow});
    if (version >= kServerBatchCopiesVersion)
        out.push_back({"bd_batch_copies", "horizon", "xid8", Reset::RemoveRow});
    out.push_back({"client_merges", "txid", "bigint", Reset::ToZero});
    return out;
}

/// The bd_meta keys that hold a transaction id in a book of `version`.
std::vector<std::string_view> markerKeys(int version) {
    std::vector<std::string_view> out;
    if (version >= kServerChangeTrackingVersion) out.push_back(kTrackedFromKey);
    if (version >= kServerBatchCopiesVersion) out.push_back(kRowsGonePrunedBeforeKey);
    return out;
}

/// The transaction id the server hands out next (its snapshot's xmax): an id at or past it is
/// one this server has not run. Read without taking an id of its own; inside a repeatable-read
/// transaction, its snapshot's.
Result<std::string> serverNextXid(PgConnection& c) {
    auto r = c.query("SELECT pg_snapshot_xmax(pg_current_snapshot())::text");
    if (!r) return r.error();
    return r->text(0, 0);
}

/// Whether the connection's login may read `table` (a login that is not the administrator may
/// not be granted the change log or the batch copies).
Result<bool> mayRead(PgConnection& c, const std::string& table) {
    auto r = c.query("SELECT has_table_privilege($1, 'SELECT')", PgParams(table));
    if (!r) return r.error();
    return r->boolean(0, 0);
}

/// The findings of xidMarkersAhead, read in the caller's one snapshot.
Result<std::vector<ServerFinding>> markersAheadIn(PgConnection& c, int version) {
    std::vector<ServerFinding> out;
    auto next = serverNextXid(c);
    if (!next) return next.error();
    std::string unread; // the places this login may not read, for one finding
    const auto skip = [&](const std::string& table) -> Result<bool> {
        auto may = mayRead(c, table);
        if (!may) return may.error();
        if (!*may && unread.find(table) == std::string::npos)
            unread += (unread.empty() ? "" : ", ") + table;
        return !*may;
    };
    auto metaSkipped = skip("bd_meta");
    if (!metaSkipped) return metaSkipped.error();
    for (std::string_view key : markerKeys(version)) {
        if (*metaSkipped) break;
        auto r = c.query("SELECT value FROM bd_meta WHERE key = $1 AND value::xid8 >= $2::xid8",
                         PgParams(key, *next));
        if (!r) return r.error();
        if (!r->empty())
            out.push_back(
                {"xid_marker_ahead", "bd_meta." + std::string(key), r->text(0, 0), *next, 1});
    }
    // Each a range of the column's index (the tracked tables' partial one, bd_rows_gone's):
    // nothing is read but the rows ahead.
    for (const MarkerColumn& m : markerColumns(version)) {
        auto skipped = skip(m.table);
        if (!skipped) return skipped.error();
        if (*skipped) continue;
        auto r = c.query("SELECT count(*), max(" + m.column + ")::text FROM " + m.table +
                             " WHERE " + m.column + " >= $1::" + std::string(m.type),
                         PgParams(*next));
        if (!r) return r.error();
        if (r->int64(0, 0) > 0)
            out.push_back({"xid_marker_ahead", m.table + "." + m.column, r->text(0, 1), *next,
                           r->int64(0, 0)});
    }
    if (!unread.empty()) out.push_back({"xid_markers_unchecked", unread});
    return out;
}

/// The client sessions on this database other than this one: the repair waits on their locks
/// and holds theirs. Their logins, for the refusal.
Result<std::pair<std::int64_t, std::string>> otherSessions(PgConnection& c) {
    auto r = c.query("SELECT count(*), coalesce(string_agg(DISTINCT usename::text, ', '), '') "
                     "FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
                     "pg_backend_pid() AND backend_type = 'client backend'");
    if (!r) return r.error();
    return std::pair{r->int64(0, 0), r->text(0, 1)};
}

constexpr int kRepairLockTimeoutSeconds = 5;

/// The repair's statement that waited past its lock_timeout (or met a write it must not
/// overwrite), said as what happened and what to do.
Error refusedBusy(Error e) {
    if (e.code != ErrorCode::Busy) return e;
    return makeError(ErrorCode::NotPermitted,
                     "the repair did not get its locks within " +
                         std::to_string(kRepairLockTimeoutSeconds) +
                         " s (a desk or the nightly batch is writing): nothing was reset; run it "
                         "again before the desks connect [" +
                         e.message + "]");
}

Result<XidMarkersReset> resetIn(PgConnection& admin, int version) {
    XidMarkersReset out;
    // One snapshot (repeatable read): `next` and every row the repair touches are as of it. A
    // write committed after it is not seen, so never taken for ahead; a row written after it
    // that the repair would change stops it (a serialization failure) instead.
    auto tx = PgTransaction::begin(admin, PgTransaction::Isolation::RepeatableRead);
    if (!tx) return tx.error();
    if (auto s = admin.run("SET LOCAL lock_timeout = '" +
                           std::to_string(kRepairLockTimeoutSeconds) + "s'");
        !s)
        return s.error();
    // No night writes its results (and records its copy) while the markers move.
    if (auto s = admin.run("SELECT pg_advisory_xact_lock($1)", PgParams(kBatchResultsLock)); !s)
        return s.error();
    auto next = serverNextXid(admin);
    if (!next) return next.error();
    const PgParams ahead(*next);
    auto trackedAhead =
        admin.query("SELECT 1 FROM bd_meta WHERE key = $1 AND value::xid8 >= $2::xid8",
                    PgParams(kTrackedFromKey, *next));
    if (!trackedAhead) return trackedAhead.error();
    if (!trackedAhead->empty())
        out.places.emplace_back("bd_meta." + std::string(kTrackedFromKey), 1);
    // bd_meta and bd_batch_copies: their audit triggers record each row, before and after.
    if (auto r = admin.query("DELETE FROM bd_meta WHERE key = $1 AND value::xid8 >= $2::xid8",
                             PgParams(std::string(kRowsGonePrunedBeforeKey), *next));
        !r)
        return r.error();
    else if (r->changed() > 0)
        out.places.emplace_back("bd_meta." + std::string(kRowsGonePrunedBeforeKey), 1);
    std::vector<std::pair<std::string, std::int64_t>> counted; // table, rows: one audit row each
    for (const MarkerColumn& m : markerColumns(version)) {
        const bool writer = m.reset == Reset::ToNone;
        // A tracked row's writer reset alone: its audit, news and writer's mark held off
        // (they would log every row, tell every desk, and mark the row written now).
        if (writer)
            if (auto s = admin.run("SET LOCAL session_replication_role = replica"); !s)
                return s.error();
        const std::string where = " WHERE " + m.column + " >= $1::" + std::string(m.type);
        const std::string sql = m.reset == Reset::RemoveRow
                                    ? "DELETE FROM " + m.table + where
                                    : "UPDATE " + m.table + " SET " + m.column +
                                          (m.reset == Reset::ToNone ? " = NULL" : " = 0") + where;
        auto r = admin.query(sql, ahead);
        if (!r) return r.error();
        if (writer)
            if (auto s = admin.run("SET LOCAL session_replication_role = origin"); !s)
                return s.error();
        if (r->changed() == 0) continue;
        out.places.emplace_back(m.table + "." + m.column, r->changed());
        // bd_batch_copies and client_merges audit their own rows; the others are counted here.
        if (writer || m.table == "bd_rows_gone") counted.emplace_back(m.table, r->changed());
    }
    for (const auto& [table, rows] : counted)
        if (auto s = admin.run("INSERT INTO row_audit(table_name, operation, rows, after) VALUES "
                               "($1, $2, $3, jsonb_build_object('reset', $4::text))",
                               PgParams(table, table == "bd_rows_gone" ? "DELETE" : "UPDATE", rows,
                                        "xid markers ahead of the server"));
            !s)
            return s.error();
    // Anything reset, the tracking starts again here (last, so that a run that finds nothing
    // is a no-op): a copy made before may lack a write whose record or writer was reset (taken
    // for the old cluster's), so every kept copy is made whole once.
    if (!out.places.empty()) {
        auto own = admin.query("SELECT pg_current_xact_id()::text");
        if (!own) return own.error();
        out.tracked_from = own->text(0, 0);
        if (auto s = admin.run("UPDATE bd_meta SET value = $2 WHERE key = $1",
                               PgParams(kTrackedFromKey, out.tracked_from));
            !s)
            return s.error();
    }
    if (auto s = tx->commit(); !s) return s.error();
    return out;
}

} // namespace

Result<std::vector<ServerFinding>> xidMarkersAhead(PgConnection& c) {
    // One snapshot for every read: a desk committing between two of them is not taken for
    // ahead of a `next` read before it.
    auto tx = PgTransaction::begin(c, PgTransaction::Isolation::ReadOnlySnapshot);
    if (!tx) return tx.error();
    auto version = serverSchemaVersion(c);
    if (!version) return version.error();
    if (*version < kServerChangeTrackingVersion) return std::vector<ServerFinding>{};
    auto out = markersAheadIn(c, *version);
    if (!out) return out.error();
    if (auto s = tx->commit(); !s) return s.error();
    return out;
}

Result<XidMarkersReset> resetXidMarkersAhead(PgConnection& admin, const XidRepairOptions& o) {
    if (auto s = requireSuperuser(admin, "resetting the transaction ids ahead of the server"); !s)
        return s.error();
    if (auto s = requireServerBook(admin); !s) return s.error();
    auto version = serverSchemaVersion(admin);
    if (!version) return version.error();
    if (*version < kServerChangeTrackingVersion) return XidMarkersReset{};
    if (!o.force) {
        auto others = otherSessions(admin);
        if (!others) return others.error();
        if (others->first > 0)
            return makeError(
                ErrorCode::NotPermitted,
                "the repair waits on and blocks the sessions connected to this database (" +
                    std::to_string(others->first) + ", of " + others->second +
                    "): run it before the desks and the nightly batch connect, or give --force");
    }
    auto out = resetIn(admin, *version);
    if (!out) return refusedBusy(out.error());
    return out;
}

} // namespace bd::storage
