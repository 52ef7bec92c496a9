#include "storage/schema/schema_v6.h"

namespace bd::storage {

// Version 6 (see schema_v6.h). The key columns are declared first, in key order, as every
// WITHOUT ROWID table does (schema_v4.cpp says why). The rows are copied in the new key order;
// nothing references trade_days, and the triggers that mark dirty clients live on trades.
const std::string_view kSchemaV6TradeDaysByBlock = R"SQL(
CREATE TABLE trade_days_v6 (
  block INTEGER NOT NULL,
  client_ref INTEGER NOT NULL,
  day_count INTEGER NOT NULL,
  last_day INTEGER NOT NULL,
  packed BLOB NOT NULL,
  PRIMARY KEY (block, client_ref)
) WITHOUT ROWID;
INSERT INTO trade_days_v6(block, client_ref, day_count, last_day, packed)
SELECT block, client_ref, day_count, last_day, packed FROM trade_days ORDER BY block, client_ref;
DROP TABLE trade_days;
ALTER TABLE trade_days_v6 RENAME TO trade_days;
)SQL";

} // namespace bd::storage
