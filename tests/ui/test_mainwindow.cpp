#include <gtest/gtest.h>

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include "mainwindow.h"
#include "models/clienttablemodel.h"
#include "storage/schema/schema.h"
#include "support/syntheticbook.h"
#include "views/clientdetailpane.h"

using namespace bd;
using namespace bd::ui;

namespace {

// gtest-friendly polling (QTRY_* macros need a QTest function context).
template <typename Pred>
bool waitFor(Pred pred, int timeoutMs = 5000) {
    for (int waited = 0; waited < timeoutMs; waited += 20) {
        if (pred()) return true;
        QTest::qWait(20);
    }
    return pred();
}

std::unique_ptr<MainWindow> openWindow(int clients) {
    auto db = storage::openBook(":memory:");
    EXPECT_TRUE(db);
    bdtest::SyntheticBookSpec spec;
    spec.clients = clients;
    spec.brokers = 6;
    EXPECT_TRUE(bdtest::fillSyntheticBook(*db, spec));
    auto w = std::make_unique<MainWindow>(std::move(*db));
    w->show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(w.get()));
    return w;
}

template <typename T>
T* find(QWidget* w, const char* name) {
    auto* child = w->findChild<T*>(name);
    EXPECT_NE(child, nullptr) << name;
    return child;
}

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
