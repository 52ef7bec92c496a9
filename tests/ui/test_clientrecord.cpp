// The workstation as a system of record (issue 18): an edit in the Edit client dialog shows at
// once in the Clients table and the client pane, appears in the History tab, and Ctrl+Z undoes
// it; a stale edit shows both values; tags, notes and a contact without a plan item.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>

#include "chineseui.h"
#include "dialogs/contactfixdialog.h"
#include "dialogs/editclientdialog.h"
#include "dialogs/logcontactdialog.h"
#include "format.h"
#include "i18n.h"
#include "mainwindow.h"
#include "models/clienttablemodel.h"
#include "services/commands/records.h"
#include "session/booksession.h"
#include "storage/schema/schema.h"
#include "support/syntheticbook.h"
#include "views/clientdetailpane.h"
#include "windowfixture.h"

using namespace bd;
using namespace bd::ui;
namespace cmd = bd::services::cmd;

namespace {

std::unique_ptr<MainWindow> openWindow() {
    return bdtest::openSyntheticWindow(60, 3, QSize(1400, 850));
}

using bdtest::find;

// Saves a picture of a widget when BD_SCREENSHOT_DIR names a folder (docs/screenshots).
void screenshot(QWidget* w, const char* file) {
    const QString dir = qEnvironmentVariable("BD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) w->grab().save(dir + QLatin1Char('/') + QLatin1String(file));
}

// Runs `act` on the modal dialog the next exec() opens.
template <typename Dialog, typename Act>
void onNextDialog(Act act) {
    QTimer::singleShot(0, [act] {
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* d = qobject_cast<Dialog*>(top); d && d->isVisible()) {
                act(d);
                return;
            }
        ADD_FAILURE() << "no dialog";
    });
}

} // namespace

TEST(ClientRecord, AnEditShowsAtOnceInTheTableThePaneAndHistoryAndCtrlZUndoesIt) {
    auto w = openWindow();
    auto* table = find<QTableView>(w.get(), "clientTable");
    auto* pane = find<ClientDetailPane>(w.get(), "clientDetail");
    ASSERT_TRUE(table && pane);
    table->setCurrentIndex(table->model()->index(2, ClientTableModel::Name));
    const QString id = table->model()->index(2, ClientTableModel::ClientId).data().toString();
    const QString oldName = table->model()->index(2, ClientTableModel::Name).data().toString();
    ASSERT_EQ(find<QLabel>(w.get(), "detailClientId")->text(), id);
    auto* undo = find<QAction>(w.get(), "actionUndo");
    auto* redo = find<QAction>(w.get(), "actionRedo");
    ASSERT_TRUE(undo && redo);
    EXPECT_FALSE(undo->isEnabled());

    // Edit… opens the dialog; a new name and phone are saved.
    onNextDialog<EditClientDialog>([](EditClientDialog* d) {
        d->editor(cmd::ClientField::Name)->setText(QStringLiteral("韩梅梅"));
        d->editor(cmd::ClientField::Phone)->setText(QStringLiteral("13912345678"));
        QTest::mouseClick(d->findChild<QPushButton*>("saveClient"), Qt::LeftButton);
    });
    QTest::mouseClick(find<QPushButton>(w.get(), "editClientButton"), Qt::LeftButton);

    const auto nameInTable = [&] {
        for (int r = 0; r < table->model()->rowCount(); ++r)
            if (table->model()->index(r, ClientTableModel::ClientId).data().toString() == id)
                return table->model()->index(r, ClientTableModel::Name).data().toString();
        return QString();
    };
    EXPECT_EQ(nameInTable(), QStringLiteral("韩梅梅"));
    EXPECT_EQ(find<QLabel>(w.get(), "detailTitle")->text(), QStringLiteral("韩梅梅"));
    EXPECT_EQ(find<QLabel>(w.get(), "detailPhone")->text(), QStringLiteral("13912345678"));

    // The History tab lists it, with both values.
    pane->setCurrentTab(ClientDetailPane::HistoryTabIndex);
    auto* history = pane->historyTable();
    ASSERT_GE(history->rowCount(), 1);
    EXPECT_EQ(history->item(0, 2)->text(), ClientDetailPane::tr("Profile edited"));
    EXPECT_TRUE(history->item(0, 3)->text().contains(oldName))
        << history->item(0, 3)->text().toStdString();
    EXPECT_TRUE(history->item(0, 3)->text().contains(QStringLiteral("韩梅梅")));
    screenshot(w.get(), "history-tab.png");

    // Ctrl+Z undoes it: table and pane revert; Ctrl+Shift+Z does it again.
    ASSERT_TRUE(undo->isEnabled());
    EXPECT_TRUE(undo->text().contains(id)) << undo->text().toStdString();
    w->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(w.get()));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(nameInTable(), oldName);
    EXPECT_EQ(find<QLabel>(w.get(), "detailTitle")->text(), oldName);
    EXPECT_FALSE(undo->isEnabled());
    EXPECT_TRUE(redo->isEnabled());
    EXPECT_TRUE(history->item(0, 2)->text().startsWith("Undo of operation"))
        << history->item(0, 2)->text().toStdString();
    QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(nameInTable(), QStringLiteral("韩梅梅"));
    EXPECT_EQ(find<QLabel>(w.get(), "detailTitle")->text(), QStringLiteral("韩梅梅"));
}

