#include "storage/schema/schema_v3.h"

#include "storage/schema/sqltext.h"

namespace bd::storage {
namespace {

constexpr std::string_view kCreate = "\nCREATE TABLE trades_v3 (\n";

// trade_month, the new key, and the copy in its order.
constexpr std::string_view kMonthKeyAndCopy = R"SQL(  trade_month INTEGER NOT NULL,
  PRIMARY KEY (trade_month, client_ref, trade_time, trade_id)
) WITHOUT ROWID;
INSERT INTO trades_v3(trade_id, client_ref, trade_time, security_code, side, quantity, price,
                      amount, commission, fees, channel, trade_month)
SELECT trade_id, client_ref, trade_time, security_code, side, quantity, price, amount,
       commission, fees, channel,
       (CAST(strftime('%Y', trade_time, 'unixepoch') AS INTEGER) - 1970) * 12
         + CAST(strftime('%m', trade_time, 'unixepoch') AS INTEGER) - 1 AS m
FROM trades ORDER BY m, client_ref, trade_time, trade_id;
DROP TABLE trades;
ALTER TABLE trades_v3 RENAME TO trades;
)SQL";

} // namespace

// Version 3: trades clustered by (trade_month, client_ref, trade_time, trade_id) instead of
// (client_ref, trade_time, trade_id), so that a time-ordered export is written while it is
// parsed (storage/schema/tradelayout.h). trade_month is the calendar month of trade_time, months
// since 1970-01. The rows are copied in the new key order; the dirty-marking triggers go with the
// old table and are created again (tradedays.h); approximate statistics let the planner seek one
// client's trades month by month (skip-scan).
const std::string_view kSchemaV3TradesByMonth =
    kSqlText<kCreate, kTradeKeyColumnsV1, kTradeValueColumns, kMonthKeyAndCopy>;

} // namespace bd::storage
