#include <iostream>
#include <string>

#include "cli/commands.h"
#include "storage/pg/pgconnection.h"
#include "storage/schema/bookcheck.h"

namespace bd::cli {
namespace {

using storage::BookProblem;
using storage::BookProblemKind;

/// One located line: where (table and key), what kind, and expected against found.
std::string render(const BookProblem& p, const std::string& path) {
    std::string where = p.table.empty() ? std::string("book") : p.table;
    if (!p.key.empty()) {
        where += " (";
        for (std::size_t i = 0; i < p.key.size(); ++i)
            where += (i ? ", " : "") + p.key[i].first + "=" + p.key[i].second;
        where += ")";
    }
    switch (p.kind) {
    case BookProblemKind::SchemaVersion:
        return "book: schema version " + p.found + ", this build checks version " + p.expected +
               "; upgrade it first with `brokerdesk-cli init --db " + path +
               "` (a backup copy is made before the upgrade)";
    case BookProblemKind::Integrity: // SQLite's line, after the table it names, if any
        return "integrity_check: " + (p.table.empty() ? std::string() : where + ": ") + p.found;
    case BookProblemKind::ForeignKey:
    case BookProblemKind::UnresolvedReference:
        return where + ": " + std::string(storage::bookProblemKindName(p.kind)) + ": " + p.column +
               " = " + p.found + " has no row in " + p.expected;
    case BookProblemKind::MissingTrigger:
        return where + ": missing_trigger: " + p.expected +
               " (writes to trades would not mark trade_days for refresh)";
    case BookProblemKind::MoreProblems:
        return where + ": " + p.found + " more " + p.column + " problems not listed";
    default:
        break;
    }
    std::string line = where + ": " + std::string(storage::bookProblemKindName(p.kind)) + ": ";
    if (!p.column.empty()) line += p.column + " ";
    return line + "expected " + p.expected + ", found " + p.found;
}

/// One problem, one line: SQLite's page-level integrity lines come with line breaks inside.
std::string oneLine(std::string text) {
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at))
        text.replace(at, 1, "; ");
    return text;
}

int runCheck(const Args& a) {
    const std::string path = *a.get("db");
    // A server's book is checked by the server itself (constraints, policies): its own check
    // is the administrator's, not a file's integrity check.
    if (storage::isServerLocation(path))
        return reportError(makeError(
            ErrorCode::Usage, "check reads a desk's book file; a branch server is checked by its "
                              "administrator with `brokerdesk-cli server check --db URI` "
                              "(docs/deployment.md)"));
    auto check = storage::checkBookFile(path);
    if (!check) return reportError(check.error());
    const storage::BookCheckNotes& n = check->notes;
    // Derived data that is merely behind is brought up to date by its next reader.
    if (n.trade_days_dirty_clients > 0)
        std::cerr << "note: trade_days: " << n.trade_days_dirty_clients
                  << " clients marked for refresh (not checked; not a problem)\n";
    if (n.trade_days_unbuilt)
        std::cerr << "note: trade_days not built yet (not checked; not a problem)\n";
    if (n.client_summary_stale)
        std::cerr << "note: client_summary older than the book (not checked; not a problem)\n";
    for (const BookProblem& p : check->problems) std::cout << oneLine(render(p, path)) << "\n";
    if (check->ok()) {
        std::cout << "ok\n";
        return kOk;
    }
    return kRejected;
}

} // namespace

Command makeCheckCommand() {
    return catalogued("check", runCheck);
}

} // namespace bd::cli
