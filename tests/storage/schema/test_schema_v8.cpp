// Schema v8: a version 7 book gains client versions, an append-only audit trail, tags, notes,
// void reasons and local corrections, keeping its rows.
#include <gtest/gtest.h>

#include "storage/schema/schema.h"
#include "support/oldbooks.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::storage;

TEST(SchemaV8, UpgradesAVersion7BookAfterABackupKeepingItsClientsAtVersion1) {
    bdtest::TempDir dir;
    const auto path = dir.file("v7.bdbook");
    bdtest::writeOldBook(path, 7);
    {
        auto old = Database::open(path, false);
        ASSERT_TRUE(old);
        ASSERT_TRUE(old->exec("INSERT INTO audit_log(at, actor, action, entity, entity_id, "
                              "details) VALUES ('2026-01-02 03:04:05', 'li', 'note', 'client', "
                              "'C1', '{}')"));
    }
    auto db = openBook(path);
    ASSERT_TRUE(db) << db.error().toString();
    EXPECT_EQ(*queryInt(*db, "PRAGMA user_version"), currentSchemaVersion());
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM clients WHERE version = 1"), 2);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM audit_log WHERE actor = 'li' AND "
                             "entity_id = 'C1' AND operation = 1"),
              1);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM contacts WHERE void_reason IS NULL"), 1);
    // An update that does not move the version (an import's) moves it.
    ASSERT_TRUE(db->exec("UPDATE clients SET name = 'Z' WHERE client_id = 'C1'"));
    EXPECT_EQ(*queryInt(*db, "SELECT version FROM clients WHERE client_id = 'C1'"), 2);
    // The trail is append-only.
    EXPECT_FALSE(db->exec("UPDATE audit_log SET actor = 'x'"));
    EXPECT_FALSE(db->exec("DELETE FROM audit_log"));
    EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    EXPECT_EQ(bdtest::foreignKeyViolations(*db), 0);
    auto backup = Database::open(path + ".v7.bak", false);
    ASSERT_TRUE(backup);
    EXPECT_EQ(*queryInt(*backup, "PRAGMA user_version"), 7);
}
