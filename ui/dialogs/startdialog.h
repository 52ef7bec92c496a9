#pragma once
// The first start: no book named and none opened before. The dialog offers the demo book, an
// existing book or a new empty one. The demo book is made by brokerdesk-cli (demo, refresh,
// plan: the same generator and services the command line runs) in a child process, so the
// window never freezes and the workstation does not link the demo generator
// (Layering.OnlyTheCliUsesTheDemoGenerator).
#include <QDialog>
#include <QProcess>
#include <QStringList>

class QCommandLinkButton;
class QLabel;
class QProgressBar;
class QPushButton;

namespace bd::ui {

class StartDialog : public QDialog {
    Q_OBJECT
  public:
    /// The demo book is written to `demoPath` by the program `cliPath` (brokerdesk-cli; empty:
    /// the demo choice is disabled).
    StartDialog(QString demoPath, QString cliPath, QWidget* parent = nullptr);
    ~StartDialog() override;

    /// The book chosen; set when the dialog is accepted.
    QString bookPath() const { return m_bookPath; }
    /// Clients in the demo book (3,000 unless changed, as scripts/demo makes it).
    void setDemoClients(int clients) { m_demoClients = clients; }
    /// True while the demo book is being made.
    bool isBusy() const;

  public slots:
    /// Esc while the demo book is being made stops it (and removes what it wrote).
    void reject() override;

  private:
    void createDemo();
    void openExisting();
    void createEmpty();
    void runNextStep();
    void stepFinished(int exitCode, QProcess::ExitStatus status);
    void readProgress();
    /// Stops the child, removes the half-made book, shows the choices again.
    void abandonDemo(const QString& why);
    void setBusy(bool busy);

    QString m_demoPath;
    QString m_cliPath;
    QString m_bookPath;
    int m_demoClients = 3000;
    bool m_removeOnFailure = false; // the demo step creates the file
    QProcess* m_process = nullptr;
    QList<QStringList> m_steps; // brokerdesk-cli argument lists still to run
    QByteArray m_errors;        // the current step's standard error
    QCommandLinkButton* m_demo = nullptr;
    QCommandLinkButton* m_open = nullptr;
    QCommandLinkButton* m_empty = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_quit = nullptr;
};

/// The brokerdesk-cli program: beside the workstation (installed, both are in bin/), in the
/// build tree's src/cli/, else on PATH; empty when there is none.
QString findCliProgram();

/// The book to open when none is named: the last one opened if it still exists, else a book at
/// the demo book's place in `dataDir`; empty when there is neither.
QString lastBook(const QString& dataDir);
/// Remembers `path` as the book to open at the next start.
void rememberBook(const QString& path);
/// Shows the start dialog (the demo book goes to `dataDir`/demo.bdbook); the chosen book, or
/// empty when the user quits.
QString askForBook(const QString& dataDir, const QString& cliPath, QWidget* parent = nullptr);

} // namespace bd::ui
