#include "app.h"
#include "phrasebook/phrasebook.h"

#include <spdlog/spdlog.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QMessageBox>
#include <QPointer>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>

#include <memory>
#include <optional>

#include "dialogs/bulkactiondialog.h"
#include "dialogs/connectdialog.h"
#include "dialogs/duplicatesdialog.h"
#include "dialogs/settingsdialog.h"
#include "dialogs/startdialog.h"
#include "format.h"
#include "i18n.h"
#include "mainwindow.h"
#include "services/book.h"
#include "services/logging.h"
#include "services/serverreplica.h"
#include "session/booksession.h"
#include "views/clientdetailpane.h"
#include "views/managerview.h"
#include "widgets/clientsearchbox.h"

namespace bd::ui {

namespace {

spdlog::level::level_enum levelOf(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return spdlog::level::debug;
    case QtInfoMsg:
        return spdlog::level::info;
    case QtWarningMsg:
        return spdlog::level::warn;
    case QtCriticalMsg:
        return spdlog::level::err;
    case QtFatalMsg:
        return spdlog::level::critical;
    }
    return spdlog::level::warn;
}

// Qt's own warnings (layouts, fonts, platform plugins) go to the same rotating log as ours.
void forwardQtMessage(QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
    const std::string text = msg.toStdString();
    const char* category = ctx.category ? ctx.category : "qt";
    spdlog::log(levelOf(type), "[{}] {}", category, text);
    if (type == QtFatalMsg) spdlog::default_logger()->flush();
}

} // namespace

void installQtMessageForwarding() {
    qInstallMessageHandler(forwardQtMessage);
}

