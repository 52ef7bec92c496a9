#include "jobs/datajobs.h"
#include "jobs/workerbook.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include <QAbstractButton>
#include <QAction>
#include <QDate>
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
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>

#include "format.h"
#include "jobs/analyticsbanner.h"
#include "jobs/importwizard.h"
#include "mainwindow.h"
#include "reports/kpireportpdf.h"
#include "reports/reviewpdf.h"
#include "services/bookfile.h"
#include "services/kpi.h"
#include "services/listexports.h"
#include "services/planrebuild.h"
#include "services/portfolioservice.h"
#include "services/portfoliosettings.h"
#include "services/refresh.h"
#include "session/booksession.h"
#include "views/todayview.h"

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
    m_cancelButton = new QPushButton(tr("Cancel"), window);
    m_cancelButton->setObjectName("jobCancel");
    m_cancelButton->setToolTip(tr("Stop the job; the book stays as it was"));
    connect(m_cancelButton, &QPushButton::clicked, this, &DataJobs::cancelJob);
    window->statusBar()->addWidget(m_progressLabel);
    window->statusBar()->addWidget(m_progress);
    window->statusBar()->addWidget(m_cancelButton);
    m_progressLabel->hide();
    m_progress->hide();
    m_cancelButton->hide();

    // The Today page's Rebuild plan… runs here too, with its own Cancel beside the button.
    if (auto* today = window->findChild<TodayView*>("todayView")) {
        connect(today, &TodayView::rebuildRequested, this, [this](const QDate& asOf) {
            if (!rebuildPlan(fromQDate(asOf)))
                m_window->statusBar()->showMessage(tr("Another job is running."), 10000);
        });
        connect(today, &TodayView::cancelRebuildRequested, this, &DataJobs::cancelJob);
        connect(this, &DataJobs::busyChanged, today, [this, today](bool busy) {
            today->setRebuildRunning(busy && m_job == Job::RebuildPlan);
        });
    }

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
        auto* import =
            add(file, before, tr("&Import…"), "actionImport", [this] { openImportWizard(); });
        import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
        file->insertSeparator(before);
        m_deskOnly << import << add(file, before, tr("&Back up book…"), "actionBackupBook", [this] {
            chooseBackup();
        }) << add(file, before, tr("&Restore from backup…"), "actionRestoreBook", [this] {
            chooseRestore();
        });
        file->insertSeparator(before);
        // The Today page's call sheet, on paper.
        add(file, before, tr("&Print call sheet…"), "actionPrintCallSheet", [this] {
            if (auto* today = todayPage()) today->printInteractive(false);
        })->setShortcut(QKeySequence::Print);
        add(file, before, tr("Print pre&view of the call sheet…"), "actionPrintPreview", [this] {
            if (auto* today = todayPage()) today->printInteractive(true);
        });
    }
    // Tools, before Help.
    auto* tools = new QMenu(tr("&Tools"), window);
    tools->setObjectName("menuTools");
    QMenu* help = window->findChild<QMenu*>("menuHelp");
    window->menuBar()->insertMenu(help ? help->menuAction() : nullptr, tools);
    auto* refresh = add(tools, nullptr, tr("Refresh &analytics"), "actionRefreshAnalytics",
                        [this] { refreshAnalytics(); });
    refresh->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_deskOnly << refresh << add(tools, nullptr, tr("Rebuild &plan"), "actionRebuildPlan", [this] {
        rebuildPlan();
    });
    // On a branch server these are the nightly batch's (import, refresh, plan) or would copy
    // the server's clients into a file of the desk's (backup, restore): off, and said why.
    connect(m_session, &BookSession::serverChanged, this, &DataJobs::followServer);

    // Export: what a broker hands on. Each export is recorded in the audit trail.
    auto* exports = new QMenu(tr("E&xport"), window);
    exports->setObjectName("menuExport");
    window->menuBar()->insertMenu(tools->menuAction(), exports);
    add(exports, nullptr, tr("&Call list (Excel, CSV or printable PDF)…"), "actionExportCallList",
        [this] { exportCallList(); });
    add(exports, nullptr, tr("Client &review (PDF) of the client shown…"), "actionExportReview",
        [this] { chooseReview(); });
    exports->addSeparator();
    // The tables for people: each asks for a file and writes the table to it.
    const QString sheets = tr("Excel workbook (*.xlsx);;CSV for Excel (*.csv)");
    const struct {
        QString text;
        const char* objectName;
        QString title;    // of the file dialog
        const char* name; // the suggested file's, before the date
        QString filters;  // the first one preselected
        bool (DataJobs::*write)(const QString& path);
    } tables[] = {
        {tr("&VIP list (Excel or CSV)…"), "actionExportVip", tr("VIP list"), "vip", sheets,
         &DataJobs::exportVipList},
        {tr("C&overage list (Excel or CSV)…"), "actionExportCoverage", tr("Coverage list"),
         "coverage", sheets, &DataJobs::exportCoverage},
        {tr("C&lient list (Excel or CSV)…"), "actionExportClientList", tr("Client list"),
         "clientlist", sheets, &DataJobs::exportClientList},
        {tr("Value &scores (Excel or CSV)…"), "actionExportScores", tr("Value scores"), "scores",
         sheets, &DataJobs::exportScores},
        {tr("S&egments (Excel or CSV)…"), "actionExportSegments", tr("Segments"), "segments",
         sheets, &DataJobs::exportSegments},
        {tr("Monthly branch &report (PDF, Excel or CSV)…"), "actionExportReport",
         tr("Monthly branch report"), "branch-report",
         tr("PDF (*.pdf)") + QStringLiteral(";;") + sheets, &DataJobs::exportBranchReport},
    };
    for (const auto& t : tables)
        add(exports, nullptr, t.text, t.objectName, [this, t] {
            chooseExport(t.title, QString::fromLatin1(t.name), t.filters,
                         [this, write = t.write](const QString& p) { return (this->*write)(p); });
        });
    // The interchange files: CSV for programs (and import), or the same columns for people.
    auto* data = exports->addMenu(tr("&Data files (CSV for programs, or Excel)"));
    data->setObjectName("menuExportData");
    const QString files = tr("CSV for programs (*.csv);;Excel workbook (*.xlsx)");
    for (const auto kind : {services::ImportKind::Clients, services::ImportKind::Trades,
                            services::ImportKind::Assets, services::ImportKind::Contacts,
                            services::ImportKind::Positions, services::ImportKind::Securities}) {
        const QString name = QString::fromUtf8(services::importKindName(kind));
        const QString text = ImportWizard::kindLabel(kind);
        add(data, nullptr, text + QStringLiteral("…"),
            QStringLiteral("actionExportData_%1").arg(name).toUtf8().constData(),
            [this, kind, name, text, files] {
                chooseExport(text, name, files,
                             [this, kind](const QString& p) { return exportInterchange(kind, p); });
            });
    }
}

