// The Today view and the Coverage page over the hand-built plan book (tests/support/planbook.h):
// rebuild, the broker's list, one-key logging with retry, reschedule, skip, exports, coverage.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>

#include <memory>

#include "dialogs/logcontactdialog.h"
#include "models/planitemmodel.h"
#include "session/booksession.h"
#include "support/planbook.h"
#include "views/coverageview.h"
#include "views/todayview.h"

using namespace bd;
using namespace bd::ui;
using bdtest::PlanBook;

namespace {

struct TodayFixture : ::testing::Test {
    PlanBook book;
    std::unique_ptr<BookSession> session;
    TodayView view;
    void SetUp() override {
        book.addOnePerTrigger();
        session = std::make_unique<BookSession>(std::move(book.db()));
        view.setSession(session.get());
        view.ensureLoaded();
        view.showBroker("B1", PlanBook::asOf(), 10);
        ASSERT_TRUE(view.rebuildPlan()) << view.lastError().toStdString();
    }
    /// The plan's rows for a client id.
    std::vector<const services::PlanItem*> itemsOf(const std::string& clientId) const {
        std::vector<const services::PlanItem*> out;
        for (const auto& i : view.planModel()->items())
            if (i.client_id == clientId) out.push_back(&i);
        return out;
    }
    int rowOf(const std::string& clientId) const {
        auto* proxy = static_cast<QSortFilterProxyModel*>(view.planTable()->model());
        for (int r = 0; r < proxy->rowCount(); ++r)
            if (proxy->index(r, PlanItemModel::Client).data().toString().toStdString() == clientId)
                return r;
        return -1;
    }
};

} // namespace

TEST_F(TodayFixture, ShowsTheBrokersPlanWithReasons) {
    const auto& items = view.planModel()->items();
    ASSERT_FALSE(items.empty());
    for (const auto& i : items) {
        EXPECT_EQ(i.broker_id, "B1");
        EXPECT_FALSE(i.reasons.empty()) << i.client_id;
        EXPECT_GE(i.date, PlanBook::asOf());
    }
    // Sorted by day, then the plan's order; the reasons column shows the English words.
    const QModelIndex first = view.planTable()->model()->index(0, PlanItemModel::Reasons);
    EXPECT_FALSE(first.data().toString().isEmpty());
}

TEST(TodayView, TheServiceDesksQueueIsListedAndWorkedLikeABrokers) {
    PlanBook book;
    book.client("DESK");
    book.contact("DESK", 130);
    book.exec("INSERT INTO segments(run_id, segment_id, name_zh, name_en, relationship_type, "
              "client_level, margin_level, size, client_share) VALUES (1, 1, 'S', 'S', 1, 1, 1, "
              "0, 0.1); UPDATE segment_labels SET segment_id = 1");
    auto session = std::make_unique<BookSession>(std::move(book.db()));
    TodayView view;
    view.setSession(session.get());
    view.ensureLoaded();
    const QString desk = QString::fromUtf8(kServiceDeskQueue.data(),
                                           static_cast<qsizetype>(kServiceDeskQueue.size()));
    auto* combo = view.findChild<QComboBox*>("broker");
    ASSERT_NE(combo, nullptr);
    ASSERT_GE(combo->findData(desk), 0);
    EXPECT_TRUE(combo->itemText(combo->findData(desk)).contains(QStringLiteral("Service desk")));
    view.showBroker("B1", PlanBook::asOf(), 10);
    ASSERT_TRUE(view.rebuildPlan()) << view.lastError().toStdString();
    EXPECT_TRUE(view.planModel()->items().empty()); // not on the broker's list ...
    view.showBroker(desk, PlanBook::asOf(), 10);
    ASSERT_EQ(view.planModel()->items().size(), 1u); // ... on the desk's
    EXPECT_EQ(view.planModel()->items()[0].client_id, "DESK");
}

TEST_F(TodayFixture, NoAnswerBooksARetryOnTheNextWorkingDay) {
    const std::string client = view.planModel()->items().front().client_id;
    const Date planned = view.planModel()->items().front().date;
    view.selectRow(rowOf(client));
    services::ContactLog log;
    log.channel = ContactChannel::Phone;
    log.outcome = Outcome::NoAnswer;
    log.at = DateTime::fromParts(planned, 10, 0, 0);
    ASSERT_TRUE(view.logSelected(log)) << view.lastError().toStdString();
    const auto after = itemsOf(client);
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0]->status, storage::TaskStatus::Held);
    EXPECT_EQ(after[0]->attempts, 1); // the retry remembers the failed try
    EXPECT_EQ(after[0]->date, Calendar::builtinChina().nextWorkingDay(planned));
    const QString status =
        view.planTable()->model()->index(rowOf(client), PlanItemModel::Status).data().toString();
    EXPECT_TRUE(status.contains("1")) << status.toStdString();
}

TEST_F(TodayFixture, ReachedCompletesTheItem) {
    const std::size_t before = view.planModel()->items().size();
    const std::string client = view.planModel()->items().front().client_id;
    view.selectRow(rowOf(client));
    services::ContactLog log;
    log.outcome = Outcome::Reached;
    log.satisfaction = 5;
    ASSERT_TRUE(view.logSelected(log));
    EXPECT_TRUE(itemsOf(client).empty());
    EXPECT_EQ(view.planModel()->items().size(), before - 1);
}

