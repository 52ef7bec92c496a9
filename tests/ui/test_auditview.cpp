// The Audit page (issue 18): an edit through the book session shows at once, newest first, with
// its kind and who made it; the client, kind and since filters narrow the list.
#include <gtest/gtest.h>

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QTest>

#include "mainwindow.h"
#include "services/commands/command.h"
#include "services/commands/records.h"
#include "session/booksession.h"
#include "views/auditview.h"
#include "views/clientdetailpane.h"
#include "windowfixture.h"

using namespace bd;
using namespace bd::ui;
namespace cmd = bd::services::cmd;

namespace {

enum { Time, Who, Operation, Entity, ClientId, Changes };

} // namespace

TEST(AuditView, AnEditThroughTheSessionShowsWithItsKindAndWho) {
    auto w = bdtest::openSyntheticWindow(60, 3, QSize(1400, 850));
    auto* view = bdtest::find<AuditView>(w.get(), "auditView");
    ASSERT_NE(view, nullptr);
    view->ensureLoaded();
    const int before = view->table()->rowCount();

    BookSession* session = w->session();
    ASSERT_TRUE(session->execute(cmd::AddNote{"C0000001", "asked about the bond fund", {}}));
    ASSERT_TRUE(session->execute(cmd::TagClients{{"C0000002"}, "vip-watch", {}, false}));
    EXPECT_TRUE(view->isStale());
    view->ensureLoaded();
    auto* t = view->table();
    // Newest first: the tag's rows (the tag itself and the client's tag), then the note.
    ASSERT_GE(t->rowCount(), before + 2);
    EXPECT_EQ(t->item(0, Operation)->text(), ClientDetailPane::tr("Tag set"));
    int note = -1;
    for (int r = 0; r < t->rowCount() && note < 0; ++r)
        if (t->item(r, Operation)->text() == ClientDetailPane::tr("Note added")) note = r;
    ASSERT_GT(note, 0);
    EXPECT_EQ(t->item(note - 1, Operation)->text(), ClientDetailPane::tr("Tag set"));
    bool tagged = false; // the client's tag row names the client
    for (int r = 0; r < note; ++r) tagged = tagged || t->item(r, ClientId)->text() == "C0000002";
    EXPECT_TRUE(tagged);
    EXPECT_EQ(t->item(note, Who)->text().toStdString(), cmd::currentActor());
    EXPECT_EQ(t->item(note, ClientId)->text(), "C0000001");
    EXPECT_TRUE(t->item(note, Changes)->text().contains("bond fund"));
    EXPECT_TRUE(t->item(note, Entity)->text().startsWith(AuditView::tr("Note") + " · "))
        << t->item(note, Entity)->text().toStdString();

    // Filters: by client id, by kind, by a first day after today (nothing).
    view->clientFilter()->setText("C0000001");
    emit view->clientFilter()->editingFinished();
    view->ensureLoaded();
    ASSERT_EQ(t->rowCount(), 1);
    EXPECT_EQ(t->item(0, Operation)->text(), ClientDetailPane::tr("Note added"));
    view->clientFilter()->setText("NOPE999");
    emit view->clientFilter()->editingFinished();
    view->ensureLoaded();
    EXPECT_EQ(t->rowCount(), 0);
    EXPECT_FALSE(view->summary()->text().isEmpty());
    view->clientFilter()->clear();
    emit view->clientFilter()->editingFinished();
    view->kindFilter()->setCurrentIndex(view->kindFilter()->findData(QStringLiteral("tag.")));
    view->ensureLoaded();
    ASSERT_GE(t->rowCount(), 1);
    for (int r = 0; r < t->rowCount(); ++r)
        EXPECT_EQ(t->item(r, Operation)->text(), ClientDetailPane::tr("Tag set"));
    view->kindFilter()->setCurrentIndex(0);
    view->sinceFilter()->setDate(QDate::currentDate().addDays(2));
    view->ensureLoaded();
    EXPECT_EQ(t->rowCount(), 0);
}

namespace {

/// Selects the first row of `operation` in the Audit page's table; false when it is not shown.
bool selectOperation(AuditView* view, std::int64_t operation) {
    auto* t = view->table();
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, Time)->data(Qt::UserRole).toLongLong() == operation) {
            t->setCurrentCell(r, Time);
            t->selectRow(r);
            return true;
        }
    return false;
}

} // namespace

