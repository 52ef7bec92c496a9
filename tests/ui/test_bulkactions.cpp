// Mass updates and duplicates in the workstation (issue 18 items 6 and 7): a bulk reassign of
// the selected rows shows its preview count before it runs, applies as one undoable operation
// and every view follows; the filters narrow the Clients table; the duplicates dialog lists a
// pair with its reason and merges it through the session.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>

#include "dialogs/bulkactiondialog.h"
#include "dialogs/duplicatesdialog.h"
#include "mainwindow.h"
#include "models/clienttablemodel.h"
#include "services/clientbook.h"
#include "services/commands/records.h"
#include "session/booksession.h"
#include "support/tempdir.h"
#include "waitfor.h"
#include "widgets/clientfilterbar.h"
#include "windowfixture.h"

using namespace bd::ui;
using bdtest::find;

TEST(BulkActions, AReassignOfSelectedRowsShowsItsPreviewAppliesOnceAndIsUndone) {
    auto w = bdtest::openSyntheticWindow(600, 6);
    auto* table = find<QTableView>(w.get(), "clientTable");
    auto* broker = find<QComboBox>(w.get(), "brokerFilter");
    ASSERT_TRUE(table && broker);
    broker->setCurrentIndex(broker->findData("B002"));
    ASSERT_EQ(table->model()->rowCount(), 100);
    auto* sel = table->selectionModel();
    sel->clearSelection();
    for (int r = 0; r < 3; ++r)
        sel->select(table->model()->index(r, 0),
                    QItemSelectionModel::Select | QItemSelectionModel::Rows);

    auto* dialog = w->openBulkAction(false);
    ASSERT_NE(dialog, nullptr);
    auto* to = find<QComboBox>(dialog, "bulkBroker");
    to->setCurrentIndex(to->findData("B003"));
    // Then how many change branch with it, when B003 works in another branch.
    const QString preview = find<QLabel>(dialog, "bulkPreview")->text();
    EXPECT_TRUE(preview.startsWith("3 client(s) will be reassigned from B002 (3) to B003"))
        << preview.toStdString();
    EXPECT_TRUE(preview == "3 client(s) will be reassigned from B002 (3) to B003" ||
                preview.contains("will move to the broker's branch"))
        << preview.toStdString();
    const int undoBefore = w->session()->undoStack()->count();
    ASSERT_TRUE(dialog->apply());
    // The B002 list loses the three at once; one operation on the undo stack.
    ASSERT_TRUE(bdtest::waitFor([&] { return table->model()->rowCount() == 97; }))
        << table->model()->rowCount();
    EXPECT_EQ(w->session()->undoStack()->count(), undoBefore + 1);
    w->session()->undoStack()->undo();
    ASSERT_TRUE(bdtest::waitFor([&] { return table->model()->rowCount() == 100; }))
        << table->model()->rowCount();
}

TEST(BulkActions, NoRowsSelectedActsOnEveryClientTheFiltersSelect) {
    auto w = bdtest::openSyntheticWindow(600, 6);
    auto* table = find<QTableView>(w.get(), "clientTable");
    auto* risk = find<QComboBox>(w.get(), "riskFilter");
    ASSERT_TRUE(table && risk);
    risk->setCurrentIndex(risk->findData(3));
    auto* model = static_cast<ClientTableModel*>(table->model());
    const qint64 matching = model->matchingCount();
    ASSERT_GT(matching, 0);
    ASSERT_LT(matching, 600);
    for (int r = 0; r < model->rowCount(); ++r)
        ASSERT_EQ(model->index(r, ClientTableModel::Risk).data().toString(), "C3");
    table->selectionModel()->clearSelection();
    auto* dialog = w->openBulkAction(false);
    auto* action = find<QComboBox>(dialog, "bulkAction");
    action->setCurrentIndex(action->findData(BulkActionDialog::SetStatus));
    auto* status = find<QComboBox>(dialog, "bulkStatus");
    status->setCurrentIndex(status->findData(static_cast<int>(bd::ClientStatus::Dormant)));
    // Those already dormant are not counted as changing.
    const QString preview = find<QLabel>(dialog, "bulkPreview")->text();
    EXPECT_TRUE(preview.contains(" client(s) will be set to ")) << preview.toStdString();
    // The count the preview gives: the filtered clients not dormant already.
    auto filtered = bd::services::matchingClients(w->session()->book(), model->query());
    ASSERT_TRUE(filtered);
    auto store = bd::services::sqliteRecordStore(w->session()->book());
    qint64 changing = 0;
    for (const auto& [ref, id] : *filtered)
        changing += store->loadClientByRef(ref)->client.status != bd::ClientStatus::Dormant;
    ASSERT_GT(changing, 0);
    ASSERT_LT(changing, matching); // the synthetic book has dormant C3 clients
    bool isNumber = false;
    EXPECT_EQ(preview.section(' ', 0, 0).toLongLong(&isNumber), changing) << preview.toStdString();
    EXPECT_TRUE(isNumber) << preview.toStdString();
    ASSERT_TRUE(dialog->apply());
    auto* statusFilter = find<QComboBox>(w.get(), "statusFilter");
    statusFilter->setCurrentIndex(
        statusFilter->findData(static_cast<int>(bd::ClientStatus::Dormant)));
    ASSERT_TRUE(bdtest::waitFor([&] { return model->matchingCount() == matching; }))
        << model->matchingCount();
}

