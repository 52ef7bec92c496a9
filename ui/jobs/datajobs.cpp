#include "jobs/datajobs.h"
#include "jobs/workerbook.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include <QAbstractButton>
#include <QAction>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QFuture>
#include <QFutureWatcher>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolBar>
#include <QtConcurrent/QtConcurrentRun>

#include "jobs/analyticsbanner.h"
#include "jobs/importwizard.h"
#include "mainwindow.h"
#include "reports/reviewpdf.h"
#include "services/bookfile.h"
#include "services/planrebuild.h"
#include "services/portfolioservice.h"
#include "services/portfoliosettings.h"
#include "services/refresh.h"
#include "session/booksession.h"

namespace bd::ui {

DataJobs::DataJobs(QMainWindow* window, BookSession* session)
    : QObject(window), m_window(window), m_session(session) {
    setObjectName("dataJobs");
    m_progressLabel = new QLabel(window);
    m_progressLabel->setObjectName("jobLabel");
    m_progress = new QProgressBar(window);
    m_progress->setObjectName("jobProgress");
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(false);
    window->statusBar()->addWidget(m_progressLabel);
    window->statusBar()->addWidget(m_progress);
    m_progressLabel->hide();
    m_progress->hide();

    // The banner: a slim bar under the search bar, shown while the analytics are behind.
    auto* bar = new QToolBar(tr("Analytics"), window);
    bar->setObjectName("analyticsBannerBar");
    bar->setMovable(false);
    bar->setFloatable(false);
    m_banner = new AnalyticsBanner(session, bar);
    bar->addWidget(m_banner);
    window->addToolBarBreak(Qt::TopToolBarArea);
    window->addToolBar(Qt::TopToolBarArea, bar);
    connect(m_banner, &AnalyticsBanner::visibilityWanted, bar, &QToolBar::setVisible);
    connect(m_banner, &AnalyticsBanner::refreshRequested, this, &DataJobs::refreshAnalytics);
    m_banner->check();

    buildMenus(window);
}

DataJobs::~DataJobs() {
    if (m_waitForWorker) m_waitForWorker();
}

void DataJobs::buildMenus(QMainWindow* window) {
    // File: the jobs go before Quit (the last action, after a separator).
    QMenu* file = window->findChild<QMenu*>("menuFile");
    QAction* before = nullptr;
    if (file && !file->actions().isEmpty()) {
        const auto actions = file->actions();
        before = actions.size() >= 2 ? actions[actions.size() - 2] : actions.last();
    }
    auto add = [&](QMenu* menu, QAction* at, const QString& text, const char* name, auto slot) {
        auto* a = new QAction(text, menu);
        a->setObjectName(name);
        connect(a, &QAction::triggered, this, slot);
        menu->insertAction(at, a);
        m_actions << a;
        return a;
    };
    if (file) {
        file->insertSeparator(before);
        add(file, before, tr("&Import…"), "actionImport", [this] {
            openImportWizard();
        })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
        file->insertSeparator(before);
        add(file, before, tr("&Back up book…"), "actionBackupBook", [this] { chooseBackup(); });
        add(file, before, tr("&Restore from backup…"), "actionRestoreBook",
            [this] { chooseRestore(); });
    }
    // Tools, before Help.
    auto* tools = new QMenu(tr("&Tools"), window);
    tools->setObjectName("menuTools");
    QMenu* help = window->findChild<QMenu*>("menuHelp");
    window->menuBar()->insertMenu(help ? help->menuAction() : nullptr, tools);
    add(tools, nullptr, tr("Refresh &analytics"), "actionRefreshAnalytics", [this] {
        refreshAnalytics();
    })->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    add(tools, nullptr, tr("Rebuild &plan"), "actionRebuildPlan", [this] { rebuildPlan(); });

    // Export: what a broker hands on. Each export is recorded in the audit trail.
    auto* exports = new QMenu(tr("E&xport"), window);
    exports->setObjectName("menuExport");
    window->menuBar()->insertMenu(tools->menuAction(), exports);
    add(exports, nullptr, tr("&Call list (Excel, CSV or printable PDF)…"), "actionExportCallList",
        [this] { exportCallList(); });
    add(exports, nullptr, tr("Client &review (PDF) of the client shown…"), "actionExportReview",
        [this] { chooseReview(); });
}

void DataJobs::exportCallList() {
    // The Today page's export: the list it shows (broker, days), in its formats.
    auto* main = qobject_cast<MainWindow*>(m_window);
    if (!main || !main->showPage("todayView")) return;
    if (auto* button = m_window->findChild<QAbstractButton*>("exportCallList")) button->click();
}

void DataJobs::chooseReview() {
    const auto* label = m_window->findChild<QLabel*>("detailClientId");
    const QString client = label ? label->text().trimmed() : QString();
    if (client.isEmpty()) {
        m_window->statusBar()->showMessage(tr("Select a client in the Clients page first."), 10000);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Client review"),
                                                      QStringLiteral("review-%1.pdf").arg(client),
                                                      tr("PDF (*.pdf)"));
    if (!path.isEmpty()) exportReview(client, path);
}

bool DataJobs::exportReview(const QString& clientId, const QString& path) {
    const std::string client = clientId.toStdString();
    const std::string out = path.toStdString();
    const bool chinese = QLocale().language() == QLocale::Chinese;
    return start(
        Job::ExportReview, tr("Writing the client review…"),
        [client, out, path, chinese](services::Database& book, const Progress&) -> Result<QString> {
            auto options = services::loadPortfolioOptions(book);
            if (!options) return options.error();
            auto review = services::loadPortfolioReview(book, client, std::nullopt, *options);
            if (!review) return review.error();
            const auto language =
                chinese ? reports::ReviewLanguage::Chinese : reports::ReviewLanguage::English;
            if (auto s = reports::writeClientReviewPdf(out, std::move(*review), language,
                                                       reports::ReviewCopy::Client);
                !s)
                return s.error();
            return tr("Wrote the review of %1 to %2.").arg(QString::fromStdString(client), path);
        },
        [this, out] {
            if (auto r = m_session->execute(services::cmd::RecordExport{"review", 1, false, out});
                !r)
                spdlog::warn("review export not recorded: {}", r.error().toString());
        });
}

void DataJobs::setBusy(bool busy) {
    m_busy = busy;
    for (QAction* a : m_actions) a->setEnabled(!busy);
    m_banner->setBusy(busy);
    m_progress->setVisible(busy);
    m_progressLabel->setVisible(busy);
    emit busyChanged(busy);
}

bool DataJobs::start(Job job, const QString& label, Work work, std::function<void()> announce) {
    if (m_busy) return false;
    setBusy(true);
    m_progress->setValue(0);
    m_progressLabel->setText(label);
    const auto done = [this, job, label, announce](const Result<QString>& r) {
        m_waitForWorker = {};
        setBusy(false);
        if (!r) {
            const QString why = QString::fromStdString(r.error().toString());
            spdlog::error("{}: {}", label.toStdString(), r.error().toString());
            m_window->statusBar()->showMessage(tr("%1 failed: %2").arg(label, why), 15000);
            emit finished(job, false, why);
            return;
        }
        if (announce) announce();
        m_window->statusBar()->showMessage(*r, 15000);
        emit finished(job, true, *r);
    };
    // Progress from the worker comes here queued, at most ten times a second.
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    const Progress progress = [this, last](double fraction, const QString& stage) {
        const auto now = std::chrono::steady_clock::now();
        if (fraction < 1.0 && now - *last < std::chrono::milliseconds(100)) return;
        *last = now;
        QMetaObject::invokeMethod(
            this,
            [this, fraction, stage] {
                m_progress->setValue(static_cast<int>(fraction * 1000));
                if (!stage.isEmpty()) m_progressLabel->setText(stage);
            },
            Qt::QueuedConnection);
    };
    const std::string path = m_session->book().path();
    if (isPrivateBook(path)) {
        // A private in-memory book has no file for a second connection: run here.
        done(work(m_session->book(), [](double, const QString&) {}));
        return true;
    }
    auto* watcher = new QFutureWatcher<Result<QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    QFuture<Result<QString>> future =
        QtConcurrent::run([path, work, progress]() -> Result<QString> {
            auto own = openWorkerBook(path);
            if (!own) return own.error();
            return work(*own, progress);
        });
    m_waitForWorker = [future]() mutable { future.waitForFinished(); };
    watcher->setFuture(future);
    return true;
}

bool DataJobs::refreshAnalytics() {
    return start(
        Job::Refresh, tr("Refreshing analytics…"),
        [](services::Database& book, const Progress& progress) -> Result<QString> {
            services::RefreshOptions o;
            // The stages' names are the engine's own: the bar alone shows how far it is.
            o.progress = [&progress](std::string_view, double fraction) { progress(fraction, {}); };
            auto r = services::refreshBook(book, o);
            if (!r) return r.error();
            return tr("Analytics refreshed as of %1: %2 clients, %3 VIPs.")
                .arg(QString::fromStdString(r->as_of.toString()))
                .arg(r->clients)
                .arg(r->vips);
        },
        [this] { m_session->announce(services::AnalyticsChange{}); });
}

bool DataJobs::rebuildPlan() {
    return start(
        Job::RebuildPlan, tr("Rebuilding the plan…"),
        [](services::Database& book, const Progress& progress) -> Result<QString> {
            progress(0.1, {});
            auto r = services::rebuildPlan(book, {});
            if (!r) return r.error();
            return tr("Plan rebuilt from %1: %2 calls planned, %3 deadlines missed.")
                .arg(QString::fromStdString(r->first_day.toString()))
                .arg(r->planned)
                .arg(r->shortfalls.size());
        },
        [this] {
            m_session->announce(services::PlanChange{services::ClientSet::all(), {}});
        });
}

bool DataJobs::backupTo(const QString& path) {
    const std::string out = path.toStdString();
    return start(
        Job::Backup, tr("Backing up the book…"),
        [out, path](services::Database& book, const Progress& progress) -> Result<QString> {
            auto s = services::backupBook(book, out, [&progress](int done, int total) {
                progress(total > 0 ? static_cast<double>(done) / total : 1.0, {});
            });
            if (!s) return s.error();
            return tr("Book backed up to %1.").arg(path);
        },
        {});
}

bool DataJobs::restoreFrom(const QString& path) {
    const std::string from = path.toStdString();
    return start(
        Job::Restore, tr("Restoring the book…"),
        [from, path](services::Database& book, const Progress& progress) -> Result<QString> {
            progress(0.1, {});
            auto r = services::restoreBook(book, from);
            if (!r) return r.error();
            return tr("Restored %1 (%2 clients); the book before is saved as %3.")
                .arg(path)
                .arg(r->restored.clients)
                .arg(QString::fromStdString(r->saved_copy));
        },
        [this] {
            // Another book's content: nothing the views hold, nor the undo history, applies.
            m_session->undoStack()->clear();
            m_session->announce(services::BookReplaced{});
        });
}

ImportWizard* DataJobs::openImportWizard() {
    if (m_wizard) {
        m_wizard->raise();
        m_wizard->activateWindow();
        return m_wizard;
    }
    m_wizard = new ImportWizard(m_session, m_window);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wizard, &QObject::destroyed, this, [this] { m_wizard = nullptr; });
    connect(m_wizard, &ImportWizard::imported, m_banner, &AnalyticsBanner::check);
    m_wizard->show();
    return m_wizard;
}

