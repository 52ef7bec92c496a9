#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/db/bulkinsert.h"
#include "storage/db/database.h"
#include "storage/import/import_rowsource.h"
#include "support/memorydb.h"

using namespace bd;
using namespace bd::storage;
using bdtest::memoryDb;

TEST(BulkInsert, WritesEveryKindOfValueExactly) {
    Database db = memoryDb();
    ASSERT_TRUE(
        db.exec("CREATE TABLE t(k INTEGER PRIMARY KEY, r REAL, s TEXT NOT NULL, n TEXT)").ok());
    std::vector<std::string> texts{"", "alpha", "价值 explanation"};
    const std::size_t rows = 1000;
    auto s = bulkInsert(db, "t", {"k", "r", "s", "n"}, rows, [&](std::size_t i, BulkRow& v) {
        v[0] = BulkValue::of(static_cast<std::int64_t>(i) * 3 - 7);
        v[1] = BulkValue::real(0.1 * static_cast<double>(i) + 1e-17);
        v[2] = BulkValue::text(texts[i % texts.size()]);
        v[3] = i % 2 ? BulkValue::null() : BulkValue::text(texts[1]);
    });
    ASSERT_TRUE(s.ok()) << s.error().toString();
    auto st = db.prepare("SELECT k, r, s, n, typeof(r), typeof(s), typeof(n) FROM t ORDER BY k");
    ASSERT_TRUE(st.ok());
    std::size_t i = 0;
    for (;; ++i) {
        auto r = st->step();
        ASSERT_TRUE(r.ok());
        if (!*r) break;
        EXPECT_EQ(st->int64(0), static_cast<std::int64_t>(i) * 3 - 7);
        EXPECT_EQ(st->real(1), 0.1 * static_cast<double>(i) + 1e-17); // bit for bit
        EXPECT_EQ(st->text(2), texts[i % texts.size()]);
        EXPECT_EQ(st->text(4), "real");
        EXPECT_EQ(st->text(5), "text"); // empty text stays '' (not NULL)
        EXPECT_EQ(st->text(6), i % 2 ? "null" : "text");
    }
    EXPECT_EQ(i, rows);
}

TEST(BulkInsert, FailsWholeStatementOnConstraintAndAcceptsEmpty) {
    Database db = memoryDb();
    ASSERT_TRUE(db.exec("CREATE TABLE t(k INTEGER PRIMARY KEY)").ok());
    EXPECT_TRUE(bulkInsert(db, "t", {"k"}, 0, [](std::size_t, BulkRow&) {}).ok());
    auto s = bulkInsert(db, "t", {"k"}, 10, [](std::size_t i, BulkRow& v) {
        v[0] = BulkValue::of(i == 9 ? 0 : static_cast<std::int64_t>(i)); // duplicate key 0
    });
    EXPECT_FALSE(s.ok());
    auto st = db.prepare("SELECT count(*) FROM t");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(st->step().ok());
    EXPECT_EQ(st->int64(0), 0); // statement-level rollback: nothing half-written
    EXPECT_FALSE(bulkInsert(db, "t", {}, 1, [](std::size_t, BulkRow&) {}).ok());
}

TEST(ImportRows, AFailingRowUndoesTheInsertOrInARunKeepsTheRowsBeforeItForTheRunToRollBack) {
    Database db = memoryDb();
    ASSERT_TRUE(db.exec("CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT NOT NULL)").ok());
    const auto count = [&] {
        auto st = db.prepare("SELECT count(*) FROM t");
        EXPECT_TRUE(st.ok() && st->step().ok());
        return st->int64(0);
    };
    // Rows 0..9, the last one repeating key 0.
    const imp::RowFill fill = [](std::size_t i, imp::Values& v) {
        v[0] = imp::Value::of(i == 9 ? 0 : static_cast<std::int64_t>(i));
        v[1] = imp::Value::text("x");
    };
    {
        Transaction tx(db);
        ASSERT_TRUE(tx.began().ok());
        EXPECT_FALSE(imp::insertRows(db, "t", {"k", "v"}, 10, fill).ok());
        EXPECT_EQ(count(), 0); // the statement undone
        EXPECT_FALSE(imp::insertRowsInRun(db, "t", {"k", "v"}, 10, fill).ok());
        EXPECT_EQ(count(), 9); // the rows before the failing one stay ...
    }
    EXPECT_EQ(count(), 0); // ... until the run's transaction is rolled back
    ASSERT_TRUE(imp::insertRowsInRun(db, "t", {"k", "v"}, 9, fill).ok());
    EXPECT_EQ(count(), 9);
}