void DataJobs::chooseExport(const QString& title, const QString& name, const QString& filters,
                            const std::function<bool(const QString&)>& run) {
    const QString first = filters.section(QStringLiteral(";;"), 0, 0);
    const QString ext = first.section(QStringLiteral("*"), 1, 1).section(QStringLiteral(")"), 0, 0);
    const QString suggested =
        QFileInfo(m_session->path())
            .dir()
            .filePath(name + QStringLiteral("-") + QDate::currentDate().toString("yyyyMMdd") + ext);
    QString chosenFilter = first;
    QString path = QFileDialog::getSaveFileName(m_window, title, suggested, filters, &chosenFilter);
    if (path.isEmpty()) return;
    // A name typed without an extension takes the chosen filter's.
    if (QFileInfo(path).suffix().isEmpty())
        path += chosenFilter.section(QStringLiteral("*"), 1, 1).section(QStringLiteral(")"), 0, 0);
    run(path);
}

bool DataJobs::runExport(const QString& what, const QString& path,
                         std::function<Result<std::int64_t>(services::Database&)> write) {
    return runExport(what, path,
                     [write = std::move(write)](services::Database& book, const Progress&) {
                         return write(book);
                     });
}

bool DataJobs::runExport(
    const QString& what, const QString& path,
    std::function<Result<std::int64_t>(services::Database&, const Progress&)> write) {
    const std::string out = path.toStdString();
    auto rows = std::make_shared<std::int64_t>(0);
    return start(
        Job::Export, tr("Exporting…"),
        [write, rows, path](services::Database& book, const Progress& progress) -> Result<QString> {
            progress(0.05, {});
            auto n = write(book, progress);
            if (!n) return n.error();
            *rows = *n;
            return tr("Exported %n row(s) to %1.", nullptr, static_cast<int>(*n)).arg(path);
        },
        [this, what, rows, out] {
            // The audit trail as the CLI's `export` writes it: what, rows, masked, file.
            if (auto r = m_session->execute(
                    services::cmd::RecordExport{what.toStdString(), *rows, false, out});
                !r)
                spdlog::warn("{} export not recorded: {}", what.toStdString(),
                             r.error().toString());
        });
}

