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
/// Length of the well-formed multi-byte UTF-8 sequence at `p` (a byte >= 0x80, before `end`);
/// 0 when it is malformed, cut off, overlong or a surrogate.
int utf8SequenceLength(const unsigned char* p, const unsigned char* end);

} // namespace bd
