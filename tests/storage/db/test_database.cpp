// The SQLite wrapper itself (storage/db/database.h, columns.h): binding every type, NULLs,
// blobs, the row loops, enums stored as codes and read back checked, column lists, transactions
// and errors located with their SQL.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "storage/db/columns.h"
#include "storage/db/database.h"
#include "support/memorydb.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::storage;
using bdtest::memoryDb;

namespace {

Database tableDb() {
    Database db = memoryDb();
    EXPECT_TRUE(db.exec("CREATE TABLE v(i INTEGER, r REAL, t TEXT, b BLOB)").ok());
    return db;
}

/// typeof() and the value's text of one column of the only row of v.
std::pair<std::string, std::string> stored(Database& db, const char* column) {
    auto st =
        db.prepare(std::string("SELECT typeof(") + column + "), quote(" + column + ") FROM v");
    EXPECT_TRUE(st.ok());
    std::pair<std::string, std::string> out;
    auto found = st->first([&](const Statement& row) { out = {row.text(0), row.text(1)}; });
    EXPECT_TRUE(found.ok() && *found);
    return out;
}

} // namespace

TEST(Database, BindsEachTypeInItsStoredForm) {
    Database db = tableDb();
    auto ins = db.prepare("INSERT INTO v(i, r, t) VALUES (?1, ?2, ?3)");
    ASSERT_TRUE(ins.ok());
    struct Case {
        std::function<void(Statement&)> bind;
        std::string type, value;
    };
    const std::vector<Case> cases = {
        {[](Statement& s) { s.bind(1, std::numeric_limits<std::int64_t>::min()); }, "integer",
         "-9223372036854775808"},
        {[](Statement& s) { s.bind(1, 42); }, "integer", "42"},
        {[](Statement& s) { s.bind(1, true); }, "integer", "1"},
        {[](Statement& s) { s.bind(1, Date::fromYmd(2024, 3, 1)); }, "integer", "19783"},
        {[](Statement& s) { s.bind(1, DateTime{1700000000}); }, "integer", "1700000000"},
        {[](Statement& s) { s.bind(1, Money::fromUnits(-12345)); }, "integer", "-12345"},
        {[](Statement& s) { s.bind(1, Outcome::Complaint); }, "integer", "4"},
        {[](Statement& s) { s.bind(1, std::optional<int>{}); }, "null", "NULL"},
        {[](Statement& s) { s.bind(1, std::nullopt); }, "null", "NULL"},
        {[](Statement& s) { s.bindNull(1); }, "null", "NULL"},
        {[](Statement& s) { s.bind(1, std::optional<Date>{Date{3}}); }, "integer", "3"},
    };
    for (const Case& c : cases) {
        ASSERT_TRUE(db.exec("DELETE FROM v").ok());
        c.bind(*ins);
        ins->bind(2, 0.5).bind(3, std::string("x"));
        ASSERT_TRUE(ins->run().ok());
        EXPECT_EQ(stored(db, "i"), std::make_pair(c.type, c.value));
    }
    ASSERT_TRUE(db.exec("DELETE FROM v").ok());
    const std::string text = "价值 'quoted'";
    ins->bind(1, 0).bind(2, 0.1).bind(3, text);
    ASSERT_TRUE(ins->run().ok());
    EXPECT_EQ(stored(db, "r"), std::make_pair(std::string("real"), std::string("0.1")));
    EXPECT_EQ(stored(db, "t"),
              std::make_pair(std::string("text"), std::string("'价值 ''quoted'''")));
}

TEST(Database, BindAllNumbersItsParametersInOrder) {
    Database db = tableDb();
    auto ins = db.prepare("INSERT INTO v(i, r, t, b) VALUES (?1, ?2, ?3, ?4)");
    ASSERT_TRUE(ins.ok());
    ins->bindAll(7, 2.5, "text", std::optional<std::string>{});
    ASSERT_TRUE(ins->run().ok());
    auto st = db.prepare("SELECT i, r, t, b FROM v");
    ASSERT_TRUE(st.ok());
    auto found = st->first([](const Statement& row) {
        EXPECT_EQ(row.int64(0), 7);
        EXPECT_EQ(row.real(1), 2.5);
        EXPECT_EQ(row.text(2), "text");
        EXPECT_TRUE(row.isNull(3));
    });
    ASSERT_TRUE(found.ok());
    EXPECT_TRUE(*found);
}

