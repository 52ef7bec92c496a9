// Settings, the Calendar page and the reminders on start, offscreen: the Settings dialog refuses
// a value out of range naming the range and stores nothing; an applied VIP % reaches the VIP and
// Value pages through the book session; the Calendar page shows the built-in calendar's National
// Day and a correction round-trips (and is undone); Today's badge counts what is due.
#include <gtest/gtest.h>

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>

#include "chineseui.h"
#include "core/facts.h"
#include "demo/demogenerator.h"
#include "dialogs/settingsdialog.h"
#include "i18n.h"
#include "mainwindow.h"
#include "services/plancalendar.h"
#include "services/refresh.h"
#include "session/booksession.h"
#include "storage/book/settings.h"
#include "storage/schema/schema.h"
#include "views/calendarview.h"
#include "views/valuedashboard.h"
#include "views/vipview.h"
#include "windowfixture.h"

#include <QDoubleSpinBox>

using namespace bd;
using namespace bd::ui;

namespace {

std::unique_ptr<BookSession> emptySession() {
    auto db = storage::openBook(":memory:");
    EXPECT_TRUE(db);
    return std::make_unique<BookSession>(std::move(*db));
}

/// A small refreshed demo book of this test's own (the shared one must keep its settings).
std::unique_ptr<BookSession> refreshedSession() {
    auto db = storage::openBook(":memory:");
    EXPECT_TRUE(db);
    demo::DemoOptions o;
    o.clients = 300;
    o.seed = 5;
    EXPECT_TRUE(demo::generateDemoBook(*db, o));
    EXPECT_TRUE(services::refreshBook(*db));
    return std::make_unique<BookSession>(std::move(*db));
}

std::int64_t auditRows(BookSession& s) {
    return *storage::queryInt(s.book(), "SELECT count(*) FROM audit_log");
}

} // namespace

TEST(SettingsDialog, RefusesAValueOutOfRangeNamingTheRangeAndStoresNothing) {
    auto session = emptySession();
    SettingsDialog dialog(session.get());
    auto* vip = qobject_cast<QLineEdit*>(dialog.editor("value.vip_percent"));
    ASSERT_NE(vip, nullptr);
    vip->setText("150");
    const QString range = SettingsDialog::rangeText(*services::settingSpec("value.vip_percent"));
    EXPECT_EQ(range, "more than 0, at most 100");
    // The phrasebook's refusal: the setting's name, the value and the range with its open bound,
    // under the tabs and beside the field.
    const QString refusal = "VIP share of clients '150': expected greater than 0% and at most 100%";
    EXPECT_EQ(dialog.errorLabel()->text(), refusal);
    EXPECT_EQ(dialog.fieldMessage("value.vip_percent")->text(), refusal);
    EXPECT_FALSE(vip->styleSheet().isEmpty()) << "marked in place";
    QTest::mouseClick(dialog.findChild<QPushButton*>("settingsApply"), Qt::LeftButton);
    EXPECT_EQ(dialog.errorLabel()->text(), refusal);
    EXPECT_EQ(dialog.tabs()->currentIndex(), 1) << "the VIP & segments tab, where the value is";
    EXPECT_EQ(*storage::getSetting(session->book(), "value.vip_percent"), std::nullopt);
    EXPECT_EQ(auditRows(*session), 0);

    auto* months = qobject_cast<QLineEdit*>(dialog.editor("risk_assessment.validity_months"));
    ASSERT_NE(months, nullptr);
    vip->clear();
    months->setText("121");
    EXPECT_TRUE(dialog.errorLabel()->text().contains("a whole number from 1 to 120"));
    EXPECT_TRUE(dialog.fieldMessage("value.vip_percent")->text().contains(range))
        << "the range again once the value is cleared";
    months->setText("36");
    EXPECT_TRUE(dialog.errorLabel()->text().isEmpty());
    EXPECT_TRUE(dialog.apply());
    EXPECT_EQ(*storage::getSetting(session->book(), "risk_assessment.validity_months"),
              std::optional<std::string>("36"));
    EXPECT_EQ(auditRows(*session), 1);
    EXPECT_TRUE(dialog.apply()) << "nothing changed: nothing to store";
    EXPECT_EQ(auditRows(*session), 1);
}

