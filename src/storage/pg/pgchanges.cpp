#include "storage/pg/pgchanges.h"

#include <libpq-fe.h>

#include "storage/pg/pgschema.h"
#include "storage/pg/pgschema_v14_change_tracking.h"
#include "storage/pg/pgschema_v17_batch_copies.h"

namespace bd::storage {
namespace {

/// Rows (alias r, writer column `column`) whose writer the snapshot $1 did not see: the index
/// range from its xmin, then the visibility test.
std::string unseenBy(std::string_view alias, std::string_view column) {
    const std::string col = std::string(alias) + "." + std::string(column);
    return col + " >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(" + col +
           ", $1::pg_snapshot)";
}

/// Every read of one run must see one snapshot: a transaction open on `c`, REPEATABLE READ (or
/// SERIALIZABLE). Anything else is the caller's mistake.
Status requireSnapshotTransaction(PgConnection& c) {
    if (PQtransactionStatus(c.handle()) != PQTRANS_INTRANS)
        return makeError(ErrorCode::Internal,
                         "the server's changes are read in an open transaction");
    auto r = c.query("SELECT current_setting('transaction_isolation') IN ('repeatable read', "
                     "'serializable')");
    if (!r) return r.error();
    if (!r->boolean(0, 0))
        return makeError(ErrorCode::Internal,
                         "the server's changes are read in a REPEATABLE READ transaction");
    return {};
}

Result<std::vector<TradeDayRow>> tradeDaysChanged(PgConnection& c, std::string_view since) {
    // The (client, day) of each trade written since and of each removed or moved away, each
    // summed again from the trades in this snapshot: one range of the index on client and time
    // per client-day (LATERAL: never a join over every trade, whatever the estimates say).
    auto rows = c.query("WITH days AS (SELECT t.client_ref, bd_trade_day(t.trade_time) AS day FROM "
                        "trades t WHERE " +
                            unseenBy("t", kWriterColumn) +
                            " UNION SELECT g.client_ref, g.day FROM bd_rows_gone g WHERE g.tbl = "
                            "'trades' AND g.key IS NOT NULL AND " +
                            unseenBy("g", "xid") +
                            ") SELECT d.client_ref, d.day, s.n, s.amount, s.commission FROM days d "
                            "CROSS JOIN LATERAL (SELECT count(*) AS n, COALESCE(sum(t.amount), 0) "
                            "AS amount, COALESCE(sum(t.commission), 0) AS commission FROM trades t "
                            "WHERE t.client_ref = d.client_ref AND t.trade_time >= d.day * 86400 "
                            "AND t.trade_time < (d.day + 1) * 86400) s ORDER BY 1, 2",
                        PgParams(since));
    if (!rows) return rows.error();
    std::vector<TradeDayRow> out;
    out.reserve(static_cast<std::size_t>(rows->size()));
    for (int i = 0; i < rows->size(); ++i)
        out.push_back({rows->int64(i, 0), rows->int64(i, 1), rows->int64(i, 2), rows->int64(i, 3),
                       rows->int64(i, 4)});
    return out;
}

Result<TableChanges> tableChanged(PgConnection& c, const TrackedTable& t, std::string_view since) {
    TableChanges out;
    out.table = std::string(t.name);
    auto cols = c.query("SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND "
                        "attnum > 0 AND NOT attisdropped AND attname <> $2 ORDER BY attnum",
                        PgParams(t.name, kWriterColumn));
    if (!cols) return cols.error();
    std::string list;
    for (int i = 0; i < cols->size(); ++i) {
        out.columns.push_back(cols->text(i, 0));
        list += (list.empty() ? "r." : ", r.") + out.columns.back();
    }
    // Names from the catalogue and the storage layer's own table list, never input.
    auto rows = c.query("SELECT " + list + " FROM " + out.table + " r WHERE " +
                            unseenBy("r", kWriterColumn),
                        PgParams(since));
    if (!rows) return rows.error();
    out.rows = std::move(*rows);
    auto gone = c.query("SELECT g.key ->> 0, g.key ->> 1, g.key ->> 2, g.client_ref FROM "
                        "bd_rows_gone g WHERE g.tbl = $2 AND g.key IS NOT NULL AND " +
                            unseenBy("g", "xid"),
                        PgParams(since, t.name));
    if (!gone) return gone.error();
    out.gone = std::move(*gone);
    return out;
}

} // namespace

Result<std::string> currentSnapshot(PgConnection& c) {
    if (auto s = requireSnapshotTransaction(c); !s) return s.error();
    auto r = c.query("SELECT pg_current_snapshot()::text");
    if (!r) return r.error();
    return r->text(0, 0);
}

Result<ServerChanges> changesSince(PgConnection& c, std::string_view since) {
    ServerChanges out;
    auto now = currentSnapshot(c);
    if (!now) return now.error();
    out.snapshot = std::move(*now);
    auto version = serverSchemaVersion(c);
    if (!version) return version.error();
    if (*version < kServerChangeTrackingVersion) {
        out.reset = ChangesReset::NotTracked;
        return out;
    }
    // The changes are few and indexed: a range of the writer's index, whatever the statistics
    // say (right after a load they may say a third of the table, and a scan of every trade
    // followed). JIT never pays for these reads.
    for (const char* sql : {"SET LOCAL jit = off", "SET LOCAL enable_seqscan = off"})
        if (auto s = c.run(sql); !s) return s.error();
    // A snapshot that is no snapshot is the caller's error: the server refuses the cast.
    auto state =
        c.query("SELECT COALESCE(pg_visible_in_snapshot((SELECT value FROM bd_meta WHERE key = "
                "'changes_tracked_from')::xid8, $1::pg_snapshot), false), "
                "pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax($1::pg_snapshot), "
                "(SELECT min(g.tbl) FROM bd_rows_gone g WHERE g.key IS NULL AND " +
                    unseenBy("g", "xid") +
                    "), COALESCE(pg_snapshot_xmin($1::pg_snapshot) < (SELECT value::xid8 FROM "
                    "bd_meta WHERE key = $2), false), (SELECT value FROM bd_meta WHERE key = $2), "
                    "pg_snapshot_xmin($1::pg_snapshot)::text",
                PgParams(since, std::string(kRowsGonePrunedBeforeKey)));
    if (!state) return state.error();
    if (!state->boolean(0, 1)) {
        out.reset = ChangesReset::ServerBehind;
        return out;
    }
    if (!state->boolean(0, 0)) {
        out.reset = ChangesReset::BeforeTracking;
        return out;
    }
    // The prune (v17) removed the records of every transaction before its horizon: a copy
    // whose snapshot did not see them all may miss removals.
    if (state->boolean(0, 3)) {
        out.reset = ChangesReset::Pruned;
        out.pruned_before = state->text(0, 4);
        out.since_xmin = state->text(0, 5);
        return out;
    }
    if (!state->isNull(0, 2)) {
        out.reset = ChangesReset::TableEmptied;
        out.reset_table = state->text(0, 2);
        return out;
    }
    auto days = tradeDaysChanged(c, since);
    if (!days) return days.error();
    out.trade_days = std::move(*days);
    for (const TrackedTable& t : kTrackedTables) {
        if (t.name == "trades") continue;
        auto changed = tableChanged(c, t, since);
        if (!changed) return changed.error();
        out.tables.push_back(std::move(*changed));
    }
    return out;
}

} // namespace bd::storage
