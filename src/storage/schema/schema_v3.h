#pragma once
// Schema version 3: what changed after version 2 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

extern const std::string_view kSchemaV3TradesByMonth; // trades clustered by month (schema_v3.cpp)

} // namespace bd::storage
