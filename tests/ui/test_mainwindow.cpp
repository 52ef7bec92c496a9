#include <gtest/gtest.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include "format.h"
#include "i18n.h"
#include "mainwindow.h"
#include "models/clienttablemodel.h"
#include "models/planitemmodel.h"
#include "services/contactlog.h"
#include "services/planrebuild.h"
#include "session/booksession.h"
#include "storage/schema/schema.h"
#include "support/planbook.h"
#include "support/syntheticbook.h"
#include "views/clientdetailpane.h"
#include "views/coverageview.h"
#include "views/todayview.h"
#include "waitfor.h"
#include "windowfixture.h"

using namespace bd;
using namespace bd::ui;

namespace {

using bdtest::waitFor;

std::unique_ptr<MainWindow> openWindow(int clients) {
    return bdtest::openSyntheticWindow(clients, 6);
}

using bdtest::find;

} // namespace

TEST(MainWindow, ShowsBookAndDetailOfTheSelectedClient) {
    auto w = openWindow(600);
    auto* table = find<QTableView>(w.get(), "clientTable");
    auto* detail = find<ClientDetailPane>(w.get(), "clientDetail");
    auto* status = find<QLabel>(w.get(), "statusCounts");
    ASSERT_TRUE(table && detail && status);
    EXPECT_EQ(table->model()->rowCount(), 200);
    EXPECT_TRUE(status->text().startsWith("600 of 600 clients")) << status->text().toStdString();

    // The first row is selected and its profile shown.
    const QString firstName = table->model()->index(0, ClientTableModel::Name).data().toString();
    EXPECT_EQ(find<QLabel>(w.get(), "detailTitle")->text(), firstName);
    EXPECT_NE(detail->clientRef(), 0);

    // Clicking another row shows that client.
    const QModelIndex fifth = table->model()->index(4, ClientTableModel::ClientId);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(fifth).center());
    EXPECT_EQ(find<QLabel>(w.get(), "detailClientId")->text(), fifth.data().toString());
    EXPECT_EQ(detail->clientRef(), fifth.data(ClientTableModel::RefRole).toLongLong());
    const QString masked = find<QLabel>(w.get(), "detailIdNumber")->text();
    EXPECT_EQ(masked.size(), 18);
    EXPECT_TRUE(masked.contains("***********"));
    EXPECT_FALSE(find<QLabel>(w.get(), "detailAumTotal")->text().isEmpty());
    auto* trades = find<QTableWidget>(w.get(), "recentTrades");
    ASSERT_TRUE(trades);
    EXPECT_LE(trades->rowCount(), 50);
}

TEST(MainWindow, SearchBoxFiltersAfterTyping) {
    auto w = openWindow(600);
    auto* table = find<QTableView>(w.get(), "clientTable");
    auto* search = find<QLineEdit>(w.get(), "searchBox");
    ASSERT_TRUE(table && search);
    QTest::keyClicks(search, "C000012");
    // Debounced: nothing happens on the first keystrokes, the filter lands after the delay.
    ASSERT_TRUE(waitFor([&] { return table->model()->rowCount() == 10; }))
        << table->model()->rowCount();
    for (int r = 0; r < 10; ++r)
        EXPECT_TRUE(table->model()
                        ->index(r, ClientTableModel::ClientId)
                        .data()
                        .toString()
                        .startsWith("C000012"));
    EXPECT_TRUE(find<QLabel>(w.get(), "detailClientId")->text().startsWith("C000012"));
    EXPECT_TRUE(find<QLabel>(w.get(), "statusCounts")->text().startsWith("10 of 600"));

    search->clear();
    QTest::keyClicks(search, "zzz");
    QTest::keyClick(search, Qt::Key_Return); // Enter applies at once
    EXPECT_EQ(table->model()->rowCount(), 0);
    EXPECT_EQ(find<QLabel>(w.get(), "detailTitle")->text(), QString("No client selected"));
}

TEST(MainWindow, BrokerFilterAndHeaderSorting) {
    auto w = openWindow(600);
    auto* table = find<QTableView>(w.get(), "clientTable");
    auto* broker = find<QComboBox>(w.get(), "brokerFilter");
    ASSERT_TRUE(table && broker);
    ASSERT_EQ(broker->count(), 7); // "All brokers" + 6
    broker->setCurrentIndex(2);    // B002
    EXPECT_EQ(table->model()->rowCount(), 100);
    for (int r = 0; r < table->model()->rowCount(); ++r)
        ASSERT_EQ(
            table->model()->index(r, ClientTableModel::Broker).data(Qt::ToolTipRole).toString(),
            "B002");

    // Clicking the AUM header sorts by AUM; clicking again reverses.
    auto* header = table->horizontalHeader();
    const int x = header->sectionViewportPosition(ClientTableModel::Aum) + 10;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    auto aum = [&](int r) {
        return table->model()
            ->index(r, ClientTableModel::Aum)
            .data()
            .toString()
            .remove(',')
            .toDouble();
    };
    const bool firstDesc = header->sortIndicatorOrder() == Qt::DescendingOrder;
    for (int r = 1; r < table->model()->rowCount(); ++r)
        ASSERT_TRUE(firstDesc ? aum(r - 1) >= aum(r) : aum(r - 1) <= aum(r));
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    for (int r = 1; r < table->model()->rowCount(); ++r)
        ASSERT_TRUE(firstDesc ? aum(r - 1) <= aum(r) : aum(r - 1) >= aum(r));

    // The phone column is not sortable: the indicator returns to AUM.
    const int px = header->sectionViewportPosition(ClientTableModel::Phone) + 10;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(px, header->height() / 2));
    EXPECT_EQ(header->sortIndicatorSection(), ClientTableModel::Aum);
}

