#include "storage/schema/schema_v2.h"

namespace bd::storage {

// Version 2: trade_days packed, one row per client and 256-day block with its days in a BLOB
// (storage/book/tradedays.h). One SQLite row per client and day cost a first import about a fifth
// of its time and the refresh most of its trade reading. The table is derived data: the old rows
// are dropped, and the first reader rebuilds it from trades (syncTradeDays rebuilds an empty
// trade_days over a non-empty trades table).
const std::string_view kSchemaV2PackedTradeDays = R"SQL(
DROP TABLE trade_days;
CREATE TABLE trade_days (
  client_ref INTEGER NOT NULL,
  block INTEGER NOT NULL,
  day_count INTEGER NOT NULL,
  last_day INTEGER NOT NULL,
  packed BLOB NOT NULL,
  PRIMARY KEY (client_ref, block)
) WITHOUT ROWID;
DELETE FROM trade_days_dirty;
)SQL";

} // namespace bd::storage