TEST(Database, NullsReadAsEmptyOrAbsent) {
    Database db = tableDb();
    ASSERT_TRUE(db.exec("INSERT INTO v VALUES (NULL, NULL, NULL, NULL)").ok());
    auto st = db.prepare("SELECT i, r, t, b FROM v");
    ASSERT_TRUE(st.ok());
    auto found = st->first([](const Statement& row) {
        for (int c = 0; c < 4; ++c) EXPECT_TRUE(row.isNull(c));
        EXPECT_EQ(row.int64(0), 0);
        EXPECT_EQ(row.text(2), "");
        EXPECT_EQ(row.blob(3).size(), 0u);
        EXPECT_FALSE(row.optInt64(0));
        EXPECT_FALSE(row.optReal(1));
        EXPECT_FALSE(row.optText(2));
        EXPECT_FALSE(row.optDate(0));
        EXPECT_FALSE(row.optMoney(0));
    });
    ASSERT_TRUE(found.ok());
    EXPECT_TRUE(*found);
}

TEST(Database, BlobsKeepEveryByte) {
    Database db = tableDb();
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
    auto ins = db.prepare("INSERT INTO v(b) VALUES (?1)");
    ASSERT_TRUE(ins.ok());
    ins->bindBlob(1, bytes);
    ASSERT_TRUE(ins->run().ok());
    EXPECT_EQ(stored(db, "b").first, "blob");
    auto st = db.prepare("SELECT b FROM v");
    ASSERT_TRUE(st.ok());
    std::string back;
    ASSERT_TRUE(st->first([&](const Statement& row) { back = std::string(row.blob(0)); }).ok());
    EXPECT_EQ(back, bytes);
}

TEST(Database, ForEachVisitsEveryRowInOrderAndCanStop) {
    Database db = tableDb();
    auto ins = db.prepare("INSERT INTO v(i) VALUES (?1)");
    ASSERT_TRUE(ins.ok());
    for (int i = 1; i <= 5; ++i) {
        ins->bind(1, i);
        ASSERT_TRUE(ins->run().ok());
    }
    auto st = db.prepare("SELECT i FROM v ORDER BY i");
    ASSERT_TRUE(st.ok());
    std::vector<std::int64_t> seen;
    ASSERT_TRUE(st->forEach([&](const Statement& row) { seen.push_back(row.int64(0)); }).ok());
    EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3, 4, 5}));

    // Statement-returning callbacks stop at their first error; the statement can run again.
    seen.clear();
    auto s = st->forEach([&](const Statement& row) -> Status {
        if (row.int64(0) == 3) return makeError(ErrorCode::InvalidInput, "three");
        seen.push_back(row.int64(0));
        return {};
    });
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().message, "three");
    EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2}));
    int rows = 0;
    ASSERT_TRUE(st->forEach([&] { ++rows; }).ok());
    EXPECT_EQ(rows, 5);

    auto none = db.prepare("SELECT i FROM v WHERE i > 99");
    ASSERT_TRUE(none.ok());
    auto found = none->first([] { ADD_FAILURE() << "no row expected"; });
    ASSERT_TRUE(found.ok());
    EXPECT_FALSE(*found);
}

TEST(Database, EnumsRoundTripAsTheirCodes) {
    Database db = tableDb();
    auto ins = db.prepare("INSERT INTO v(i) VALUES (?1)");
    ASSERT_TRUE(ins.ok());
    for (int c = 0; c < kEnumCodes<Board>; ++c) {
        ins->bind(1, static_cast<Board>(c));
        ASSERT_TRUE(ins->run().ok());
    }
    auto st = db.prepare("SELECT i FROM v ORDER BY i");
    ASSERT_TRUE(st.ok());
    std::vector<Board> back;
    ASSERT_TRUE(
        st->forEach([&](const Statement& row) { back.push_back(row.enumAt<Board>(0)); }).ok());
    ASSERT_EQ(back.size(), static_cast<std::size_t>(kEnumCodes<Board>));
    for (int c = 0; c < kEnumCodes<Board>; ++c)
        EXPECT_EQ(back[static_cast<std::size_t>(c)], static_cast<Board>(c));
}

TEST(Database, AStoredCodeOutOfRangeIsRefusedWithItsColumnAndSql) {
    Database db = tableDb();
    ASSERT_TRUE(db.exec("INSERT INTO v(i) VALUES (1), (9), (2)").ok());
    auto st = db.prepare("SELECT i AS outcome FROM v ORDER BY rowid");
    ASSERT_TRUE(st.ok());
    std::vector<Outcome> seen;
    auto s = st->forEach([&](const Statement& row) { seen.push_back(row.enumAt<Outcome>(0)); });
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, ErrorCode::Database);
    EXPECT_NE(s.error().message.find("stored code 9"), std::string::npos) << s.error().message;
    EXPECT_EQ(s.error().column_name, "outcome");
    EXPECT_NE(s.error().value.find("SELECT i AS outcome FROM v"), std::string::npos);
    EXPECT_EQ(seen.size(), 2u); // the bad row was read, then the loop stopped

    auto neg = db.prepare("SELECT -1");
    ASSERT_TRUE(neg.ok());
    auto found = neg->first([](const Statement& row) { (void)row.enumAt<Side>(0); });
    EXPECT_FALSE(found.ok());
    // The error is reported once; the statement is usable again.
    found = neg->first([](const Statement& row) { EXPECT_EQ(row.int64(0), -1); });
    EXPECT_TRUE(found.ok());
}