TEST(ClientRecord, AStaleEditShowsBothValuesAndSavingAgainKeepsThisOne) {
    auto w = openWindow();
    BookSession* session = w->session();
    auto store = services::sqliteRecordStore(session->book());
    auto record = store->loadClientByRef(3);
    ASSERT_TRUE(record);
    EditClientDialog dialog(session, *record);
    // Someone else changes the phone meanwhile.
    ASSERT_TRUE(session->execute(cmd::EditClient{
        record->client.client_id, record->version, {{cmd::ClientField::Phone, "13800000001"}}}));
    dialog.editor(cmd::ClientField::Phone)->setText("13900000002");
    EXPECT_FALSE(dialog.save());
    const QString shown = dialog.errorLabel(cmd::ClientField::Phone)->text();
    EXPECT_TRUE(shown.contains("13800000001") && shown.contains("13900000002"))
        << shown.toStdString();
    dialog.resize(640, dialog.sizeHint().height());
    screenshot(&dialog, "edit-client-stale.png");
    EXPECT_EQ(store->loadClientByRef(3)->client.phone, "13800000001"); // nothing lost
    EXPECT_TRUE(dialog.save());
    EXPECT_EQ(store->loadClientByRef(3)->client.phone, "13900000002");
}

// Fields with a fixed set of values are a choice of their names in words, not codes to type;
// the choice saves the code the import takes.
TEST(ClientRecord, StatusAndChannelAreChosenByTheirNamesAndSavedAsTheirCodes) {
    auto w = openWindow();
    BookSession* session = w->session();
    auto store = services::sqliteRecordStore(session->book());
    auto record = store->loadClientByRef(4);
    ASSERT_TRUE(record);
    EditClientDialog dialog(session, *record);
    EXPECT_EQ(dialog.editor(cmd::ClientField::Status), nullptr);
    QComboBox* status = dialog.choice(cmd::ClientField::Status);
    QComboBox* channel = dialog.choice(cmd::ClientField::PreferredChannel);
    ASSERT_NE(status, nullptr);
    ASSERT_NE(channel, nullptr);
    EXPECT_EQ(status->currentText(), enumLabel(record->client.status));
    for (int i = 0; i < status->count(); ++i) // words, never the stored code
        EXPECT_NE(status->itemText(i), status->itemData(i).toString()) << i;
    const ClientStatus to = record->client.status == ClientStatus::Dormant ? ClientStatus::Active
                                                                           : ClientStatus::Dormant;
    status->setCurrentIndex(status->findText(enumLabel(to)));
    channel->setCurrentIndex(channel->findText(enumLabel(ContactChannel::Wechat)));
    EXPECT_TRUE(dialog.save());
    const auto saved = store->loadClientByRef(4);
    EXPECT_EQ(saved->client.status, to);
    EXPECT_EQ(saved->client.preferred_channel, ContactChannel::Wechat);
    EXPECT_EQ(saved->client.name, record->client.name); // the rest unchanged
}

TEST(ClientRecord, TagsNotesAndAnInboundContactFromThePane) {
    auto w = openWindow();
    auto* table = find<QTableView>(w.get(), "clientTable");
    auto* pane = find<ClientDetailPane>(w.get(), "clientDetail");
    ASSERT_TRUE(table && pane);
    table->setCurrentIndex(table->model()->index(0, ClientTableModel::Name));

    ASSERT_TRUE(pane->setTag("vip-watch", false));
    EXPECT_NE(pane->findChild<QWidget*>("tag_vip-watch"), nullptr);
    ASSERT_TRUE(pane->setTag("vip-watch", true));
    EXPECT_EQ(pane->findChild<QWidget*>("tag_vip-watch"), nullptr);

    ASSERT_TRUE(pane->addNote("prefers calls after 6pm"));
    auto* notes = find<QListWidget>(pane, "notesList");
    ASSERT_EQ(notes->count(), 1);
    EXPECT_TRUE(notes->item(0)->text().contains("prefers calls after 6pm"));

    auto* contacts = find<QTableWidget>(pane, "recentContacts");
    onNextDialog<LogContactDialog>([](LogContactDialog* d) {
        ASSERT_NE(d->directionBox(), nullptr);
        d->directionBox()->setCurrentIndex(1); // inbound
        d->accept();
    });
    QTest::mouseClick(find<QPushButton>(pane, "logContactButton"), Qt::LeftButton);
    ASSERT_GE(contacts->rowCount(), 1);
    EXPECT_EQ(contacts->item(0, 2)->text(), enumLabel(Direction::Inbound));
}