TEST(SettingsDialog, InChineseTheRefusalBesideTheFieldNamesTheSettingAndItsRange) {
    const bdtest::ChineseUi chinese;
    ASSERT_TRUE(chinese.ok);
    auto session = emptySession();
    SettingsDialog dialog(session.get());
    qobject_cast<QLineEdit*>(dialog.editor("value.vip_percent"))->setText("150");
    const QString refusal = QString::fromUtf8("VIP比例“150”超出范围：须在0%与100%之间（不含0%）");
    EXPECT_EQ(dialog.fieldMessage("value.vip_percent")->text(), refusal);
    EXPECT_EQ(dialog.errorLabel()->text(), refusal);
    EXPECT_FALSE(dialog.apply());
    EXPECT_EQ(*storage::getSetting(session->book(), "value.vip_percent"), std::nullopt);
}

TEST(SettingsDialog, AVipPercentAppliedReachesTheVipAndValuePagesAndIsUndone) {
    auto session = refreshedSession();
    VipView vip;
    vip.setSession(session.get());
    vip.ensureLoaded();
    ValueDashboard value;
    value.setSession(session.get());
    value.ensureLoaded();
    auto* percent = vip.findChild<QDoubleSpinBox*>("vipPercent");
    ASSERT_NE(percent, nullptr);
    EXPECT_DOUBLE_EQ(percent->value(), 5.0);
    const int before = vip.vipCount();
    auto* note = value.findChild<QLabel*>("valueSettingsNote");
    ASSERT_NE(note, nullptr);
    EXPECT_TRUE(note->isHidden());

    SettingsDialog dialog(session.get());
    qobject_cast<QLineEdit*>(dialog.editor("value.vip_percent"))->setText("10");
    ASSERT_TRUE(dialog.apply()) << dialog.errorLabel()->text().toStdString();
    EXPECT_TRUE(vip.isStale()) << "told by the session";
    EXPECT_TRUE(value.isStale());
    vip.ensureLoaded();
    value.ensureLoaded();
    EXPECT_DOUBLE_EQ(percent->value(), 10.0);
    EXPECT_GT(vip.vipCount(), before);
    EXPECT_FALSE(note->isHidden()) << "the Value page says a refresh is needed";

    session->undoStack()->undo();
    vip.ensureLoaded();
    value.ensureLoaded();
    EXPECT_DOUBLE_EQ(percent->value(), 5.0);
    EXPECT_EQ(vip.vipCount(), before);
    EXPECT_TRUE(note->isHidden());
}

TEST(SettingsDialog, EachBrokersCapacityIsEditedInThePlanningTab) {
    auto session = refreshedSession();
    auto capacities = services::loadBrokerCapacities(session->book());
    ASSERT_TRUE(capacities);
    ASSERT_FALSE(capacities->empty());
    const std::string key = capacities->front().key;
    SettingsDialog dialog(session.get());
    auto* editor = qobject_cast<QLineEdit*>(dialog.editor(QString::fromStdString(key)));
    ASSERT_NE(editor, nullptr) << key;
    editor->setText("501");
    EXPECT_TRUE(dialog.errorLabel()->text().contains("a whole number from 0 to 500"))
        << dialog.errorLabel()->text().toStdString();
    EXPECT_FALSE(dialog.apply());
    EXPECT_EQ(dialog.tabs()->currentIndex(), 2) << "Planning & capacity";
    editor->setText("15");
    ASSERT_TRUE(dialog.apply()) << dialog.errorLabel()->text().toStdString();
    capacities = services::loadBrokerCapacities(session->book());
    ASSERT_TRUE(capacities);
    EXPECT_EQ(capacities->front().value, std::optional<std::string>("15"));
}

