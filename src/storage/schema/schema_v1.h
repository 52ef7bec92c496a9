#pragma once
// Schema version 1, in fragments owned by the part of the engine that uses them.
// Conventions: dates are INTEGER days since 1970-01-01, date-times INTEGER seconds since
// 1970-01-01 00:00 exchange time, money INTEGER units of 0.0001 CNY, enums INTEGER codes
// (see core/enums.h). Clients are referenced by their integer row id (client_ref).
#include <string_view>

namespace bd::storage {

extern const std::string_view kSchemaV1Book;       // clients, trades, ... logs (schema_v1_book.cpp)
extern const std::string_view kSchemaV1Analytics;  // value scores (schema_v1_analytics.cpp)
extern const std::string_view kSchemaV1Segments;   // segments and policies (schema_v1_segments.cpp)
extern const std::string_view kSchemaV1Scheduling; // calendars, plans (schema_v1_scheduling.cpp)

} // namespace bd::storage
