#include "session/booksession.h"

#include <spdlog/spdlog.h>

#include <QFutureWatcher>
#include <QSocketNotifier>
#include <QTimer>

#include <type_traits>

#include "format.h"
#include "jobs/workerbook.h"
#include "timers.h"

namespace bd::ui {

namespace cmd = services::cmd;

/// One undoable edit on the undo stack. Each turn undoes the newest operation of the pair (the
/// edit, then the undo of it, then the undo of that), so an undo never finds itself overtaken
/// by its own redo. A refusal (someone changed the client meanwhile) leaves the book as it is.
class CommandUndo : public QUndoCommand {
  public:
    CommandUndo(BookSession* session, std::int64_t operation, const QString& text)
        : QUndoCommand(text), m_session(session), m_operation(operation) {}
    void undo() override { toggle(); }
    void redo() override {
        if (m_first) {
            m_first = false; // pushed after the edit was applied
            return;
        }
        toggle();
    }

  private:
    void toggle() {
        auto r = m_session->run(cmd::UndoOperation{m_operation});
        if (r) {
            m_operation = r->operation;
            return;
        }
        spdlog::warn("undo of operation {}: {}", m_operation, r.error().toString());
        // The stack stepped past an operation the book kept: it no longer matches the book.
        // Cleared once the stack has finished this step (it must not change inside it).
        QUndoStack* stack = m_session->undoStack();
        QMetaObject::invokeMethod(
            stack, [stack] { stack->clear(); }, Qt::QueuedConnection);
        emit m_session->undoRefused(errorText(r.error()));
    }
    BookSession* m_session;
    std::int64_t m_operation;
    bool m_first = true;
};

BookSession::BookSession(services::Database book, QObject* parent)
    : QObject(parent), m_book(std::move(book)), m_undo(new QUndoStack(this)) {
    setObjectName("bookSession");
    m_undo->setObjectName("undoStack");
    // A burst of news (a bulk action on another desk) is read once, 100 ms after it began.
    m_newsDelay = singleShotTimer(this, "newsDelay", 100);
    connect(m_newsDelay, &QTimer::timeout, this, &BookSession::applyNews);
    m_reconnect = singleShotTimer(this, "newsReconnect", 2000);
    connect(m_reconnect, &QTimer::timeout, this, &BookSession::reconnectNews);
}

Result<cmd::Applied> BookSession::run(cmd::CommandArgs command) {
    auto r = m_server ? m_server->execute(m_book, cmd::Command{{}, std::move(command)})
                      : cmd::execute(m_book, cmd::Command{{}, std::move(command)});
    if (!r) return r;
    for (const auto& change : r->changes) announce(change);
    return r;
}

namespace {

// What the Edit menu calls an undoable command ("Undo Edit client C000123").
QString operationText(const cmd::CommandArgs& command, const cmd::Applied& applied) {
    const QString client = QString::fromStdString(applied.client_id);
    return std::visit(
        [&](const auto& c) -> QString {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, cmd::EditClient>)
                return BookSession::tr("Edit client %1").arg(client);
            else if constexpr (std::is_same_v<T, cmd::AddClient>)
                return BookSession::tr("Add client %1").arg(client);
            else if constexpr (std::is_same_v<T, cmd::TagClients>)
                return (c.remove ? BookSession::tr("Remove tag %1") : BookSession::tr("Tag %1"))
                    .arg(QString::fromStdString(c.tag));
            else if constexpr (std::is_same_v<T, cmd::AddNote>)
                return BookSession::tr("Add note to %1").arg(QString::fromStdString(c.client_id));
            else if constexpr (std::is_same_v<T, cmd::CorrectContact>)
                return BookSession::tr("Correct contact");
            else if constexpr (std::is_same_v<T, cmd::VoidContact>)
                return BookSession::tr("Void contact");
            else if constexpr (std::is_same_v<T, cmd::RelateClients>)
                return BookSession::tr("Relate %1 and %2")
                    .arg(client, QString::fromStdString(c.to_client_id));
            else if constexpr (std::is_same_v<T, cmd::UnrelateClients>)
                return BookSession::tr("Remove relation of %1 and %2")
                    .arg(client, QString::fromStdString(c.to_client_id));
            else if constexpr (std::is_same_v<T, cmd::SaveSettings>)
                return BookSession::tr("Change settings");
            else if constexpr (std::is_same_v<T, cmd::CorrectCalendar>)
                return BookSession::tr("Correct the calendar");
            else if constexpr (std::is_same_v<T, cmd::MergeClients>)
                return BookSession::tr("Merge %1 into %2")
                    .arg(QString::fromStdString(c.absorb), QString::fromStdString(c.keep));
            else if constexpr (std::is_same_v<T, cmd::ReassignClients>)
                return BookSession::tr("Reassign %n client(s)", nullptr,
                                       static_cast<int>(applied.clients.size()));
            else if constexpr (std::is_same_v<T, cmd::SetTagColour>)
                return BookSession::tr("Colour of tag %1").arg(QString::fromStdString(c.tag));
            else if constexpr (std::is_same_v<T, cmd::UndoOperation>)
                return BookSession::tr("Undo operation %1").arg(c.operation);
            else if constexpr (std::is_same_v<T, cmd::SetClientsStatus>)
                return BookSession::tr("Set status of %n client(s)", nullptr,
                                       static_cast<int>(applied.clients.size()));
            else
                return BookSession::tr("Change client %1").arg(client);
        },
        command);
}

} // namespace