int runWorkstation(QApplication& app) {
    QElapsedTimer started; // screenshots log when their page was ready
    started.start();
    QApplication::setApplicationName("BrokerDesk");
    QApplication::setOrganizationName("BrokerDesk");
    QApplication::setApplicationVersion(QStringLiteral(BD_VERSION));
    // The desktop entry (resources/desktop/brokerdesk.desktop): its icon for the window.
    QGuiApplication::setDesktopFileName(QStringLiteral("brokerdesk"));

    QCommandLineParser parser;
    parser.setApplicationDescription("BrokerDesk — CRM workstation for securities brokers");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dbOpt("db", "Open the book F.", "F");
    QCommandLineOption shotOpt("screenshot", "Render the main window to F.png and exit.", "F");
    QCommandLineOption viewOpt(
        "view",
        "Start on page V: clients, today, vip, value, segments, coverage, manager, surveys (the "
        "manager's Surveys tab), calendar or audit; settings opens the Settings dialog (a "
        "screenshot "
        "then shows the dialog).",
        "V");
    QCommandLineOption clientOpt("client", "Open client ID in the Clients page.", "ID");
    QCommandLineOption tabOpt(
        "client-tab", "Client pane tab: overview, portfolio, value, notes or history.", "T");
    QCommandLineOption searchOpt("search", "Type Q into the instant search box (screenshots).",
                                 "Q");
    QCommandLineOption sizeOpt("size", "Window size WxH (for screenshots).", "WxH");
    QCommandLineOption pageTabOpt("page-tab",
                                  "Show tab N (from 0) of the page's tabs (with --view).", "N");
    QCommandLineOption dialogOpt(
        "dialog", "Open dialog D over the window: duplicates, bulk or connect (screenshots).", "D");
    QCommandLineOption langOpt(
        "lang",
        QString("Interface language: zh (%1) or en.")
            .arg(QString::fromUtf8(phrase::languageName(phrase::Lang::Zh).data())),
        "L");
    parser.addOption(dbOpt);
    parser.addOption(shotOpt);
    parser.addOption(viewOpt);
    parser.addOption(clientOpt);
    parser.addOption(tabOpt);
    parser.addOption(pageTabOpt);
    parser.addOption(sizeOpt);
    parser.addOption(searchOpt);
    parser.addOption(dialogOpt);
    parser.addOption(langOpt);
    parser.process(app);
    // Before any widget exists, so every tr() sees the chosen language.
    setUiLanguage(app, parser.value(langOpt));

    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dataDir);
    services::setupLogging((dataDir + "/logs").toStdString(), "brokerdesk", true);
    installQtMessageForwarding();

    // No --db: the last book, else the demo book's place; with neither, the start dialog.
    QString path = parser.isSet(dbOpt) ? parser.value(dbOpt) : lastBook(dataDir);
    const bool ask = path.isEmpty();
    if (ask && parser.isSet(shotOpt)) {
        spdlog::error("--screenshot: there is no book yet; name one with --db F");
        return 1;
    }
    std::optional<services::Database> db;
    // A branch server (--db postgresql://...): its replica becomes the window's book. The
    // window starts on an empty private book and takes the replica over.
    std::unique_ptr<services::ServerReplica> server;
    if (services::isServerLocation(path.toStdString())) {
        auto opened = services::ServerReplica::open(path.toStdString());
        if (!opened) {
            spdlog::error("open branch server: {}", opened.error().toString());
            QMessageBox::critical(
                nullptr, QObject::tr("BrokerDesk"),
                connectFailureText(
                    opened.error(),
                    QString::fromStdString(services::redactedServerLocation(path.toStdString()))));
            return 3;
        }
        server = std::move(*opened);
        auto empty = services::openBook(":memory:");
        if (!empty) return 3;
        db.emplace(std::move(*empty));
    }
    while (!db) {
        if (ask && (path = askForBook(dataDir, findCliProgram())).isEmpty()) return 0;
        auto opened = services::openBook(path.toStdString());
        if (opened) {
            db.emplace(std::move(*opened));
        } else {
            QMessageBox::critical(nullptr, QObject::tr("BrokerDesk"), errorText(opened.error()));
            if (!ask) return 3;
        }
    }
    if (ask) rememberBook(path);
    MainWindow w(std::move(*db));
    if (server) w.session()->openServer(std::move(server));
    // A book opened from the File menu is the one to start with next time (a branch server is
    // not remembered: its login is asked for each time).
    QObject::connect(w.session(), &BookSession::bookReplaced, &w, [&w] {
        if (!w.session()->onServer()) rememberBook(w.session()->path());
    });
    if (parser.isSet(sizeOpt)) {
        const QStringList wh = parser.value(sizeOpt).split('x');
        if (wh.size() == 2 && wh[0].toInt() > 0 && wh[1].toInt() > 0)
            w.resize(wh[0].toInt(), wh[1].toInt());
    }
    w.show();
    if (parser.isSet(clientOpt)) w.openClient(parser.value(clientOpt));
    if (parser.isSet(tabOpt)) {
        const QString tab = parser.value(tabOpt);
        if (tab != "overview") w.setDetailShare(0.62); // room for the holdings table
        w.detailPane()->setCurrentTab(tab == "portfolio" ? ClientDetailPane::PortfolioTabIndex
                                      : tab == "value"   ? ClientDetailPane::ValueTabIndex
                                      : tab == "notes"   ? ClientDetailPane::NotesTabIndex
                                      : tab == "history" ? ClientDetailPane::HistoryTabIndex
                                                         : ClientDetailPane::OverviewTab);
    }
    QPointer<QWidget> shotTarget = &w; // what --screenshot renders
    if (parser.isSet(viewOpt)) {
        static const QHash<QString, QString> pages = {
            {"clients", "clientsPage"},   {"vip", "vipView"},         {"value", "valueDashboard"},
            {"segments", "segmentsView"}, {"today", "todayView"},     {"coverage", "coverageView"},
            {"manager", "managerView"},   {"surveys", "managerView"}, {"calendar", "calendarView"},
            {"audit", "auditView"}};
        const QString v = parser.value(viewOpt);
        if (v == "settings")
            shotTarget = w.openSettings();
        else if (!w.showPage(pages.value(v, v)))
            spdlog::warn("--view: no page named {}", v.toStdString());
        else if (v == "surveys") {
            if (auto* manager = w.findChild<ManagerView*>()) manager->showSurveys();
        } else if (parser.isSet(pageTabOpt))
            if (auto* page = w.findChild<QWidget*>(pages.value(v, v)))
                if (auto* tabs = page->findChild<QTabWidget*>())
                    tabs->setCurrentIndex(parser.value(pageTabOpt).toInt());
    }
    if (parser.isSet(searchOpt)) {
        w.instantSearch()->setFocus(Qt::ShortcutFocusReason);
        w.instantSearch()->setText(parser.value(searchOpt)); // results once the index is ready
    }
    QWidget* shown = &w; // what a screenshot renders: the window, or a dialog over it
    if (parser.isSet(dialogOpt)) {
        const QString d = parser.value(dialogOpt);
        if (d == "duplicates")
            shown = w.openDuplicates(false);
        else if (d == "bulk")
            shown = w.openBulkAction(false);
        else if (d == "connect")
            shotTarget = shown = w.openConnect(false); // the dialog alone: it is the subject
        else
            spdlog::warn("--dialog: no dialog named {}", d.toStdString());
        if (!shown) shown = &w;
    }
    if (parser.isSet(shotOpt)) {
        const QString shot = parser.value(shotOpt);
        // Wait for background loads (the factor scatter), then give every chart a paint (100 ms:
        // the shots of every page were byte for byte those taken after 600 ms).
        auto* poll = new QTimer(&w);
        poll->setInterval(50);
        auto waited = std::make_shared<int>(0);
        // The instant search's index only when the shot shows its results (--search).
        const bool index = parser.isSet(searchOpt);
        QObject::connect(poll, &QTimer::timeout, &w,
                         [&w, shown, shot, poll, waited, shotTarget, index, &started] {
                             *waited += poll->interval();
                             if (w.isLoading(index) && *waited < 60000) return;
                             poll->stop();
                             spdlog::info("screenshot: the page was ready {} ms after the start",
                                          started.elapsed());
                             QTimer::singleShot(100, &w, [shown, shot, shotTarget] {
                                 // The Settings dialog (--view settings), a dialog of --dialog, or
                                 // the window.
                                 QWidget* target = shotTarget ? shotTarget.data() : shown;
                                 if (!target->grab().save(shot))
                                     spdlog::error("cannot write {}", shot.toStdString());
                                 QApplication::quit();
                             });
                         });
        poll->start();
    }
    return QApplication::exec();
}

} // namespace bd::ui
