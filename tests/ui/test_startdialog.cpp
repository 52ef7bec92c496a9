// The first start: with no book the start dialog appears, and its demo choice makes a demo
// book (demo, refresh, plan through brokerdesk-cli) in the data folder it was given; a book
// opened before is opened again without asking.
#include <gtest/gtest.h>

#include <QApplication>
#include <QCommandLinkButton>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

#include "dialogs/startdialog.h"
#include "services/book.h"

using namespace bd;
using namespace bd::ui;

namespace {

/// Runs askForBook() on `dataDir`, calling `act` once with the dialog when it has appeared;
/// the dialog is rejected after `timeoutMs` if still open. The chosen book, or empty.
QString askAndAct(const QString& dataDir, const QString& cli,
                  const std::function<void(StartDialog&)>& act, bool* appeared,
                  int timeoutMs = 120000) {
    *appeared = false;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto* dialog = qobject_cast<StartDialog*>(QApplication::activeModalWidget());
        if (!dialog || *appeared) return;
        *appeared = true;
        act(*dialog);
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, [] {
        if (auto* dialog = qobject_cast<StartDialog*>(QApplication::activeModalWidget()))
            dialog->done(QDialog::Rejected);
    });
    poll.start();
    deadline.start(timeoutMs);
    return askForBook(dataDir, cli);
}

void click(StartDialog& dialog, const char* name) {
    auto* button = dialog.findChild<QAbstractButton*>(name);
    ASSERT_NE(button, nullptr) << name;
    ASSERT_TRUE(button->isEnabled()) << name;
    QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace

TEST(StartDialog, AppearsWithNoBookAndItsDemoChoiceMakesAnAnalysedPlannedBook) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ASSERT_TRUE(lastBook(dir.path()).isEmpty());
    bool appeared = false;
    const QString path = askAndAct(
        dir.path(), QStringLiteral(BD_CLI_PATH),
        [](StartDialog& d) {
            d.setDemoClients(150);
            click(d, "createDemoButton");
        },
        &appeared);
    ASSERT_TRUE(appeared);
    ASSERT_EQ(path, QDir(dir.path()).filePath("demo.bdbook"));

    auto db = services::openBook(path.toStdString());
    ASSERT_TRUE(db) << db.error().toString();
    auto stats = services::readBookStats(*db);
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->count("clients"), 150);
    EXPECT_GE(stats->count("analytics_runs"), 1);  // refreshed
    EXPECT_GT(stats->count("follow_up_tasks"), 0); // planned
    // The history ends yesterday (its last trading day), not at the generator's fixed date.
    ASSERT_TRUE(stats->last_trade_date.has_value());
    const QDate y = QDate::currentDate().addDays(-1);
    const Date yesterday = Date::fromYmd(y.year(), y.month(), y.day());
    EXPECT_LE(*stats->last_trade_date, yesterday);
    EXPECT_GE(*stats->last_trade_date, yesterday.addDays(-10)); // a holiday week at most

    // Remembered: the next start opens it without asking.
    rememberBook(path);
    EXPECT_EQ(lastBook(dir.path()), path);
}

TEST(StartDialog, CancelStopsTheDemoAndLeavesNoFile) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    bool appeared = false;
    bool wasBusy = false;
    bool stillOpen = false;
    const QString demo = QDir(dir.path()).filePath("demo.bdbook");
    const QString path = askAndAct(
        dir.path(), QStringLiteral(BD_CLI_PATH),
        [&](StartDialog& d) {
            d.setDemoClients(2'000'000); // far longer than the test waits
            click(d, "createDemoButton");
            wasBusy = d.isBusy();
            click(d, "quitButton"); // "Cancel" while busy
            stillOpen = d.isVisible() && !d.isBusy();
            click(d, "quitButton"); // "Quit"
        },
        &appeared);
    ASSERT_TRUE(appeared);
    EXPECT_TRUE(wasBusy);
    EXPECT_TRUE(stillOpen);
    EXPECT_TRUE(path.isEmpty());
    EXPECT_FALSE(QFile::exists(demo));
}

TEST(StartDialog, OffersNoDemoWithoutTheCommandLine) {
    StartDialog dialog(QStringLiteral("unused.bdbook"), QString());
    auto* demo = dialog.findChild<QCommandLinkButton*>("createDemoButton");
    ASSERT_NE(demo, nullptr);
    EXPECT_FALSE(demo->isEnabled());
    EXPECT_TRUE(dialog.findChild<QCommandLinkButton*>("openBookButton")->isEnabled());
    EXPECT_TRUE(dialog.findChild<QCommandLinkButton*>("newBookButton")->isEnabled());
}

TEST(StartDialog, LastBookIsTheRememberedOneWhileItExistsElseTheDemoBook) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString other = QDir(dir.path()).filePath("branch.bdbook");
    const QString demo = QDir(dir.path()).filePath("demo.bdbook");
    for (const QString& p : {other, demo}) {
        QFile f(p);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    }
    rememberBook(other);
    EXPECT_EQ(lastBook(dir.path()), other);
    ASSERT_TRUE(QFile::remove(other));
    EXPECT_EQ(lastBook(dir.path()), demo);
    ASSERT_TRUE(QFile::remove(demo));
    EXPECT_TRUE(lastBook(dir.path()).isEmpty());
}