TEST(BulkActions, ThePreviewOfABookFileIsCountedOffTheWindowsThread) {
    bdtest::TempDir dir("bulk");
    const std::string path = dir.file("book.bdbook");
    {
        auto db = bd::storage::openBook(path);
        ASSERT_TRUE(db);
        bdtest::SyntheticBookSpec spec;
        spec.clients = 600;
        spec.brokers = 6;
        ASSERT_TRUE(bdtest::fillSyntheticBook(*db, spec));
    }
    auto db = bd::storage::openBook(path);
    ASSERT_TRUE(db);
    MainWindow w(std::move(*db));
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    auto* table = find<QTableView>(&w, "clientTable");
    find<QComboBox>(&w, "brokerFilter")
        ->setCurrentIndex(find<QComboBox>(&w, "brokerFilter")->findData("B002"));
    ASSERT_EQ(table->model()->rowCount(), 100);
    table->selectionModel()->clearSelection();
    for (int r = 0; r < 3; ++r)
        table->selectionModel()->select(table->model()->index(r, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    auto* dialog = w.openBulkAction(false);
    ASSERT_NE(dialog, nullptr);
    auto* to = find<QComboBox>(dialog, "bulkBroker");
    to->setCurrentIndex(to->findData("B003"));
    EXPECT_TRUE(dialog->isPreviewing()) << "the counts are read on a worker";
    ASSERT_TRUE(bdtest::waitFor([&] { return !dialog->isPreviewing(); }));
    EXPECT_TRUE(
        dialog->previewText().startsWith("3 client(s) will be reassigned from B002 (3) to B003"))
        << dialog->previewText().toStdString();
    // Two choices in a row: only the newest one's counts are shown.
    auto* action = find<QComboBox>(dialog, "bulkAction");
    action->setCurrentIndex(action->findData(BulkActionDialog::SetStatus));
    auto* status = find<QComboBox>(dialog, "bulkStatus");
    status->setCurrentIndex(status->findData(static_cast<int>(bd::ClientStatus::Closed)));
    ASSERT_TRUE(bdtest::waitFor([&] { return !dialog->isPreviewing(); }));
    EXPECT_TRUE(dialog->previewText().endsWith(" will be set to " + status->currentText()))
        << dialog->previewText().toStdString();
    dialog->close();
}

TEST(ClientFilters, AClientChangeReadsTheTagsAgainButNotTheBranches) {
    auto w = bdtest::openSyntheticWindow(200, 4);
    auto* branch = find<QComboBox>(w.get(), "branchFilter");
    auto* tag = find<QComboBox>(w.get(), "tagFilter");
    const int branches = branch->count();
    // A branch that no announced change brought (only an import or a new book can).
    ASSERT_TRUE(w->session()->book().exec(
        "INSERT INTO branches(branch_id, name) VALUES ('9999', 'unannounced')"));
    ASSERT_TRUE(
        w->session()->execute(bd::services::cmd::TagClients{{"C0000001"}, "golf", "", false}));
    EXPECT_GE(tag->findData("golf"), 0) << "a new tag is offered at once";
    EXPECT_EQ(branch->count(), branches) << "the branches were read again on a client change";
}

TEST(BulkActions, TheDuplicatesDialogListsAPairWithItsReasonAndMergesIt) {
    auto w = bdtest::openSyntheticWindow(200, 4);
    ASSERT_TRUE(w->session()->book().exec(
        "UPDATE clients SET phone = '13999990000' WHERE client_id IN ('C0000005', 'C0000009')"));
    auto* dialog = w->openDuplicates(false);
    ASSERT_NE(dialog, nullptr);
    auto* pairs = dialog->pairs();
    ASSERT_EQ(pairs->rowCount(), 1);
    // The older account is suggested to keep: either may be, by the synthetic book's dates.
    const QStringList both{pairs->item(0, 0)->text(), pairs->item(0, 2)->text()};
    EXPECT_TRUE(both.contains("C0000005") && both.contains("C0000009"))
        << both.join(' ').toStdString();
    EXPECT_TRUE(pairs->item(0, 4)->text().contains("0000"))
        << pairs->item(0, 4)->text().toStdString();
    auto* sides = find<QTableWidget>(dialog, "duplicateSides");
    EXPECT_GT(sides->rowCount(), 5);
    ASSERT_TRUE(dialog->mergeSelected(false));
    EXPECT_EQ(pairs->rowCount(), 0);
    w->session()->undoStack()->undo();
    dialog->reload();
    EXPECT_EQ(pairs->rowCount(), 1);
}
