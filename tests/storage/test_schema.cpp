#include <gtest/gtest.h>

#include <filesystem>

#include "storage/bookstats.h"
#include "storage/schema.h"
#include "storage/schema_v1.h"
#include "storage/tradedays.h"

using namespace bd;
using namespace bd::storage;

namespace {
std::string tempBook(const std::string& name) {
    auto p = std::filesystem::temp_directory_path() / ("bd_test_" + name + ".bdbook");
    for (const char* suffix : {"", "-wal", "-shm", ".v1.bak"})
        std::filesystem::remove(p.string() + suffix);
    return p.string();
}
} // namespace

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
    auto st = db->prepare(
        "INSERT INTO trades(trade_id, client_ref, trade_time, security_code, side,"
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

TEST(Schema, UpgradesAVersion1BookToPackedTradeDaysAfterABackup) {
    const auto path = tempBook("v1upgrade");
    {
        // A book as version 1 wrote it: per-day trade_days rows, kept by the triggers.
        auto db = Database::open(path, true);
        ASSERT_TRUE(db) << db.error().toString();
        for (std::string_view f :
             {kSchemaV1Book, kSchemaV1Analytics, kSchemaV1Segments, kSchemaV1Scheduling})
            ASSERT_TRUE(db->exec(f));
        ASSERT_TRUE(db->exec(
            "PRAGMA user_version = 1;"
            "INSERT INTO branches(branch_id, name) VALUES ('BR1', 'North');"
            "INSERT INTO brokers(broker_id, name, branch_id) VALUES ('B1', 'Li', 'BR1');"
            "INSERT INTO clients(client_id, name, broker_id, open_date) VALUES "
            "('C1', 'A', 'B1', 18000), ('C2', 'B', 'B1', 18000);"
            "INSERT INTO trades(trade_id, client_ref, trade_time, security_code, side, quantity, "
            "price, amount, commission) VALUES "
            "('T1', 1, 1700000000, '600000.SH', 1, 100, 100000, 10000000, 50000),"
            "('T2', 1, 1700003600, '600000.SH', 2, 100, 100000, 10000000, 50000),"
            "('T3', 1, 1720000000, '600000.SH', 1, 100, 100000, 10000000, 50000),"
            "('T4', 2, 1700000000, '600000.SH', 1, 100, 100000, 10000000, 70000);"
            "INSERT INTO trade_days(client_ref, day, trades, amount, commission) SELECT "
            "client_ref, trade_time / 86400, count(*), sum(amount), sum(commission) FROM trades "
            "GROUP BY 1, 2; DELETE FROM trade_days_dirty;"));
    }
    auto db = openBook(path);
    ASSERT_TRUE(db) << db.error().toString();
    EXPECT_EQ(*queryInt(*db, "PRAGMA user_version"), 2);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM pragma_table_info('trade_days') WHERE name = "
                             "'packed'"),
              1);
    ASSERT_TRUE(syncTradeDays(*db)); // the packed table is rebuilt from the trades
    auto days = loadTradeDays(*db);
    ASSERT_TRUE(days);
    ASSERT_EQ(days->size(), 3u);
    EXPECT_EQ(days->at(0).day, 1700000000 / 86400);
    EXPECT_EQ(days->at(0).trades, 2);
    EXPECT_EQ(days->at(0).commission, 100000);
    EXPECT_EQ(days->at(1).day, 1720000000 / 86400);
    EXPECT_EQ(days->at(2).client_ref, 2);
    EXPECT_EQ(days->at(2).commission, 70000);
    // The copy taken before the upgrade is the version 1 book, untouched.
    auto backup = Database::open(path + ".v1.bak", false);
    ASSERT_TRUE(backup);
    EXPECT_EQ(*queryInt(*backup, "PRAGMA user_version"), 1);
    EXPECT_EQ(*queryInt(*backup, "SELECT count(*) FROM trade_days"), 3);
}
