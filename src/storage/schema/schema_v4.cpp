#include "storage/schema/schema_v4.h"

#include "storage/schema/sqltext.h"

namespace bd::storage {
namespace {

// The key columns first, in key order.
constexpr std::string_view kCreate = R"SQL(
CREATE TABLE trades_v4 (
  trade_month INTEGER NOT NULL,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  trade_time INTEGER NOT NULL,
  trade_id TEXT NOT NULL,
)SQL";

// The key, and the copy in its order.
constexpr std::string_view kKeyAndCopy =
    R"SQL(  PRIMARY KEY (trade_month, client_ref, trade_time, trade_id)
) WITHOUT ROWID;
INSERT INTO trades_v4(trade_month, client_ref, trade_time, trade_id, security_code, side,
                      quantity, price, amount, commission, fees, channel)
SELECT trade_month, client_ref, trade_time, trade_id, security_code, side, quantity, price,
       amount, commission, fees, channel
FROM trades ORDER BY trade_month, client_ref, trade_time, trade_id;
DROP TABLE trades;
ALTER TABLE trades_v4 RENAME TO trades;
)SQL";

} // namespace

// Version 4: trades declares its key columns first, in key order. SQLite 3.40's
// PRAGMA integrity_check misreads the NOT NULL columns of a WITHOUT ROWID table whose key
// columns are declared elsewhere (it reported "NULL value in trades.security_code" and so on
// for every book); every other WITHOUT ROWID table already declares its key first (a test
// checks them all). Names, types, constraints and defaults are unchanged, so every statement
// (all name their columns) reads and writes the table as before. The rows are copied in key
// order; the dirty-marking triggers and the statistics go with the old table and are created
// again with this fragment's list (schema.cpp). Nothing references trades, so dropping and
// renaming it with foreign keys on touches no other table.
const std::string_view kSchemaV4TradesKeyFirst = kSqlText<kCreate, kTradeValueColumns, kKeyAndCopy>;

} // namespace bd::storage