TEST(CalendarView, ShowsTheBuiltInNationalDayAndACorrectionRoundTrips) {
    auto session = emptySession();
    CalendarView view;
    view.setSession(session.get());
    view.showYear(2026);
    view.ensureLoaded();
    const Date nationalDay = Date::fromYmd(2026, 10, 1);
    EXPECT_EQ(view.kindOf(nationalDay), CalendarDayKind::Holiday);
    QTableWidget* days = view.daysTable();
    int row = -1;
    for (int r = 0; r < days->rowCount(); ++r)
        if (days->item(r, 0)->text() == "2026-10-01") row = r;
    ASSERT_GE(row, 0);
    EXPECT_EQ(days->item(row, 1)->text(), "Holiday");
    EXPECT_TRUE(days->item(row, 2)->text().contains("National Day"));
    EXPECT_EQ(days->item(row, 3)->text(), "Built-in");
    EXPECT_NE(view.month(10)->dateAt(QPoint(1 + 3 * 26 + 5, 24 + 22 + 5)), std::nullopt)
        << "Thursday 1 October is in the first row, fourth column";

    const Date tuesday = Date::fromYmd(2026, 3, 10);
    EXPECT_FALSE(view.correctDay(tuesday, CalendarDayKind::MarketClosed, ""))
        << "a reason is required";
    EXPECT_FALSE(view.message()->text().isEmpty());
    EXPECT_EQ(view.kindOf(tuesday), std::nullopt);
    ASSERT_TRUE(view.correctDay(tuesday, CalendarDayKind::MarketClosed, "system upgrade"));
    EXPECT_EQ(view.kindOf(tuesday), CalendarDayKind::MarketClosed);
    auto cal = services::loadBookCalendar(session->book());
    ASSERT_TRUE(cal);
    EXPECT_FALSE(cal->isTradingDay(tuesday)) << "stored in the book";
    bool listed = false;
    for (int r = 0; r < days->rowCount(); ++r)
        if (days->item(r, 0)->text() == "2026-03-10")
            listed =
                days->item(r, 3)->text() == "Book" && days->item(r, 2)->text() == "system upgrade";
    EXPECT_TRUE(listed);

    session->undoStack()->undo();
    view.ensureLoaded();
    EXPECT_EQ(view.kindOf(tuesday), std::nullopt);
}

TEST(MainWindow, TodaysBadgeCountsPromisesDueTodayAndUrgentItemsOverdue) {
    auto db = storage::openBook(":memory:");
    ASSERT_TRUE(db);
    const Date today = services::localToday();
    ASSERT_TRUE(db->exec(
        "INSERT INTO branches(branch_id, name) VALUES ('BR1', 'North');"
        "INSERT INTO brokers(broker_id, name, branch_id) VALUES ('B1', 'Li', 'BR1');"
        "INSERT INTO clients(client_id, name, phone, broker_id, open_date, risk_level, "
        "preferred_channel) VALUES ('C1', 'Hu', '13800000001', 'B1', 18000, 3, 1), "
        "('C2', 'Wu', '13800000002', 'B1', 18000, 3, 1), ('C3', 'Ma', '13800000003', 'B1', "
        "18000, 3, 1);"));
    const auto task = [&](int client, Date d, ReasonKind kind) {
        auto st = db->prepare("INSERT INTO follow_up_tasks(client_ref, broker_id, planned_date, "
                              "due_date, reasons, status, created_at) VALUES (?1, 'B1', ?2, ?2, "
                              "?3, 0, 0)");
        st->bind(1, client).bind(2, d).bind(3, encodeFacts({Reason(kind)}));
        ASSERT_TRUE(st->run());
    };
    task(1, today, ReasonKind::PromisedFollowUp);
    task(2, today.addDays(-2), ReasonKind::AssetOutflow);
    task(3, today.addDays(-2), ReasonKind::Cadence); // overdue but routine
    task(3, today, ReasonKind::Birthday);            // due today but not a promise
    MainWindow w(std::move(*db));
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    auto* badge = bdtest::find<QLabel>(&w, "todayBadge");
    ASSERT_NE(badge, nullptr);
    EXPECT_EQ(badge->text(), "2");
    EXPECT_TRUE(badge->isVisible());
    EXPECT_EQ(badge->parentWidget()->objectName(), "nav_todayView");
    ASSERT_TRUE(w.reminderBar()->isVisible());
    ASSERT_EQ(w.reminderList()->count(), 2);
    EXPECT_TRUE(w.reminderList()->item(0)->text().contains("C1"));
    // A reminder opens its client.
    emit w.reminderList()->itemActivated(w.reminderList()->item(1));
    EXPECT_EQ(bdtest::find<QLineEdit>(&w, "searchBox")->text(), "C2");
    QTest::mouseClick(bdtest::find<QPushButton>(&w, "reminderDismiss"), Qt::LeftButton);
    EXPECT_FALSE(w.reminderBar()->isVisible());
    EXPECT_TRUE(badge->isVisible()) << "the count stays on Today";
}
