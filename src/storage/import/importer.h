#pragma once
// Import of the interchange CSV files (clients, trades, assets, contacts, positions,
// securities) into a book: all files of one run in one transaction, idempotent by natural key.
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
    /// Run-level stages after the files (trade_days upkeep, commit).
    std::vector<ImportStage> stages;
    std::int64_t rejectedRows() const;
};

/// Imports the given files in order securities, clients, trades, assets, contacts, positions.
/// Returns an Error only for failures that are not about the input (no files, I/O, database);
/// rejected input is described in the report (`committed` false in strict mode).
Result<ImportReport> importFiles(Database& db, const ImportFiles& files,
                                 const ImportOptions& options);

} // namespace bd::storage
