#pragma once
// Small string helpers shared by the engine (ASCII-only case folding; UTF-8 passes through).
#include <string>
#include <string_view>

namespace bd {

std::string_view trim(std::string_view s);
bool equalsIgnoreCase(std::string_view a, std::string_view b);
std::string toLowerAscii(std::string_view s);
/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool isValidUtf8(std::string_view s);

}  // namespace bd
