#pragma once
// The workstation's open book, as Tiled's MapDocument is its open map: the session owns the
// connection, every write the workstation makes goes through it, and after each commit it
// tells the views what changed, one signal per kind of change (services/bookchange.h). Views
// read through services with book() and never ask whether the book is stale: they are told.
// Changes made elsewhere (another program, later a branch server) come in through announce().
#include <QFutureWatcher>
#include <QObject>
#include <QUndoStack>

#include <memory>
#include <string>
#include <vector>

#include "analytics/relationship.h"
#include "services/book.h"
#include "services/bookchange.h"
#include "services/commands/command.h"
#include "services/contactlog.h"
#include "services/planitems.h"
#include "services/planrebuild.h"
#include "services/serverreplica.h"

class QSocketNotifier;
class QTimer;

namespace bd::ui {

class BookSession : public QObject {
    Q_OBJECT
  public:
    /// Takes ownership of an open book.
    explicit BookSession(services::Database book, QObject* parent = nullptr);
    ~BookSession() override;

    /// The open book, for reads through services. The same object for the session's life:
    /// open() replaces what it holds.
    services::Database& book() { return m_book; }
    /// The book's file name (":memory:" for a private in-memory book).
    QString path() const;

    /// Opens the book at `path` in place of this one and announces BookReplaced; on error
    /// (a missing file is not created) the current book stays. A postgresql:// URI opens a
    /// branch server: its replica (services/serverreplica.h) becomes the book.
    Status open(const QString& path);

    // On a branch server the pages read the replica of what the login may see; every write
    // goes to the server, and the clients it changed are read back before it is announced.
    // Other desks' changes arrive on the server's news connection and are announced the same
    // way, within a fraction of a second.

    /// Takes a branch server's opened replica in place of the current book (its book taken
    /// over) and announces BookReplaced.
    void openServer(std::unique_ptr<services::ServerReplica> server);
    bool onServer() const { return m_server != nullptr; }
    /// Who is logged in where; none on a desk's book.
    const services::ServerIdentity* server() const;
    /// The news connection is up (always on a desk's book).
    bool connected() const { return m_connected; }
    /// The replica's private directory (removed when the session leaves the server).
    QString replicaDirectory() const;

    // The writes. Each is a command of services/commands (validated, one transaction,
    // audited); it commits, then announces what it changed; on error nothing changed and
    // nothing is announced.

    /// Runs a command. One that can be undone goes on the undo stack (Ctrl+Z runs its inverse
    /// through the same layer; Ctrl+Shift+Z undoes that).
    Result<services::cmd::Applied> execute(services::cmd::CommandArgs command);
    /// Edits since the book was opened (cleared when another book is opened).
    QUndoStack* undoStack() const { return m_undo; }

    /// Records a contact and updates the plan (services::logContact).
    Result<services::ContactLogResult> logContact(const services::ContactLog& log);
    /// Moves a plan item to `to` (the first working day on or after it).
    Result<Date> reschedule(const services::PlanItem& item, Date to);
    /// Skips a plan item with a reason.
    Status skip(const services::PlanItem& item, const std::string& reason);
    /// Rebuilds every broker's plan.
    Result<services::PlanSummary> rebuildPlan(const services::PlanOptions& options);
    /// Renames a segment of the newest segmentation.
    Status renameSegment(int segmentId, const std::string& nameZh, const std::string& nameEn);
    /// Stores the service policies (all or none).
    Status saveServicePolicies(const std::vector<analytics::ServicePolicy>& policies);

    /// Tells the views about a change: emits the signal of its kind.
    void announce(const services::BookChange& change);

  signals:
    void contactsChanged(const bd::services::ContactsChange& change);
    void planChanged(const bd::services::PlanChange& change);
    void analyticsChanged(const bd::services::AnalyticsChange& change);
    void clientsChanged(const bd::services::ClientsChange& change);
    void settingsChanged(const bd::services::SettingsChange& change);
    void bookReplaced();
    /// The session moved to or from a branch server (title, status bar, menus follow).
    void serverChanged();
    /// The news connection of a branch server dropped (false) or is back (true).
    void connectionChanged(bool up);
    /// An undo or redo the book refused (someone changed the client since): the engine's
    /// reason. The undo history is cleared, as it no longer matches the book.
    void undoRefused(const QString& reason);

  private:
    /// Runs a command without touching the undo stack; announces its changes.
    Result<services::cmd::Applied> run(services::cmd::CommandArgs command);
    friend class CommandUndo;
    void replaceBook(services::Database book);
    void watchNews();
    void readNews();
    void applyNews();
    void reconnectNews();
    void copyAgain();
    void copiedAgain(const services::ServerReplica::Recopy& job, const Status& copied);
    void lostConnection(const Error& why);

    // Declared before the book: the replica's directory goes after the book is closed.
    std::unique_ptr<services::ServerReplica> m_server;
    services::Database m_book;
    QUndoStack* m_undo = nullptr;
    QSocketNotifier* m_newsNotifier = nullptr;
    QTimer* m_newsDelay = nullptr; // a burst of news is read once
    QTimer* m_reconnect = nullptr;
    services::ServerNews m_pending;
    QFutureWatcher<Status>* m_copying = nullptr; // while the replica is copied again
    bool m_copyQueued = false;                   // batch news came during that copy: copy once more
    int m_serverGeneration = 0;                  // which server session a finished copy belongs to
    bool m_connected = true;
};

} // namespace bd::ui
