// Cancelling a refresh or a plan rebuild (the workstation's Cancel): whichever stage the cancel
// comes in, the run says it was cancelled and the book is exactly as it was, row for row.
#include <gtest/gtest.h>

#include <atomic>
#include <optional>

#include "demo/demogenerator.h"
#include "services/planrebuild.h"
#include "services/refresh.h"
#include "storage/schema/schema.h"
#include "support/tempdir.h"

using namespace bd;

namespace {

/// Every row of every table, in rowid order: two equal dumps are the same book.
std::string dumpBook(storage::Database& db) {
    std::vector<std::string> tables;
    auto names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                            "LIKE 'sqlite_%' ORDER BY name");
    EXPECT_TRUE(names.ok());
    if (!names) return {};
    EXPECT_TRUE(names->forEach([&](const storage::Statement& r) { tables.push_back(r.text(0)); }));
    std::string out;
    for (const auto& t : tables) {
        out += "## " + t + "\n";
        auto rows = db.prepare("SELECT * FROM \"" + t + "\"");
        EXPECT_TRUE(rows.ok()) << t;
        if (!rows) continue;
        EXPECT_TRUE(rows->forEach([&](const storage::Statement& r) {
            for (int c = 0; c < r.columnCount(); ++c) out += r.text(c) + "|";
            out += "\n";
        }));
    }
    return out;
}

class CancelTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::string path = m_dir.file("cancel.bdbook");
        demo::DemoOptions o;
        o.clients = 300;
        o.seed = 5;
        o.history_years = 1;
        auto gen = demo::createDemoBook(path, o, false);
        ASSERT_TRUE(gen.ok()) << gen.error().toString();
        m_asOf = o.as_of;
        auto db = storage::openBook(path, {.create = false});
        ASSERT_TRUE(db.ok()) << db.error().toString();
        m_db.emplace(std::move(*db));
        // A book refreshed and planned once, as a broker's book is before the next night.
        services::RefreshOptions ro;
        ro.as_of = m_asOf;
        ASSERT_TRUE(services::refreshBook(*m_db, ro).ok());
        services::PlanOptions po;
        po.as_of = m_asOf;
        ASSERT_TRUE(services::rebuildPlan(*m_db, po).ok());
    }

    bdtest::TempDir m_dir;
    Date m_asOf;
    std::optional<storage::Database> m_db;
};

} // namespace

TEST_F(CancelTest, ARefreshCancelledAtAnyStageLeavesTheBookAsItWas) {
    const std::string before = dumpBook(*m_db);
    // How many times a whole run reports progress: one cancel point after each.
    int reports = 0;
    services::RefreshOptions whole;
    whole.as_of = m_asOf;
    whole.progress = [&](std::string_view, double) { ++reports; };
    {
        // Counted on a copy of the book's state: the run is rolled back by a cancel at the end.
        std::atomic<bool> never{false};
        whole.cancel = &never;
        ASSERT_TRUE(m_db->exec("SAVEPOINT counting"));
        ASSERT_TRUE(services::refreshBook(*m_db, whole).ok());
        ASSERT_TRUE(m_db->exec("ROLLBACK TO counting; RELEASE counting"));
    }
    ASSERT_GE(reports, 10);
    EXPECT_EQ(dumpBook(*m_db), before);
    for (int at = 1; at <= reports; ++at) {
        std::atomic<bool> cancel{false};
        services::RefreshOptions o;
        o.as_of = m_asOf;
        o.cancel = &cancel;
        int seen = 0;
        o.progress = [&](std::string_view, double) {
            if (++seen == at) cancel = true;
        };
        auto r = services::refreshBook(*m_db, o);
        ASSERT_TRUE(r.ok()) << r.error().toString();
        EXPECT_TRUE(r->cancelled) << "cancelled at progress report " << at;
        EXPECT_EQ(r->run_id, 0);
        EXPECT_EQ(dumpBook(*m_db), before) << "cancelled at progress report " << at;
    }
    // Not cancelled: the run is written.
    std::atomic<bool> cancel{false};
    services::RefreshOptions o;
    o.as_of = m_asOf;
    o.cancel = &cancel;
    auto r = services::refreshBook(*m_db, o);
    ASSERT_TRUE(r.ok()) << r.error().toString();
    EXPECT_FALSE(r->cancelled);
    EXPECT_GT(r->run_id, 0);
    EXPECT_NE(dumpBook(*m_db), before);
}

TEST_F(CancelTest, APlanRebuildCancelledAtAnyStageLeavesTheBookAsItWas) {
    const std::string before = dumpBook(*m_db);
    std::vector<double> stages;
    {
        services::PlanOptions o;
        o.as_of = m_asOf;
        o.progress = [&](double f) { stages.push_back(f); };
        ASSERT_TRUE(m_db->exec("SAVEPOINT counting"));
        ASSERT_TRUE(services::rebuildPlan(*m_db, o).ok());
        ASSERT_TRUE(m_db->exec("ROLLBACK TO counting; RELEASE counting"));
    }
    ASSERT_EQ(stages.size(), 4u); // before loading, triggers, scheduling and saving
    for (std::size_t at = 0; at < stages.size(); ++at) {
        std::atomic<bool> cancel{false};
        services::PlanOptions o;
        o.as_of = m_asOf;
        o.cancel = &cancel;
        std::size_t seen = 0;
        o.progress = [&](double) {
            if (seen++ == at) cancel = true;
        };
        auto r = services::rebuildPlan(*m_db, o);
        ASSERT_TRUE(r.ok()) << r.error().toString();
        EXPECT_TRUE(r->cancelled) << "cancelled at stage " << at;
        EXPECT_EQ(r->planned, 0u);
        EXPECT_EQ(dumpBook(*m_db), before) << "cancelled at stage " << at;
    }
}
