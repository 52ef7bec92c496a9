#include "storage/schema/schema_v3.h"

namespace bd::storage {

// Version 3: trades clustered by (trade_month, client_ref, trade_time, trade_id) instead of
// (client_ref, trade_time, trade_id), so that a time-ordered export is written while it is
// parsed (storage/schema/tradelayout.h). trade_month is the calendar month of trade_time, months
// since 1970-01. The rows are copied in the new key order; the dirty-marking triggers go with the
// old table and are created again (tradedays.h); approximate statistics let the planner seek one
// client's trades month by month (skip-scan).
const std::string_view kSchemaV3TradesByMonth = R"SQL(
CREATE TABLE trades_v3 (
  trade_id TEXT NOT NULL,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  trade_time INTEGER NOT NULL,
  security_code TEXT NOT NULL,
  side INTEGER NOT NULL,
  quantity INTEGER NOT NULL,
  price INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  commission INTEGER NOT NULL,
  fees INTEGER,
  channel INTEGER NOT NULL DEFAULT 0,
  trade_month INTEGER NOT NULL,
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

} // namespace bd::storage