void DataJobs::chooseBackup() {
    const QFileInfo book(m_session->path());
    const QString suggested = book.dir().filePath(
        QStringLiteral("%1-%2.bdbook")
            .arg(book.completeBaseName(), QDateTime::currentDateTime().toString("yyyyMMdd-HHmm")));
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Back up book"), suggested,
                                                      tr("BrokerDesk books (*.bdbook)"));
    if (!path.isEmpty()) backupTo(path);
}

void DataJobs::chooseRestore() {
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Restore from backup"), {},
                                     tr("BrokerDesk books (*.bdbook *.bak *.db);;All files (*)"));
    if (path.isEmpty()) return;
    const auto answer = QMessageBox::question(
        m_window, tr("Restore from backup"),
        tr("Replace the open book with %1?\nThe book as it is now is saved beside it first.")
            .arg(path));
    if (answer != QMessageBox::Yes) return;
    // A refusal (not a book, a newer version) is said in a box: nothing was changed.
    auto* context = new QObject(this);
    connect(
        this, &DataJobs::finished, context, [this, context](Job job, bool ok, const QString& why) {
            if (job != Job::Restore) return;
            context->deleteLater();
            if (!ok)
                QMessageBox::warning(m_window, tr("Restore from backup"),
                                     tr("Not restored; the open book is unchanged.\n%1").arg(why));
        });
    if (!restoreFrom(path)) context->deleteLater();
}

} // namespace bd::ui