bool DataJobs::exportVipList(const QString& path) {
    const std::string out = path.toStdString();
    const phrase::Lang l = uiLang();
    return runExport(
        QStringLiteral("vip"), path, [out, l](services::Database& book) -> Result<std::int64_t> {
            auto list = services::vipList(book, services::VipScope{}, "firm", std::nullopt, l);
            if (!list) return list.error();
            if (auto s = services::writePeopleTable(out, list->table); !s) return s.error();
            return static_cast<std::int64_t>(list->vips);
        });
}

bool DataJobs::exportCoverage(const QString& path) {
    return runTableExport(QStringLiteral("coverage"), path,
                          [](services::Database& book, phrase::Lang l) {
                              return services::coverageList(book, std::nullopt, l);
                          });
}

bool DataJobs::runTableExport(
    const QString& what, const QString& path,
    std::function<Result<services::PeopleTable>(services::Database&, phrase::Lang)> make) {
    const std::string out = path.toStdString();
    const phrase::Lang l = uiLang();
    const std::function<Result<std::int64_t>(services::Database&, const Progress&)> write =
        [out, l, make](services::Database& book, const Progress& progress) -> Result<std::int64_t> {
        // Reading the rows, then writing them: the bar moves through the rows as they are
        // written (a workbook of 100,000 clients takes seconds).
        auto t = make(book, l);
        if (!t) return t.error();
        const QString writing = tr("Writing %n row(s)…", nullptr, static_cast<int>(t->rows.size()));
        progress(0.3, writing);
        if (auto s = services::writePeopleTable(
                out, *t, [&](double done) { progress(0.3 + 0.7 * done, writing); });
            !s)
            return s.error();
        return static_cast<std::int64_t>(t->rows.size());
    };
    return runExport(what, path, write);
}

bool DataJobs::exportClientList(const QString& path) {
    return runTableExport(QStringLiteral("clientlist"), path, services::clientListTable);
}

bool DataJobs::exportScores(const QString& path) {
    return runTableExport(QStringLiteral("scores"), path, services::scoresTable);
}

bool DataJobs::exportSegments(const QString& path) {
    return runTableExport(
        QStringLiteral("segments"), path,
        [](services::Database& book, phrase::Lang l) -> Result<services::PeopleTable> {
            auto t = services::segmentsTable(book, l);
            if (!t) return t.error();
            return std::move(t->table);
        });
}

bool DataJobs::exportInterchange(services::ImportKind kind, const QString& path) {
    const std::string out = path.toStdString();
    return runExport(QString::fromUtf8(services::importKindName(kind)), path,
                     [out, kind](services::Database& book) {
                         return services::writeInterchangeFile(book, kind, out);
                     });
}

bool DataJobs::exportBranchReport(const QString& path) {
    const std::string out = path.toStdString();
    const phrase::Lang l = uiLang();
    const bool pdf = path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive);
    return runExport(
        QStringLiteral("report"), path,
        [out, l, pdf](services::Database& book) -> Result<std::int64_t> {
            if (auto s = services::ensureKpiHistory(book); !s) return s.error();
            auto board = services::loadKpiBoard(book);
            if (!board) return board.error();
            if (auto s = pdf ? reports::writeKpiReportPdf(out, *board, l)
                             : services::writePeopleTable(out, services::kpiReportTable(*board, l));
                !s)
                return s.error();
            return std::int64_t{1}; // one report, as the CLI records it
        });
}

