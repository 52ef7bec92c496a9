#pragma once
// Internal to the importer: the checked rows of a file handed to a store other than the desk's
// SQLite book (the branch server, storage/pg/pgimport.cpp). Reading, decoding, the header, the
// row parsers, the duplicate check and the located errors are the SQLite importer's own
// (import_engine.h); only the write differs, so both stores accept and reject the same rows.
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "storage/import/import_engine.h"

namespace bd::storage::imp {

/// Takes the rows of one file at a time, inside the run's one transaction.
class RowSink {
  public:
    virtual ~RowSink() = default;
    /// A file of `kind` is about to deliver rows for `table`: values in `columns` order (the
    /// table's columns, natural key first, the first `keyCount` of them).
    virtual Status begin(ImportKind kind, std::string_view table,
                         const std::vector<std::string_view>& columns, int keyCount) = 0;
    /// One checked row, whose natural key no earlier row of the file had.
    virtual Status row(const Values& values) = 0;
    /// After the file's last row: writes its rows and counts new, updated and unchanged ones
    /// into `report`.
    virtual Status finish(FileReport& report) = 0;
    /// client_id -> clients.id as the store holds them now (inside the run's transaction).
    virtual Status loadClients(ClientIndex& into) = 0;
};

/// Imports one file of one kind into `sink`: the same parse and checks as runKind.
template <typename Row>
Status runToSink(const KindDef<Row>& def, ParseState& ctx, RowSink& sink, const std::string& path,
                 FileReport& rep) {
    FileText file(ctx);
    Status error;
    if (!file.open(def.kind, def.columns, path, rep, error)) return error;
    if (auto s = sink.begin(def.kind, def.table, def.dbColumns, def.keyCount); !s) return s;
    const std::string_view text = file.text();
    CsvReader& reader = file.reader();
    const HeaderMap& map = file.header();

    const StageClock tWrite;
    ParseProblems parsed, dups;
    TextStore store(text);
    BoundedQueue<ParsedBatch<Row>> queue(4);
    std::thread parser([&] { parseRecords(def, ctx, path, map, reader, 0, store, queue, parsed); });
    Values vals{};
    SeenKeys seen; // natural key -> first line; file order, so the first occurrence wins
    Status failure = writeParsed(def, ctx, path, map, queue, text.size(), seen, dups, Status{},
                                 [&](const Row& row) {
                                     rowValues(row, vals);
                                     return sink.row(vals);
                                 });
    if (failure) failure = seenStatus(seen);
    if (!failure) queue.cancel();
    parser.join();
    if (!failure) return failure;
    if (auto s = sink.finish(rep); !s) return s;
    rep.stages.push_back(tWrite.done("parse+check+copy+merge"));
    reportProblems(ctx, rep, parsed, dups);
    return {};
}

/// Imports the given files into `sink` in the order of importFiles, with its rules: a file
/// that references clients is not checked when the clients file was rejected as a whole; the
/// rejects file of a lenient run is written. `commit` ends a run that is to be kept (strict:
/// no errors; lenient: no file-level error; never in a dry run); the caller's transaction
/// rolls back anything else.
Result<ImportReport> importThrough(RowSink& sink, const ImportFiles& files,
                                   const ImportOptions& options,
                                   const std::function<Status()>& commit);

} // namespace bd::storage::imp
