// Schema v11: a version 10 book keeps its candidate k and gains, empty, how sure each choice was
// (the silhouette's standard error and the samples' agreement) and why a run is one segment.
#include <gtest/gtest.h>

#include "storage/book/segmentstore.h"
#include "storage/schema/schema.h"
#include "support/oldbooks.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::storage;

TEST(SchemaV11, UpgradesAVersion10BookAfterABackupAndKeepsItsCandidates) {
    bdtest::TempDir dir;
    const auto path = dir.file("v10.bdbook");
    bdtest::writeOldBook(path, 10);
    {
        auto old = Database::open(path, false);
        ASSERT_TRUE(old);
        ASSERT_TRUE(old->exec("INSERT INTO analytics_runs(id, kind, started_at, parameters) "
                              "VALUES (1, 'value', '2026-01-01 00:00:00', '{}')"));
        ASSERT_TRUE(old->exec("INSERT INTO segment_k_choices VALUES (1, 2, 0.31, 10.5, 5000), "
                              "(1, 3, 0.36, 8.25, 5000)"));
    }
    auto db = openBook(path);
    ASSERT_TRUE(db) << db.error().toString();
    EXPECT_EQ(*queryInt(*db, "PRAGMA user_version"), currentSchemaVersion());
    EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    auto kept = loadSegmentKChoices(*db, 1);
    ASSERT_TRUE(kept) << kept.error().toString();
    ASSERT_EQ(kept->size(), 2u);
    EXPECT_EQ((*kept)[1].k, 3);
    EXPECT_DOUBLE_EQ((*kept)[1].silhouette, 0.36);
    EXPECT_EQ((*kept)[1].sample_rows, 5000);
    EXPECT_FALSE((*kept)[1].silhouette_se.has_value()); // chosen on one sample then
    EXPECT_FALSE((*kept)[1].agreement.has_value());
    auto backup = Database::open(path + ".v10.bak", false);
    ASSERT_TRUE(backup);
    EXPECT_EQ(*queryInt(*backup, "PRAGMA user_version"), 10);
}

TEST(SchemaV11, ARunKeepsWhyItIsOneSegmentAndHowSureEachKWas) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("INSERT INTO analytics_runs(id, kind, started_at, parameters) "
                         "VALUES (7, 'value', '2026-01-01 00:00:00', '{}')"));
    SegmentRunData data;
    data.run.run_id = 7;
    data.run.clients = 40;
    data.run.k = 1;
    data.run.unsegmented = "no_stable_structure";
    SegmentRow whole;
    whole.segment_id = 1;
    whole.name_fact = R"({"k":"whole_book"})";
    whole.size = 40;
    data.segments.push_back(whole);
    SegmentKChoiceRow two;
    two.k = 2;
    two.silhouette = 0.28;
    two.inertia = 3.5;
    two.sample_rows = 32;
    two.silhouette_se = 0.004;
    two.agreement = 0.41;
    data.k_choices.push_back(two);
    ASSERT_TRUE(saveSegmentRun(*db, data));
    auto run = loadSegmentRun(*db, 7);
    ASSERT_TRUE(run) << run.error().toString();
    EXPECT_EQ(run->unsegmented, "no_stable_structure");
    EXPECT_EQ(run->k, 1);
    auto choices = loadSegmentKChoices(*db, 7);
    ASSERT_TRUE(choices);
    ASSERT_EQ(choices->size(), 1u);
    EXPECT_DOUBLE_EQ(*(*choices)[0].silhouette_se, 0.004);
    EXPECT_DOUBLE_EQ(*(*choices)[0].agreement, 0.41);
}
