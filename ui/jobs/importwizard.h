#pragma once
// File › Import…: the nightly files into the open book, in four steps. Files: pick one or more;
// each one's kind, encoding and columns are read from its start (Chinese headers included).
// Columns: unknown headers can be read as a known column or left out. Check: the first rows,
// every located error (line, column, rule) and the new / updated / unchanged / rejected counts
// of a dry run (the import run in its transaction and rolled back). Import: the run on a worker
// thread with a progress bar and a Cancel that leaves the book unchanged (the run is one
// transaction). Nothing is written before the last step; the window never waits.
#include <QWizard>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "services/importjob.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace bd::ui {

class BookSession;

class ImportWizard : public QWizard {
    Q_OBJECT
  public:
    /// The name of a kind of import file, in the window's language ("Trades" / "成交").
    static QString kindLabel(services::ImportKind kind);

    enum PageId { FilesPage, ColumnsPage, CheckPage, RunPage };

    explicit ImportWizard(BookSession* session, QWidget* parent = nullptr);
    ~ImportWizard() override;

    /// Adds files as if chosen in the file dialog (tests, drag and drop).
    void addFiles(const QStringList& paths);

    /// One chosen file: what its start says and the user's choices.
    struct File {
        QString path;
        services::ImportFilePreview preview;
        std::optional<services::ImportKind> kind; // the user's choice; the detected one at first
        /// Per header field: the known column the user reads it as, "" to leave it out;
        /// absent: as detected.
        std::map<QString, QString> mapping;
    };
    const std::vector<File>& files() const { return m_files; }
    /// The dry run's report, once it has run for the current choices.
    const std::optional<services::ImportReport>& dryRun() const { return m_dryRun; }
    /// Lenient: import the good rows, the rejected ones to rejectsPath() (default: strict).
    void setLenient(bool on);
    /// The import's report, once it finished.
    const std::optional<services::ImportReport>& result() const { return m_result; }
    bool isRunning() const { return m_running; }
    /// Reads the header of file `index` as the known column `column` ("" leaves it out).
    void mapColumn(int index, const QString& header, const QString& column);

    void initializePage(int id) override;
    void cleanupPage(int id) override;
    bool validateCurrentPage() override;
    void reject() override;

  signals:
    /// The dry run finished (its counts are shown).
    void dryRunFinished();
    /// The import committed; the session has announced the new data.
    void imported();
    /// The import ended without writing (cancelled, rejected or failed).
    void importStopped();

  private:
    void buildFilesPage();
    void buildColumnsPage();
    void buildCheckPage();
    void buildRunPage();
    void showFiles();
    void showColumns();
    void showPreview();
    void runDryRun();
    void runImport();
    /// A fresh cancel flag for the next run (the last one's stays with its thread).
    void newRun();
    void keep(std::function<void()> wait);
    void rereadFile(File& f);
    services::ImportOptions options() const;
    /// Where a lenient import writes its rejected rows: beside the first file.
    QString rejectsPath() const;
    services::ImportFiles importFiles() const;
    services::Encoding encoding() const;
    bool filesReady(QString* why) const;

    BookSession* m_session;
    std::vector<File> m_files;
    std::optional<services::ImportReport> m_dryRun, m_result;
    std::shared_ptr<std::atomic<bool>> m_cancel; // the current run's; each run has its own
    bool m_running = false;
    bool m_closeWhenDone = false; // Cancel pressed while a run was going
    int m_generation = 0;         // a dry run whose choices changed meanwhile is ignored
    /// Every run's cancel flag and a wait for its thread (the destructor stops and joins them).
    std::vector<std::shared_ptr<std::atomic<bool>>> m_flags;
    std::vector<std::function<void()>> m_waits;

    // Files
    QTableWidget* m_fileTable = nullptr;
    QComboBox* m_encoding = nullptr;
    QLabel* m_filesNote = nullptr;
    // Columns
    QComboBox* m_columnsFile = nullptr;
    QTableWidget* m_columnTable = nullptr;
    QLabel* m_columnsNote = nullptr;
    // Check
    QTableWidget* m_counts = nullptr;
    QComboBox* m_previewFile = nullptr;
    QTableWidget* m_preview = nullptr;
    QTableWidget* m_errors = nullptr;
    QLabel* m_verdict = nullptr;
    QCheckBox* m_lenient = nullptr;
    QProgressBar* m_checkProgress = nullptr;
    // Run
    QProgressBar* m_runProgress = nullptr;
    QLabel* m_runLabel = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace bd::ui
