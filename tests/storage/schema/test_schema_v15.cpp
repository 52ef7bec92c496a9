// Schema v15: an older book gains the indexes after a backup and keeps its rows, and the
// workstation's reads use them (the newest snapshot date, each broker's clients, the merged ones).
#include <gtest/gtest.h>

#include <string>

#include "storage/schema/schema.h"
#include "support/oldbooks.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::storage;

namespace {

std::string planOf(Database& db, const std::string& sql) {
    std::string plan;
    auto st = db.prepare("EXPLAIN QUERY PLAN " + sql);
    EXPECT_TRUE(st);
    if (!st) return plan;
    EXPECT_TRUE(st->forEach([&](const Statement& row) { plan += row.text(3) + "\n"; }));
    return plan;
}

} // namespace

TEST(SchemaV15, UpgradesAnOlderBookAfterABackupWithTheSnapshotsByDate) {
    bdtest::TempDir dir;
    const auto path = dir.file("old.bdbook");
    bdtest::writeOldBook(path, bdtest::kNewestOldBook);
    auto db = openBook(path);
    ASSERT_TRUE(db) << db.error().toString();
    EXPECT_EQ(*queryInt(*db, "PRAGMA user_version"), currentSchemaVersion());
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM sqlite_master WHERE name = 'assets_by_date'"),
              1);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM assets"), 1) << "the snapshot is kept";
    EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    auto backup =
        Database::open(path + ".v" + std::to_string(bdtest::kNewestOldBook) + ".bak", false);
    ASSERT_TRUE(backup);
    EXPECT_EQ(*queryInt(*backup, "PRAGMA user_version"), bdtest::kNewestOldBook);
}

TEST(SchemaV15, TheWindowsReadsUseTheNewIndexesNotTheTables) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    // The newest snapshot date: one seek.
    std::string plan = planOf(*db, "SELECT max(date) FROM assets");
    EXPECT_NE(plan.find("assets_by_date"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("SCAN"), std::string::npos) << plan;
    // Each broker's live clients, counted in the partial index.
    plan = planOf(*db, "SELECT count(*) FROM clients c WHERE c.broker_id = 'B1' AND "
                       "c.merged_into IS NULL");
    EXPECT_NE(plan.find("INDEX clients_live_by_broker"), std::string::npos) << plan;
    // The merged clients, which a run's scores leave out.
    plan = planOf(*db, "SELECT id FROM clients WHERE merged_into IS NOT NULL");
    EXPECT_NE(plan.find("clients_merged"), std::string::npos) << plan;
}