namespace {

/// The Edit client dialog of client 5 with an ID number whose checksum is wrong.
struct BadIdEdit {
    std::unique_ptr<MainWindow> w = openWindow();
    BookSession* session = w->session();
    std::unique_ptr<services::RecordStore> store = services::sqliteRecordStore(session->book());
    services::ClientRecord record = *store->loadClientByRef(5);
    EditClientDialog dialog{session, record};
    BadIdEdit() { dialog.editor(cmd::ClientField::IdNumber)->setText("110101199003071230"); }
};

} // namespace

TEST(ClientRecord, ARefusedValueIsShownNextToItsFieldAndChangesNothing) {
    BadIdEdit e;
    auto& [w, session, store, rec, dialog] = e;
    const auto* record = &rec;
    dialog.editor(cmd::ClientField::Phone)->setText("13700000003");
    EXPECT_FALSE(dialog.save());
    EXPECT_FALSE(dialog.errorLabel(cmd::ClientField::IdNumber)->isHidden());
    EXPECT_FALSE(dialog.errorLabel(cmd::ClientField::IdNumber)->text().isEmpty());
    EXPECT_TRUE(dialog.errorLabel(cmd::ClientField::Phone)->isHidden());
    EXPECT_EQ(store->loadClientByRef(5)->client.phone, record->client.phone); // nothing changed
    EXPECT_EQ(store->loadClientByRef(5)->version, record->version);
    EXPECT_EQ(session->undoStack()->count(), 0);
}

TEST(ClientRecord, AContactIsCorrectedAndVoidedFromThePaneAndAudited) {
    auto w = openWindow();
    auto* table = find<QTableView>(w.get(), "clientTable");
    auto* pane = find<ClientDetailPane>(w.get(), "clientDetail");
    ASSERT_TRUE(table && pane);
    table->setCurrentIndex(table->model()->index(0, ClientTableModel::Name));
    auto* contacts = pane->contactsTable();
    onNextDialog<LogContactDialog>([](LogContactDialog* d) { d->accept(); });
    QTest::mouseClick(find<QPushButton>(pane, "logContactButton"), Qt::LeftButton);
    ASSERT_GE(contacts->rowCount(), 1);
    const qint64 id = contacts->item(0, 0)->data(Qt::UserRole).toLongLong();
    ASSERT_GT(id, 0);
    const int undoBefore = w->session()->undoStack()->count();

    // Correct…: the dialog's save runs CorrectContact; the table and History tab follow.
    contacts->setCurrentCell(0, 0);
    onNextDialog<ContactFixDialog>([](ContactFixDialog* d) {
        ASSERT_NE(d->notesEdit(), nullptr);
        d->notesEdit()->setPlainText("wrong number, client asked for the office line");
        d->outcomeBox()->setCurrentIndex(
            d->outcomeBox()->findData(static_cast<int>(Outcome::NoAnswer)));
        EXPECT_TRUE(d->save());
    });
    QTest::mouseClick(find<QPushButton>(pane, "correctContactButton"), Qt::LeftButton);
    ASSERT_GE(contacts->rowCount(), 1);
    EXPECT_EQ(contacts->item(0, 6)->text(), "wrong number, client asked for the office line");
    EXPECT_EQ(contacts->item(0, 3)->text(), enumLabel(Outcome::NoAnswer));
    EXPECT_EQ(w->session()->undoStack()->count(), undoBefore + 1);
    pane->setCurrentTab(ClientDetailPane::HistoryTabIndex);
    auto* history = pane->historyTable();
    ASSERT_GE(history->rowCount(), 1);
    EXPECT_EQ(history->item(0, 2)->text(), ClientDetailPane::tr("Contact corrected"));
    EXPECT_TRUE(history->item(0, 3)->text().contains("office line"))
        << history->item(0, 3)->text().toStdString();

    // Void… with an empty reason is refused, the message shown and nothing changed.
    contacts->setCurrentCell(0, 0);
    const int historyRows = history->rowCount();
    onNextDialog<ContactFixDialog>([](ContactFixDialog* d) {
        ASSERT_NE(d->reasonEdit(), nullptr);
        d->reasonEdit()->setText("  ");
        EXPECT_FALSE(d->save());
        EXPECT_FALSE(d->errorLabel()->isHidden());
        EXPECT_TRUE(d->errorLabel()->text().contains("reason"))
            << d->errorLabel()->text().toStdString();
        EXPECT_TRUE(d->isVisible()); // stays open for the reason
        d->reasonEdit()->setText("logged against the wrong client");
        EXPECT_TRUE(d->save());
    });
    QTest::mouseClick(find<QPushButton>(pane, "voidContactButton"), Qt::LeftButton);
    ASSERT_GE(contacts->rowCount(), 1);
    EXPECT_EQ(contacts->item(0, 3)->text(), ClientDetailPane::tr("Void"));
    EXPECT_TRUE(contacts->item(0, 3)->toolTip().contains("wrong client"));
    EXPECT_TRUE(contacts->item(0, 6)->font().strikeOut());
    EXPECT_EQ(history->rowCount(), historyRows + 1);
    EXPECT_EQ(history->item(0, 2)->text(), ClientDetailPane::tr("Contact voided"));

    // Undo takes the void back: the contact counts again, its corrected outcome shown.
    w->session()->undoStack()->undo();
    ASSERT_GE(contacts->rowCount(), 1);
    EXPECT_EQ(contacts->item(0, 3)->text(), enumLabel(Outcome::NoAnswer));
    EXPECT_FALSE(contacts->item(0, 6)->font().strikeOut());
}

