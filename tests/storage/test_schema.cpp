#include <gtest/gtest.h>

#include <filesystem>

#include "storage/bookstats.h"
#include "storage/schema.h"

using namespace bd;
using namespace bd::storage;

namespace {
std::string tempBook(const std::string& name) {
    auto p = std::filesystem::temp_directory_path() / ("bd_test_" + name + ".bdbook");
    for (const char* suffix : {"", "-wal", "-shm", ".v1.bak"})
        std::filesystem::remove(p.string() + suffix);
    return p.string();
}
}  // namespace

TEST(Schema, CreatesCurrentVersionWithEmptyTables) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db) << db.error().toString();
    auto s = readBookStats(*db);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->schema_version, currentSchemaVersion());
    EXPECT_EQ(s->count("clients"), 0);
    EXPECT_FALSE(s->first_trade_date);
}

TEST(Schema, RefusesNewerBook) {
    const auto path = tempBook("newer");
    {
        auto db = openBook(path);
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("PRAGMA user_version = 999"));
    }
    auto db = openBook(path);
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::Version);
    EXPECT_NE(db.error().message.find("newer BrokerDesk"), std::string::npos);
}

TEST(Schema, ForeignKeysAreEnforced) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    auto st = db->prepare("INSERT INTO trades(trade_id, client_ref, trade_time, security_code, side,"
                          " quantity, price, amount, commission) VALUES ('T1', 42, 0, 'X', 1, 1, 1, 1, 0)");
    ASSERT_TRUE(st);
    EXPECT_FALSE(st->run());
}

TEST(Schema, TransactionRollsBackUnlessCommitted) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    {
        Transaction tx(*db);
        ASSERT_TRUE(db->exec("INSERT INTO branches(branch_id, name) VALUES ('B1', 'x')"));
    }
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM branches"), 0);
    {
        Transaction tx(*db);
        ASSERT_TRUE(db->exec("INSERT INTO branches(branch_id, name) VALUES ('B1', 'x')"));
        ASSERT_TRUE(tx.commit());
    }
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM branches"), 1);
}
