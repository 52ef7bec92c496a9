#pragma once
// Masking of personal data for lists that leave the workstation (call lists, exports).
#include <string>
#include <string_view>

namespace bd {

/// Masks a phone number, keeping separators and a leading "+86": with 11 or more digits the four
/// digits before the last four become '*' (13812345678 -> 138****5678); with fewer, every digit
/// but the last four is masked; with four or fewer, all digits are.
std::string maskPhone(std::string_view phone);

/// Masks an ID number (ASCII), keeping the first 3 and last 4 characters:
/// "310***********123X". Seven characters or fewer are masked entirely; empty stays empty.
std::string maskIdNumber(std::string_view id);

} // namespace bd
