// Released server migrations never change what they execute (storage/pg/pgschema.cpp): each
// version's statements, as libpq sends them while `server init` brings a new branch book up one
// version at a time (initServer's upTo; read from libpq's trace of the protocol), hash as pinned
// here when the version was released (support/migrationpins.h). The database's name, which a
// grant names, is read as <book>.
//
// Pinning a new version is one line: run it under ctest, which starts the cluster
// (BD_REQUIRE_PG=1 ctest --test-dir build/release -R ServerMigrationPins -V), and add the line
// `{14, 0x...},` it prints for every version not pinned yet to kServerPins (a pin is never
// removed: the pins run from version 1 without a gap).
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/pg/pgschema.h"
#include "support/migrationpins.h"
#include "support/pgserver.h"

namespace {

using bd::storage::PgConnection;

/// The hash of each released server version's statements.
constexpr bdtest::MigrationPin kServerPins[] = {
    {1, 0x484c286930a80b5dULL},  {2, 0x54e190edfffc5f3eULL},  {3, 0xa2b6774fd9b4f6f9ULL},
    {4, 0xf196bef5c31c1d12ULL},  {5, 0x695cd441420d171fULL},  {6, 0x7a3b4515a1693f5aULL},
    {7, 0x685084c727ec5ebdULL},  {8, 0x2983b3db82b3c378ULL},  {9, 0xa0aeaae09531f623ULL},
    {10, 0xbf7aaae1efdcf147ULL}, {11, 0x89d32f08ce189ab5ULL}, {12, 0xa7888dade2e95c7fULL},
    {13, 0x4f65bab011ba5feeULL}, {14, 0x6638e961029542e5ULL}, {15, 0x7349212cdc0f3dbbULL},
    {16, 0xd183ed1a47b72fc8ULL}, {17, 0x9d44ace6db1b9360ULL},
};

/// The SQL texts of the Query and Parse messages in a libpq trace (PQtrace, no timestamps), in
/// the order they were sent. A text is printed as it is (newlines and all), so it is read by
/// the length its message gives: a Query is its text and a 0 byte, a Parse the statement's name,
/// the text, each with a 0 byte, and a 2-byte count of parameter types (none given here).
std::vector<std::string> sentStatements(const std::string& trace) {
    std::vector<std::string> out;
    for (std::size_t at = 0; at < trace.size();) {
        // F<tab>length<tab>kind<tab> "...
        const std::size_t kindAt = trace.find('\t', at + 2) + 1;
        const std::size_t textAt = trace.find('\t', kindAt) + 1;
        if (trace.compare(at, 2, "F\t") == 0 && kindAt > 0 && textAt > 0 &&
            trace.compare(textAt, 2, " \"") == 0) {
            const int length = std::stoi(trace.substr(at + 2, kindAt - at - 3));
            const std::string kind = trace.substr(kindAt, textAt - kindAt - 1);
            std::size_t text = textAt + 2;
            long textLength = -1;
            if (kind == "Query") {
                textLength = length - 5;
            } else if (kind == "Parse") {
                const std::size_t nameEnd = trace.find('"', text);
                textLength = length - 8 - static_cast<long>(nameEnd - text);
                text = nameEnd + 3; // past `" "`
            }
            if (textLength >= 0) {
                out.push_back(trace.substr(text, static_cast<std::size_t>(textLength)));
                at = text + static_cast<std::size_t>(textLength);
            }
        }
        const std::size_t line = trace.find('\n', at);
        at = line == std::string::npos ? trace.size() : line + 1;
    }
    return out;
}

/// What `initServer(admin, upTo)` sends on a fresh connection of the administrator.
std::vector<std::string> traceInit(const bdtest::PgTestBook& book, int upTo) {
    PgConnection admin = book.admin();
    std::FILE* file = std::tmpfile();
    EXPECT_NE(file, nullptr);
    if (file == nullptr) return {};
    PQtrace(admin.handle(), file);
    PQsetTraceFlags(admin.handle(), PQTRACE_SUPPRESS_TIMESTAMPS);
    auto init = bd::storage::initServer(admin, upTo);
    PQuntrace(admin.handle());
    EXPECT_TRUE(init) << "v" << upTo << ": " << init.error().toString();
    std::string trace;
    std::rewind(file);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, file)) > 0;) trace.append(buf, n);
    std::fclose(file);
    return sentStatements(trace);
}

/// The statements of the version: after init's own preamble (it ends by taking the owner's
/// role) and before the version stamp, as they execute, the database named <book>.
std::vector<std::string> versionStatements(const std::vector<std::string>& sent,
                                           const std::string& database) {
    std::vector<std::string> out;
    bool inVersion = false;
    for (const std::string& sql : sent) {
        std::string text = bdtest::executedText(sql);
        if (!inVersion) {
            inVersion = text == "SET LOCAL ROLE bd_owner";
            continue;
        }
        if (text.starts_with("INSERT INTO bd_meta(key, value) VALUES ('schema_version'")) break;
        for (std::size_t at; (at = text.find(database)) != std::string::npos;)
            text.replace(at, database.size(), "<book>");
        out.push_back(std::move(text));
    }
    return out;
}

} // namespace

TEST(ServerMigrationPins, SentStatementsReadsQueriesAndParsesWhole) {
    const std::string trace = "F\t23\tQuery\t \"SELECT 1;\nSELECT 2\"\n"
                              "B\t5\tReadyForQuery\t I\n"
                              "F\t24\tParse\t \"\" \"SELECT $1 AS \"x\"\" 0\n"
                              "F\t12\tBind\t \"\" \"\" 0 1 1 '1' 1 0\n";
    EXPECT_EQ(sentStatements(trace),
              (std::vector<std::string>{"SELECT 1;\nSELECT 2", "SELECT $1 AS \"x\""}));
}

TEST(ServerMigrationPins, EveryReleasedServerVersionExecutesWhatItDidWhenReleased) {
    bdtest::PgTestBook book;
    BD_REQUIRE_PG(book);
    std::map<int, std::vector<std::string>> executed;
    for (int v = 1; v <= bd::storage::kServerSchemaVersion; ++v)
        executed[v] = versionStatements(traceInit(book, v), book.database());
    bdtest::expectPinned("server", executed, kServerPins);
}