TEST(Database, ErrorsNameTheirSql) {
    Database db = tableDb();
    auto bad = db.prepare("SELECT nope FROM v");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::Database);
    EXPECT_NE(bad.error().message.find("no such column: nope"), std::string::npos);
    EXPECT_EQ(bad.error().value, "SELECT nope FROM v");

    ASSERT_TRUE(db.exec("CREATE TABLE u(k INTEGER PRIMARY KEY, n TEXT NOT NULL)").ok());
    auto ins = db.prepare("INSERT INTO u(k, n) VALUES (?1, ?2)");
    ASSERT_TRUE(ins.ok());
    ins->bindAll(1, std::optional<std::string>{});
    auto s = ins->run();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("NOT NULL"), std::string::npos) << s.error().message;
    EXPECT_EQ(s.error().value, "INSERT INTO u(k, n) VALUES (?1, ?2)");

    // A parameter the SQL does not have is refused at the next step, not ignored.
    ins->bind(3, 5);
    ins->bind(2, "n");
    s = ins->run();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("parameter 3"), std::string::npos) << s.error().message;
    EXPECT_TRUE(ins->run().ok()); // reported once

    auto ex = db.exec("CREATE TABLE u(x)");
    ASSERT_FALSE(ex.ok());
    EXPECT_EQ(ex.error().value, "CREATE TABLE u(x)");
    EXPECT_FALSE(queryInt(db, "SELECT k FROM u WHERE k = 99").ok());
}

TEST(Database, TransactionsCommitOrRollBack) {
    bdtest::TempDir dir("database");
    const std::string path = (dir.path() / "t.db").string();
    auto db = Database::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("CREATE TABLE t(x INTEGER)").ok());
    {
        Transaction tx(*db);
        ASSERT_TRUE(tx.began().ok());
        ASSERT_TRUE(execute(*db, "INSERT INTO t VALUES (?1)", 1).ok());
        ASSERT_TRUE(tx.commit().ok());
    }
    {
        Transaction tx(*db);
        ASSERT_TRUE(tx.began().ok());
        ASSERT_TRUE(execute(*db, "INSERT INTO t VALUES (?1)", 2).ok());
        // Not committed: rolled back when it goes out of scope.
    }
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM t"), 1);
    EXPECT_EQ(*queryInt(*db, "SELECT sum(x) FROM t"), 1);

    // A second connection sees only what was committed.
    auto other = Database::open(path, false);
    ASSERT_TRUE(other.ok());
    EXPECT_EQ(*queryInt(*other, "SELECT count(*) FROM t"), 1);
    {
        Transaction tx(*db, Transaction::Lock::Exclusive);
        ASSERT_TRUE(tx.began().ok());
        ASSERT_TRUE(execute(*db, "INSERT INTO t VALUES (?1)", 3).ok());
        ASSERT_TRUE(tx.commit().ok());
    }
    EXPECT_EQ(*queryInt(*other, "SELECT count(*) FROM t"), 2);
}

namespace {

struct Sample {
    std::int64_t id = 0;
    std::string name;
    std::string note; // stored NULL when empty
    Date day;
    std::optional<Date> due;
    Money amount;
    double share = 0;
    bool flag = false;
    ContactChannel channel = ContactChannel::Unknown;
    std::optional<int> level;
};

constexpr auto kSampleColumns =
    columnList(column("id", &Sample::id, kGenerated), column("name", &Sample::name),
               column("note", &Sample::note, kEmptyIsNull), column("day", &Sample::day),
               column("due", &Sample::due), column("amount", &Sample::amount),
               column("share", &Sample::share), column("flag", &Sample::flag),
               column("channel", &Sample::channel), column("level", &Sample::level));

} // namespace

TEST(ColumnList, OneListMakesTheInsertAndTheSelect) {
    static_assert(kSampleColumns.size == 10);
    static_assert(kSampleColumns.insertedCount() == 9);
    static_assert(kSampleColumns.insertedIndex("name") == 0);
    static_assert(kSampleColumns.insertedIndex("level") == 8);
    static_assert(kSampleColumns.insertedIndex("id") == -1);
    EXPECT_EQ(insertSql("s", kSampleColumns, {"run_id"}, {"extra"}),
              "INSERT INTO s(run_id, name, note, day, due, amount, share, flag, channel, level, "
              "extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    EXPECT_EQ(selectList(kSampleColumns, "x."),
              "x.id, x.name, x.note, x.day, x.due, x.amount, x.share, x.flag, x.channel, x.level");
}