TEST_F(TodayFixture, RescheduleMovesAndSkipRemoves) {
    const auto first = view.planModel()->items().front();
    view.selectRow(rowOf(first.client_id));
    const Date target = Date::fromYmd(2026, 12, 1); // a Tuesday inside the horizon
    ASSERT_TRUE(view.rescheduleSelected(target));
    auto moved = itemsOf(first.client_id);
    ASSERT_EQ(moved.size(), 1u);
    EXPECT_EQ(moved[0]->date, target);
    EXPECT_EQ(moved[0]->status, storage::TaskStatus::Held);

    view.selectRow(rowOf(first.client_id));
    EXPECT_FALSE(view.skipSelected("   ")) << "a reason is required";
    ASSERT_TRUE(view.skipSelected("client travelling"));
    EXPECT_TRUE(itemsOf(first.client_id).empty());
}

TEST_F(TodayFixture, ExportsEveryFormat) {
    QTemporaryDir dir;
    const auto read = [](const QString& p) {
        QFile f(p);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    ASSERT_TRUE(view.exportCallList(dir.filePath("l.csv"), true));
    const QByteArray csv = read(dir.filePath("l.csv"));
    EXPECT_TRUE(csv.startsWith("\xEF\xBB\xBF"));
    EXPECT_TRUE(csv.contains("\r\n"));
    EXPECT_TRUE(csv.contains("138****5678"));
    EXPECT_FALSE(csv.contains("13812345678"));
    ASSERT_TRUE(view.exportCallList(dir.filePath("l.xlsx"), false));
    EXPECT_TRUE(read(dir.filePath("l.xlsx")).startsWith("PK"));
    ASSERT_TRUE(view.exportCallList(dir.filePath("l.pdf"), true));
    EXPECT_TRUE(read(dir.filePath("l.pdf")).startsWith("%PDF"));
}

TEST_F(TodayFixture, LogDialogReturnsWhatWasEntered) {
    const auto& item = view.planModel()->items().front();
    LogContactDialog dialog(item, PlanBook::asOf());
    dialog.outcomeBox()->setCurrentIndex(
        dialog.outcomeBox()->findData(static_cast<int>(Outcome::Callback)));
    dialog.satisfactionBox()->setCurrentIndex(1); // 5 stars
    dialog.nextCheck()->setChecked(true);
    dialog.nextEdit()->setDate(QDate(2026, 12, 2));
    const auto log = dialog.contactLog();
    EXPECT_EQ(log.client_id, item.client_id);
    EXPECT_EQ(log.channel, item.channel);
    EXPECT_EQ(log.outcome, Outcome::Callback);
    EXPECT_EQ(log.satisfaction, 5);
    EXPECT_EQ(log.next_follow_up, Date::fromYmd(2026, 12, 2));
}

namespace {

/// A book with one client per trigger, planned as of PlanBook::asOf() (B1 making `capacity`
/// calls a day; 0 = the default).
PlanBook plannedBook(int capacity = 0) {
    PlanBook book;
    book.addOnePerTrigger();
    if (capacity > 0)
        book.exec("UPDATE brokers SET daily_capacity = " + std::to_string(capacity) +
                  " WHERE broker_id = 'B1'");
    services::PlanOptions o;
    o.as_of = PlanBook::asOf();
    EXPECT_TRUE(services::rebuildPlan(book.db(), o));
    return book;
}

} // namespace

TEST(CoverageView, ListsBrokersAndBranches) {
    PlanBook book = plannedBook();
    BookSession session(std::move(book.db()));
    CoverageView view;
    view.setSession(&session);
    view.ensureLoaded();
    auto report = services::computeCoverage(session.book(), PlanBook::asOf());
    ASSERT_TRUE(report);
    EXPECT_EQ(view.coverageModel()->rowCount(), static_cast<int>(report->brokers.size()));
    EXPECT_EQ(view.neglectedModel()->rowCount(), static_cast<int>(report->neglected.size()));
    view.setByBranch(true);
    EXPECT_EQ(view.coverageModel()->rowCount(), static_cast<int>(report->branches.size()));
    EXPECT_EQ(view.coverageModel()->item(0, 0)->text(), "BR1");
}

TEST(CoverageView, ListsTheDeadlinesThePlanMisses) {
    PlanBook book = plannedBook(1);
    BookSession session(std::move(book.db()));
    CoverageView view;
    view.setSession(&session);
    view.ensureLoaded();
    auto report = services::computeCoverage(session.book(), PlanBook::asOf());
    ASSERT_TRUE(report);
    ASSERT_GT(report->shortfalls.size(), 0u); // one call a day cannot meet every deadline
    EXPECT_EQ(view.shortfallModel()->rowCount(), static_cast<int>(report->shortfalls.size()));
    EXPECT_EQ(view.shortfallModel()->item(0, 0)->text(),
              QString::fromStdString(report->shortfalls[0].client_id));
    EXPECT_FALSE(view.shortfallModel()->item(0, 7)->text().isEmpty()); // why, in words
    EXPECT_EQ(view.coverageModel()->item(0, 0)->text(), "B1");
    EXPECT_EQ(view.coverageModel()->item(0, 8)->text().toInt(),
              static_cast<int>(report->shortfalls.size()));
}
