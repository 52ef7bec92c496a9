#pragma once
// Backup and restore of the open book (File › Back up book…, File › Restore from backup…, the
// CLI's backup and restore): SQLite's online backup API, so the book stays open meanwhile.
#include "storage/schema/bookfile.h"

namespace bd::services {

using storage::BookFileInfo;
using storage::CopyProgress;
using storage::RestoreResult;
/// Copies the open book to a file (a `.part` file renamed into place when complete).
using storage::backupBook;
/// Whether a file is a book this build can open, and its counts.
using storage::inspectBookFile;
/// Replaces the open book's content with a backup, after saving the book beside it.
using storage::restoreBook;

} // namespace bd::services