Result<cmd::Applied> BookSession::execute(cmd::CommandArgs command) {
    auto r = run(command);
    if (r && r->inverse && r->operation)
        m_undo->push(new CommandUndo(this, r->operation, operationText(command, *r)));
    return r;
}

BookSession::~BookSession() {
    delete m_newsNotifier; // before the connection it watches
    m_newsNotifier = nullptr;
    if (m_copying) m_copying->waitForFinished(); // before the replica's directory goes
}

QString BookSession::path() const {
    return QString::fromStdString(m_book.path());
}

Status BookSession::open(const QString& path) {
    if (services::isServerLocation(path.toStdString())) {
        auto server = services::ServerReplica::open(path.toStdString());
        if (!server) {
            spdlog::error("open branch server: {}", server.error().toString());
            return server.error();
        }
        openServer(std::move(*server));
        return {};
    }
    services::OpenOptions options;
    options.create = false; // opening a typo must not create an empty book
    auto db = services::openBook(path.toStdString(), options);
    if (!db) {
        spdlog::error("open book {}: {}", path.toStdString(), db.error().toString());
        return db.error();
    }
    const bool wasServer = m_server != nullptr;
    replaceBook(std::move(*db));
    m_server.reset(); // the replica, closed above, is removed with its directory
    m_connected = true;
    m_undo->clear();
    if (wasServer) emit serverChanged();
    announce(services::BookReplaced{});
    return {};
}

void BookSession::replaceBook(services::Database book) {
    delete m_newsNotifier;
    m_newsNotifier = nullptr;
    m_newsDelay->stop();
    m_reconnect->stop();
    m_pending = {};
    // A copy still running belongs to the book before: waited for (its file must be written
    // before that replica's directory is removed), its answer dropped.
    if (m_copying) {
        m_copying->waitForFinished();
        m_copying->deleteLater();
    }
    m_copying = nullptr;
    m_copyQueued = false;
    ++m_serverGeneration;
    m_book = std::move(book);
}

void BookSession::openServer(std::unique_ptr<services::ServerReplica> server) {
    replaceBook(server->takeBook());
    m_server = std::move(server); // the one before (if any) goes with its replica
    m_connected = true;
    m_undo->clear();
    watchNews();
    emit serverChanged();
    announce(services::BookReplaced{});
}

const services::ServerIdentity* BookSession::server() const {
    return m_server ? &m_server->identity() : nullptr;
}

QString BookSession::replicaDirectory() const {
    return m_server ? QString::fromStdString(m_server->directory().string()) : QString();
}

void BookSession::watchNews() {
    delete m_newsNotifier;
    m_newsNotifier = nullptr;
    const int fd = m_server ? m_server->newsSocket() : -1;
    if (fd < 0) return;
    m_newsNotifier = new QSocketNotifier(static_cast<qintptr>(fd), QSocketNotifier::Read, this);
    connect(m_newsNotifier, &QSocketNotifier::activated, this, &BookSession::readNews);
}

void BookSession::readNews() {
    if (!m_server) return;
    auto news = m_server->takeNews();
    if (!news) {
        lostConnection(news.error());
        return;
    }
    m_pending.merge(*news);
    if (!m_pending.empty() && !m_newsDelay->isActive()) m_newsDelay->start();
}

void BookSession::applyNews() {
    if (!m_server || m_copying) return; // kept for the replica being copied (copiedAgain)
    services::ServerNews news = std::exchange(m_pending, {});
    if (news.batch) { // new scores or a new plan for everyone: read everything again
        copyAgain();
        return;
    }
    auto changes = m_server->pull(m_book, news);
    if (!changes) {
        spdlog::warn("branch server: reading other desks' changes: {}", changes.error().toString());
        if (changes.error().code == ErrorCode::Unavailable) lostConnection(changes.error());
        return;
    }
    for (const auto& change : *changes) announce(change);
}

