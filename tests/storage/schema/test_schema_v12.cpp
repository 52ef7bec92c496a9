// Schema v12: a version 11 book gains the relations between clients (empty) and the clients'
// risk assessment date (none), keeps its rows, and a local correction of the date is kept over
// an import like the other trading-system fields.
#include <gtest/gtest.h>

#include "storage/schema/schema.h"
#include "support/oldbooks.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::storage;

TEST(SchemaV12, UpgradesAVersion11BookAfterABackupWithRelationsAndAssessmentDates) {
    bdtest::TempDir dir;
    const auto path = dir.file("v11.bdbook");
    bdtest::writeOldBook(path, 11);
    auto db = openBook(path);
    ASSERT_TRUE(db) << db.error().toString();
    EXPECT_EQ(*queryInt(*db, "PRAGMA user_version"), currentSchemaVersion());
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM client_relations"), 0);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM clients WHERE risk_assessed_on IS NULL"), 2);
    EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    auto backup = Database::open(path + ".v11.bak", false);
    ASSERT_TRUE(backup);
    EXPECT_EQ(*queryInt(*backup, "PRAGMA user_version"), 11);
}

TEST(SchemaV12, AnImportKeepsACorrectedAssessmentDateAndRecordsTheConflictOnce) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("INSERT INTO brokers(broker_id) VALUES ('B1');"
                         "INSERT INTO clients(id, client_id, name, broker_id, open_date, "
                         "risk_assessed_on) VALUES (1, 'C1', 'one', 'B1', 19000, 20000);"
                         "INSERT INTO client_corrections(client_ref, field, value, at, actor) "
                         "VALUES (1, 'risk_assessed_on', 20000, 0, 'me');"));
    for (int night = 0; night < 2; ++night)
        ASSERT_TRUE(db->exec("UPDATE clients SET risk_assessed_on = 19500 WHERE id = 1"));
    EXPECT_EQ(*queryInt(*db, "SELECT risk_assessed_on FROM clients"), 20000);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM client_correction_conflicts"), 1);
    EXPECT_EQ(*queryInt(*db, "SELECT incoming FROM client_correction_conflicts"), 19500);
    // An update that leaves the date alone records nothing.
    ASSERT_TRUE(db->exec("UPDATE clients SET name = 'uno' WHERE id = 1"));
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM client_correction_conflicts"), 1);
}
