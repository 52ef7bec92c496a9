#pragma once
// A book's health check: SQLite's own checks (integrity_check, foreign_key_check) and
// BrokerDesk's invariants (the derived trade_days and client_summary agree with their sources;
// references the schema keeps by value resolve). It reads only: nothing is repaired, and the
// result is facts (what, where, expected vs found) for the caller to put into words.
//
// Derived data that is merely behind is not a problem: clients listed in trade_days_dirty are
// "not yet refreshed" (syncTradeDays re-aggregates them before any read), an empty trade_days
// over a non-empty trades table is "not yet built", and a client_summary whose fingerprint no
// longer matches the book is rebuilt by its next reader (ensureClientSummaryFresh). Those are
// counted in the report's notes, not listed as problems.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

enum class BookProblemKind {
    SchemaVersion,       // the book is at an older schema version (the rest is not checked)
    Integrity,           // a line of PRAGMA integrity_check (its text in `found`)
    ForeignKey,          // a row whose declared foreign key has no parent row
    UnresolvedReference, // a value the schema refers to by value (no declared key) resolves to
                         // nothing
    MissingTrigger,      // a dirty-marking trigger on trades is missing (writes would go unnoticed)
    TradeDayBlockDamaged, // a trade_days block that does not unpack or contradicts its own header
    TradeDayMissing,      // trades on a day that trade_days does not have
    TradeDayExtra,        // a trade_days day without any trade
    TradeDayMismatch,     // a trade_days value (trades, amount, commission) that disagrees
    SummaryMissing,       // a client without a client_summary row
    SummaryExtra,         // a client_summary row for no client
    SummaryMismatch,      // a client_summary value that disagrees with its sources
    MoreProblems,         // the check stopped listing problems of one kind (count in `found`)
};

/// Stable lower-case name of a kind ("integrity", "trade_day_mismatch", ...).
std::string_view bookProblemKindName(BookProblemKind kind);

/// One problem, located: the table, the key of the row (column name and value, in key order)
/// and, where a value is at fault, the column with the value expected and the value found.
struct BookProblem {
    BookProblemKind kind = BookProblemKind::Integrity;
    std::string table;
    std::vector<std::pair<std::string, std::string>> key;
    std::string column;
    std::string expected;
    std::string found;
};

/// Derived data that is behind, which is not a problem (see above).
struct BookCheckNotes {
    std::int64_t schema_version = 0;
    std::int64_t trade_days_dirty_clients = 0; // listed in trade_days_dirty: not yet refreshed
    bool trade_days_unbuilt = false;           // empty over a non-empty trades table
    bool client_summary_unbuilt = false;       // never built
    bool client_summary_stale = false;         // the book changed since it was built
};

struct BookCheck {
    std::vector<BookProblem> problems;
    BookCheckNotes notes;
    bool ok() const { return problems.empty(); }
};

struct BookCheckOptions {
    /// Problems listed per check (then one MoreProblems with the count of the rest).
    std::size_t max_per_check = 1000;
};

/// Checks an open book (in one read transaction, or the caller's). A book at an older schema
/// version yields one SchemaVersion problem and is not checked further (upgrading it makes a backup
/// first: openBook); a newer one is an ErrorCode::Version error. Errors are failures to read, not
/// problems found.
Result<BookCheck> checkBook(Database& db, const BookCheckOptions& options = {});

/// Opens `path` without creating or upgrading it, read-only in effect (PRAGMA query_only),
/// and checks it; integrity_check runs on a second connection beside the other checks.
Result<BookCheck> checkBookFile(const std::string& path, const BookCheckOptions& options = {});

} // namespace bd::storage
