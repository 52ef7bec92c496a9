#pragma once
// Schema version 2: what changed after version 1 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

extern const std::string_view kSchemaV2PackedTradeDays; // trade_days packed (schema_v2.cpp)

} // namespace bd::storage
