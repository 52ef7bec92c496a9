#pragma once
// Whole-database copies with SQLite's online backup API (sqlite3_backup_*): a consistent
// snapshot of a connection's database while it stays open and in use. Knows no table of the
// book (schema/bookfile.h checks what is copied in).
#include <functional>
#include <string>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// Progress of a copy: pages copied of the pages of the source.
using CopyProgress = std::function<void(int pages_done, int pages_total)>;

/// Copies the whole of `from` into `to` (its main database), replacing what `to` held; one
/// transaction on `to`: on error `to` keeps its content. Pages go in steps, so a writer on
/// another connection is held up for one step at a time.
Status copyDatabase(Database& from, Database& to, const CopyProgress& progress = {});

/// Writes a copy of `db` to the file `out`: first to `out`.part, renamed over `out` once complete,
/// so a failed copy never leaves a half-written file under the name asked for.
Status backupDatabase(Database& db, const std::string& out, const CopyProgress& progress = {});

} // namespace bd::storage
