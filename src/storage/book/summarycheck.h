#pragma once
// The client summary's freshness check with the book's totals (the workstation's status bar)
// taken from the check's own counts: every trade is counted once for both (about 0.3 s of
// 9.85M trades saved each time a book opens).
#include "core/result.h"
#include "storage/book/bookstats.h"
#include "storage/db/database.h"

namespace bd::storage {

/// Whether the summary was rebuilt, and the totals as readBookTotals counts them (clients,
/// trades, contacts).
struct SummaryCheck {
    bool rebuilt = false;
    BookStats totals;
};

/// ensureClientSummaryFresh (clientsummary.h), returning the totals as well.
Result<SummaryCheck> ensureClientSummaryFreshCounted(Database& db);

} // namespace bd::storage