// Issue 18: a refusal reaches the Chinese workstation in Chinese: the field, the rule and the
// value, worded by the phrasebook in the UI language (never the engine's English).
TEST(ClientRecord, ARefusedEditInTheChineseWorkstationIsShownInChinese) {
    const bdtest::ChineseUi chinese;
    ASSERT_TRUE(chinese.ok);
    BadIdEdit e;
    auto& [w, session, store, rec, dialog] = e;
    const auto* record = &rec;
    EXPECT_FALSE(dialog.save());
    const QString shown = dialog.errorLabel(cmd::ClientField::IdNumber)->text();
    EXPECT_TRUE(shown.contains(QString::fromUtf8("身份证号"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QString::fromUtf8("校验码"))) << shown.toStdString();
    EXPECT_FALSE(shown.contains("checksum")) << shown.toStdString();
    dialog.editor(cmd::ClientField::IdNumber)
        ->setText(QString::fromStdString(record->client.id_number));
    dialog.editor(cmd::ClientField::Broker)->setText("B99");
    EXPECT_FALSE(dialog.save());
    EXPECT_EQ(dialog.errorLabel(cmd::ClientField::Broker)->text(),
              QString::fromUtf8("未通过：客户经理“B99”不存在"))
        << dialog.errorLabel(cmd::ClientField::Broker)->text().toStdString();
    EXPECT_EQ(store->loadClientByRef(5)->version, record->version); // nothing changed
    dialog.resize(640, dialog.sizeHint().height());
    screenshot(&dialog, "edit-client-refused-zh.png");
}

// Issue 18: a tag's colour is picked in the client pane: one undoable command for every client
// carrying the tag, and the chip shows it.
TEST(ClientRecord, ATagsColourIsSetFromThePaneAndUndone) {
    auto w = openWindow();
    auto* table = find<QTableView>(w.get(), "clientTable");
    auto* pane = find<ClientDetailPane>(w.get(), "clientDetail");
    ASSERT_TRUE(table && pane);
    table->setCurrentIndex(table->model()->index(0, ClientTableModel::Name));
    ASSERT_TRUE(pane->setTag("golf", false));
    auto* chip = pane->findChild<QWidget*>("tag_golf");
    ASSERT_NE(chip, nullptr);
    ASSERT_NE(chip->findChild<QToolButton*>("tagColour"), nullptr);
    auto store = services::sqliteRecordStore(w->session()->book());
    EXPECT_EQ(store->tagColour("golf")->value_or(""), "#808080");

    ASSERT_TRUE(pane->setTagColour("golf", "#2e7d32"));
    EXPECT_EQ(store->tagColour("golf")->value_or(""), "#2e7d32");
    chip = pane->findChild<QWidget*>("tag_golf");
    ASSERT_NE(chip, nullptr);
    EXPECT_TRUE(chip->findChild<QLabel*>()->styleSheet().contains("#2e7d32"))
        << chip->findChild<QLabel*>()->styleSheet().toStdString();
    EXPECT_FALSE(pane->setTagColour("golf", "green")); // not #rrggbb: refused

    w->session()->undoStack()->undo();
    EXPECT_EQ(store->tagColour("golf")->value_or(""), "#808080");
    chip = pane->findChild<QWidget*>("tag_golf");
    ASSERT_NE(chip, nullptr);
    EXPECT_TRUE(chip->findChild<QLabel*>()->styleSheet().contains("#808080"));
}
