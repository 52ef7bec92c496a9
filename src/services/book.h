#pragma once
// The book as the workstation opens it: the open book's type, opening a book (an older one is
// upgraded after a backup copy), its row counts, and the client summary the client list sorts
// by. The workstation reaches the engine only through services headers like this one, which
// name what it may use of storage (Layering.WorkstationReachesTheEngineOnlyThroughServices).
#include "storage/book/bookstats.h"
#include "storage/book/clientsummary.h"
#include "storage/db/database.h"
#include "storage/schema/schema.h"

namespace bd::services {

/// An open book: one SQLite connection.
using Database = storage::Database;
using storage::OpenOptions;
/// Opens (or creates) a book, upgrading an older one after a backup copy.
using storage::openBook;

using storage::BookStats;
/// Row counts and the trade date range.
using storage::readBookStats;
/// Clients, trades and contacts only (the status bar's totals).
using storage::readBookTotals;

/// Rebuilds the client summary when the book changed since it was computed; true when it did.
using storage::ensureClientSummaryFresh;
/// When the summary was last computed (nullopt: never, the first reader builds it).
using storage::readClientSummaryState;

} // namespace bd::services
