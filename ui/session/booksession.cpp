#include "session/booksession.h"

#include <spdlog/spdlog.h>

#include <type_traits>

#include "format.h"

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
}

Result<cmd::Applied> BookSession::run(cmd::CommandArgs command) {
    auto r = cmd::execute(m_book, cmd::Command{{}, std::move(command)});
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

BookSession::~BookSession() = default;

QString BookSession::path() const {
    return QString::fromStdString(m_book.path());
}

Status BookSession::open(const QString& path) {
    services::OpenOptions options;
    options.create = false; // opening a typo must not create an empty book
    auto db = services::openBook(path.toStdString(), options);
    if (!db) {
        spdlog::error("open book {}: {}", path.toStdString(), db.error().toString());
        return db.error();
    }
    m_book = std::move(*db);
    m_undo->clear();
    announce(services::BookReplaced{});
    return {};
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
