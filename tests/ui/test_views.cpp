#include <gtest/gtest.h>

#include <QPushButton>

#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXYSeries>

#include <algorithm>
#include <map>
#include <set>

#include "demo/demogenerator.h"
#include "format.h"
#include "models/segmentprofilemodel.h"
#include "models/viptablemodel.h"
#include "phrasebook/phrasebook.h"
#include "services/refresh.h"
#include "services/segmentation.h"
#include "services/segmentscatter.h"
#include "services/servicepolicies.h"
#include "services/vipranking.h"
#include "session/booksession.h"
#include "storage/book/clientqueries.h"
#include "storage/book/segmentstore.h"
#include "storage/book/settings.h"
#include "storage/book/valuequeries.h"
#include "storage/schema/schema.h"
#include "views/clientvaluetab.h"
#include "views/policyeditor.h"
#include "views/segmentsview.h"
#include "views/valuedashboard.h"
#include "views/vipview.h"
#include "viewsfixture.h"
#include "widgets/tablehelpers.h"

using namespace bd;
using namespace bd::ui;

namespace {

std::vector<storage::ScoredClient> latestScores() {
    auto book = services::loadLatestScores(bdtest::demoBook());
    EXPECT_TRUE(book && *book);
    return (*book)->clients;
}

} // namespace

TEST(ClientValueTab, ShowsTheStoredBreakdown) {
    auto& db = bdtest::demoBook();
    const auto scores = latestScores();
    const auto& c = scores[3];
    ClientValueTab tab;
    tab.showClient(db, c.score.client_ref);
    EXPECT_EQ(tab.findChild<QLabel*>("valueProfit")->text(), formatCny(c.score.profit_12m));
    EXPECT_EQ(tab.findChild<QLabel*>("valueCommission")->text(), formatCny(c.score.commission_12m));
    EXPECT_EQ(tab.findChild<QLabel*>("valueService")->text(), formatCny(c.score.service_cost_12m));
    EXPECT_EQ(tab.findChild<QLabel*>("valueClv")->text(),
              QStringLiteral("¥") + formatCny(c.score.clv_12m));
    EXPECT_EQ(tab.findChild<QLabel*>("valueRank")->text(), QStringLiteral("#4"));
    EXPECT_EQ(tab.findChild<QLabel*>("valueExplanation")->text().toStdString(),
              bd::phrase::explanation(c.score.explanation_code, bd::phrase::Lang::En));
}

TEST(VipView, FirmScopeMatchesTheStoredVips) {
    const auto scores = latestScores();
    VipView view;
    view.setSession(&bdtest::demoSession());
    view.ensureLoaded();
    const auto stored =
        std::count_if(scores.begin(), scores.end(), [](const auto& s) { return s.score.vip; });
    ASSERT_GT(stored, 0);
    EXPECT_EQ(view.vipCount(), stored);
    EXPECT_EQ(view.scopeSize(), static_cast<qint64>(scores.size()));
    // Ranked best first: row 0 is the firm's number one.
    EXPECT_EQ(view.model()->clientAt(0).client_id, scores.front().client_id);
}

TEST(VipView, ScopeAndPercentChangeTheRows) {
    const auto scores = latestScores();
    VipView view;
    view.setSession(&bdtest::demoSession());
    view.ensureLoaded();
    const int firm = view.vipCount();
    // The broker with the fewest scored clients (a real subset of the firm).
    std::map<std::string, int> perBroker;
    for (const auto& s : scores) ++perBroker[s.broker_id];
    ASSERT_GT(perBroker.size(), 1u);
    const std::string broker =
        std::min_element(perBroker.begin(), perBroker.end(), [](const auto& a, const auto& b) {
            return a.second < b.second;
        })->first;
    view.setScope(VipView::Broker, QString::fromStdString(broker));
    const auto expected =
        services::rankVips(scores, {services::VipScope::Kind::Broker, broker}, 5.0);
    ASSERT_EQ(view.vipCount(), static_cast<int>(expected.size()));
    EXPECT_LT(view.vipCount(), firm);
    for (int r = 0; r < view.vipCount(); ++r)
        EXPECT_EQ(view.model()->clientAt(r).broker_id, broker);
    view.setTopPercent(20.0);
    EXPECT_GT(view.vipCount(), static_cast<int>(expected.size()));
    const std::string branch = scores.front().branch_id;
    view.setScope(VipView::Branch, QString::fromStdString(branch));
    for (int r = 0; r < view.vipCount(); ++r)
        EXPECT_EQ(view.model()->clientAt(r).branch_id, branch);
}

