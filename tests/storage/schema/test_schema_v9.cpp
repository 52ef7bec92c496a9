// Schema v9: a version 8 book gains the KPI history's tables, empty, keeps its rows, and its
// history can be back-filled and read at once.
#include <gtest/gtest.h>

#include "services/kpi.h"
#include "storage/book/kpistore.h"
#include "storage/schema/schema.h"
#include "support/oldbooks.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::storage;

TEST(SchemaV9, UpgradesAVersion8BookAfterABackupAndBackFillsItsKpiHistory) {
    bdtest::TempDir dir;
    const auto path = dir.file("v8.bdbook");
    bdtest::writeOldBook(path, 8);
    {
        auto old = Database::open(path, false);
        ASSERT_TRUE(old);
        ASSERT_TRUE(old->exec("UPDATE contacts SET satisfaction = 4, outcome = 1"));
    }
    auto db = openBook(path);
    ASSERT_TRUE(db) << db.error().toString();
    EXPECT_EQ(*queryInt(*db, "PRAGMA user_version"), currentSchemaVersion());
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM kpi_months"), 0);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM clients"), 2);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'contacts_for_kpi'"),
              1);
    EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    auto backup = Database::open(path + ".v8.bak", false);
    ASSERT_TRUE(backup);
    EXPECT_EQ(*queryInt(*backup, "PRAGMA user_version"), 8);

    // The old book's trades run from December 1969 to February 2024: one row per month-end
    // and scope, the last month open at the as-of date.
    services::KpiUpdateOptions o;
    o.as_of = Date::fromYmd(2024, 3, 10);
    auto s = services::updateKpiHistory(*db, o);
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->months, static_cast<std::size_t>((2024 - 1970) * 12 + 3 + 1));
    auto months = storedKpiMonths(*db);
    ASSERT_TRUE(months);
    ASSERT_EQ(months->size(), s->months);
    EXPECT_EQ(months->front().first, 196912);
    EXPECT_EQ(months->back().first, 202403);
    EXPECT_EQ(months->back().second, Date::fromYmd(2024, 3, 10));
    KpiQuery q;
    q.scope = KpiScope::Firm;
    q.from = q.to = 202402;
    auto rows = loadKpiMonths(*db, q);
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 1u);
    const KpiFigures& feb = rows->front().figures;
    EXPECT_EQ(feb.clients, 2);
    EXPECT_EQ(feb.active, 2);             // C1 and C2 traded on 1 and 29 February
    EXPECT_EQ(feb.commission, 2 * 50000); // two trades of 5 CNY
    EXPECT_EQ(feb.aum, 12);               // C1's snapshot of 19700 (2023-12-09)
    q.from = q.to = 202311;
    rows = loadKpiMonths(*db, q);
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->front().figures.contacts, 1); // 1700000000 = 2023-11-14
    EXPECT_EQ(rows->front().figures.contact_grid[1][1], 1);
    EXPECT_DOUBLE_EQ(rows->front().figures.meanSatisfaction(), 4.0);
}
