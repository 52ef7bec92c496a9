#pragma once
// Import of the interchange CSV files (clients, trades, assets, contacts, positions,
// securities) into a book: all files of one run in one transaction, idempotent by natural key.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"
#include "storage/import/encoding.h"

namespace bd::storage {

/// The kinds of interchange file, in the order a run imports them.
enum class ImportKind { Securities, Clients, Trades, Assets, Contacts, Positions };
inline constexpr int kImportKindCount = 6;

/// "securities", "clients", ... as used in the CLI and the import log.
std::string_view importKindName(ImportKind kind);

/// Progress of a run, reported from the calling thread.
struct ImportProgress {
    ImportKind kind = ImportKind::Clients;
    std::string file;
    std::uint64_t bytes_done = 0;  // of this file
    std::uint64_t bytes_total = 0; // of this file
    std::int64_t rows = 0;         // records read so far in this file
};

/// A header name the user mapped (File › Import): in files of `kind`, the column headed
/// `header` (compared like the built-in names: trimmed, case-insensitive) is read as the known
/// column `column` ("client_id", ...); an empty `column` ignores it without reporting it.
struct ColumnAlias {
    ImportKind kind = ImportKind::Clients;
    std::string header;
    std::string column;
};

struct ImportOptions {
    Encoding encoding = Encoding::Auto;
    /// Lenient: import the good rows and write the rejected ones to `rejects_path`.
    /// Strict (default): any rejected row or file means nothing is imported.
    bool lenient = false;
    std::string rejects_path;
    std::function<void(const ImportProgress&)> progress;
    /// Rows a first load of trades may hold in memory before it writes sorted runs to a
    /// temporary file (a file grouped by client holds every month open): runs of half as many,
    /// one written while the rows after it are filed; 0: 1,048,576.
    std::size_t memory_rows = 0;
    /// Header names mapped by the user, on top of each kind's own names and aliases.
    std::vector<ColumnAlias> column_aliases;
    /// Dry run: every file is read, checked and written inside the run's transaction, which is
    /// then rolled back: the report's counts say what an import would do; the book is
    /// unchanged and no import_log or rejects file is written.
    bool dry_run = false;
    /// Set (from any thread) to stop the run: it stops at the next batch and rolls back, so
    /// the book is unchanged, and reports `cancelled`. nullptr: not cancellable.
    const std::atomic<bool>* cancel = nullptr;
};

/// The files of one run; absent kinds are skipped.
struct ImportFiles {
    std::optional<std::string> securities, clients, trades, assets, contacts, positions;
};

/// Time spent in one stage of a run: wall seconds and CPU seconds of the whole process (all
/// threads), for diagnostics and benchmarks.
struct ImportStage {
    std::string name;
    double wall = 0;
    double cpu = 0;
};

/// What happened to one file.
struct FileReport {
    ImportKind kind = ImportKind::Clients;
    std::string path;
    std::string encoding; // "utf-8", "utf-8 (BOM)", "gb18030"
    std::int64_t rows_new = 0;
    std::int64_t rows_updated = 0;
    std::int64_t rows_unchanged = 0;
    std::int64_t rows_rejected = 0;
    std::vector<std::string> unknown_columns; // header names that were ignored
    /// Where the time went, stage by stage.
    std::vector<ImportStage> stages;
};

struct ImportReport {
    std::vector<FileReport> files;
    /// Every located problem: file-level ones and one or more per rejected row, in file order.
    std::vector<Error> errors;
    /// True when the transaction was committed (strict: no errors; lenient: no file-level error).
    bool committed = false;
    /// A dry run that would have committed (its transaction was rolled back).
    bool would_commit = false;
    /// Stopped by ImportOptions::cancel: nothing was imported (no files or counts reported).
    bool cancelled = false;
    /// The client summary was fresh before the run and was moved by deltas to what a rebuild
    /// would store (a run that only added trades): it is fresh, no rebuild needed.
    bool client_summary_fresh = false;
    /// Run-level stages after the files (trade_days upkeep, commit).
    std::vector<ImportStage> stages;
    std::int64_t rejectedRows() const;
};

/// One known column of a kind of file, as the importer matches it.
struct ImportColumn {
    std::string name;                 // the interchange name ("client_id")
    std::vector<std::string> aliases; // other headers read as it (Chinese headers among them)
    bool required = false;
};

/// The columns of a kind of file, in the interchange order.
std::vector<ImportColumn> importColumns(ImportKind kind);

/// Imports the given files in order securities, clients, trades, assets, contacts, positions.
/// Returns an Error only for failures that are not about the input (no files, I/O, database);
/// rejected input is described in the report (`committed` false in strict mode).
Result<ImportReport> importFiles(Database& db, const ImportFiles& files,
                                 const ImportOptions& options);

} // namespace bd::storage