TEST(ValueDashboard, ParetoAndScatterFromTheStore) {
    const auto scores = latestScores();
    ValueDashboard view;
    view.setSession(&bdtest::demoSession());
    view.ensureLoaded();
    EXPECT_EQ(view.paretoPoints(), 101);
    const auto vipsWithAum = std::count_if(scores.begin(), scores.end(), [](const auto& s) {
        return s.score.vip && s.score.aum.units > 0;
    });
    EXPECT_EQ(view.scatterPoints("VIP"), vipsWithAum);
    const auto conc = services::profitConcentration(scores);
    EXPECT_EQ(view.findChild<QLabel*>("kpiTop20")->text(), formatPercent(conc.top20));
    // 1,500 clients: below the sample cap, so every client with assets is drawn.
    const auto withAum = std::count_if(scores.begin(), scores.end(),
                                       [](const auto& s) { return s.score.aum.units > 0; });
    EXPECT_EQ(view.scatterPoints("VIP") + view.scatterPoints("AUM-rich, low value") +
                  view.scatterPoints("Other clients"),
              withAum);
}

TEST(SegmentsView, ProfilesMigrationAndScatterFromTheLatestRun) {
    auto& db = bdtest::demoBook();
    auto runId = storage::latestSegmentRunId(db);
    ASSERT_TRUE(runId && *runId);
    auto segments = storage::loadSegments(db, **runId);
    auto labels = storage::loadSegmentLabels(db, **runId);
    ASSERT_TRUE(segments && labels);
    SegmentsView view;
    view.setSession(&bdtest::demoSession());
    view.ensureLoaded();
    auto* model = view.profileModel();
    ASSERT_EQ(model->rowCount(), static_cast<int>(segments->size()));
    ASSERT_EQ(view.profileTable()->model()->rowCount(), model->rowCount());
    qint64 sum = 0;
    for (int r = 0; r < model->rowCount(); ++r)
        sum += model->index(r, SegmentProfileModel::Size)
                   .data(SegmentProfileModel::SortRole)
                   .toLongLong();
    EXPECT_EQ(sum, static_cast<qint64>(labels->size()));
    // First run: one row ("new") whose cells add up to every client.
    ASSERT_EQ(view.migrationTable()->rowCount(), 1);
    EXPECT_EQ(view.scatterPointCount(), static_cast<int>(labels->size()));
}

