#pragma once
// `import` into a branch book: the desk importer's parse, checks, located errors, strict and
// lenient modes and counts (storage/import), written through COPY in one transaction.
#include "core/result.h"
#include "storage/db/database.h"
#include "storage/import/importer.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Imports interchange files into the branch book `c` is connected to, as importFiles does into
/// a desk's book: the same rows accepted and rejected with the same located errors, the same
/// new/updated/unchanged/rejected counts, idempotent by natural key. Each file goes by binary
/// COPY into a temporary staging table (into the table itself when it is empty) and is merged
/// from there; the whole run is one transaction, so an error or a dropped connection
/// (Unavailable) leaves the book as it was and the run can simply be repeated. Needs a batch
/// login (NotPermitted for anyone else) and a book of this program's schema. The bulk tables'
/// audit counts one row per statement; desks are told once, at the commit (NOTIFY bd_book
/// "import:<kinds>"), not once per row.
Result<ImportReport> importToServer(PgConnection& c, const ImportFiles& files,
                                    const ImportOptions& options);

/// The server's import history (import_log, server schema v13; nothing on an older book) as
/// far as this login reads it (a manager and the batch: all of it), copied into a desk book's
/// import_log inside the caller's snapshot; the rows copied.
Result<std::int64_t> copyServerImportLog(PgConnection& c, Database& desk);

} // namespace bd::storage
