#pragma once
// Released migrations never change what they execute: the statements each schema version ran
// while a new book was brought up, pinned to a hash taken when the version was released
// (tests/storage/schema/test_migration_pins.cpp: the desk's book; tests/server/
// test_server_migration_pins.cpp: the branch server's). A statement counts as it executes:
// comments left out and white space folded, so that a comment or a re-indented line changes
// nothing, and a changed word, a statement added, dropped or moved changes the hash.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bdtest {

/// `sql` as it executes: comments (-- to the line's end) left out, white space folded to one
/// space (none at either end); quoted text is kept as it is.
inline std::string executedText(std::string_view sql) {
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            while (i < sql.size() && sql[i] != '\n') ++i;
            space = true;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        if (c == '\'' || c == '"') { // a quoted string or name, to its closing quote
            const std::size_t end = sql.find(c, i + 1);
            const std::size_t stop = end == std::string_view::npos ? sql.size() : end + 1;
            out.append(sql.substr(i, stop - i));
            i = stop - 1;
            continue;
        }
        out += c;
    }
    return out;
}

/// One version's statements (as executedText made them) as a hash: FNV-1a, 64 bits, the same
/// on every platform and build.
inline std::uint64_t statementsHash(const std::vector<std::string>& statements) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const std::string& statement : statements)
        for (const char c : statement + '\n') {
            hash ^= static_cast<unsigned char>(c);
            hash *= 0x100000001b3ULL;
        }
    return hash;
}

inline std::string hashText(std::uint64_t hash) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%016llx", static_cast<unsigned long long>(hash));
    return buf;
}

/// A schema version and the hash of the statements it executed when it was released.
using MigrationPin = std::pair<int, std::uint64_t>;

/// Expects the versions pinned to run from 1 without a gap and every one of them executed, and
/// every pinned version of `executed` (the statements by version) to hash as pinned; a failure
/// names `book` and the version. A version not pinned yet prints the line that pins it.
template <std::size_t N>
void expectPinned(std::string_view book, const std::map<int, std::vector<std::string>>& executed,
                  const MigrationPin (&pins)[N]) {
    const std::map<int, std::uint64_t> pinned(std::begin(pins), std::end(pins));
    for (int v = 1; v <= static_cast<int>(N); ++v)
        EXPECT_TRUE(pinned.contains(v) && executed.contains(v))
            << book << " schema v" << v << " is not pinned, or pinned but not executed";
    for (const auto& [version, statements] : executed) {
        EXPECT_FALSE(statements.empty()) << book << " schema v" << version << " executed nothing";
        const std::string hash = hashText(statementsHash(statements));
        const auto pin = pinned.find(version);
        if (pin == pinned.end()) {
            std::printf("%.*s schema v%d is not pinned yet; once released, pin it with the line\n"
                        "    {%d, %s},\n",
                        static_cast<int>(book.size()), book.data(), version, version, hash.c_str());
            continue;
        }
        EXPECT_EQ(hash, hashText(pin->second))
            << book << " schema v" << version
            << " executes other statements than when it was released; a released migration "
               "never changes (a change of schema is a new version)";
    }
}

} // namespace bdtest
