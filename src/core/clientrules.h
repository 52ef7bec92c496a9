#pragma once
// The rules a client's profile fields follow, shared by the importer (clients.csv) and the
// command layer (a person's edit): one copy of each check and of the rule's wording.
#include <string_view>

namespace bd {

/// Digits with an optional leading '+'.
bool isValidPhone(std::string_view phone);

/// The rules as the located errors name them (English, developer-facing as every Result error).
inline constexpr std::string_view kIdNumberRule =
    "invalid resident ID number (18 characters, GB 11643 checksum)";
inline constexpr std::string_view kPhoneRule = "invalid phone number (digits, optional leading +)";

} // namespace bd
