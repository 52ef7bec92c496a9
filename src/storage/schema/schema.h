#pragma once
// The book's schema and its versioned migrations (PRAGMA user_version).
#include <string>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// The schema version this build writes.
int currentSchemaVersion();

/// Options for opening a book.
struct OpenOptions {
    bool create = true;              // create the file when missing
    bool backupBeforeMigrate = true; // copy an older book to <path>.v<N>.bak before upgrading
    // false: a working copy of which nothing needs to survive a crash (synchronous=OFF)
    bool durable = true;
};

/// Opens a book: WAL, foreign keys, then migrates an older book up (after a backup copy).
/// A book written by a newer BrokerDesk is refused with ErrorCode::Version.
Result<Database> openBook(const std::string& path, OpenOptions options = {});

/// Applies the migrations from the book's version up to the current one (in a transaction each).
Status migrate(Database& db, bool backupFirst);

} // namespace bd::storage
