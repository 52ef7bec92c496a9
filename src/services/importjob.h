#pragma once
// The nightly import as the workstation runs it (File › Import): a look at each file (its kind,
// encoding, columns and first records), the user's own names for unknown columns, a dry run
// that counts new / updated / unchanged / rejected rows and changes nothing, and the import
// itself with progress and a cancel that leaves the book unchanged. Plus the facts behind the
// "analytics are older than the data" banner.
#include "storage/book/datafreshness.h"
#include "storage/import/encoding.h"
#include "storage/import/importer.h"
#include "storage/import/importpreview.h"

namespace bd::services {

using storage::ColumnAlias;
using storage::Encoding;
using storage::FileReport;
using storage::ImportColumn;
using storage::ImportFiles;
using storage::ImportKind;
using storage::ImportOptions;
using storage::ImportProgress;
using storage::ImportReport;
using storage::kImportKindCount;
/// The known columns of a kind (names, aliases, required).
using storage::importColumns;
/// "securities", "clients", ...
using storage::importKindName;
/// Imports (or, with ImportOptions::dry_run, counts and rolls back) a run of files.
using storage::encodingName;
using storage::importFiles;

using storage::ImportFilePreview;
using storage::PreviewRecord;
/// A file's kind, encoding, header mapping and first records, read from its start.
using storage::previewImportFile;

using storage::DataFreshness;
/// The newest committed import and the newest analytics run.
using storage::readDataFreshness;

} // namespace bd::services
