#pragma once
// JSON's two-character escapes, one list for both ways: the writer (core/json.cpp) and the
// reader (core/jsonreader.cpp) look them up by byte.
#include <array>
#include <cstddef>

namespace bd::json {

struct Escape {
    char ch;     // the character
    char letter; // what follows the backslash
};

// The writer escapes these five so (the other control characters as \u00XX); the reader reads
// them and \b, \f.
inline constexpr Escape kWritten[] = {
    {'"', '"'}, {'\\', '\\'}, {'\n', 'n'}, {'\r', 'r'}, {'\t', 't'}};
inline constexpr Escape kReadOnly[] = {{'\b', 'b'}, {'\f', 'f'}};

constexpr std::size_t byteOf(char c) {
    return static_cast<unsigned char>(c);
}

/// By a character, the letter of the escape the writer writes for it; 0 for none.
inline constexpr auto kEscapeLetter = [] {
    std::array<char, 256> t{};
    for (const Escape& e : kWritten) t[byteOf(e.ch)] = e.letter;
    return t;
}();

/// By an escape's letter, the character it stands for; 0 for none (\u, \/).
inline constexpr auto kUnescaped = [] {
    std::array<char, 256> t{};
    for (const Escape& e : kWritten) t[byteOf(e.letter)] = e.ch;
    for (const Escape& e : kReadOnly) t[byteOf(e.letter)] = e.ch;
    return t;
}();

} // namespace bd::json
