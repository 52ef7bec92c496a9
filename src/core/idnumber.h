#pragma once
// PRC resident identity numbers (GB 11643-1999): 17 digits + a check character.
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace bd {

/// The check character ('0'-'9' or 'X') for the first 17 digits.
char idNumberCheckChar(std::string_view first17);
/// True when `id` has 18 characters, a valid birth date and a matching check character.
bool isValidIdNumber(std::string_view id);
/// Birth date encoded in positions 7-14, if valid.
std::optional<Date> idNumberBirthDate(std::string_view id);

} // namespace bd
