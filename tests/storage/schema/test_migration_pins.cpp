// Released desk migrations never change what they execute (src/storage/schema/README.md): each
// version's statements, as SQLite runs them while a new book is migrated up (traced with
// sqlite3_trace_v2, so a migration's C++ step counts as well as its SQL), hash as pinned here
// when the version was released (support/migrationpins.h).
//
// Pinning a new version is one line: run build/release/tests/test_storage
// --gtest_filter=MigrationPins.* which prints `{16, 0x...},` for every version not pinned yet,
// add that line to kDeskPins (a pin is never removed: the pins run from version 1 without a gap).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/db/database.h"
#include "storage/schema/schema.h"
#include "support/migrationpins.h"

using namespace bd::storage;

namespace {

/// The hash of each released desk version's statements.
constexpr bdtest::MigrationPin kDeskPins[] = {
    {1, 0x42a50de6fd13212cULL},  {2, 0x9e07e73cbc9f56cfULL},  {3, 0xa5f3c93bce99bfa8ULL},
    {4, 0xc09cc568f2013b52ULL},  {5, 0x3413bad30e60c72aULL},  {6, 0xcfa0dd57ad98b533ULL},
    {7, 0x36bcb73cf7f08ed9ULL},  {8, 0x9bae6b3fdae95e5cULL},  {9, 0x2fb6f63c9c2e4199ULL},
    {10, 0x5f167b0023fc0cebULL}, {11, 0x515be625fe720c09ULL}, {12, 0xc72d88e67c0b578eULL},
    {13, 0x9b55997674fbcb59ULL}, {14, 0x6cafc80463812646ULL}, {15, 0x8fcb9ec11b822288ULL},
    {16, 0xb830112d3e433b7dULL},
};

/// The statements of each version in the order they ran, filed by the version stamp that ends
/// the version's transaction (PRAGMA user_version = N). The migration's bookkeeping (reading and
/// stamping the version, beginning and committing its transaction) is no part of a version.
struct DeskTrace {
    std::vector<std::string> pending;
    std::map<int, std::vector<std::string>> byVersion;

    void add(std::string_view sql) {
        std::string text = bdtest::executedText(sql);
        constexpr std::string_view kStamp = "PRAGMA user_version = ";
        if (text.starts_with(kStamp)) {
            byVersion[std::stoi(text.substr(kStamp.size()))] = std::move(pending);
            pending.clear();
        } else if (!text.empty() && text != "PRAGMA user_version" && text != "BEGIN IMMEDIATE" &&
                   text != "COMMIT") {
            pending.push_back(std::move(text));
        }
    }
};

int traceStatement(unsigned type, void* trace, void* /*statement*/, void* sql) {
    if (type == SQLITE_TRACE_STMT) static_cast<DeskTrace*>(trace)->add(static_cast<char*>(sql));
    return 0;
}

} // namespace

TEST(MigrationPins, ExecutedTextLeavesOutCommentsAndFoldsSpaceButKeepsEveryWord) {
    EXPECT_EQ(bdtest::executedText("CREATE TABLE t (\n  a INTEGER, -- the a\n  b TEXT\n);\n"),
              "CREATE TABLE t ( a INTEGER, b TEXT );");
    EXPECT_EQ(bdtest::executedText("SELECT 'a  -- b'  ,\t\"x  y\""), "SELECT 'a  -- b' , \"x  y\"");
    EXPECT_NE(bdtest::statementsHash({"CREATE TABLE t (a INTEGER)"}),
              bdtest::statementsHash({"CREATE TABLE t (a TEXT)"}));
    EXPECT_NE(bdtest::statementsHash({"A", "B"}), bdtest::statementsHash({"B", "A"}));
}

TEST(MigrationPins, EveryReleasedDeskVersionExecutesWhatItDidWhenReleased) {
    auto db = Database::open(":memory:");
    ASSERT_TRUE(db);
    DeskTrace trace;
    sqlite3_trace_v2(db->handle(), SQLITE_TRACE_STMT, traceStatement, &trace);
    auto migrated = migrate(*db, false);
    sqlite3_trace_v2(db->handle(), 0, nullptr, nullptr);
    ASSERT_TRUE(migrated) << migrated.error().toString();
    ASSERT_EQ(static_cast<int>(trace.byVersion.size()), currentSchemaVersion());
    bdtest::expectPinned("desk", trace.byVersion, kDeskPins);
}
