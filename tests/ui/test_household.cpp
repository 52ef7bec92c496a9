// The client pane's household box (issue 18 item 4): relating clients through the session shows
// the household at once with its combined AUM, the inverse kind on the other client, and a
// removal (or Ctrl+Z) takes it away again.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include "format.h"
#include "mainwindow.h"
#include "models/clienttablemodel.h"
#include "services/household.h"
#include "session/booksession.h"
#include "views/clientdetailpane.h"
#include "widgets/clientsearchbox.h"
#include "windowfixture.h"

using namespace bd;
using namespace bd::ui;

TEST(HouseholdPane, ARelationShowsTheHouseholdWithItsCombinedAumAndCtrlZTakesItAway) {
    auto w = bdtest::openSyntheticWindow(40, 2, QSize(1400, 850));
    auto* table = bdtest::find<QTableView>(w.get(), "clientTable");
    auto* pane = bdtest::find<ClientDetailPane>(w.get(), "clientDetail");
    ASSERT_TRUE(table && pane);
    const QString other = table->model()->index(1, ClientTableModel::ClientId).data().toString();
    table->setCurrentIndex(table->model()->index(0, ClientTableModel::Name));
    const QString self = table->model()->index(0, ClientTableModel::ClientId).data().toString();
    ASSERT_EQ(bdtest::find<QLabel>(w.get(), "detailClientId")->text(), self);
    auto* household = pane->householdTable();
    EXPECT_EQ(household->rowCount(), 0);
    EXPECT_TRUE(bdtest::find<QPushButton>(w.get(), "addRelationButton")->isEnabled());

    ASSERT_TRUE(pane->relateTo(other, RelationKind::Parent));
    // Shown at once (the session announced the change): the client and its parent.
    ASSERT_EQ(household->rowCount(), 2);
    EXPECT_EQ(household->item(0, 0)->text(), self);
    EXPECT_EQ(household->item(1, 0)->text(), other);
    EXPECT_EQ(household->item(1, 2)->text(), enumLabel(RelationKind::Parent));
    auto h = services::loadHousehold(w->session()->book(), pane->clientRef());
    ASSERT_TRUE(h);
    ASSERT_EQ(h->members.size(), 2u);
    const Money sum = h->members[0].aum.value_or(Money{}) + h->members[1].aum.value_or(Money{});
    EXPECT_EQ(h->aum, sum);
    EXPECT_GT(sum.units, 0);
    EXPECT_NE(pane->householdTotals()->text().indexOf(formatCny(sum)), -1)
        << pane->householdTotals()->text().toStdString();
    EXPECT_EQ(household->item(0, 3)->text(), formatCny(*h->members[0].aum));

    // The other client sees this one as its child.
    table->setCurrentIndex(table->model()->index(1, ClientTableModel::Name));
    ASSERT_EQ(household->rowCount(), 2);
    EXPECT_EQ(household->item(1, 0)->text(), self);
    EXPECT_EQ(household->item(1, 2)->text(), enumLabel(RelationKind::Child));

    // Ctrl+Z undoes the relation: no household any more.
    auto* undo = bdtest::find<QAction>(w.get(), "actionUndo");
    ASSERT_TRUE(undo && undo->isEnabled());
    undo->trigger();
    EXPECT_EQ(household->rowCount(), 0);
    // Refused: a client related to itself (the error is reported, nothing shown).
    EXPECT_FALSE(pane->relateTo(other, RelationKind::Spouse));
    EXPECT_EQ(household->rowCount(), 0);
}

TEST(HouseholdPane, AddRelationPicksTheClientWithTheSearchBoxAndTheKind) {
    auto w = bdtest::openSyntheticWindow(40, 2, QSize(1400, 850));
    auto* table = bdtest::find<QTableView>(w.get(), "clientTable");
    auto* pane = bdtest::find<ClientDetailPane>(w.get(), "clientDetail");
    ASSERT_TRUE(table && pane);
    const QString other = table->model()->index(3, ClientTableModel::ClientId).data().toString();
    table->setCurrentIndex(table->model()->index(0, ClientTableModel::Name));
    bool answered = false;
    QTimer::singleShot(0, [&] {
        QDialog* d = nullptr;
        for (QWidget* top : QApplication::topLevelWidgets())
            if (top->objectName() == "addRelationDialog" && top->isVisible())
                d = qobject_cast<QDialog*>(top);
        if (!d) return;
        auto* search = d->findChild<ClientSearchBox*>("relationSearch");
        auto* kind = d->findChild<QComboBox*>("relationKind");
        auto* buttons = d->findChild<QDialogButtonBox*>();
        if (!search || !kind || !buttons) return d->reject();
        search->setFocus();
        QTest::keyClicks(search, other);
        QTest::keyClick(search, Qt::Key_Return);
        kind->setCurrentIndex(kind->findData(static_cast<int>(RelationKind::Sibling)));
        answered = buttons->button(QDialogButtonBox::Ok)->isEnabled();
        buttons->button(QDialogButtonBox::Ok)->click();
    });
    pane->addRelation();
    ASSERT_TRUE(answered) << "the dialog did not take the client found";
    auto* household = pane->householdTable();
    ASSERT_EQ(household->rowCount(), 2);
    EXPECT_EQ(household->item(1, 0)->text(), other);
    EXPECT_EQ(household->item(1, 2)->text(), enumLabel(RelationKind::Sibling));
}
