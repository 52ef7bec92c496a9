// Schema v10: a version 9 book gains the table of each segmentation's candidate k, empty, and
// keeps its rows.
#include <gtest/gtest.h>

#include "storage/book/segmentstore.h"
#include "storage/schema/schema.h"
#include "support/oldbooks.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::storage;

TEST(SchemaV10, UpgradesAVersion9BookAfterABackupWithAnEmptyTableOfKChoices) {
    bdtest::TempDir dir;
    const auto path = dir.file("v9.bdbook");
    bdtest::writeOldBook(path, 9);
    auto db = openBook(path);
    ASSERT_TRUE(db) << db.error().toString();
    EXPECT_EQ(*queryInt(*db, "PRAGMA user_version"), currentSchemaVersion());
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM segment_k_choices"), 0);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM clients"), 2);
    EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    auto backup = Database::open(path + ".v9.bak", false);
    ASSERT_TRUE(backup);
    EXPECT_EQ(*queryInt(*backup, "PRAGMA user_version"), 9);
    auto none = loadSegmentKChoices(*db, 1);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}
