// The manager's desk (ui/views/managerview): the league model under QAbstractItemModelTester,
// the page on the shared demo book (brokers by name, months, VIP review, branch level, the
// report), and the drill-down from a broker's line to the broker's book in Clients.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "demo/demogenerator.h"
#include "mainwindow.h"
#include "models/kpileaguemodel.h"
#include "modelwarnings.h"
#include "services/kpi.h"
#include "services/refresh.h"
#include "session/booksession.h"
#include "views/evaluationpanel.h"
#include "views/managerview.h"
#include "viewsfixture.h"
#include "waitfor.h"
#include "windowfixture.h"

using namespace bd;
using namespace bd::ui;

namespace {

services::KpiBoardLine line(const std::string& id, std::int64_t clients, std::int64_t profit,
                            std::optional<std::int64_t> before) {
    services::KpiBoardLine l;
    l.scope = KpiScope::Broker;
    l.id = id;
    l.name = "Broker " + id;
    l.branch_id = "BR1";
    l.now.clients = clients;
    l.now.profit_12m = profit;
    if (before) {
        l.before = KpiFigures{};
        l.before->profit_12m = *before;
    }
    l.trend_profit = {1.0, 2.0, static_cast<double>(profit) / 1e4};
    return l;
}

} // namespace

TEST(KpiLeagueModel, PassesTheModelTesterAndShowsNamesAndChanges) {
    bdtest::ModelWarnings warnings;
    KpiLeagueModel model;
    QAbstractItemModelTester tester(&model,
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setLines({line("B1", 10, 50'000'000, 40'000'000), line("B2", 3, -10'000, std::nullopt)});
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(KpiLeagueModel::SortRole);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Warning);
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.columnCount(), KpiLeagueModel::ColumnCount);
    EXPECT_EQ(model.index(0, KpiLeagueModel::Name).data().toString(), "Broker B1");
    EXPECT_EQ(model.index(0, KpiLeagueModel::Id).data(KpiLeagueModel::IdRole).toString(), "B1");
    EXPECT_EQ(model.index(0, KpiLeagueModel::ProfitChange).data().toString(), "+25.0%");
    EXPECT_EQ(model.index(1, KpiLeagueModel::ProfitChange).data().toString(), QString("—"));
    EXPECT_EQ(model.index(0, KpiLeagueModel::Trend).data(KpiLeagueModel::TrendRole).toList().size(),
              3);
    proxy.sort(KpiLeagueModel::Clients, Qt::AscendingOrder);
    EXPECT_EQ(proxy.index(0, KpiLeagueModel::Id).data().toString(), "B2");
    model.setLines({});
    EXPECT_EQ(proxy.rowCount(), 0);
    EXPECT_EQ(warnings.count(), 0);
}

TEST(ManagerView, ShowsEveryBrokerByNameWithTheMonthsOfTheHistory) {
    ManagerView view;
    view.resize(1300, 800);
    view.setSession(&bdtest::demoSession());
    view.ensureLoaded();
    ASSERT_TRUE(view.board().has_value());
    const auto& board = *view.board();
    auto* months = view.findChild<QComboBox*>("kpiMonth");
    ASSERT_NE(months, nullptr);
    EXPECT_GE(months->count(), 36); // three years of demo history, back-filled by the refresh
    EXPECT_EQ(months->currentData().toInt(), board.month);
    // The demo book ends on 20 November: the page opens on October, the latest whole month.
    EXPECT_EQ(board.month, 202610);
    EXPECT_FALSE(board.open);
    auto* table = view.leagueTable();
    ASSERT_EQ(table->model()->rowCount(), static_cast<int>(board.brokers.size()));
    auto brokers = services::loadKpiLines(bdtest::demoBook(),
                                          {KpiScope::Broker, "", board.month, board.month});
    ASSERT_TRUE(brokers.ok());
    ASSERT_FALSE(brokers->empty());
    QStringList names;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        names << table->model()->index(r, KpiLeagueModel::Name).data().toString();
    for (const auto& b : *brokers) {
        if (!b.name.empty()) {
            EXPECT_TRUE(names.contains(QString::fromStdString(b.name))) << b.name;
        }
    }
    // Sorted by profit, highest first.
    const double top =
        table->model()->index(0, KpiLeagueModel::Profit).data(KpiLeagueModel::SortRole).toDouble();
    const double second =
        table->model()->index(1, KpiLeagueModel::Profit).data(KpiLeagueModel::SortRole).toDouble();
    EXPECT_GE(top, second);
    EXPECT_FALSE(view.findChild<QLabel*>("kpiSummary")->text().isEmpty());
    EXPECT_EQ(view.vipReviewTable()->rowCount(), static_cast<int>(board.vip_review.size()));

    // An earlier month, then the branches.
    months->setCurrentIndex(5);
    emit months->activated(5);
    EXPECT_EQ(view.board()->month, months->itemData(5).toInt());
    view.setByBranch(true);
    EXPECT_EQ(table->model()->rowCount(), static_cast<int>(view.board()->branches.size()));

    QTemporaryDir dir;
    const QString path = dir.filePath("report.xlsx");
    EXPECT_FALSE(view.exportReport(path).has_value());
    EXPECT_GT(QFileInfo(path).size(), 1000);
    const QString pdf = dir.filePath("report.pdf");
    EXPECT_FALSE(view.exportReport(pdf).has_value());
    EXPECT_GT(QFileInfo(pdf).size(), 1000);
}

TEST(ManagerView, TheCrmEvaluationPanelComparesABranchWithTheOthers) {
    ManagerView view;
    view.resize(1300, 900);
    view.setSession(&bdtest::demoSession());
    view.ensureLoaded();
    ASSERT_TRUE(view.board().has_value());
    EvaluationPanel* panel = view.evaluationPanel();
    ASSERT_NE(panel, nullptr);
    // The choices: the whole firm, then every branch and every broker of the board.
    EXPECT_EQ(panel->groupChoice()->count(),
              1 + static_cast<int>(view.board()->branches.size() + view.board()->brokers.size()));
    // The default start leaves a whole after window up to the board's month (October).
    EXPECT_EQ(panel->startEdit()->date(), QDate(2026, 5, 1));
    EXPECT_EQ(panel->monthsEdit()->value(), 6);

    // The whole firm: before/after only, with the caveat.
    panel->groupChoice()->setCurrentIndex(0);
    panel->runButton()->click();
    ASSERT_TRUE(panel->report().has_value()) << panel->summary()->text().toStdString();
    EXPECT_FALSE(panel->report()->result.has_comparison);
    EXPECT_EQ(panel->table()->rowCount(), kEvalOutcomeCount);
    EXPECT_TRUE(panel->summary()->text().contains("No comparison group"))
        << panel->summary()->text().toStdString();

    // The first branch against the others: a difference in differences per outcome.
    panel->groupChoice()->setCurrentIndex(1);
    panel->runButton()->click();
    ASSERT_TRUE(panel->report().has_value()) << panel->summary()->text().toStdString();
    const EvalResult& r = panel->report()->result;
    EXPECT_TRUE(r.has_comparison);
    EXPECT_GT(r.treated_clients, 0u);
    EXPECT_GT(r.comparison_clients, r.treated_clients);
    ASSERT_EQ(panel->table()->rowCount(), kEvalOutcomeCount);
    for (int row = 0; row < kEvalOutcomeCount; ++row)
        EXPECT_FALSE(panel->table()->item(row, 7)->text().isEmpty());
    EXPECT_TRUE(panel->table()->item(0, 6)->text().startsWith("["));

    // A start whose before window lies before the book's history: what is missing, no numbers.
    panel->startEdit()->setDate(QDate(2020, 1, 1));
    panel->runButton()->click();
    EXPECT_FALSE(panel->report().has_value());
    EXPECT_EQ(panel->table()->rowCount(), 0);
    EXPECT_TRUE(panel->summary()->text().contains("history starts on"))
        << panel->summary()->text().toStdString();
}

TEST(ManagerView, ABrokersLineOpensTheBrokersBookInClients) {
    auto w = bdtest::openSyntheticWindow(300, 4);
    ASSERT_TRUE(services::updateKpiHistory(w->session()->book(), {}).ok());
    ASSERT_TRUE(w->showPage("managerView"));
    auto* view = bdtest::find<ManagerView>(w.get(), "managerView");
    ASSERT_NE(view, nullptr);
    view->markStale();
    view->ensureLoaded();
    auto* table = view->leagueTable();
    ASSERT_GT(table->model()->rowCount(), 0);
    const QModelIndex first = table->model()->index(0, KpiLeagueModel::Name);
    const QString broker = first.data(KpiLeagueModel::IdRole).toString();
    emit table->activated(first);
    auto* filter = bdtest::find<QComboBox>(w.get(), "brokerFilter");
    ASSERT_NE(filter, nullptr);
    EXPECT_EQ(filter->currentData().toString(), broker);
    auto* clients = bdtest::find<QTableView>(w.get(), "clientTable");
    EXPECT_TRUE(clients->isVisible());
}

TEST(ManagerView, AFileBookComputesTheAttentionListInTheBackground) {
    QTemporaryDir dir;
    const std::string path = dir.filePath("book.bdbook").toStdString();
    {
        demo::DemoOptions o;
        o.clients = 400;
        o.seed = 3;
        o.history_years = 1;
        ASSERT_TRUE(demo::createDemoBook(path, o, false).ok());
        auto db = services::openBook(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(services::refreshBook(*db).ok());
    }
    auto db = services::openBook(path);
    ASSERT_TRUE(db.ok());
    BookSession session(std::move(*db));
    ManagerView view;
    view.setSession(&session);
    view.ensureLoaded();
    EXPECT_GT(view.leagueTable()->model()->rowCount(), 0); // the league at once
    ASSERT_TRUE(bdtest::waitFor([&] { return !view.isLoading(); }, 30000));
    EXPECT_GT(view.attentionTable()->rowCount(), 0);
    // The CRM evaluation runs on a worker thread with its own connection too.
    EvaluationPanel* panel = view.evaluationPanel();
    panel->monthsEdit()->setValue(3);
    panel->setChoices(*view.board()); // a start leaving 3 whole months after it
    panel->groupChoice()->setCurrentIndex(1);
    panel->runButton()->click();
    ASSERT_TRUE(bdtest::waitFor([&] { return !panel->isRunning(); }, 30000));
    ASSERT_TRUE(panel->report().has_value()) << panel->summary()->text().toStdString();
    EXPECT_GT(panel->report()->result.treated_clients, 0u);
    EXPECT_EQ(panel->table()->rowCount(), kEvalOutcomeCount);
}
