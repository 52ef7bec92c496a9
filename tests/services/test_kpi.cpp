// The KPI history use case (services/kpi.h) on a demo book: back-filled by the first refresh,
// kept by later ones, the firm equal to the sum of its branches and brokers, the last month's
// profit equal to the refresh's own.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "demo/demogenerator.h"
#include "services/kpi.h"
#include "services/refresh.h"
#include "storage/schema/schema.h"
#include "support/tempdir.h"
#include "support/xlsxread.h"

using namespace bd;

namespace {

class KpiHistoryTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_path = m_dir.file("kpi.bdbook");
        demo::DemoOptions o;
        o.clients = 300;
        o.seed = 11;
        o.history_years = 2;
        auto gen = demo::createDemoBook(m_path, o, false);
        ASSERT_TRUE(gen.ok()) << gen.error().toString();
        m_asOf = o.as_of;
        auto db = storage::openBook(m_path, {.create = false});
        ASSERT_TRUE(db.ok()) << db.error().toString();
        m_db.emplace(std::move(*db));
    }
    storage::Database& db() { return *m_db; }
    std::int64_t count(const std::string& sql) {
        auto v = storage::queryInt(db(), sql);
        EXPECT_TRUE(v.ok()) << sql;
        return v.ok() ? *v : -1;
    }

    bdtest::TempDir m_dir;
    std::string m_path;
    Date m_asOf;
    std::optional<storage::Database> m_db;
};

/// The figures of every scope of a month, summed (every KpiFigures member is a count or sum).
KpiFigures sumOf(const std::vector<services::KpiLine>& lines, KpiMonth month, KpiScope scope) {
    KpiFigures f;
    for (const auto& l : lines)
        if (l.row.month == month && l.row.scope == scope) f += l.row.figures;
    return f;
}

} // namespace

TEST_F(KpiHistoryTest, TheFirstRefreshBackFillsEveryMonthEndOfTheHistory) {
    // Closed accounts reopened: the refresh scores a closed account whatever its last activity,
    // the KPIs count it only up to then (docs/kpi.md), and here both must see the same clients.
    ASSERT_TRUE(db().exec("UPDATE clients SET status = 1 WHERE status = 3"));
    services::RefreshOptions ro;
    ro.as_of = m_asOf;
    auto run = services::refreshBook(db(), ro);
    ASSERT_TRUE(run.ok()) << run.error().toString();
    auto months = services::kpiMonths(db());
    ASSERT_TRUE(months.ok());
    // Two years of history (and the first month of trades) up to the open month of the as-of.
    ASSERT_GE(months->size(), 24u);
    EXPECT_EQ(run->kpi_months_written, months->size());
    EXPECT_EQ(months->back().first, kpiMonthOf(m_asOf));
    EXPECT_EQ(months->back().second, m_asOf);

    auto lines = services::loadKpiLines(db(), {});
    ASSERT_TRUE(lines.ok()) << lines.error().toString();
    for (const auto& [month, asOf] : *months) {
        KpiFigures firm = sumOf(*lines, month, KpiScope::Firm);
        EXPECT_EQ(sumOf(*lines, month, KpiScope::Branch), firm) << kpiMonthText(month);
        EXPECT_EQ(sumOf(*lines, month, KpiScope::Broker), firm) << kpiMonthText(month);
    }
    const KpiFigures last = sumOf(*lines, months->back().first, KpiScope::Firm);
    EXPECT_GT(last.clients, 0);
    EXPECT_GT(last.active, 0);
    EXPECT_GT(last.aum, 0);
    EXPECT_GT(last.vips, 0);
    EXPECT_GT(last.contacts, 0);
    // The last month is as of the refresh's date, so its profit is the refresh's, client by
    // client (each rounded to the cent as the refresh stores it).
    EXPECT_EQ(last.profit_12m,
              count("SELECT sum(profit_12m) FROM client_scores WHERE run_id = " +
                    std::to_string(run->run_id) +
                    " AND client_ref IN (SELECT id FROM clients WHERE status <> 4)"));
    // Brokers are named.
    bool named = false;
    for (const auto& l : *lines)
        if (l.row.scope == KpiScope::Broker && !l.name.empty()) named = true;
    EXPECT_TRUE(named);
}