// Issue 18: an older operation is undone from the Audit page (its row selected, "Undo this
// operation"), the same undo command as `undo --operation N`; a refusal names the operation
// that blocks it, and every view follows the undo through the session.
TEST(AuditView, AnOlderOperationIsUndoneFromItsRowAndARefusalNamesWhatBlocksIt) {
    auto w = bdtest::openSyntheticWindow(60, 3, QSize(1400, 850));
    auto* view = bdtest::find<AuditView>(w.get(), "auditView");
    ASSERT_NE(view, nullptr);
    BookSession* session = w->session();
    auto store = services::sqliteRecordStore(session->book());
    const auto before = store->loadClient("C0000001");
    ASSERT_TRUE(before);
    auto first = session->execute(
        cmd::EditClient{"C0000001", std::nullopt, {{cmd::ClientField::Email, "a@example.com"}}});
    ASSERT_TRUE(first) << first.error().toString();
    auto second = session->execute(
        cmd::EditClient{"C0000001", std::nullopt, {{cmd::ClientField::Email, "b@example.com"}}});
    ASSERT_TRUE(second);
    auto note = session->execute(cmd::AddNote{"C0000002", "asked about bonds", {}});
    ASSERT_TRUE(note);
    view->ensureLoaded();
    EXPECT_FALSE(view->undoButton()->isEnabled()); // nothing selected

    // The first edit is overtaken by the second: refused, naming it; nothing changes.
    ASSERT_TRUE(selectOperation(view, first->operation));
    EXPECT_EQ(view->selectedOperation(), first->operation);
    EXPECT_TRUE(view->undoButton()->isEnabled());
    EXPECT_FALSE(view->undoSelected());
    EXPECT_FALSE(view->message()->isHidden());
    EXPECT_TRUE(
        view->message()->text().contains(QStringLiteral("operation %1").arg(second->operation)))
        << view->message()->text().toStdString();
    EXPECT_EQ(store->loadClient("C0000001")->client.email, "b@example.com");
    // A local correction names its field in words, not by its key.
    bool correction = false;
    for (int r = 0; r < view->table()->rowCount(); ++r) {
        const QString entity = view->table()->item(r, Entity)->text();
        if (!entity.startsWith(AuditView::tr("Local correction"))) continue;
        correction = true;
        EXPECT_TRUE(entity.endsWith("C0000001/" + ClientDetailPane::tr("Email")))
            << entity.toStdString();
    }
    EXPECT_TRUE(correction);

    // An older operation of another client is undone by the button: the note is gone, the
    // page shows the undo at the top.
    ASSERT_TRUE(selectOperation(view, note->operation));
    QTest::mouseClick(view->undoButton(), Qt::LeftButton);
    EXPECT_TRUE(view->message()->isHidden());
    EXPECT_TRUE(store->notesOf(note->client_ref)->empty());
    view->ensureLoaded();
    EXPECT_EQ(view->table()->item(0, Operation)->text(),
              ClientDetailPane::tr("Undo of operation %1").arg(note->operation));
    // Undone already: refused, naming the undo.
    ASSERT_TRUE(selectOperation(view, note->operation));
    EXPECT_FALSE(view->undoSelected());
    EXPECT_TRUE(view->message()->text().contains(QStringLiteral("undone already")))
        << view->message()->text().toStdString();

    // The newest edit is undone from the context menu's action.
    ASSERT_TRUE(selectOperation(view, second->operation));
    auto* action = view->findChild<QAction*>("auditUndoAction");
    ASSERT_NE(action, nullptr);
    action->trigger();
    EXPECT_EQ(store->loadClient("C0000001")->client.email, "a@example.com");
    EXPECT_NE(store->loadClient("C0000001")->client.email, before->client.email);
}

// A merged client's id in the client filter lists both clients' history and says which client
// it was merged into.
TEST(AuditView, AMergedClientsIdListsBothClientsHistory) {
    auto w = bdtest::openSyntheticWindow(60, 3, QSize(1400, 850));
    auto* view = bdtest::find<AuditView>(w.get(), "auditView");
    ASSERT_NE(view, nullptr);
    BookSession* session = w->session();
    ASSERT_TRUE(session->execute(cmd::AddNote{"C0000002", "prefers mornings", {}}));
    ASSERT_TRUE(session->execute(cmd::AddNote{"C0000001", "golf on Sundays", {}}));
    auto merged = session->execute(cmd::MergeClients{"C0000001", "C0000002"});
    ASSERT_TRUE(merged) << merged.error().toString();
    view->clientFilter()->setText("C0000002");
    emit view->clientFilter()->editingFinished();
    view->ensureLoaded();
    auto* t = view->table();
    QSet<QString> clients, operations;
    for (int r = 0; r < t->rowCount(); ++r) {
        clients.insert(t->item(r, ClientId)->text());
        operations.insert(t->item(r, Operation)->text());
    }
    EXPECT_TRUE(clients.contains("C0000001"));
    EXPECT_TRUE(clients.contains("C0000002"));
    EXPECT_TRUE(operations.contains(ClientDetailPane::tr("Note added")));
    EXPECT_TRUE(view->summary()->text().startsWith("client C0000002 was merged into C0000001"))
        << view->summary()->text().toStdString();
}
