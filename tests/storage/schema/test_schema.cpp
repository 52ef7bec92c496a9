#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "storage/book/bookstats.h"
#include "storage/book/tradedays.h"
#include "storage/schema/schema.h"
#include "storage/schema/schema_v1.h"
#include "storage/schema/schema_v2.h"
#include "storage/schema/tradelayout.h"
#include "support/oldbooks.h"
#include "support/rowstext.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::storage;

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
    bdtest::TempDir dir;
    const auto path = dir.file("newer.bdbook");
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
        " quantity, price, amount, commission, trade_month) VALUES ('T1', 42, 0, 'X', 1, 1, 1, 1,"
        " 0, 0)");
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
    bdtest::TempDir dir;
    const auto path = dir.file("v1upgrade.bdbook");
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
    EXPECT_EQ(*queryInt(*db, "PRAGMA user_version"), currentSchemaVersion());
    EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    EXPECT_EQ(bdtest::foreignKeyViolations(*db), 0);
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

TEST(Schema, UpgradesAVersion2BookToTradesClusteredByMonth) {
    bdtest::TempDir dir;
    const auto path = dir.file("v2upgrade.bdbook");
    // Trade times around month ends, before 1970 and in a leap February.
    const std::int64_t times[] = {
        DateTime::fromParts(Date::fromYmd(2024, 1, 31), 23, 59, 59).secs,
        DateTime::fromParts(Date::fromYmd(2024, 2, 1), 0, 0, 0).secs,
        DateTime::fromParts(Date::fromYmd(2024, 2, 29), 14, 0, 0).secs,
        DateTime::fromParts(Date::fromYmd(1969, 12, 31), 10, 0, 0).secs,
        DateTime::fromParts(Date::fromYmd(2023, 12, 1), 9, 30, 0).secs,
    };
    {
        // A book as version 2 wrote it: trades clustered by client.
        auto db = Database::open(path, true);
        ASSERT_TRUE(db) << db.error().toString();
        for (std::string_view f : {kSchemaV1Book, kSchemaV1Analytics, kSchemaV1Segments,
                                   kSchemaV1Scheduling, kSchemaV2PackedTradeDays})
            ASSERT_TRUE(db->exec(f));
        ASSERT_TRUE(
            db->exec("PRAGMA user_version = 2;"
                     "INSERT INTO branches(branch_id, name) VALUES ('BR1', 'North');"
                     "INSERT INTO brokers(broker_id, name, branch_id) VALUES ('B1', 'Li', 'BR1');"
                     "INSERT INTO clients(client_id, name, broker_id, open_date) VALUES "
                     "('C1', 'A', 'B1', 18000), ('C2', 'B', 'B1', 18000);"));
        auto st = db->prepare("INSERT INTO trades(trade_id, client_ref, trade_time, security_code,"
                              " side, quantity, price, amount, commission) VALUES (?1, ?2, ?3,"
                              " '600000.SH', 1, 100, 100000, 10000000, 50000)");
        ASSERT_TRUE(st);
        for (int i = 0; i < 5; ++i) {
            st->reset();
            st->bind(1, std::string_view("T" + std::to_string(i)))
                .bind(2, std::int64_t{1 + i % 2})
                .bind(3, times[i]);
            ASSERT_TRUE(st->run());
        }
    }
    auto db = openBook(path);
    ASSERT_TRUE(db) << db.error().toString();
    EXPECT_EQ(*queryInt(*db, "PRAGMA user_version"), currentSchemaVersion());
    EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    EXPECT_EQ(bdtest::foreignKeyViolations(*db), 0);
    // Every trade kept, its month as tradeMonthOf computes it (SQL and C++ agree).
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM trades"), 5);
    for (int i = 0; i < 5; ++i) {
        auto st = db->prepare("SELECT trade_month FROM trades WHERE trade_id = ?1");
        st->bind(1, std::string_view("T" + std::to_string(i)));
        ASSERT_TRUE(*st->step());
        EXPECT_EQ(st->int64(0), tradeMonthOf(times[i])) << i;
    }
    EXPECT_EQ(tradeMonthOf(times[0]), 54 * 12);     // 2024-01
    EXPECT_EQ(tradeMonthOf(times[1]), 54 * 12 + 1); // 2024-02
    EXPECT_EQ(tradeMonthOf(times[2]), 54 * 12 + 1);
    EXPECT_EQ(tradeMonthOf(times[3]), -1); // 1969-12
    // The key leads with the month; the dirty-marking triggers are back.
    EXPECT_EQ(*queryInt(*db, "SELECT pk FROM pragma_table_info('trades') WHERE name = "
                             "'trade_month'"),
              1);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND "
                             "tbl_name = 'trades'"),
              3);
    ASSERT_TRUE(db->exec("DELETE FROM trade_days_dirty; UPDATE trades SET amount = 1 WHERE "
                         "trade_id = 'T1'"));
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM trade_days_dirty"), 1);
    // The book's first and last trade, read from its first and last month.
    auto stats = readBookStats(*db);
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->first_trade_date, Date::fromYmd(1969, 12, 31));
    EXPECT_EQ(stats->last_trade_date, Date::fromYmd(2024, 2, 29));
    auto backup = Database::open(path + ".v2.bak", false);
    ASSERT_TRUE(backup);
    EXPECT_EQ(*queryInt(*backup, "PRAGMA user_version"), 2);
}

