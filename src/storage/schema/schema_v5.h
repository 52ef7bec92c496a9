#pragma once
// Schema version 5: what changed after version 4 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

/// trades by trade_id (the natural key of the interchange file), so that an import into a
/// stored book finds a stored trade by its id in log time instead of loading every stored id.
/// The importer drops it before a first load and creates it again afterwards (one sort).
extern const std::string_view kTradesByIdIndex;
extern const std::string_view kDropTradesByIdIndex;

extern const std::string_view kSchemaV5TradesById; // the migration (schema_v5.cpp)

} // namespace bd::storage
