#pragma once
// The server's trades themselves (not their per-client-day sums) read into a desk book, inside
// the snapshot of a copy (copyServerBook's alsoInSnapshot): a desk's replica takes every trade
// the login sees; a command that reads trades on a server's working copy (`portfolio`,
// `evaluate`, `export trades`) the ones it needs: all, or one client's by an index seek.
#include <cstdint>
#include <optional>

#include "core/result.h"
#include "storage/db/database.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// The trades as the server holds them: a desk's trades add their month (the table's first key
/// column, storage/schema/tradelayout.h).
inline constexpr const char* kServerTradeColumns = "trade_id, client_ref, trade_time, "
                                                   "security_code, side, quantity, price, "
                                                   "amount, commission, fees, channel";

/// A trade's month (the desk's first key column of trades) in SQLite, from its time, as the
/// migration to it computed it (schema_v3.cpp).
inline constexpr const char* kDeskTradeMonthSql =
    "(CAST(strftime('%Y', trade_time, 'unixepoch') AS INTEGER) - 1970) * 12 + "
    "CAST(strftime('%m', trade_time, 'unixepoch') AS INTEGER) - 1";

/// Copies the server's trades that this login may see (the policies decide), all of them or
/// only client `clientRef`'s (trades_by_client), into `desk`, whose trade_days already hold
/// the same snapshot's sums (copyServerBook): the trades are added without marking their
/// clients for re-aggregation. Runs inside the caller's server transaction; the rows copied.
Result<std::int64_t> copyServerTrades(PgConnection& c, Database& desk,
                                      std::optional<std::int64_t> clientRef = std::nullopt);

/// What a command about one client reads of it (`portfolio`), copied into `desk` (a desk book
/// holding the server's branches, brokers and settings: serverSettingsCopy): the securities,
/// client `clientRef`'s row, its asset snapshots, positions and trades, each by an index seek
/// on the client. Runs inside the caller's server transaction (one snapshot); the rows copied.
Result<std::int64_t> copyServerClient(PgConnection& c, Database& desk, std::int64_t clientRef);

} // namespace bd::storage
