#pragma once
// The nightly data jobs in the workstation: File › Import…, Back up book…, Restore from
// backup…, and Tools › Refresh analytics and Rebuild plan. Each runs on a worker thread with a
// connection of its own to the book (the window keeps reading through the session's), shows its
// progress in the status bar, and the session announces what it changed when it is done, so
// every page updates. One job at a time; the window never waits for one.
#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "phrasebook/phrasebook.h"
#include "services/book.h"
#include "services/importjob.h"
#include "services/peopletable.h"

class QAction;
class QLabel;
class QMainWindow;
class QMenu;
class QProgressBar;
class QPushButton;

namespace bd::ui {

class AnalyticsBanner;
class BookSession;
class ImportWizard;
class TodayView;

class DataJobs : public QObject {
    Q_OBJECT
  public:
    enum class Job { Refresh, RebuildPlan, Backup, Restore, ExportReview, Export };

    /// Adds the jobs' actions to `window`'s File menu (objectName "menuFile"), a Tools and an
    /// Export menu,
    /// the banner under the tool bar and the progress in the status bar.
    DataJobs(QMainWindow* window, BookSession* session);
    /// Waits for a running job: its connection must close before the book does.
    ~DataJobs() override;

    bool isBusy() const { return m_busy; }

    // The jobs without their dialogs (the menu's actions ask for files first). Each returns
    // false when another job is running; the outcome comes with finished().
    bool refreshAnalytics();
    /// As of `asOf` (the Today page's date), else today.
    bool rebuildPlan(std::optional<Date> asOf = std::nullopt);
    bool backupTo(const QString& path);
    /// Refuses (finished with ok false, the open book untouched) a file that is not a book or
    /// of a newer version.
    bool restoreFrom(const QString& path);
    /// Writes the portfolio review PDF of client `clientId` (the client's copy, in the
    /// window's language) and records the export in the audit trail.
    bool exportReview(const QString& clientId, const QString& path);
    // The exports of `brokerdesk-cli export`, built by the same services and recorded in the
    // audit trail as the CLI records them. Headings in the window's language.
    /// The firm's VIP list at the book's VIP share (.xlsx or .csv, as the extension says).
    bool exportVipList(const QString& path);
    /// Coverage per broker and branch as of today (.xlsx or .csv).
    bool exportCoverage(const QString& path);
    /// The client book as the Clients page lists it (.xlsx or .csv).
    bool exportClientList(const QString& path);
    /// Every client's value scores of the latest refresh (.xlsx or .csv).
    bool exportScores(const QString& path);
    /// The latest refresh's segments with their policy and profile (.xlsx or .csv).
    bool exportSegments(const QString& path);
    /// The interchange rows of `kind`: the CSV for programs, or a workbook for .xlsx.
    bool exportInterchange(services::ImportKind kind, const QString& path);
    /// The monthly branch report of the latest whole month (.pdf, .xlsx or .csv).
    bool exportBranchReport(const QString& path);
    /// Asks the running refresh or plan rebuild to stop; it rolls back and the book stays as
    /// it was (finished() then says ok false). False when no cancellable job runs.
    bool cancelJob();
    /// The import wizard, shown (not modal: the window stays usable). One at a time.
    ImportWizard* openImportWizard();
    AnalyticsBanner* banner() const { return m_banner; }

  signals:
    void busyChanged(bool busy);
    /// A job stopped by cancelJob() (after finished()).
    void cancelled(bd::ui::DataJobs::Job job);
    void finished(bd::ui::DataJobs::Job job, bool ok, const QString& message);

  private:
    /// Work on the worker thread, with its own connection; `progress(fraction, stage)` may be
    /// called from it. Returns what to say in the status bar.
    using Progress = std::function<void(double, const QString&)>;
    using Work = std::function<Result<QString>(services::Database&, const Progress&)>;
    bool start(Job job, const QString& label, Work work, std::function<void()> announce);
    void setBusy(bool busy);
    void buildMenus(QMainWindow* window);
    void chooseBackup();
    void chooseRestore();
    void chooseReview();
    void exportCallList();
    /// The Today page, shown (null when the window has none).
    TodayView* todayPage();
    /// Asks for a file (offering `filters`, the first one preselected) and runs `run` with it.
    void chooseExport(const QString& title, const QString& name, const QString& filters,
                      const std::function<bool(const QString&)>& run);
    /// Writes an export on the worker; `write` returns the rows written (for the audit trail).
    bool runExport(const QString& what, const QString& path,
                   std::function<Result<std::int64_t>(services::Database&)> write);
    /// The same, for a write that says how far it is.
    bool runExport(const QString& what, const QString& path,
                   std::function<Result<std::int64_t>(services::Database&, const Progress&)> write);
    /// runExport of a table for people that `make` builds in `lang`.
    bool runTableExport(
        const QString& what, const QString& path,
        std::function<Result<services::PeopleTable>(services::Database&, phrase::Lang)> make);
    /// A cancellable job's flags: `requested` is checked by the job between its stages,
    /// `stopped` set by the worker when the job did stop (nothing written).
    struct CancelState {
        std::atomic<bool> requested{false};
        std::atomic<bool> stopped{false};
        /// The message of a cancellable run's result `r`: its error, `cancelled` when the run
        /// stopped on request (noted here), else what `done` says of its report.
        template <typename Report, typename Done>
        Result<QString> outcome(const Result<Report>& r, const QString& cancelled, Done done) {
            if (!r) return r.error();
            if (r->cancelled) {
                stopped = true;
                return cancelled;
            }
            return done(*r);
        }
    };
    /// A new state for the job about to start (refresh, rebuild); null when one is running.
    std::shared_ptr<CancelState> newCancelState();

    QMainWindow* m_window;
    BookSession* m_session;
    AnalyticsBanner* m_banner = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressLabel = nullptr;
    QPushButton* m_cancelButton = nullptr;
    std::shared_ptr<CancelState> m_cancel; // the running job's, when it can be cancelled
    QList<QAction*> m_actions;             // disabled while a job runs
    QList<QAction*> m_deskOnly; // writes a branch server leaves to its nightly batch: disabled
    /// On a branch server, a desk-only job is refused in words (the status bar); true then.
    bool refusedOnServer(Job job);
    void followServer();
    ImportWizard* m_wizard = nullptr;
    bool m_busy = false;
    Job m_job = Job::Refresh;              // the running one, while busy
    std::function<void()> m_waitForWorker; // joins the running job's thread
};

} // namespace bd::ui
