#include <gtest/gtest.h>

#include <QAbstractAxis>
#include <QChartView>
#include <QLabel>
#include <QPointer>
#include <QRegularExpression>
#include <QTableWidget>
#include <QXYSeries>

#include <algorithm>

#include "format.h"
#include "services/portfolioservice.h"
#include "services/portfoliosettings.h"
#include "storage/book/analyticsstore.h"
#include "storage/book/clientqueries.h"
#include "storage/book/settings.h"
#include "storage/schema/schema.h"
#include "views/clientdetailpane.h"
#include "views/portfoliotab.h"
#include "viewsfixture.h"

using namespace bd;
using namespace bd::ui;

namespace {

// Scored clients of the latest run, best first.
std::vector<storage::ScoredClient> latestScores() {
    auto& db = bdtest::demoBook();
    auto id = storage::latestScoredRunId(db, "value");
    EXPECT_TRUE(id && *id);
    auto scores = storage::readScores(db, **id);
    EXPECT_TRUE(scores);
    return *scores;
}

} // namespace

TEST(PortfolioTab, ShowsTheHoldingsOfTheClientsPositions) {
    auto& db = bdtest::demoBook();
    const auto scores = latestScores();
    PortfolioTab tab;
    int withHoldings = 0;
    // The first 30 clients by rank: their tab shows exactly the engine's holdings.
    for (std::size_t i = 0; i < 30 && i < scores.size(); ++i) {
        const auto& c = scores[i];
        tab.showClient(db, QString::fromStdString(c.client_id));
        auto report = services::loadPortfolio(db, c.client_id, std::nullopt,
                                              *services::loadPortfolioOptions(db));
        ASSERT_TRUE(report);
        ASSERT_EQ(tab.holdingsCount(), static_cast<int>(report->holdings.size())) << c.client_id;
        withHoldings += tab.holdingsCount() > 0 ? 1 : 0;
        if (!report->holdings.empty()) {
            // Largest market value first; the code of row 0 is the engine's first holding.
            auto* table = tab.findChild<QTableWidget*>("portfolioHoldings");
            EXPECT_EQ(table->item(0, 0)->text().toStdString(), report->holdings[0].security_code);
            EXPECT_EQ(tab.findChild<QLabel*>("portfolioMarketValue")->text(),
                      QStringLiteral("¥") + formatCny(report->market_value));
        }
        // One badge per risk measure.
        EXPECT_EQ(tab.findChildren<QLabel*>(QRegularExpression("^badge_")).size(), 6);
    }
    EXPECT_GT(withHoldings, 10);
}

TEST(PortfolioTab, ChartHasOnePointPerAssetSnapshot) {
    auto& db = bdtest::demoBook();
    const auto c = latestScores().front();
    PortfolioTab tab;
    tab.showClient(db, QString::fromStdString(c.client_id));
    auto review = services::loadPortfolioReview(db, c.client_id);
    ASSERT_TRUE(review);
    const auto* series = &review->snapshots;
    ASSERT_FALSE(series->empty());
    auto* view = tab.findChild<QChartView*>("portfolioChart");
    ASSERT_TRUE(view);
    ASSERT_EQ(view->chart()->series().size(), 2);
    auto* total = qobject_cast<QXYSeries*>(view->chart()->series().front());
    ASSERT_TRUE(total);
    ASSERT_EQ(total->count(), static_cast<int>(series->size()));
    double maxYuan = 0;
    for (const auto& p : *series)
        maxYuan = std::max(maxYuan, static_cast<double>((p.cash + p.market_value).units) / 10000.0);
    const double unit = maxYuan >= 2e6 ? 1e6 : 1e3;
    EXPECT_NEAR(total->points().back().y() * unit,
                static_cast<double>((series->back().cash + series->back().market_value).units) /
                    10000.0,
                1e-6 * unit);
}

TEST(PortfolioSettings, RoundTripAndRejectBadValues) {
    auto db = storage::openBook(":memory:");
    ASSERT_TRUE(db);
    auto defaults = services::loadPortfolioOptions(*db);
    ASSERT_TRUE(defaults);
    EXPECT_DOUBLE_EQ(defaults->thresholds.top1_share, 0.40);
    analytics::PortfolioOptions o;
    o.thresholds.top1_share = 0.3;
    o.thresholds.max_drawdown = 0.15;
    o.suitability.growth_board_min_level = 3;
    o.cost_method = analytics::CostMethod::Fifo;
    ASSERT_TRUE(services::savePortfolioOptions(*db, o));
    auto back = services::loadPortfolioOptions(*db);
    ASSERT_TRUE(back);
    EXPECT_DOUBLE_EQ(back->thresholds.top1_share, 0.3);
    EXPECT_DOUBLE_EQ(back->thresholds.max_drawdown, 0.15);
    EXPECT_EQ(back->suitability.growth_board_min_level, 3);
    EXPECT_EQ(back->cost_method, analytics::CostMethod::Fifo);
    ASSERT_TRUE(storage::setSetting(*db, services::kPortfolioHhiKey, "1.5"));
    auto bad = services::loadPortfolioOptions(*db);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::InvalidInput);
}

TEST(ClientDetailPane, PortfolioAndValueTabsLoadWhenShown) {
    auto& db = bdtest::demoBook();
    const auto c = latestScores().front();
    auto detail = storage::loadClientDetail(db, c.score.client_ref);
    ASSERT_TRUE(detail);
    ClientDetailPane pane;
    pane.setSession(&bdtest::demoSession());
    pane.showDetail(*detail);
    EXPECT_TRUE(pane.portfolioTab()->clientId().isEmpty()); // not loaded while hidden
    pane.setCurrentTab(ClientDetailPane::PortfolioTabIndex);
    EXPECT_EQ(pane.portfolioTab()->clientId().toStdString(), c.client_id);
    auto report = services::loadPortfolio(db, c.client_id);
    ASSERT_TRUE(report);
    EXPECT_EQ(pane.portfolioTab()->holdingsCount(), static_cast<int>(report->holdings.size()));
}

TEST(PortfolioTab, ShowingAnotherClientFreesTheChartOfThePreviousOne) {
    // Each client's chart gets new series and axes; those of the previous client must be
    // deleted, not only detached (the tab is stepped through hundreds of clients a day).
    auto& db = bdtest::demoBook();
    const auto scores = latestScores();
    ASSERT_GE(scores.size(), 2u);
    PortfolioTab tab;
    tab.showClient(db, QString::fromStdString(scores[0].client_id));
    auto* chart = tab.findChild<QChartView*>("portfolioChart")->chart();
    ASSERT_EQ(chart->axes().size(), 2);
    std::vector<QPointer<QObject>> previous;
    for (auto* a : chart->axes()) previous.emplace_back(a);
    for (auto* s : chart->series()) previous.emplace_back(s);
    tab.showClient(db, QString::fromStdString(scores[1].client_id));
    for (const auto& p : previous) EXPECT_TRUE(p.isNull()) << "a chart object outlived its client";
    EXPECT_EQ(chart->axes().size(), 2);
}
