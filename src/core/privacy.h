#pragma once
// Masking of personal data for lists that leave the workstation (call lists, exports).
#include <string>
#include <string_view>

namespace bd {

/// Masks a phone number, keeping separators and a leading "+86": with 11 or more digits the four
/// digits before the last four become '*' (13812345678 -> 138****5678); with fewer, every digit
/// but the last four is masked; with four or fewer, all digits are.
std::string maskPhone(std::string_view phone);

} // namespace bd