TodayView* DataJobs::todayPage() {
    auto* main = qobject_cast<MainWindow*>(m_window);
    if (!main || !main->showPage("todayView")) return nullptr;
    return m_window->findChild<TodayView*>("todayView");
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
    const bool chinese = uiLang() == phrase::Lang::Zh;
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

void DataJobs::followServer() {
    setBusy(m_busy);
    const QString why = tr("On a branch server the nightly batch does this");
    for (QAction* a : m_deskOnly) a->setToolTip(m_session->onServer() ? why : QString());
}

bool DataJobs::refusedOnServer(Job job) {
    if (!m_session->onServer() || (job != Job::Refresh && job != Job::RebuildPlan &&
                                   job != Job::Backup && job != Job::Restore))
        return false;
    m_window->statusBar()->showMessage(
        tr("Not permitted on a branch server: the nightly batch imports, refreshes and plans; "
           "the server's administrator backs it up."),
        15000);
    return true;
}

void DataJobs::setBusy(bool busy) {
    m_busy = busy;
    for (QAction* a : m_actions)
        a->setEnabled(!busy && !(m_session->onServer() && m_deskOnly.contains(a)));
    m_banner->setBusy(busy);
    m_progress->setVisible(busy);
    m_progressLabel->setVisible(busy);
    m_cancelButton->setVisible(busy && m_cancel);
    m_cancelButton->setEnabled(true);
    if (!busy) m_cancel.reset();
    emit busyChanged(busy);
}

std::shared_ptr<DataJobs::CancelState> DataJobs::newCancelState() {
    if (m_busy) return nullptr;
    m_cancel = std::make_shared<CancelState>();
    return m_cancel;
}

bool DataJobs::cancelJob() {
    if (!m_busy || !m_cancel) return false;
    m_cancel->requested = true;
    m_cancelButton->setEnabled(false);
    m_progressLabel->setText(tr("Cancelling…"));
    return true;
}

bool DataJobs::start(Job job, const QString& label, Work work, std::function<void()> announce) {
    if (m_busy || refusedOnServer(job)) return false;
    m_job = job;
    setBusy(true);
    m_progress->setValue(0);
    m_progressLabel->setText(label);
    const auto done = [this, job, label, announce](const Result<QString>& r) {
        m_waitForWorker = {};
        const bool stopped = m_cancel && m_cancel->stopped;
        setBusy(false);
        if (r && stopped) {
            // Cancelled between stages: rolled back, nothing to announce.
            m_window->statusBar()->showMessage(*r, 15000);
            emit finished(job, false, *r);
            emit cancelled(job);
            return;
        }
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
    QFuture<Result<QString>> future = runInBackground([path, work, progress]() -> Result<QString> {
        auto own = openWorkerBook(path);
        if (!own) return own.error();
        return work(*own, progress);
    });
    m_waitForWorker = [future]() mutable { future.waitForFinished(); };
    watcher->setFuture(future);
    return true;
}

bool DataJobs::refreshAnalytics() {
    auto cancel = newCancelState();
    if (!cancel) return false;
    return start(
        Job::Refresh, tr("Refreshing analytics…"),
        [cancel](services::Database& book, const Progress& progress) -> Result<QString> {
            services::RefreshOptions o;
            // The stages' names are the engine's own: the bar alone shows how far it is.
            o.progress = [&progress](std::string_view, double fraction) { progress(fraction, {}); };
            o.cancel = &cancel->requested;
            return cancel->outcome(
                services::refreshBook(book, o), tr("Refresh cancelled; the book is unchanged."),
                [](const services::RefreshSummary& r) {
                    return tr("Analytics refreshed as of %1: %2 clients, %3 VIPs.")
                        .arg(QString::fromStdString(r.as_of.toString()))
                        .arg(r.clients)
                        .arg(r.vips);
                });
        },
        [this] { m_session->announce(services::AnalyticsChange{}); });
}

bool DataJobs::rebuildPlan(std::optional<Date> asOf) {
    auto cancel = newCancelState();
    if (!cancel) return false;
    return start(
        Job::RebuildPlan, tr("Rebuilding the plan…"),
        [cancel, asOf](services::Database& book, const Progress& progress) -> Result<QString> {
            services::PlanOptions o;
            o.as_of = asOf;
            o.progress = [&progress](double fraction) { progress(fraction, {}); };
            o.cancel = &cancel->requested;
            return cancel->outcome(
                services::rebuildPlan(book, o),
                tr("Plan rebuild cancelled; the book is unchanged."),
                [](const services::PlanSummary& r) {
                    return tr("Plan rebuilt from %1: %2 calls planned, %3 deadlines missed.")
                        .arg(QString::fromStdString(r.first_day.toString()))
                        .arg(r.planned)
                        .arg(r.shortfalls.size());
                });
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
    if (refusedOnServer(Job::Refresh)) return nullptr; // an import is the batch's as well
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
