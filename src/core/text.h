#pragma once
// Small string helpers shared by the engine (ASCII-only case folding; UTF-8 passes through).
#include <string>
#include <string_view>

namespace bd {

/// ' ', tab, CR or LF: what trim() takes off.
inline bool isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
std::string_view trimBlanks(std::string_view s);
/// `s` without blanks at either end. Inline for the usual case, a field with none (every
/// field of every imported row goes through here).
inline std::string_view trim(std::string_view s) {
    if (s.empty() || (!isBlank(s.front()) && !isBlank(s.back()))) return s;
    return trimBlanks(s);
}
bool equalsIgnoreCase(std::string_view a, std::string_view b);
std::string toLowerAscii(std::string_view s);
/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool isValidUtf8(std::string_view s);
/// Length of the well-formed multi-byte UTF-8 sequence at `p` (a byte >= 0x80, before `end`);
/// 0 when it is malformed, cut off, overlong or a surrogate.
int utf8SequenceLength(const unsigned char* p, const unsigned char* end);

} // namespace bd
