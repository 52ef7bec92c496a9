#include "storage/schema/schema_v5.h"

namespace bd::storage {

// Named columns only: it holds whatever the table's column order (version 4 declares the key
// columns first). Not unique: a trade id stored twice by another writer must not fail the
// migration (the importer updates the first one it finds).
const std::string_view kTradesByIdIndex =
    "CREATE INDEX IF NOT EXISTS trades_by_id ON trades(trade_id);";
const std::string_view kDropTradesByIdIndex = "DROP INDEX IF EXISTS trades_by_id;";

// Version 5: trades by trade_id (see schema_v5.h).
const std::string_view kSchemaV5TradesById = kTradesByIdIndex;

} // namespace bd::storage
