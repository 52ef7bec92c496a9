// The instant search box in the main window's tool bar: Ctrl+F, typing, the ranked list built
// off the UI thread, arrows, Enter opening the client, Esc; the index follows the book.
#include <gtest/gtest.h>

#include <QApplication>
#include <QTest>
#include <QTreeWidget>

#include "mainwindow.h"
#include "services/bookchange.h"
#include "session/booksession.h"
#include "storage/schema/schema.h"
#include "support/tempdir.h"
#include "views/clientdetailpane.h"
#include "waitfor.h"
#include "widgets/clientsearchbox.h"

using namespace bd;
using namespace bd::ui;

namespace {

/// Indexing runs on a worker thread of a shared, busy machine: allow it time.
template <typename Pred>
bool waitFor(Pred pred) {
    return bdtest::waitFor(pred, 20000);
}

/// A book file (so the index is built on a worker thread, as for a user's book).
std::unique_ptr<MainWindow> openWindow(const bdtest::TempDir& dir) {
    auto db = storage::openBook(dir.file("search.bdbook"));
    EXPECT_TRUE(db) << db.error().toString();
    EXPECT_TRUE(db->exec(
        "INSERT INTO brokers(broker_id, name) VALUES ('E01', 'Wang Li');"
        "INSERT INTO clients(id, client_id, name, broker_id, open_date, phone, id_number) VALUES"
        " (1, 'C001', '张晓蓉', 'E01', 19000, '13812344244', '31011519800101123X'),"
        " (2, 'C002', '胡晓蓉', 'E01', 19000, '13900001111', NULL),"
        " (3, 'C003', '张伟', 'E01', 19000, '13700002222', NULL);"));
    auto w = std::make_unique<MainWindow>(std::move(*db));
    w->resize(1200, 700);
    w->show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(w.get()));
    QApplication::setActiveWindow(w.get());
    return w;
}

QStringList rowTexts(QTreeWidget* list, int column) {
    QStringList out;
    for (int r = 0; r < list->topLevelItemCount(); ++r) out << list->topLevelItem(r)->text(column);
    return out;
}

} // namespace

TEST(ClientSearchBox, CtrlFTypingArrowsAndEnterOpenTheClient) {
    bdtest::TempDir dir;
    auto w = openWindow(dir);
    ClientSearchBox* box = w->instantSearch();
    ASSERT_TRUE(waitFor([&] { return box->isReady(); })) << "the index was never built";
    EXPECT_FALSE(w->isLoading());

    QTest::keyClick(w.get(), Qt::Key_F, Qt::ControlModifier);
    ASSERT_TRUE(waitFor([&] { return QApplication::focusWidget() == box; }));

    QTest::keyClicks(box, "zxr");
    QTreeWidget* list = box->popup();
    ASSERT_TRUE(list->isVisible());
    ASSERT_EQ(list->topLevelItemCount(), 1);
    EXPECT_EQ(list->topLevelItem(0)->text(0), QString("张晓蓉"));
    EXPECT_EQ(list->topLevelItem(0)->text(1), QString("C001"));
    EXPECT_EQ(list->topLevelItem(0)->text(2), QString("138****4244")); // masked
    EXPECT_EQ(list->topLevelItem(0)->text(3), QString("E01 Wang Li"));
    EXPECT_EQ(list->topLevelItem(0)->text(4), QString("Pinyin initials"));
    EXPECT_LT(box->lastSearchMs(), 30.0);

    // Part of the pinyin: both 晓蓉, tied, in pinyin order (hu before zhang); Down moves to the
    // second, Enter opens it in the Clients page's pane.
    box->clear();
    QTest::keyClicks(box, "xiaorong");
    ASSERT_EQ(rowTexts(list, 1), (QStringList{"C002", "C001"}));
    EXPECT_EQ(rowTexts(list, 4), (QStringList{"Part of pinyin", "Part of pinyin"}));
    EXPECT_EQ(list->currentItem(), list->topLevelItem(0));
    QTest::keyClick(box, Qt::Key_Down);
    EXPECT_EQ(list->currentItem(), list->topLevelItem(1));
    QTest::keyClick(box, Qt::Key_Down); // wraps
    EXPECT_EQ(list->currentItem(), list->topLevelItem(0));
    QTest::keyClick(box, Qt::Key_Up);
    EXPECT_EQ(list->currentItem(), list->topLevelItem(1));
    w->showPage("todayView");
    QTest::keyClick(box, Qt::Key_Return);
    EXPECT_FALSE(list->isVisible());
    EXPECT_EQ(w->detailPane()->clientRef(), 1);
    EXPECT_TRUE(w->detailPane()->isVisible()); // the Clients page is shown

    // Esc closes the list; nothing found says so; three phone digits find no phone.
    box->setFocus();
    box->clear();
    QTest::keyClicks(box, "4244");
    ASSERT_TRUE(list->isVisible());
    EXPECT_EQ(rowTexts(list, 1), QStringList{"C001"});
    QTest::keyClick(box, Qt::Key_Escape);
    EXPECT_FALSE(list->isVisible());
    box->clear();
    QTest::keyClicks(box, "424");
    EXPECT_EQ(list->topLevelItemCount(), 1);
    EXPECT_EQ(list->topLevelItem(0)->text(0), QString("No client found"));
    QTest::keyClick(box, Qt::Key_Return); // nothing to open
    EXPECT_EQ(w->detailPane()->clientRef(), 1);
}

