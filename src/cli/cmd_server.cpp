// `server init|user|check|load`: setting up a branch server (PostgreSQL) and moving a desk's book
// into it. Run by the database administrator; desks then open the server with --db URI. See
// docs/deployment.md.
#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "core/json.h"
#include "phrasebook/phrasebook.h"
#include "storage/pg/pgconnection.h"
#include "storage/pg/pglisten.h"
#include "storage/pg/pgload.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgxidmarkers.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

Result<storage::PgConnection> connectServer(const Args& a) {
    const std::string location = a.get("db", "");
    if (!storage::isServerLocation(location))
        return makeError(ErrorCode::Usage,
                         "--db must name a branch server: postgresql://[user@][host][:port]/"
                         "dbname (passwords come from ~/.pgpass or PGPASSWORD, never the command "
                         "line)");
    return storage::PgConnection::connect(location);
}

int serverInit(const Args& a) {
    auto c = connectServer(a);
    if (!c) return reportError(c.error());
    auto r = storage::initServer(*c);
    if (!r) return reportError(r.error());
    if (r->from_version == r->to_version)
        std::cout << fmt::format("branch book {} is at schema version {}: nothing to do\n",
                                 c->database(), r->to_version);
    else
        std::cout << fmt::format("branch book {} set up at schema version {}: roles broker, "
                                 "manager, batch; row-level security forced on every table; "
                                 "audit triggers on\n",
                                 c->database(), r->to_version);
    return kOk;
}

int serverUser(const Args& a) {
    const std::string sub = a.positionals().size() > 1 ? a.positionals()[1] : "";
    auto c = connectServer(a);
    if (!c) return reportError(c.error());
    if (sub == "add") {
        const auto login = a.get("login");
        const auto role = a.get("role");
        if (!login || !role)
            return reportError(makeError(ErrorCode::Usage, "user add needs --login and --role"));
        std::optional<std::string> password;
        if (a.has("password-stdin")) {
            std::string line;
            const bool read = static_cast<bool>(std::getline(std::cin, line));
            if (!line.empty() && line.back() == '\r') line.pop_back(); // a Windows line end
            if (!read || line.empty())
                return reportError(
                    makeError(ErrorCode::Usage, "--password-stdin: no password on standard input"));
            password = line;
        }
        storage::ServerUser u{*login, *role, a.get("broker-id", ""), a.get("branch-id", ""), false};
        if (auto s = storage::addServerUser(*c, u, password); !s) return reportError(s.error());
        std::cout << fmt::format("login {} added as {}{}{}\n", u.login, u.role,
                                 u.broker_id.empty() ? "" : " of broker " + u.broker_id,
                                 u.branch_id.empty() ? "" : " of branch " + u.branch_id);
        return kOk;
    }
    if (sub == "list") {
        auto users = storage::listServerUsers(*c);
        if (!users) return reportError(users.error());
        if (a.has("json")) {
            std::cout << jsonArray(*users, [](const storage::ServerUser& u) {
                return fmt::format("{{\"login\": {}, \"role\": {}, \"broker_id\": {}, "
                                   "\"branch_id\": {}, \"disabled\": {}}}",
                                   jsonString(u.login), jsonString(u.role), jsonString(u.broker_id),
                                   jsonString(u.branch_id), u.disabled ? "true" : "false");
            }) << "\n";
            return kOk;
        }
        for (const auto& u : *users)
            std::cout << fmt::format("{:<24} {:<8} {:<10} {:<10}{}\n", u.login, u.role,
                                     u.broker_id.empty() ? "-" : u.broker_id,
                                     u.branch_id.empty() ? "-" : u.branch_id,
                                     u.disabled ? " disabled" : "");
        return kOk;
    }
    if (sub == "disable") {
        const auto login = a.get("login");
        if (!login) return reportError(makeError(ErrorCode::Usage, "user disable needs --login"));
        if (auto s = storage::disableServerUser(*c, *login); !s) return reportError(s.error());
        std::cout << fmt::format("login {} disabled (its history stays)\n", *login);
        return kOk;
    }
    std::cerr << "brokerdesk-cli server user: name one of add, list, disable\n";
    return kUsage;
}

