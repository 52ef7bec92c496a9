#include "storage/schema/schema_v16.h"

namespace bd::storage {

// Version 16 (see schema_v16.h). Derived data like trade_days: no foreign key (a client that
// goes with its trades is marked dirty, and the next sync drops its rows).
const std::string_view kSchemaV16TradeDaysAdded = R"SQL(
CREATE TABLE trade_days_added (
  day INTEGER NOT NULL,
  client_ref INTEGER NOT NULL,
  trades INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  commission INTEGER NOT NULL,
  PRIMARY KEY (day, client_ref)
) WITHOUT ROWID;
)SQL";

} // namespace bd::storage
