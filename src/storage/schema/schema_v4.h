#pragma once
// Schema version 4: what changed after version 3 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

extern const std::string_view kSchemaV4TradesKeyFirst; // trades' key columns first (schema_v4.cpp)

} // namespace bd::storage