TEST_F(KpiHistoryTest, ALaterRefreshKeepsCompleteMonthsAndReplacesTheOpenOne) {
    services::KpiUpdateOptions o;
    o.as_of = m_asOf.addDays(-40);
    auto first = services::updateKpiHistory(db(), o);
    ASSERT_TRUE(first.ok()) << first.error().toString();
    EXPECT_EQ(first->months_written, first->months);
    ASSERT_TRUE(db().exec("UPDATE kpi_months SET computed_at = 7"));
    o.as_of = m_asOf;
    auto second = services::updateKpiHistory(db(), o);
    ASSERT_TRUE(second.ok()) << second.error().toString();
    // The month open at the first update and the months after it are written again.
    EXPECT_EQ(second->months_written, second->months - first->months + 1);
    EXPECT_EQ(count("SELECT count(DISTINCT month) FROM kpi_months WHERE computed_at = 7"),
              static_cast<std::int64_t>(first->months - 1));
    EXPECT_EQ(count("SELECT count(DISTINCT month) FROM kpi_months"),
              static_cast<std::int64_t>(second->months));
    // What the update computed from the recent data only equals what a rebuild computes from
    // the whole history.
    auto updated = services::loadKpiLines(db(), {});
    ASSERT_TRUE(updated.ok());
    // A rebuild writes every month again.
    o.rebuild = true;
    auto third = services::updateKpiHistory(db(), o);
    ASSERT_TRUE(third.ok()) << third.error().toString();
    EXPECT_EQ(third->months_written, third->months);
    EXPECT_EQ(count("SELECT count(*) FROM kpi_months WHERE computed_at = 7"), 0);
    auto rebuilt = services::loadKpiLines(db(), {});
    ASSERT_TRUE(rebuilt.ok());
    ASSERT_EQ(rebuilt->size(), updated->size());
    for (std::size_t i = 0; i < rebuilt->size(); ++i) {
        EXPECT_EQ((*rebuilt)[i].row.month, (*updated)[i].row.month);
        EXPECT_EQ((*rebuilt)[i].row.scope_id, (*updated)[i].row.scope_id);
        EXPECT_EQ((*rebuilt)[i].row.figures, (*updated)[i].row.figures)
            << kpiMonthText((*rebuilt)[i].row.month) << " " << (*rebuilt)[i].row.scope_id;
    }
    EXPECT_EQ(count("SELECT count(*) FROM kpi_vip_changes"),
              count("SELECT sum(vips_entered + vips_left) FROM kpi_months WHERE scope = 1"));
}

TEST_F(KpiHistoryTest, AVoidContactIsNotCounted) {
    services::KpiUpdateOptions o;
    o.as_of = m_asOf;
    auto before = services::updateKpiHistory(db(), o);
    ASSERT_TRUE(before.ok()) << before.error().toString();
    const std::int64_t all = count("SELECT sum(contacts) FROM kpi_months WHERE scope = 1");
    ASSERT_GT(all, 0);
    ASSERT_TRUE(db().exec("UPDATE contacts SET void_reason = 'wrong client' WHERE id = "
                          "(SELECT max(id) FROM contacts)"));
    o.rebuild = true;
    ASSERT_TRUE(services::updateKpiHistory(db(), o).ok());
    EXPECT_EQ(count("SELECT sum(contacts) FROM kpi_months WHERE scope = 1"), all - 1);
}

TEST(KpiHistoryEmpty, ABookWithoutTradesOrSnapshotsHasNoMonths) {
    auto db = storage::openBook(":memory:");
    ASSERT_TRUE(db.ok());
    auto s = services::updateKpiHistory(*db, {});
    ASSERT_TRUE(s.ok()) << s.error().toString();
    EXPECT_EQ(s->months, 0u);
    auto months = services::kpiMonths(*db);
    ASSERT_TRUE(months.ok());
    EXPECT_TRUE(months->empty());
}

TEST_F(KpiHistoryTest, TheMonthlyBranchReportListsEachBranchWithItsBrokersThenTheFirm) {
    services::KpiUpdateOptions o;
    o.as_of = m_asOf;
    ASSERT_TRUE(services::updateKpiHistory(db(), o).ok());
    auto board = services::loadKpiBoard(db(), kpiMonthOf(m_asOf.addDays(-31)));
    ASSERT_TRUE(board.ok()) << board.error().toString();
    EXPECT_FALSE(board->open);
    EXPECT_EQ(board->trend_months.size(), 12u);
    ASSERT_FALSE(board->brokers.empty());
    ASSERT_FALSE(board->branches.empty());
    for (const auto& b : board->brokers) {
        EXPECT_EQ(b.trend_profit.size(), 12u);
        EXPECT_TRUE(b.before.has_value());
    }
    const auto table = services::kpiReportTable(*board, phrase::Lang::Zh);
    EXPECT_EQ(table.rows.size(), board->brokers.size() + board->branches.size() + 1);
    EXPECT_EQ(table.columns[0].header, "月份");
    const std::string path = m_dir.file("report.xlsx");
    ASSERT_TRUE(services::writePeopleTable(path, table).ok());
    const bdtest::Xlsx x(path);
    EXPECT_EQ(x.text("A2"), kpiMonthText(board->month));
    EXPECT_TRUE(x.isText("C2"));   // the branch id stays text
    EXPECT_TRUE(x.isNumber("G2")); // clients
    const std::size_t lastRow = table.rows.size() + 1;
    EXPECT_EQ(x.text("D" + std::to_string(lastRow)), "全公司");
    ASSERT_TRUE(board->firm);
    EXPECT_EQ(x.number("G" + std::to_string(lastRow)),
              static_cast<double>(board->firm->now.clients));
    // In English the headings are display names, never the column ids (issue 17).
    const auto english = services::kpiReportTable(*board, phrase::Lang::En);
    const std::regex snake("[a-z0-9]+_[a-z0-9_]+");
    for (const auto& c : english.columns)
        EXPECT_FALSE(std::regex_search(c.header, snake)) << c.header;
    EXPECT_EQ(english.columns[0].header, "Month");
    EXPECT_EQ(english.columns[7].header, "Active clients");
    EXPECT_EQ(std::get<std::string>(english.rows.back()[3]), "Firm");
    // An unknown month is refused, naming it.
    auto missing = services::loadKpiBoard(db(), 190001);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().toString().find("1900-01"), std::string::npos);
}
