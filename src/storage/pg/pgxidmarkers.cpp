#include "storage/pg/pgxidmarkers.h"

#include <string_view>

#include "storage/pg/pgbatch.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgschema_v14_change_tracking.h"
#include "storage/pg/pgschema_v17_batch_copies.h"

namespace bd::storage {
namespace {

constexpr std::string_view kTrackedFromKey = "changes_tracked_from";

/// A place that holds transaction ids: a table and its column (names of the storage layer's
/// own schema, never input), from the version that made it.
struct MarkerColumn {
    std::string table;
    std::string column;
};

/// Every column of marker rows the book of `version` has: the tracked tables' writers and the
/// removed rows' records (v14), the batch copies' horizons (v17).
std::vector<MarkerColumn> markerColumns(int version) {
    std::vector<MarkerColumn> out;
    if (version < kServerChangeTrackingVersion) return out;
    for (const TrackedTable& t : kTrackedTables)
        out.push_back({std::string(t.name), std::string(kWriterColumn)});
    out.push_back({"bd_rows_gone", "xid"});
    if (version >= kServerBatchCopiesVersion) out.push_back({"bd_batch_copies", "horizon"});
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
/// one this server has not run. Read without taking an id of its own.
Result<std::string> serverNextXid(PgConnection& c) {
    auto r = c.query("SELECT pg_snapshot_xmax(pg_current_snapshot())::text");
    if (!r) return r.error();
    return r->text(0, 0);
}

} // namespace

Result<std::vector<ServerFinding>> xidMarkersAhead(PgConnection& c) {
    auto version = serverSchemaVersion(c);
    if (!version) return version.error();
    std::vector<ServerFinding> out;
    if (*version < kServerChangeTrackingVersion) return out;
    auto next = serverNextXid(c);
    if (!next) return next.error();
    for (std::string_view key : markerKeys(*version)) {
        auto r = c.query("SELECT value FROM bd_meta WHERE key = $1 AND value::xid8 >= $2::xid8",
                         PgParams(key, *next));
        if (!r) return r.error();
        if (!r->empty())
            out.push_back(
                {"xid_marker_ahead", "bd_meta." + std::string(key), r->text(0, 0), *next, 1});
    }
    // Each a range of the column's index (the tracked tables' partial one, bd_rows_gone's):
    // nothing is read but the rows ahead.
    for (const MarkerColumn& m : markerColumns(*version)) {
        auto r = c.query("SELECT count(*), max(" + m.column + ")::text FROM " + m.table +
                             " WHERE " + m.column + " >= $1::xid8",
                         PgParams(*next));
        if (!r) return r.error();
        if (r->int64(0, 0) > 0)
            out.push_back({"xid_marker_ahead", m.table + "." + m.column, r->text(0, 1), *next,
                           r->int64(0, 0)});
    }
    return out;
}

Result<XidMarkersReset> resetXidMarkersAhead(PgConnection& admin) {
    if (auto s = requireSuperuser(admin, "resetting the transaction ids ahead of the server"); !s)
        return s.error();
    if (auto s = requireServerBook(admin); !s) return s.error();
    auto version = serverSchemaVersion(admin);
    if (!version) return version.error();
    XidMarkersReset out;
    if (*version < kServerChangeTrackingVersion) return out;
    auto tx = PgTransaction::begin(admin);
    if (!tx) return tx.error();
    // No night writes its results (and records its copy) while the markers move.
    if (auto s = admin.run("SELECT pg_advisory_xact_lock($1)", PgParams(kBatchResultsLock)); !s)
        return s.error();
    auto next = serverNextXid(admin);
    if (!next) return next.error();
    const PgParams ahead(*next);
    auto own = admin.query("SELECT pg_current_xact_id()::text");
    if (!own) return own.error();
    out.tracked_from = own->text(0, 0);
    // bd_meta and bd_batch_copies: their audit triggers record each row, before and after.
    if (auto r = admin.query("DELETE FROM bd_meta WHERE key = $1 AND value::xid8 >= $2::xid8",
                             PgParams(std::string(kRowsGonePrunedBeforeKey), *next));
        !r)
        return r.error();
    else if (r->changed() > 0)
        out.places.emplace_back("bd_meta." + std::string(kRowsGonePrunedBeforeKey), 1);
    if (auto r = admin.query("UPDATE bd_meta SET value = $2 WHERE key = $1 AND value::xid8 >= "
                             "$3::xid8",
                             PgParams(kTrackedFromKey, out.tracked_from, *next));
        !r)
        return r.error();
    else if (r->changed() > 0)
        out.places.emplace_back("bd_meta." + std::string(kTrackedFromKey), 1);
    std::vector<std::pair<std::string, std::int64_t>> counted; // table, rows: one audit row each
    for (const MarkerColumn& m : markerColumns(*version)) {
        const bool writer = m.column == kWriterColumn;
        // A tracked row's writer reset alone: its audit, news and writer's mark held off
        // (they would log every row, tell every desk, and mark the row written now).
        if (writer)
            if (auto s = admin.run("SET LOCAL session_replication_role = replica"); !s)
                return s.error();
        auto r =
            admin.query(writer ? "UPDATE " + m.table + " SET " + m.column + " = NULL WHERE " +
                                     m.column + " >= $1::xid8"
                               : "DELETE FROM " + m.table + " WHERE " + m.column + " >= $1::xid8",
                        ahead);
        if (!r) return r.error();
        if (writer)
            if (auto s = admin.run("SET LOCAL session_replication_role = origin"); !s)
                return s.error();
        if (r->changed() == 0) continue;
        out.places.emplace_back(m.table + "." + m.column, r->changed());
        // bd_batch_copies audits its own rows; the others are counted here.
        if (m.table != "bd_batch_copies") counted.emplace_back(m.table, r->changed());
    }
    for (const auto& [table, rows] : counted)
        if (auto s = admin.run("INSERT INTO row_audit(table_name, operation, rows, after) VALUES "
                               "($1, $2, $3, jsonb_build_object('reset', $4::text))",
                               PgParams(table, table == "bd_rows_gone" ? "DELETE" : "UPDATE", rows,
                                        "xid markers ahead of the server"));
            !s)
            return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    return out;
}

} // namespace bd::storage