TEST(ColumnList, RowsRoundTripThroughTheirColumnList) {
    Database db = memoryDb();
    ASSERT_TRUE(db.exec("CREATE TABLE s(id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, "
                        "day INTEGER NOT NULL, due INTEGER, amount INTEGER NOT NULL, share REAL, "
                        "flag INTEGER, channel INTEGER, level INTEGER)")
                    .ok());
    std::vector<Sample> rows(2);
    rows[0].name = "甲";
    rows[0].day = Date{19000};
    rows[0].amount = Money::fromUnits(123456);
    rows[0].share = 0.25;
    rows[0].channel = ContactChannel::Wechat;
    rows[1].name = "B";
    rows[1].note = "call after 3pm";
    rows[1].day = Date{-3};
    rows[1].due = Date{19010};
    rows[1].flag = true;
    rows[1].channel = ContactChannel::Visit;
    rows[1].level = 4;
    auto ins = db.prepare(insertSql("s", kSampleColumns));
    ASSERT_TRUE(ins.ok()) << ins.error().toString();
    for (Sample& r : rows) {
        EXPECT_EQ(bindColumns(*ins, 1, kSampleColumns, r), 10);
        ASSERT_TRUE(ins->run().ok());
        r.id = db.lastInsertRowId();
    }
    EXPECT_EQ(*queryInt(db, "SELECT count(*) FROM s WHERE note IS NULL"), 1);

    auto st = db.prepare("SELECT " + selectList(kSampleColumns) + " FROM s ORDER BY id");
    ASSERT_TRUE(st.ok());
    std::vector<Sample> back;
    ASSERT_TRUE(st->forEach([&](const Statement& row) {
                      EXPECT_EQ(readColumns(row, 0, kSampleColumns, back.emplace_back()), 10);
                  }).ok());
    ASSERT_EQ(back.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(back[i].id, rows[i].id);
        EXPECT_EQ(back[i].name, rows[i].name);
        EXPECT_EQ(back[i].note, rows[i].note);
        EXPECT_EQ(back[i].day, rows[i].day);
        EXPECT_EQ(back[i].due, rows[i].due);
        EXPECT_EQ(back[i].amount.units, rows[i].amount.units);
        EXPECT_EQ(back[i].share, rows[i].share);
        EXPECT_EQ(back[i].flag, rows[i].flag);
        EXPECT_EQ(back[i].channel, rows[i].channel);
        EXPECT_EQ(back[i].level, rows[i].level);
    }

    // The same list feeds the bulk writer.
    ASSERT_TRUE(db.exec("DELETE FROM s").ok());
    auto s = bulkInsert(
        db, "s", bulkColumns(kSampleColumns), rows.size(),
        [&](std::size_t k, BulkRow& v) { EXPECT_EQ(fillBulk(v, 0, kSampleColumns, rows[k]), 9u); });
    ASSERT_TRUE(s.ok()) << s.error().toString();
    EXPECT_EQ(*queryInt(db, "SELECT count(*) FROM s WHERE note IS NULL"), 1);
    EXPECT_EQ(*queryInt(db, "SELECT sum(channel) FROM s"), 3 + 5); // Wechat, Visit
    EXPECT_EQ(*queryInt(db, "SELECT sum(due IS NULL) + sum(level IS NULL) FROM s"), 2);
}

TEST(ColumnList, ReadIntoReadsColumnsInOrderEachByItsType) {
    Database db = memoryDb();
    auto st = db.prepare("SELECT 7, '甲', NULL, 19000, 3, 4, 99");
    ASSERT_TRUE(st.ok());
    std::int64_t id = 0;
    std::string name;
    std::optional<Date> due = Date{1};
    Date day;
    ContactChannel channel = ContactChannel::Unknown;
    int level = 0;
    auto found = st->first([&](const Statement& row) {
        EXPECT_EQ(readInto(row, 0, id, name, due, day, channel), 5);
        EXPECT_EQ(readInto(row, 5, level), 6);
    });
    ASSERT_TRUE(found.ok() && *found);
    EXPECT_EQ(id, 7);
    EXPECT_EQ(name, "甲");
    EXPECT_FALSE(due.has_value());
    EXPECT_EQ(day, Date{19000});
    EXPECT_EQ(channel, ContactChannel::Wechat);
    EXPECT_EQ(level, 4);

    // An enum read as a column list's member is: a code out of range fails the statement.
    auto bad = db.prepare("SELECT 99");
    ASSERT_TRUE(bad.ok());
    auto refused = bad->first([&](const Statement& row) { readInto(row, 0, channel); });
    EXPECT_FALSE(refused.ok());
}
