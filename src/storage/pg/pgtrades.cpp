#include "storage/pg/pgtrades.h"

#include <string>

#include "storage/book/tradedays.h"
#include "storage/pg/pgbatch.h"

namespace bd::storage {

namespace {

/// COPY takes no parameters: the client a copy reads is bound into a setting of the
/// transaction, which the copy's condition reads (an index seek on the client's rows).
Status bindReadClient(PgConnection& c, std::int64_t clientRef) {
    auto set = c.query("SELECT set_config('bd.read_client', $1, true)",
                       PgParams(std::to_string(clientRef)));
    if (!set) return set.error();
    return {};
}
constexpr const char* kReadClientRows =
    " WHERE client_ref = current_setting('bd.read_client')::bigint";

} // namespace

Result<std::int64_t> copyServerTrades(PgConnection& c, Database& desk,
                                      std::optional<std::int64_t> clientRef) {
    const std::string cols = kServerTradeColumns;
    // Through a temporary table of the server's columns (it takes the name "trades" first for
    // the copy), then in the desk's key order with each trade's month.
    if (auto s =
            desk.exec("CREATE TEMP TABLE trades AS SELECT " + cols + " FROM main.trades WHERE 0");
        !s)
        return s.error();
    std::string where;
    if (clientRef) {
        if (auto s = bindReadClient(c, *clientRef); !s) return s.error();
        where = kReadClientRows;
    }
    auto n = copyServerTable(c, desk, "trades", where);
    if (!n) return n.error();
    // trade_days comes from the same snapshot: the triggers that would mark each inserted
    // trade's client for re-aggregation are left out of the insert.
    if (auto s = desk.exec("DROP TRIGGER IF EXISTS trade_days_mark_insert; DROP TRIGGER IF "
                           "EXISTS trade_days_mark_delete; DROP TRIGGER IF EXISTS "
                           "trade_days_mark_update;");
        !s)
        return s.error();
    if (auto s = desk.exec("INSERT INTO main.trades (" + cols + ", trade_month) SELECT " + cols +
                           ", " + kDeskTradeMonthSql +
                           " AS m FROM temp.trades ORDER BY m, client_ref, trade_time, trade_id");
        !s)
        return s.error();
    // The temporary table goes first: while it lives, "trades" in the triggers' DDL is it.
    if (auto s = desk.exec("DROP TABLE temp.trades"); !s) return s.error();
    if (auto s = desk.exec(std::string(kTradeDaysTriggers)); !s) return s.error();
    return n;
}

Result<std::int64_t> copyServerClient(PgConnection& c, Database& desk, std::int64_t clientRef) {
    if (auto s = bindReadClient(c, clientRef); !s) return s.error();
    Transaction tx(desk);
    if (!tx.began()) return tx.began().error();
    std::int64_t rows = 0;
    for (const auto& [table, where] :
         {std::pair{"securities", ""},
          std::pair{"clients", " WHERE id = current_setting('bd.read_client')::bigint"},
          std::pair{"assets", kReadClientRows}, std::pair{"positions", kReadClientRows}}) {
        auto n = copyServerTable(c, desk, table, where);
        if (!n) return readingFromServer(table, n.error());
        rows += *n;
    }
    auto n = copyServerTrades(c, desk, clientRef);
    if (!n) return readingFromServer("trades", n.error());
    if (auto s = tx.commit(); !s) return s.error();
    return rows + *n;
}

} // namespace bd::storage