void BookSession::lostConnection(const Error& why) {
    spdlog::warn("branch server: the news connection dropped: {}", why.toString());
    if (m_newsNotifier) { // its socket is gone; it may be the sender of this very call
        m_newsNotifier->setEnabled(false);
        m_newsNotifier->deleteLater();
        m_newsNotifier = nullptr;
    }
    if (m_connected) {
        m_connected = false;
        emit connectionChanged(false);
    }
    m_reconnect->start();
}

void BookSession::reconnectNews() {
    if (!m_server) return;
    if (auto s = m_server->reconnectNews(); !s) {
        spdlog::info("branch server: still unreachable: {}", s.error().toString());
        m_reconnect->start();
        return;
    }
    watchNews();
    m_connected = true;
    emit connectionChanged(true);
    copyAgain(); // what was announced meanwhile was lost
}

void BookSession::copyAgain() {
    if (!m_server) return;
    if (m_copying) { // one copy at a time; the next starts when this one is in
        m_copyQueued = true;
        return;
    }
    // On a worker with a connection of its own (a manager's copy takes seconds): the window
    // reads the replica as it is meanwhile, and the news that comes is kept until the swap.
    const services::ServerReplica::Recopy job = m_server->nextCopy();
    auto* watcher = new QFutureWatcher<Status>(this);
    m_copying = watcher;
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, job, generation = m_serverGeneration] {
                watcher->deleteLater();
                if (m_copying != watcher || generation != m_serverGeneration) return;
                m_copying = nullptr;
                copiedAgain(job, watcher->result());
            });
    watcher->setFuture(runInBackground([job] { return services::ServerReplica::copyApart(job); }));
}

void BookSession::copiedAgain(const services::ServerReplica::Recopy& job, const Status& copied) {
    if (!copied) {
        spdlog::warn("branch server: reading the book again: {}", copied.error().toString());
    } else if (auto db = services::openBook(job.file.string(), {.create = false}); !db) {
        spdlog::warn("branch server: opening the book read again: {}", db.error().toString());
    } else {
        const std::string old = m_book.path();
        m_book = std::move(*db);
        m_server->dropBook(old);
        announce(services::BookReplaced{});
    }
    if (std::exchange(m_copyQueued, false))
        copyAgain();
    else if (!m_pending.empty())
        m_newsDelay->start(); // what came during the copy, read into the new replica
}

Result<services::ContactLogResult> BookSession::logContact(const services::ContactLog& log) {
    auto r = execute(cmd::LogContact{log});
    if (!r) return r.error();
    return *r->contact;
}

Result<Date> BookSession::reschedule(const services::PlanItem& item, Date to) {
    auto r = execute(cmd::ReschedulePlanItem{item.task_id, to});
    if (!r) return r.error();
    return *r->rescheduled_to;
}

Status BookSession::skip(const services::PlanItem& item, const std::string& reason) {
    auto r = execute(cmd::SkipPlanItem{item.task_id, reason});
    return r ? Status{} : Status(r.error());
}

Result<services::PlanSummary> BookSession::rebuildPlan(const services::PlanOptions& options) {
    if (m_server) // the plan on a server is the nightly batch's (a batch login)
        return makeError(ErrorCode::NotPermitted, "rebuilding the plan on a branch server");
    auto r = services::rebuildPlan(m_book, options);
    if (r) announce(services::PlanChange{services::ClientSet::all(), {}});
    return r;
}

Status BookSession::renameSegment(int segmentId, const std::string& nameZh,
                                  const std::string& nameEn) {
    auto r = execute(cmd::RenameSegment{segmentId, nameZh, nameEn});
    return r ? Status{} : Status(r.error());
}

Status BookSession::saveServicePolicies(const std::vector<analytics::ServicePolicy>& policies) {
    auto r = execute(cmd::SaveServicePolicies{policies});
    return r ? Status{} : Status(r.error());
}

void BookSession::announce(const services::BookChange& change) {
    std::visit(
        [this](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, services::ContactsChange>)
                emit contactsChanged(c);
            else if constexpr (std::is_same_v<T, services::PlanChange>)
                emit planChanged(c);
            else if constexpr (std::is_same_v<T, services::AnalyticsChange>)
                emit analyticsChanged(c);
            else if constexpr (std::is_same_v<T, services::ClientsChange>)
                emit clientsChanged(c);
            else if constexpr (std::is_same_v<T, services::SettingsChange>)
                emit settingsChanged(c);
            else
                emit bookReplaced();
        },
        change);
}

} // namespace bd::ui
