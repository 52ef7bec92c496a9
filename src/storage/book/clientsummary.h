#pragma once
// A derived per-client summary (latest AUM, trades in the last 12 months, last contact) kept in
// its own table so the client book can sort 100,000 clients by these values through an index
// instead of aggregating trades on every page. The table is created with CREATE TABLE IF NOT
// EXISTS (it is a cache, not part of the versioned schema) and rebuilt by refreshClientSummary().
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "storage/book/tradedays.h"
#include "storage/db/database.h"

namespace bd::storage {

/// What the cached summary was computed from.
struct ClientSummaryState {
    std::string fingerprint;       // row counts and max ids of the source tables
    std::optional<Date> as_of;     // last trade date in the book (the 12-month window ends here)
    std::int64_t refreshed_at = 0; // unix seconds
};

/// Creates the summary tables and their sort indexes when missing (idempotent).
Status ensureClientSummaryTables(Database& db);

/// Cheap fingerprint of clients, trades, assets and contacts (counts and max row ids), used to
/// detect that the summary is stale after an import.
Result<std::string> clientSummaryFingerprint(Database& db);

/// The contacts' part of that fingerprint (count and max id), which ends it.
Result<std::string> contactsFingerprint(Database& db);

/// After contacts were added for `clientRefs` (in the caller's transaction): their last contact
/// in the summary, and, when the stored fingerprint ended in `contactsBefore` (the contacts'
/// part read before the write), the fingerprint moved on, so that a summary that was fresh
/// stays fresh without a rebuild (1.6 s on 100,000 clients) and a stale one stays stale.
Status updateClientSummaryContacts(Database& db, const std::vector<std::int64_t>& clientRefs,
                                   const std::string& contactsBefore);

/// How a write that moved rows between clients (a merge or its undo) changed what the summary's
/// fingerprint counts: snapshot and contact rows removed (negative) or put back, and the newest
/// contact id before the write.
struct SummaryShift {
    std::int64_t assets = 0;
    std::int64_t contacts = 0;
    std::int64_t newest_contact_before = 0;
};

/// After rows of `clientRefs` moved between clients (in the caller's transaction): their summary
/// rows made again from their sources, and the stored fingerprint moved by `shift`, so that a
/// summary that was fresh stays fresh and a stale one stays stale, without counting the big
/// tables again (a full fingerprint counts every trade: most of a merge's time on 100,000
/// clients). An unbuilt summary is left to its first reader.
Status updateClientSummaryRows(Database& db, const std::vector<std::int64_t>& clientRefs,
                               const SummaryShift& shift);

/// Before an import's writes, in its transaction: the summary's state when it was built and is
/// fresh (its fingerprint the book's), else nullopt (never built, or stale: its next reader
/// rebuilds it). Counts the source tables once (clientSummaryFingerprint).
Result<std::optional<ClientSummaryState>> freshClientSummaryState(Database& db);

/// How far the book's last trade date may move forward for addTradesToClientSummary (the days
/// leaving the 12-month window are read from trades, a month's range each).
inline constexpr std::int64_t kSummaryDeltaMaxDays = 62;

/// After a write whose only change to the summary's sources was new trades, on `days` (one row
/// per client and day, sorted by client and day: TradeDaysUpkeep::addedDays), in the writer's
/// transaction, the summary having been fresh in `before` (freshClientSummaryState): the summary
/// moved by deltas, set-based, to what refreshClientSummary would store (rows, fingerprint,
/// as-of date) instead of rebuilding it (every client and trade_days block). Per client of the
/// new trades: its trades in the window added, its last trade time the later one; when the last
/// trade date moves forward, per client its trades on the days leaving the window taken off
/// (one range read of those days' trades). Returns false, changing nothing, when the last trade
/// date moves by more than kSummaryDeltaMaxDays (or back) or `before` is not a fingerprint of
/// ours: the summary is then stale, for its next reader to rebuild.
Result<bool> addTradesToClientSummary(Database& db, const ClientSummaryState& before,
                                      const std::vector<TradeDayRow>& days);

/// Marks a built summary stale (its next reader rebuilds it), in the caller's transaction: for
/// a write its fingerprint would not see (rows changed in place: counts and newest ids equal).
Status markClientSummaryStale(Database& db);

/// The state of the last refresh, or nullopt when the summary was never built.
Result<std::optional<ClientSummaryState>> readClientSummaryState(Database& db);

/// Rebuilds the summary for every client in one transaction. The 12-month window ends at the
/// last trade date in the book (not today), so an older book still shows meaningful counts.
Status refreshClientSummary(Database& db);

/// Refreshes only when the fingerprint changed since the last refresh. Returns true when it
/// rebuilt the table.
Result<bool> ensureClientSummaryFresh(Database& db);

} // namespace bd::storage
