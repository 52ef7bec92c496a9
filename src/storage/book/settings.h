#pragma once
// The book's settings table: typed get/set of key/value pairs (values stored as text).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// The stored text of `key`, nullopt when absent.
Result<std::optional<std::string>> getSetting(Database& db, std::string_view key);
/// A stored number; nullopt when absent, InvalidInput when present but not a number.
Result<std::optional<double>> getSettingDouble(Database& db, std::string_view key);
/// Inserts or replaces `key`.
Status setSetting(Database& db, std::string_view key, std::string_view value);
/// Stores a number with round-trip precision.
Status setSettingDouble(Database& db, std::string_view key, double value);
/// Removes `key` (no error when absent).
Status removeSetting(Database& db, std::string_view key);
/// All settings whose key starts with `prefix`, ordered by key.
Result<std::vector<std::pair<std::string, std::string>>> listSettings(Database& db,
                                                                      std::string_view prefix);

} // namespace bd::storage
