#pragma once
// A migration's SQL built of named units: where a later version, or the branch server's
// schema, declares a unit of a released migration again unchanged (a table's columns rebuilt
// as they were, a table with its default rows), both name the one constant here. Released
// migrations never change what they execute: tests/storage/schema/test_migration_pins.cpp and
// tests/server/test_server_migration_pins.cpp pin every version's statements.
#include <algorithm>
#include <array>
#include <string_view>

namespace bd::storage {

/// The texts `Parts` one after the other, made at compile time.
template <const std::string_view&... Parts>
inline constexpr auto kSqlChars = [] {
    std::array<char, (Parts.size() + ...)> text{};
    auto at = text.begin();
    ((at = std::copy(Parts.begin(), Parts.end(), at)), ...);
    return text;
}();

/// The texts `Parts` one after the other, as one constant.
template <const std::string_view&... Parts>
inline constexpr std::string_view kSqlText{kSqlChars<Parts...>.data(), kSqlChars<Parts...>.size()};

/// trades' key columns as desk version 1 declared them (its key was client, time, id); version
/// 3 rebuilds the table with them first (schema_v1_book.cpp, schema_v3.cpp).
inline constexpr std::string_view kTradeKeyColumnsV1 = R"SQL(  trade_id TEXT NOT NULL,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  trade_time INTEGER NOT NULL,
)SQL";

/// A trade's columns after its key, as desk version 1 declared them; versions 3 and 4 rebuild
/// trades with them unchanged (schema_v1_book.cpp, schema_v3.cpp, schema_v4.cpp).
inline constexpr std::string_view kTradeValueColumns = R"SQL(  security_code TEXT NOT NULL,
  side INTEGER NOT NULL,
  quantity INTEGER NOT NULL,
  price INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  commission INTEGER NOT NULL,
  fees INTEGER,
  channel INTEGER NOT NULL DEFAULT 0,
)SQL";

/// The service policy of each Kotler relationship type, and its default rows: desk version 1
/// (schema_v1_segments.cpp) and server version 5 (pg/pgschema_v5.cpp) declare them alike.
inline constexpr std::string_view kServicePoliciesTable = R"SQL(CREATE TABLE service_policies (
  relationship_type INTEGER PRIMARY KEY CHECK (relationship_type BETWEEN 0 AND 4),
  cadence_days INTEGER NOT NULL CHECK (cadence_days > 0),
  channels TEXT NOT NULL,
  served_by INTEGER NOT NULL CHECK (served_by BETWEEN 0 AND 3),
  proactive INTEGER NOT NULL
);
)SQL";
inline constexpr std::string_view kServicePolicyDefaults =
    R"SQL(INSERT INTO service_policies(relationship_type, cadence_days, channels, served_by, proactive)
VALUES (0, 365, 'sms', 3, 0),
       (1, 120, 'sms,wechat', 2, 1),
       (2, 60, 'phone', 1, 1),
       (3, 30, 'phone,wechat', 1, 1),
       (4, 14, 'visit,phone', 0, 1);
)SQL";

} // namespace bd::storage
