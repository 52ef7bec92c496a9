#pragma once
// The workstation on a branch server: the server is the system of record, the desk keeps a
// read replica of what its login may see. On open, what the login may see is copied from one
// snapshot into a private desk book (its own 0700 directory, the file 0600, removed on close:
// no client data outlives the session on the desk), which the pages read unchanged. Every
// write runs on the server (RecordBook, the command layer); after its commit the clients it
// changed are read again into the replica. Other desks' changes arrive on a listening
// connection (storage/pg/pglisten.h) and are read in the same way. The design and its
// trade-offs: docs/architecture.md, "The workstation on a branch server".
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "services/bookchange.h"
#include "services/commands/command.h"
#include "services/recordbook.h"
#include "storage/db/database.h"

namespace bd::storage {
class PgListener;
}

namespace bd::services {

/// Is `location` a branch server (a postgresql:// URI) rather than a desk's book file?
bool isServerLocation(std::string_view location);
/// `location` with any password removed (titles, messages, logs).
std::string redactedServerLocation(std::string_view location);

/// What the connect dialog asks for. The password travels in memory only, into libpq.
struct ServerLoginForm {
    std::string host; // a name, an address or a socket directory; empty: libpq's default
    int port = 0;     // 0: libpq's default (PGPORT, 5432)
    std::string database;
    std::string login;    // empty: libpq's default (PGUSER, the system user)
    std::string password; // empty: ~/.pgpass or PGPASSWORD
};
/// The libpq URI of a login form (its parts percent-encoded; the password only when given).
std::string serverUri(const ServerLoginForm& form);

/// Who is logged in to which branch server (titles, the status bar).
struct ServerIdentity {
    std::string login;
    std::string role; // broker | manager | batch ("" for the administrator)
    // A manager's branch ("" for a manager of the whole firm), a broker's branch: what the
    // login sees is this branch's, or less.
    std::string branch;
    std::string database;
    std::string host;
    std::string location; // the URI without its password
};

/// What other desks changed, as the server announced it since it was last asked.
struct ServerNews {
    std::map<std::string, std::set<std::int64_t>> clients; // table -> client refs
    bool batch = false;    // the nightly batch imported or stored results: read everything
    bool settings = false; // a manager changed the branch's settings: read them again
    bool segments = false; // a manager renamed a segment: read the segment names again
    bool surveys = false;  // a manager made a survey or launched a campaign: read surveys again
    bool empty() const { return clients.empty() && !batch && !settings && !segments && !surveys; }
    /// Adds `more` (news arriving while earlier news waits to be read).
    void merge(const ServerNews& more);
};

class ServerReplica {
  public:
    /// Connects to `location` (a postgresql:// URI), starts listening for other desks' changes
    /// and copies what the login may see into a new replica in a private directory made in
    /// `where` (default: the system's temporary directory). Unavailable when the server cannot
    /// be reached, NotPermitted when the login is refused or is no user of the book, Version
    /// when the book is newer than this program.
    static Result<std::unique_ptr<ServerReplica>> open(const std::string& location,
                                                       const std::filesystem::path& where = {});
    ~ServerReplica();
    ServerReplica(const ServerReplica&) = delete;
    ServerReplica& operator=(const ServerReplica&) = delete;

    /// The replica, once (the caller reads it; it must be closed before this object goes).
    storage::Database takeBook();
    /// The replica's file and its private directory.
    const std::filesystem::path& bookPath() const { return m_bookPath; }
    const std::filesystem::path& directory() const { return m_dir; }
    const ServerIdentity& identity() const { return m_identity; }
    /// Milliseconds the first copy took.
    double copyMs() const { return m_copyMs; }

    /// Runs a command on the server as this login, then reads the clients it changed again
    /// into `replica`. The server's refusal (NotPermitted, a stale version) as it is.
    Result<cmd::Applied> execute(storage::Database& replica, const cmd::Command& command);

    /// The clients `refs` read again into `replica`; the changes to announce (clients that
    /// came, changed or went; contacts of `contacts`).
    Result<std::vector<BookChange>> pull(storage::Database& replica, const ServerNews& news);

    /// A whole copy made again (after the nightly batch, or after the news connection was
    /// lost), on a worker thread: nextCopy() names the new file beside the replica, copyApart()
    /// (any thread, a connection of its own) fills it; the caller then opens it in place of the
    /// replica and calls dropBook() on the old file.
    struct Recopy {
        std::string location; // with its password: it connects again
        std::filesystem::path file;
    };
    Recopy nextCopy();
    static Status copyApart(const Recopy& job);
    void dropBook(const std::string& path);

    /// The socket that becomes readable when other desks' news arrives (-1: not listening).
    int newsSocket() const;
    /// The news that has arrived, without waiting. Unavailable when the connection dropped.
    Result<ServerNews> takeNews();
    /// Connects the news connection again (then the caller reads everything again: what was
    /// announced meanwhile was lost).
    Status reconnectNews();

  private:
    ServerReplica() = default;
    Status makeDirectory(const std::filesystem::path& where);
    static Result<storage::Database> copyInto(storage::PgConnection& c,
                                              const std::filesystem::path& file);
    std::string m_location; // held for the whole copies made again
    std::optional<RecordBook> m_records;
    std::unique_ptr<storage::PgListener> m_news;
    std::filesystem::path m_dir;
    std::filesystem::path m_bookPath;
    std::optional<storage::Database> m_book;
    ServerIdentity m_identity;
    double m_copyMs = 0;
    int m_generation = 0;
};

} // namespace bd::services
