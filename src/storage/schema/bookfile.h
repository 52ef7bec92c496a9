#pragma once
// A book as a file: what a file is (a BrokerDesk book, of which schema version), a backup copy
// of the open book, and a restore of a backup into the open book.
#include <string>

#include "core/result.h"
#include "storage/db/backup.h"
#include "storage/db/database.h"

namespace bd::storage {

/// What a file holds, read without changing it.
struct BookFileInfo {
    int schema_version = 0;
    std::int64_t clients = 0;
    std::int64_t trades = 0;
};

/// Reads a file that should be a book. Refused with ErrorCode::InvalidInput when it is not a
/// SQLite database or lacks the book's tables, ErrorCode::Version when a newer BrokerDesk
/// wrote it, ErrorCode::NotFound when there is no such file.
Result<BookFileInfo> inspectBookFile(const std::string& path);

/// Copies the open book to `out` while it stays open (the online backup API).
Status backupBook(Database& db, const std::string& out, const CopyProgress& progress = {});

/// Where restoreBook put the open book's content before replacing it.
struct RestoreResult {
    BookFileInfo restored;
    std::string saved_copy; // "<book>.before-restore-YYYYMMDD-HHMMSS.bak"
};

/// Replaces the open book's content with the backup `from`: refuses a file that is not a book
/// or of a newer schema (inspectBookFile's errors; the open book untouched), backs the open book
/// up beside it first, then copies the backup in (one transaction) and upgrades it when it is of
/// an older schema. The connection stays open; the caller announces that the book was replaced.
Result<RestoreResult> restoreBook(Database& db, const std::string& from);

} // namespace bd::storage