TEST(Schema, OneClientsTradesAreSoughtMonthByMonth) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("INSERT INTO branches(branch_id, name) VALUES ('BR1', 'North');"
                         "INSERT INTO brokers(broker_id, name, branch_id) VALUES ('B1', 'Li', "
                         "'BR1');"));
    auto client = db->prepare(
        "INSERT INTO clients(client_id, name, broker_id, open_date) VALUES (?1, 'X', 'B1', 0)");
    for (int c = 0; c < 50; ++c) {
        client->reset();
        client->bind(1, std::string_view("C" + std::to_string(c)));
        ASSERT_TRUE(client->run());
    }
    auto trade = db->prepare("INSERT INTO trades(trade_id, client_ref, trade_time, security_code,"
                             " side, quantity, price, amount, commission, trade_month) VALUES"
                             " (?1, ?2, ?3, '600000.SH', 1, 100, 100000, 10000000, 50000, ?4)");
    for (int i = 0; i < 6000; ++i) {
        const std::int64_t secs =
            DateTime::fromParts(Date::fromYmd(2024, 1, 1).addDays(i / 20), 10, 0, i % 20).secs;
        trade->reset();
        trade->bind(1, std::string_view("T" + std::to_string(i)))
            .bind(2, std::int64_t{1 + i % 50})
            .bind(3, secs)
            .bind(4, tradeMonthOf(secs));
        ASSERT_TRUE(trade->run());
    }
    const auto plan = [&] {
        auto st =
            db->prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM trades WHERE client_ref = 7");
        std::string p;
        while (*st->step()) p += st->text(3) + "\n";
        return p;
    };
    // Without statistics the planner cannot know a month holds many rows: it scans.
    EXPECT_EQ(plan().find("ANY(trade_month)"), std::string::npos) << plan();
    ASSERT_TRUE(refreshTradesStatistics(*db));
    EXPECT_NE(plan().find("SEARCH trades USING PRIMARY KEY (ANY(trade_month) AND client_ref=?)"),
              std::string::npos)
        << plan();
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM trades WHERE client_ref = 7"), 120);
}

namespace {

/// Every trade with every column, by name, in key order: what an upgrade must keep.
std::string tradesByName(Database& db) {
    return bdtest::rowsText(db, "SELECT trade_id, client_ref, trade_time, security_code, side, "
                                "quantity, price, amount, commission, fees, channel, trade_month "
                                "FROM trades ORDER BY trade_month, client_ref, trade_time, "
                                "trade_id");
}

} // namespace

TEST(Schema, UpgradesAVersion3BookToTradesWithTheirKeyFirst) {
    bdtest::TempDir dir;
    const auto path = dir.file("v3upgrade.bdbook");
    bdtest::writeOldBook(path, 3);
    std::string before;
    {
        auto old = Database::open(path, false);
        ASSERT_TRUE(old);
        // SQLite 3.40 misreads the NOT NULL columns of version 3's trades.
        EXPECT_NE(bdtest::integrityCheck(*old), "ok");
        before = tradesByName(*old);
    }
    auto db = openBook(path);
    ASSERT_TRUE(db) << db.error().toString();
    EXPECT_EQ(*queryInt(*db, "PRAGMA user_version"), currentSchemaVersion());
    EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    EXPECT_EQ(bdtest::foreignKeyViolations(*db), 0);
    EXPECT_EQ(tradesByName(*db), before);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM trades"), 5);
    // The key columns come first, in key order; the triggers and statistics are back.
    auto cols = db->prepare("SELECT name FROM pragma_table_info('trades') ORDER BY cid LIMIT 4");
    std::string first;
    while (*cols->step()) first += cols->text(0) + " ";
    EXPECT_EQ(first, "trade_month client_ref trade_time trade_id ");
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND "
                             "tbl_name = 'trades'"),
              3);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'trades'"), 1);
    ASSERT_TRUE(db->exec("UPDATE trades SET amount = 1 WHERE trade_id = 'T1'"));
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM trade_days_dirty"), 1);
    auto backup = Database::open(path + ".v3.bak", false);
    ASSERT_TRUE(backup);
    EXPECT_EQ(*queryInt(*backup, "PRAGMA user_version"), 3);
}

TEST(Schema, EveryUpgradeEndsInTheSchemaOfANewBook) {
    bdtest::TempDir dir;
    auto fresh = openBook(dir.file("fresh.bdbook"));
    ASSERT_TRUE(fresh) << fresh.error().toString();
    const std::string want = bdtest::schemaOf(*fresh);
    EXPECT_NE(want.find("CREATE TABLE \"trades\" (\n  trade_month INTEGER NOT NULL,"),
              std::string::npos)
        << want;
    for (int version = 1; version < std::min(currentSchemaVersion(), bdtest::kNewestOldBook + 1);
         ++version) {
        const auto path = dir.file("v" + std::to_string(version) + ".bdbook");
        bdtest::writeOldBook(path, version);
        auto db = openBook(path);
        ASSERT_TRUE(db) << db.error().toString();
        EXPECT_EQ(bdtest::schemaOf(*db), want) << "from version " << version;
        EXPECT_EQ(bdtest::integrityCheck(*db), "ok") << "from version " << version;
        EXPECT_EQ(bdtest::foreignKeyViolations(*db), 0) << "from version " << version;
    }
}

TEST(Schema, EveryWithoutRowidTableDeclaresItsKeyColumnsFirstInKeyOrder) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    auto tables = db->prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND "
                              "sql LIKE '%WITHOUT ROWID%' ORDER BY name");
    ASSERT_TRUE(tables);
    int checked = 0;
    while (*tables->step()) {
        const std::string table = tables->text(0);
        // A key column's position among the columns must be its position in the key.
        auto bad = db->prepare("SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0 AND "
                               "pk <> cid + 1");
        bad->bind(1, std::string_view(table));
        ASSERT_TRUE(*bad->step());
        EXPECT_EQ(bad->int64(0), 0) << table;
        ++checked;
    }
    EXPECT_GE(checked, 20);
}