int serverCheck(const Args& a) {
    const auto lang = langOption(a);
    if (!lang) return reportError(lang.error());
    // --force lifts the repair's refusal while others are connected: alone it would be ignored.
    if (a.has("force") && !a.has("repair"))
        return reportError(makeError(ErrorCode::Usage, "--force goes with --repair"));
    auto c = connectServer(a);
    if (!c) return reportError(c.error());
    // --repair: what is safe to reset is reset first (audited), then the check runs as ever.
    if (a.has("repair")) {
        auto reset = storage::resetXidMarkersAhead(*c, {.force = a.has("force")});
        if (!reset) return reportError(reset.error());
        if (reset->places.empty())
            std::cout << "repair: no transaction id of the book is ahead of the server; nothing "
                         "reset\n";
        for (const auto& [place, rows] : reset->places)
            std::cout << fmt::format("repair: {} reset ({} {})\n", place, rows,
                                     rows == 1 ? "row" : "rows");
        if (!reset->places.empty())
            std::cout << fmt::format(
                "repair: the change tracking starts again at transaction {}: the nightly "
                "batch makes its copy whole once, at its next night; counted in row_audit; "
                "run VACUUM ANALYZE on the book now\n",
                reset->tracked_from);
    }
    auto findings = storage::checkServer(*c);
    if (!findings) return reportError(findings.error());
    if (findings->empty()) {
        std::cout << "ok: row-level security forced on every table, every table owned by "
                     "bd_owner, no person holds it or bypasses the policies, audit triggers "
                     "present\n";
        return kOk;
    }
    // The kind first, for scripts; then where, what it lets happen and what to do.
    for (const auto& f : *findings)
        std::cout << f.kind << ": " << phrase::serverFinding(f, *lang) << "\n";
    return kRejected;
}

int serverLoad(const Args& a) {
    const auto from = a.get("from");
    if (!from) return reportError(makeError(ErrorCode::Usage, "server load needs --from BOOK"));
    auto desk = storage::openBook(*from, {.create = false});
    if (!desk) return reportError(desk.error());
    auto c = connectServer(a);
    if (!c) return reportError(c.error());
    auto r = storage::loadDeskBook(*desk, *c);
    if (!r) return reportError(r.error());
    std::int64_t total = 0;
    for (const auto& t : r->tables) {
        std::cout << fmt::format("{:<28} {:>10}\n", t.name, t.rows);
        total += t.rows;
    }
    std::cout << fmt::format("loaded {} rows from {} into {}; every table's count checked\n", total,
                             *from, c->database());
    return kOk;
}

/// Prints each change desks commit (table:client ref), as they come, for --seconds (default:
/// until interrupted): what a desk's open views will react to.
int serverWatch(const Args& a) {
    auto c = connectServer(a);
    if (!c) return reportError(c.error());
    if (auto s = storage::requireServerBook(*c); !s) return reportError(s.error());
    if (auto s = storage::requireBookUser(*c); !s) return reportError(s.error());
    auto seconds = a.getInt("seconds", 0);
    if (!seconds) return reportError(seconds.error());
    if (auto s = storage::listenOn(*c); !s) return reportError(s.error());
    std::cout << "watching " << c->database() << " as " << c->user() << std::endl;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(*seconds);
    while (*seconds == 0 || std::chrono::steady_clock::now() < end) {
        auto got = c->waitForNotifications(500);
        if (!got) return reportError(got.error());
        for (const auto& n : *got) std::cout << n.payload << std::endl;
    }
    return kOk;
}

int runServer(const Args& a) {
    return runSubcommand(a, "server",
                         {{"init", serverInit},
                          {"user", serverUser},
                          {"check", serverCheck},
                          {"load", serverLoad},
                          {"watch", serverWatch}});
}

} // namespace

Command makeServerCommand() {
    return catalogued("server", runServer);
}

} // namespace bd::cli
