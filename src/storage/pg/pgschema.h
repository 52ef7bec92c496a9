#pragma once
// The branch book on a PostgreSQL server: its versioned schema, who may log in with which role
// (broker, manager, batch), and a check that the server still enforces what it should. Run by
// `brokerdesk-cli server ...` (cli/cmd_server.cpp) with a connection of the database
// administrator (a superuser); desks never run these.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/serverfinding.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// The schema version this program writes; a server book of a newer one is refused.
inline constexpr int kServerSchemaVersion = 17;

/// Refuses (NotPermitted) a login that is no superuser: `what` needs the database
/// administrator.
Status requireSuperuser(PgConnection& c, std::string_view what);

/// The server book's schema version; 0 when `server init` never ran on this database.
Result<int> serverSchemaVersion(PgConnection& c);

/// Refuses a database that is no branch book, or one of a newer schema (ErrorCode::Version).
Status requireServerBook(PgConnection& c);

/// Refuses a login that is no user of this branch book (or a disabled one): it would see
/// nothing and be refused everything. The administrator (a superuser) passes.
Status requireBookUser(PgConnection& c);

/// Who this connection's login is in the book: its role (broker, manager, batch; "" for the
/// administrator or a login that is no user of the book), a broker's own id, and its branch
/// ("" for none: a manager of the whole firm).
struct BookLogin {
    std::string role;
    std::string broker;
    std::string branch;
};
Result<BookLogin> bookLogin(PgConnection& c);

struct ServerInit {
    int from_version = 0; // 0: a new book
    int to_version = 0;
};
/// Creates (or brings up to date) the schema, the roles bd_owner / broker / manager / batch,
/// the grants, row-level security forced on every table and the audit triggers, in one
/// transaction. Needs a superuser; Version when the book is newer than this program. Batch
/// logins of the book that lack BYPASSRLS (added before version 6) get it, also when the book
/// is already current. `upTo` stops at an older version (a test's book of that version: what
/// each version executes is pinned by tests/server/test_server_migration_pins.cpp).
Result<ServerInit> initServer(PgConnection& admin, int upTo = kServerSchemaVersion);

/// A person who may log in, and what they see.
struct ServerUser {
    std::string login;
    std::string role;      // broker | manager | batch
    std::string broker_id; // a broker's own id (required for broker)
    std::string branch_id; // a manager's branch (empty: the whole firm)
    bool disabled = false;
};
/// Creates the login role (in its group role) and its entry. A password, when given, is sent
/// already hashed (SCRAM), never in clear. A batch login bypasses row-level security (so that
/// an import COPYs into a table), so only a superuser adds one (NotPermitted otherwise).
/// InvalidInput for an unknown role or broker, or a login that exists already.
Status addServerUser(PgConnection& admin, const ServerUser& user,
                     const std::optional<std::string>& password);
Result<std::vector<ServerUser>> listServerUsers(PgConnection& c);
/// Stops a login (NOLOGIN, no bypass of row-level security, its sessions ended) and marks it
/// disabled; its history stays.
Status disableServerUser(PgConnection& admin, const std::string& login);

/// One thing `server check` found wrong (core/serverfinding.h).
using ServerFinding = bd::ServerFinding;
/// Everything wrong with the server's enforcement; empty when all is as `server init` left it.
Result<std::vector<ServerFinding>> checkServer(PgConnection& c);

} // namespace bd::storage
