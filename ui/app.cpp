#include "app.h"

#include <spdlog/spdlog.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>

#include "mainwindow.h"
#include "services/logging.h"
#include "storage/schema.h"

namespace bd::ui {

namespace {

// Qt's own warnings (layouts, fonts, platform plugins) go to the same rotating log as ours.
void forwardQtMessage(QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
    const std::string text = msg.toStdString();
    const char* category = ctx.category ? ctx.category : "qt";
    switch (type) {
    case QtDebugMsg:
        spdlog::debug("[{}] {}", category, text);
        break;
    case QtInfoMsg:
        spdlog::info("[{}] {}", category, text);
        break;
    case QtWarningMsg:
        spdlog::warn("[{}] {}", category, text);
        break;
    case QtCriticalMsg:
        spdlog::error("[{}] {}", category, text);
        break;
    case QtFatalMsg:
        spdlog::critical("[{}] {}", category, text);
        spdlog::default_logger()->flush();
        break;
    }
}

} // namespace

void installQtMessageForwarding() {
    qInstallMessageHandler(forwardQtMessage);
}

int runWorkstation(QApplication& app) {
    QApplication::setApplicationName("BrokerDesk");
    QApplication::setOrganizationName("BrokerDesk");
    QApplication::setApplicationVersion("0.1.0");

    QCommandLineParser parser;
    parser.setApplicationDescription("BrokerDesk — CRM workstation for securities brokers");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dbOpt("db", "Open the book F.", "F");
    QCommandLineOption shotOpt("screenshot", "Render the main window to F.png and exit.", "F");
    parser.addOption(dbOpt);
    parser.addOption(shotOpt);
    parser.process(app);

    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dataDir);
    services::setupLogging((dataDir + "/logs").toStdString(), "brokerdesk", true);
    installQtMessageForwarding();

    const QString path = parser.isSet(dbOpt) ? parser.value(dbOpt) : dataDir + "/demo.bdbook";
    auto db = storage::openBook(path.toStdString());
    if (!db) {
        QMessageBox::critical(nullptr, QObject::tr("BrokerDesk"),
                              QString::fromStdString(db.error().toString()));
        return 3;
    }
    MainWindow w(std::move(*db));
    w.show();
    if (parser.isSet(shotOpt)) {
        const QString shot = parser.value(shotOpt);
        QTimer::singleShot(500, &w, [&w, shot] {
            w.grab().save(shot);
            QApplication::quit();
        });
    }
    return QApplication::exec();
}

} // namespace bd::ui