namespace {

int rowOf(const QAbstractItemModel* model, int column, const QString& text) {
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, column).data().toString() == text) return r;
    return -1;
}

} // namespace

TEST(MainWindow, AContactLoggedOnTodayShowsAtOnceInTheClientsTableThePaneAndCoverage) {
    bdtest::PlanBook book;
    book.addOnePerTrigger();
    // A VIP last contacted 100 days ago, beyond a 30-day cadence: neglected, and planned.
    bdtest::PlanBook::ClientSpec vip;
    vip.id = "VIP1";
    vip.vip = true;
    vip.value_score = 95;
    book.client(vip);
    book.contact("VIP1", 100);
    services::PlanOptions plan;
    plan.as_of = bdtest::PlanBook::asOf();
    ASSERT_TRUE(services::rebuildPlan(book.db(), plan));
    MainWindow w(std::move(book.db()));
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));

    // The client open in the Clients page.
    auto* table = find<QTableView>(&w, "clientTable");
    auto* contacts = find<QTableWidget>(&w, "recentContacts");
    ASSERT_TRUE(table && contacts);
    const int row = rowOf(table->model(), ClientTableModel::ClientId, "VIP1");
    ASSERT_GE(row, 0);
    table->setCurrentIndex(table->model()->index(row, ClientTableModel::Name));
    ASSERT_EQ(find<QLabel>(&w, "detailClientId")->text(), QString("VIP1"));
    const int contactsBefore = contacts->rowCount();
    const auto lastContact = [&] {
        const int r = rowOf(table->model(), ClientTableModel::ClientId, "VIP1");
        return table->model()->index(r, ClientTableModel::LastContact).data().toString();
    };
    EXPECT_EQ(lastContact(), formatDate(bdtest::PlanBook::asOf().addDays(-100)));

    // Coverage lists the VIP as neglected.
    ASSERT_TRUE(w.showPage("coverageView"));
    auto* coverage = find<CoverageView>(&w, "coverageView");
    ASSERT_TRUE(coverage);
    ASSERT_GE(rowOf(coverage->neglectedModel(), 0, "VIP1"), 0);

    // Logged on Today, in B1's plan.
    ASSERT_TRUE(w.showPage("todayView"));
    auto* today = find<TodayView>(&w, "todayView");
    ASSERT_TRUE(today);
    today->showBroker("B1", bdtest::PlanBook::asOf(), 10);
    const int planned = rowOf(today->planTable()->model(), PlanItemModel::Client, "VIP1");
    ASSERT_GE(planned, 0);
    today->selectRow(planned);
    services::ContactLog log;
    log.channel = ContactChannel::Phone;
    log.outcome = Outcome::Reached;
    log.notes = "reviewed the portfolio";
    log.at = DateTime::fromParts(bdtest::PlanBook::asOf(), 10, 0, 0);
    ASSERT_TRUE(today->logSelected(log)) << today->lastError().toStdString();
    EXPECT_LT(rowOf(today->planTable()->model(), PlanItemModel::Client, "VIP1"), 0) << "done";

    // At once, without a refresh: the Clients table's row, the open pane, and Coverage.
    EXPECT_EQ(lastContact(), formatDate(bdtest::PlanBook::asOf()));
    EXPECT_EQ(find<QLabel>(&w, "detailClientId")->text(), QString("VIP1"));
    ASSERT_EQ(contacts->rowCount(), contactsBefore + 1);
    EXPECT_EQ(contacts->item(0, 0)->text(), formatDateTime(*log.at));
    EXPECT_EQ(contacts->item(0, 6)->text(), QString("reviewed the portfolio"));
    ASSERT_TRUE(w.showPage("coverageView"));
    EXPECT_LT(rowOf(coverage->neglectedModel(), 0, "VIP1"), 0);
    EXPECT_TRUE(find<QLabel>(&w, "statusCounts")->text().contains("12 contacts"))
        << find<QLabel>(&w, "statusCounts")->text().toStdString();
}

TEST(MainWindow, FitsALaptopScreenInBothLanguages) {
    // Every page lives in one stack, so the tallest or widest page sets the window's minimum:
    // the client overview (about 820 px of boxes and tables) and the calendar's year (about
    // 1,100 px) scroll instead, so a 1280x720 screen holds the whole window.
    for (const char* lang : {"en", "zh"}) {
        ASSERT_EQ(setUiLanguage(*QCoreApplication::instance(), lang), lang);
        auto w = openWindow(200);
        const QSize min = w->minimumSizeHint().expandedTo(w->minimumSize());
        EXPECT_LE(min.width(), 1280) << lang;
        EXPECT_LE(min.height(), 720) << lang;
    }
    setUiLanguage(*QCoreApplication::instance(), "en");
}
