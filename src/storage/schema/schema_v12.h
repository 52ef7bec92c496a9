#pragma once
// Schema version 12: what changed after version 11 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

/// Households and risk-assessment expiry (issue 18, items 4 and 8): `client_relations` holds
/// one row per related pair (client_a, client_b, kind: the core RelationKind code of what B
/// is to A; B sees A as the inverse kind), unique per pair whichever way round; clients get
/// `risk_assessed_on` (a day number, NULL when unknown), which clients.csv brings and a local
/// correction keeps over a later import like the other trading-system fields.
extern const std::string_view kSchemaV12Households; // the migration (schema_v12.cpp)

} // namespace bd::storage