TEST(ClientSearchBox, TheIndexFollowsTheClientsOfTheBook) {
    bdtest::TempDir dir;
    auto w = openWindow(dir);
    ClientSearchBox* box = w->instantSearch();
    ASSERT_TRUE(waitFor([&] { return box->isReady(); }));
    box->setFocus();
    box->insert(QString("单田芳")); // as an input method commits it (keyClicks is ASCII only)
    EXPECT_EQ(box->popup()->topLevelItem(0)->text(0), QString("No client found"));

    // Another writer adds a client and announces it: the box indexes again, off the UI thread.
    ASSERT_TRUE(w->session()->book().exec(
        "INSERT INTO clients(id, client_id, name, broker_id, open_date) VALUES"
        " (4, 'C004', '单田芳', 'E01', 19000);"));
    int ready = 0;
    QObject::connect(box, &ClientSearchBox::indexReady, [&] { ++ready; });
    w->session()->announce(services::ClientsChange{services::ClientSet::of({4})});
    ASSERT_TRUE(waitFor([&] { return ready > 0; }));
    box->clear();
    QTest::keyClicks(box, "stf"); // the surname's reading (shan), not ICU's (dan)
    ASSERT_EQ(box->popup()->topLevelItemCount(), 1);
    EXPECT_EQ(box->popup()->topLevelItem(0)->text(1), QString("C004"));

    // Another book: the old index no longer answers.
    {
        auto other = storage::openBook(dir.file("other.bdbook"));
        ASSERT_TRUE(other);
    }
    ASSERT_TRUE(w->openBookFile(QString::fromStdString(dir.file("other.bdbook")), true));
    // Until the new book's index is in (it comes through the event loop), the list says so.
    box->setFocus();
    box->setText("stf");
    EXPECT_FALSE(box->isReady());
    EXPECT_TRUE(w->isLoading()); // screenshots wait for it
    ASSERT_EQ(box->popup()->topLevelItemCount(), 1);
    EXPECT_EQ(box->popup()->topLevelItem(0)->text(0), QString("Indexing clients…"));
    ASSERT_TRUE(waitFor([&] { return box->isReady(); }));
    QTest::keyClicks(box, " ");
    EXPECT_EQ(box->popup()->topLevelItem(0)->text(0), QString("No client found"));
}
