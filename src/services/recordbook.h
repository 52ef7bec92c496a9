#pragma once
// The book a person's writes go to, wherever it lives: a desk's SQLite file or a branch server
// (a postgresql:// URI). One object gives the record store and runs commands on it, so the CLI
// and the workstation write the same way to either. On a server the login is the person: the
// server's policies decide what they see and change, and its audit trail names them.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "services/commands/command.h"
#include "storage/book/recordstore.h"
#include "storage/db/database.h"
#include "storage/pg/pgconnection.h"

namespace bd::services {

class RecordBook {
  public:
    /// Opens an existing book: a path (SQLite) or a libpq URI (a branch book; NotFound when
    /// the database is none, Version when it is newer than this program).
    static Result<RecordBook> open(const std::string& location);

    RecordBook(RecordBook&&) noexcept;
    RecordBook& operator=(RecordBook&&) noexcept;
    ~RecordBook();

    storage::RecordStore& store() { return *m_store; }
    /// Runs a command (services/commands) on this book; on a server, first connects again
    /// when the connection dropped since the last command. A survey launch on a server works
    /// its audience out from `reads` (what the login sees: the workstation's replica), or when
    /// none is given from a working copy made first (copyForReading).
    Result<cmd::Applied> execute(const cmd::Command& command, storage::Database* reads = nullptr);
    /// Runs a command and rolls it back (cmd::rehearse): what it would do, or the refusal it
    /// would meet, changing nothing.
    Result<cmd::Applied> rehearse(const cmd::Command& command);
    /// On a server: checks the connection and makes it again when it dropped (Unavailable
    /// when the server cannot be reached). Nothing to do on a desk's file.
    Status ensureConnected();
    bool isServer() const { return m_server != nullptr; }
    /// The desk's SQLite book; none on a server.
    storage::Database* desk() { return m_desk.get(); }
    storage::PgConnection* server() { return m_server.get(); }
    /// Where it is, with any password removed.
    const std::string& location() const { return m_location; }

  private:
    RecordBook() = default;
    // Held by pointer: the store refers to them, and a RecordBook moves.
    std::unique_ptr<storage::Database> m_desk;
    std::unique_ptr<storage::PgConnection> m_server;
    std::unique_ptr<storage::RecordStore> m_store;
    std::string m_location;
    std::chrono::steady_clock::time_point m_lastUsed{};
};

} // namespace bd::services