// Issue 23: a book too small to split is one segment, and the page says why.
TEST(SegmentsView, ABookTooSmallToSplitIsOneSegmentAndThePageSaysWhy) {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/small.bdbook").toStdString();
    demo::DemoOptions o;
    o.clients = 12;
    o.seed = 3;
    o.history_years = 1;
    ASSERT_TRUE(demo::createDemoBook(path, o, false).ok());
    auto db = services::openBook(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(services::refreshBook(*db).ok());
    BookSession session(std::move(*db));
    SegmentsView view;
    view.setSession(&session);
    view.ensureLoaded();
    EXPECT_EQ(view.profileModel()->rowCount(), 1);
    const std::string want = phrase::unsegmented(
        Unsegmented::TooFewClients, 12, static_cast<std::int64_t>(services::kMinClientsToSegment),
        0.0, services::kMinSegmentAgreement, uiLang());
    EXPECT_EQ(view.kNote()->text().toStdString(), want);
}

// Issue 23: the page says why this k (the criterion for every candidate), and a manager can fix
// k and see the segmentation it gives.
TEST(SegmentsView, ShowsWhyThisKAndAManagerCanFixIt) {
    auto& db = bdtest::demoBook();
    SegmentsView view;
    view.setSession(&bdtest::demoSession());
    view.ensureLoaded();
    auto before = services::loadLatestSegmentation(db);
    ASSERT_TRUE(before && *before);
    const auto& choices = (*before)->k_choices;
    ASSERT_GE(choices.size(), 2u);
    EXPECT_EQ(view.kCriterionPointCount(), static_cast<int>(choices.size()));
    EXPECT_TRUE(view.kNote()->text().contains(QStringLiteral("k = %1").arg((*before)->run.k)))
        << view.kNote()->text().toStdString();
    EXPECT_EQ(view.kFix()->currentData().toInt(), 0) << "the criterion chooses by default";

    // The manager fixes another k than the criterion's and segments again.
    const int fixed = (*before)->run.k == 3 ? 4 : 3;
    view.kFix()->setCurrentIndex(view.kFix()->findData(fixed));
    view.findChild<QPushButton*>("segmentKApply")->click();
    auto after = services::loadLatestSegmentation(db);
    ASSERT_TRUE(after && *after);
    EXPECT_GT((*after)->run_id, (*before)->run_id);
    EXPECT_EQ((*after)->run.k, fixed);
    EXPECT_EQ((*after)->k_choices.size(), choices.size()) << "the candidates are still scored";
    EXPECT_EQ(static_cast<int>((*after)->segments.size()), fixed);
    auto audited = storage::queryInt(
        db, "SELECT count(*) FROM audit_log WHERE kind = 'segment.k' AND after LIKE '%" +
                std::to_string(fixed) + "%'");
    ASSERT_TRUE(audited);
    EXPECT_EQ(*audited, 1);
    view.ensureLoaded();
    EXPECT_TRUE(view.kNote()->text().contains(QStringLiteral("k = %1").arg(fixed)));
    EXPECT_EQ(view.kFix()->currentData().toInt(), fixed);

    // Back to the criterion.
    view.kFix()->setCurrentIndex(0);
    view.findChild<QPushButton*>("segmentKApply")->click();
    auto again = services::loadLatestSegmentation(db);
    ASSERT_TRUE(again && *again);
    EXPECT_EQ((*again)->run.k, (*before)->run.k);
}

TEST(SegmentsView, EditingANameRenamesTheSegmentEverywhereItIsShown) {
    auto& db = bdtest::demoBook();
    SegmentsView view;
    view.setSession(&bdtest::demoSession());
    view.ensureLoaded();
    auto* model = view.profileModel();
    ASSERT_GT(model->rowCount(), 0);
    const int id = model->segmentIdAt(0);
    // As the user edits it: through the table's (sorting) model.
    QAbstractItemModel* shown = view.profileTable()->model();
    int row = 0;
    while (shown->index(row, SegmentProfileModel::SegId).data().toInt() != id) ++row;
    ASSERT_TRUE(shown->setData(shown->index(row, SegmentProfileModel::NameEn), "Test renamed"));

    auto segments = services::loadLatestSegmentation(db);
    ASSERT_TRUE(segments && *segments);
    const auto& stored = (*segments)->segments;
    const auto it = std::find_if(stored.begin(), stored.end(),
                                 [&](const auto& s) { return s.segment_id == id; });
    ASSERT_NE(it, stored.end());
    EXPECT_EQ(it->name_en, "Test renamed");
    EXPECT_TRUE(it->name_edited);
    // The table, in place, and the scatter's legend show the new name.
    EXPECT_EQ(model->index(0, SegmentProfileModel::NameEn).data().toString(),
              QString("Test renamed"));
    EXPECT_TRUE(
        model->index(0, SegmentProfileModel::NameEn).data(Qt::FontRole).value<QFont>().italic());
    QStringList legend;
    for (auto* s : view.findChild<QChartView*>("segmentScatter")->chart()->series())
        legend << s->name();
    EXPECT_TRUE(legend.contains(QStringLiteral("%1 Test renamed").arg(id)))
        << legend.join(", ").toStdString();
}

TEST(PolicyEditor, SavesAndReloads) {
    auto db = storage::openBook(":memory:");
    ASSERT_TRUE(db);
    BookSession session(std::move(*db));
    PolicyEditor editor;
    editor.setSession(&session);
    EXPECT_EQ(editor.cadence(4)->value(), 14); // partnership default
    editor.cadence(4)->setValue(21);
    editor.channels(4)->setText("wechat, visit");
    editor.servedBy(4)->setCurrentIndex(1);
    editor.proactive(0)->setChecked(true);
    ASSERT_TRUE(editor.save()) << editor.message().toStdString();

    PolicyEditor again;
    again.setSession(&session);
    EXPECT_EQ(again.cadence(4)->value(), 21);
    EXPECT_EQ(again.channels(4)->text(), QString("wechat,visit"));
    EXPECT_EQ(again.servedBy(4)->currentIndex(), 1);
    EXPECT_TRUE(again.proactive(0)->isChecked());
    auto stored = services::loadServicePolicies(session.book());
    ASSERT_TRUE(stored);
    EXPECT_EQ((*stored)[4].contact_cadence_days, 21);

    again.channels(2)->setText("carrier pigeon");
    EXPECT_FALSE(again.save());
    auto unchanged = services::loadServicePolicies(session.book());
    EXPECT_EQ(services::formatChannels((*unchanged)[2].channels), "phone");
}

TEST(PolicyEditor, FollowsPoliciesSavedElsewhereUnlessEdited) {
    auto db = storage::openBook(":memory:");
    ASSERT_TRUE(db);
    BookSession session(std::move(*db));
    PolicyEditor editor, other;
    editor.setSession(&session);
    other.setSession(&session);
    other.cadence(3)->setValue(45);
    ASSERT_TRUE(other.save());
    EXPECT_EQ(editor.cadence(3)->value(), 45); // an editor left alone follows

    editor.cadence(1)->setValue(99); // being edited: kept
    other.cadence(3)->setValue(50);
    ASSERT_TRUE(other.save());
    EXPECT_EQ(editor.cadence(1)->value(), 99);
    EXPECT_EQ(editor.cadence(3)->value(), 45);
    EXPECT_TRUE(editor.message().contains("Revert")) << editor.message().toStdString();
}

TEST(FactorScatter, SampleIsDeterministicAndNearTheCap) {
    std::size_t kept = 0;
    for (std::int64_t ref = 1; ref <= 100000; ++ref) {
        const bool k = services::keepInSample(ref, 100000, 20000);
        EXPECT_EQ(k, services::keepInSample(ref, 100000, 20000));
        kept += k ? 1 : 0;
    }
    EXPECT_NEAR(static_cast<double>(kept), 20000.0, 600.0);
    EXPECT_TRUE(services::keepInSample(5, 100, 20000));
}

TEST(SegmentsView, FileBookLoadsTheScatterInTheBackground) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::string path = (dir.path() + "/seg.bdbook").toStdString();
    demo::DemoOptions o;
    o.clients = 300;
    o.seed = 5;
    ASSERT_TRUE(demo::createDemoBook(path, o, false));
    auto db = storage::openBook(path);
    ASSERT_TRUE(db);
    ASSERT_TRUE(services::refreshBook(*db));
    auto runId = storage::latestSegmentRunId(*db);
    ASSERT_TRUE(runId && *runId);
    auto labels = storage::loadSegmentLabels(*db, **runId);
    ASSERT_TRUE(labels);

    BookSession session(std::move(*db));
    SegmentsView view;
    view.setSession(&session);
    view.ensureLoaded();
    // The tables are filled at once; the scatter arrives from the worker thread.
    EXPECT_GT(view.profileModel()->rowCount(), 0);
    for (int waited = 0; view.isLoading() && waited < 20000; waited += 20) QTest::qWait(20);
    ASSERT_FALSE(view.isLoading());
    EXPECT_EQ(view.scatterPointCount(), static_cast<int>(labels->size()));
}
