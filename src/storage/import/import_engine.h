#pragma once
// Internal to the importer: the shared run state and the generic per-file pipeline that every
// kind (import_<kind>.cpp) instantiates. One thread reads and validates records while the
// calling thread (which owns the SQLite connection) writes batches of parsed rows; a first load
// of trades is streamed month by month instead (import_stream.h).
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <malloc.h>

#include <spdlog/spdlog.h>

#include "core/boundedqueue.h"
#include "core/clock.h"
#include "core/domain.h"
#include "storage/book/tradedays.h"
#include "storage/db/database.h"
#include "storage/import/csvreader.h"
#include "storage/import/filebytes.h"
#include "storage/import/import_keyset.h"
#include "storage/import/import_rowparser.h"
#include "storage/import/import_rowsource.h"
#include "storage/import/importer.h"

namespace bd::storage::imp {

/// Measures one stage: wall time and process CPU time since construction.
class StageClock {
  public:
    StageClock() : m_wall(std::chrono::steady_clock::now()), m_cpu(std::clock()) {}
    ImportStage done(std::string name) const {
        return {std::move(name), secondsSince(m_wall),
                static_cast<double>(std::clock() - m_cpu) / CLOCKS_PER_SEC};
    }

  private:
    std::chrono::steady_clock::time_point m_wall;
    std::clock_t m_cpu;
};

/// The text of the file being imported as far as it lies in a mapped file (FileBytes): the
/// parsing threads let go of its pages behind them, so that the file does not stay resident.
struct PassedText {
    const FileBytes* bytes = nullptr; // nullptr: the text is a copy or a conversion
    std::size_t base = 0;             // offset of the text in the file (after a BOM)
    /// Lets go of the text's pages in [from, to); returns where the next call should start.
    std::size_t release(std::size_t from, std::size_t to) const {
        return bytes ? bytes->release(base + from, base + to) - base : to;
    }
};

/// What reading and checking the files of one run shares, whichever store they go to (the
/// desk's SQLite book here, a branch server through a RowSink, import_sink.h).
struct ParseState {
    const ImportOptions& options;
    ClientIndex clients;                      // client_id -> clients.id
    std::vector<Error> errors;                // every located problem, in order
    std::string rejects;                      // rejects CSV rows (lenient)
    bool fileRejected[kImportKindCount] = {}; // a file-level problem per kind
    PassedText passed;                        // of the file being parsed

    /// Records a problem that rejects a whole file.
    void rejectFile(ImportKind kind, Error e);
};

/// State shared by the files of one run into a SQLite book.
struct ImportContext : ParseState {
    Database& db;
    std::unordered_set<std::string> knownBrokers, knownBranches;
    std::optional<Statement> insertBranch, insertBroker;
    TradeDaysUpkeep* tradeDays = nullptr; // the run's trade_days upkeep (set by importFiles)
    TradeDayGatherer bulkDays;            // a bulk load's trade days, gathered as it is written

    /// (Re)loads the client_id -> row id map.
    Status loadClients();
};

/// How one kind maps its CSV columns onto its table. Written with designated initialisers
/// (import_<kind>.cpp), so every member has a default.
///
/// The row functions every kind has are found by its row type (argument-dependent lookup:
/// import_<kind>.cpp declares them beside the row type, in its anonymous namespace):
///   void parseRow(RowParser&, Row&), or parseRow(RowParser&, TextStore&, Row&) for rows that
///     hold views kept alive by the file's TextStore;
///   void rowValues(const Row&, Values&): the row in dbColumns order;
///   std::string rowKey(const Row&): its natural key, printable.
template <typename Row>
struct KindDef {
    ImportKind kind = ImportKind::Clients;
    std::string_view table{};
    /// File columns, the natural key's first column first: a duplicate key is reported at it.
    std::vector<ColumnSpec> columns{};
    std::vector<std::string_view> dbColumns{}; // table columns, natural key first
    int keyCount = 1;
    Status (*beforeWrite)(ImportContext&, const Row&) = nullptr;
    /// Bulk load into an empty table whose key starts with a time bucket and then client_ref
    /// (trades: trade_month): the row's bucket, its client_ref and the key order. The rows are
    /// written bucket by bucket while the file is parsed (import_stream.h). nullptr: written in
    /// file order as they come.
    std::int64_t (*bulkBucket)(const Row&) = nullptr;
    std::int64_t (*bulkClient)(const Row&) = nullptr;
    bool (*keyLess)(const Row&, const Row&) = nullptr;
    std::string_view dropIndexes{};   // before a bulk load into an empty table
    std::string_view createIndexes{}; // after it
    /// Told of each row written over a stored table (not in a bulk load): `stored` is the
    /// select of the stored row it replaced, positioned on it (its non-key columns in
    /// dbColumns order), nullptr for a new row. Unchanged rows are not told.
    void (*written)(ImportContext&, const Values& row, const Statement* stored) = nullptr;
    /// Over a stored table: keys above the stored maximum are new (KindWriter::newAboveStoredMax).
    bool keysAscend = false;
    /// Integer non-key columns that complete the primary key (see KindWriter::create).
    std::vector<std::string_view> locatorColumns{};
    /// Bulk load: sees each chunk of rows, in key order, as it goes to the writer, and is told
    /// once after the last one; both on the ordering thread while rows are written (so they
    /// must not touch the database; a failed write discards their work).
    void (*bulkChunk)(ImportContext&, const std::vector<Row>&) = nullptr;
    Status (*afterBulk)(ImportContext&) = nullptr;
    /// Bulk load in an order that keeps buckets open: a row to bytes and back, for sorted runs
    /// on disk (import_stream.h); strings the row views are kept by the TextStore given.
    void (*spill)(const Row&, std::string&) = nullptr;
    bool (*unspill)(std::string_view&, TextStore&, Row&) = nullptr;
};

/// An error that ends the run once the user asked it to stop (ImportOptions::cancel);
/// importFiles turns it into a report that says so (ImportReport::cancelled).
inline Status cancelled(const ParseState& ctx) {
    if (ctx.options.cancel != nullptr && ctx.options.cancel->load(std::memory_order_relaxed))
        return makeError(ErrorCode::Internal, "import cancelled: nothing was imported");
    return {};
}

/// A run names at least one file, and a lenient one (not a dry run) its rejects file.
Status checkRun(const ImportFiles& files, const ImportOptions& options);
/// Before a file of `kind` at `path`: true (a file-level problem recorded) when its rows
/// reference clients and the clients file was rejected as a whole: checking them against a
/// client list that failed to load would only bury the real problem under "unknown client".
bool clientsRejected(ParseState& ctx, ImportKind kind, const std::string& path);
/// The file of `kind` that a run names (none when it names no such file).
const std::optional<std::string>& fileOf(const ImportFiles& files, ImportKind kind);
/// Imports the files a run names, one report each in `report.files`, in ImportKind's order
/// (clients before the files that reference them), with the run's rules: a cancelled run stops
/// between files; a file is not checked when clientsRejected says so; `reloadClients` after
/// the clients file. `run(kind, path, fileReport)` imports one file.
Status runFiles(ParseState& ctx, const ImportFiles& files, ImportReport& report,
                const std::function<Status(ImportKind, const std::string&, FileReport&)>& run,
                const std::function<Status()>& reloadClients);
/// After the last file: writes the rejects file of a lenient run (not a dry run); whether the
/// run is to be kept (strict: no error in `report`; lenient: no file-level error).
Result<bool> endOfRun(const ParseState& ctx, const ImportReport& report,
                      const ImportOptions& options);

/// What a run ends with: a run stopped by ImportOptions::cancel (its transaction rolled back)
/// reports only that, whatever error stopped it.
inline Result<ImportReport> stoppedIfCancelled(Result<ImportReport> report,
                                               const ImportOptions& options) {
    if (report || options.cancel == nullptr || !options.cancel->load()) return report;
    ImportReport stopped;
    stopped.cancelled = true;
    return stopped;
}

/// Reads and decodes a file; problems with the input go to ctx (file-level), I/O errors return.
Status loadText(ParseState& ctx, ImportKind kind, const std::string& path, FileBytes& bytes,
                DecodedText& decoded, FileReport& report);
/// Reads the header record and maps it; false (with errors recorded) when unusable.
bool readHeader(ParseState& ctx, ImportKind kind, const std::string& path, CsvReader& reader,
                const std::vector<ColumnSpec>& specs, HeaderMap& map, FileReport& report);

/// A file's text for the parse: read and decoded (problems with the input go to ctx as
/// file-level ones); the mapped file's pages are let go of as the parse passes them
/// (ctx.passed, for as long as this lives).
class FileText {
  public:
    explicit FileText(ParseState& ctx) : m_ctx(ctx) {}
    ~FileText() { m_ctx.passed = {}; }
    FileText(const FileText&) = delete;
    FileText& operator=(const FileText&) = delete;
    /// Reads `path` and its header record (mapped to `specs`); false when there is nothing to
    /// parse: the file or its header was rejected, or `error` (I/O).
    bool open(ImportKind kind, const std::vector<ColumnSpec>& specs, const std::string& path,
              FileReport& rep, Status& error) {
        const StageClock tRead;
        error = loadText(m_ctx, kind, path, m_bytes, m_decoded, rep);
        if (!error) return false;
        rep.stages.push_back(tRead.done("read+decode"));
        if (m_ctx.fileRejected[static_cast<int>(kind)]) return false;
        const std::string_view text = m_decoded.text();
        // The decoding read the whole file: its pages go now, the parse reads them again.
        m_ctx.passed = {};
        if (m_bytes.maps(text)) {
            m_ctx.passed = {&m_bytes,
                            static_cast<std::size_t>(text.data() - m_bytes.view().data())};
            (void)m_bytes.release(0, m_bytes.view().size());
        }
        m_reader = CsvReader(text);
        return readHeader(m_ctx, kind, path, m_reader, specs, m_header, rep);
    }
    std::string_view text() const { return m_decoded.text(); }
    /// The file's records after the header.
    CsvReader& reader() { return m_reader; }
    const HeaderMap& header() const { return m_header; }

  private:
    ParseState& m_ctx;
    FileBytes m_bytes;
    DecodedText m_decoded;
    CsvReader m_reader{std::string_view()};
    HeaderMap m_header;
};

/// Prepared statements for writing one kind and comparing with stored rows.
class KindWriter {
  public:
    /// The natural key (the first `keyCount` columns) finds a stored row through an index.
    /// `locators`: integer non-key columns that with the natural key make up the primary key;
    /// an update addresses the stored row by their stored values, so a natural key stored twice
    /// (written around the importer) has one row updated, the first found.
    static Result<KindWriter> create(Database& db, std::string_view table,
                                     const std::vector<std::string_view>& columns, int keyCount,
                                     const std::vector<std::string_view>& locators = {});
    /// Inserts without looking up (bulk load into an empty table).
    Status insert(const Values& v);
    /// Inserts, updates or leaves the row; counts the outcome into `report`. `written` (when
    /// set) is told of an insert or update first, as KindDef::written.
    using Written = std::function<void(const Values&, const Statement*)>;
    Status upsert(const Values& v, FileReport& report, const Written& written = {});
    /// For a natural key of one indexed text column whose new values come after the stored
    /// ones (exchange trade ids ascend): reads the stored maximum once, and upsert() then
    /// takes a key above it as new without looking it up.
    Status newAboveStoredMax(Database& db, std::string_view table, std::string_view keyColumn);
    /// upsert() would take `v` as new without looking it up (its key is above the stored
    /// maximum read by newAboveStoredMax).
    bool aboveStoredMax(const Values& v) const {
        return m_storedMax && m_k == 1 && v[0].kind == Value::Kind::Text && v[0].s > *m_storedMax;
    }

  private:
    KindWriter(Statement ins, std::optional<Statement> sel, std::optional<Statement> upd, int n,
               int k, std::vector<int> locatorAt)
        : m_insert(std::move(ins)), m_select(std::move(sel)), m_update(std::move(upd)), m_n(n),
          m_k(k), m_locatorAt(std::move(locatorAt)) {}
    Statement m_insert;
    std::optional<Statement> m_select, m_update;
    int m_n, m_k;
    std::vector<int> m_locatorAt;
    std::optional<std::string> m_storedMax; // newAboveStoredMax()
};

/// Rows of one parsed stretch of a file, handed from a parsing thread to the writer.
template <typename Row>
struct ParsedBatch {
    std::vector<Row> rows;
    std::vector<std::int64_t> lines;   // per row: its line
    std::vector<std::string_view> raw; // per row: its text (lenient runs only, for rejects)
    std::size_t bytesDone = 0;         // offset in the file text reached
    std::int64_t records = 0;          // records read for this batch (valid or not)
};

/// What a parsing thread found wrong, in line order.
struct ParseProblems {
    std::vector<Error> errors;
    std::vector<std::pair<std::int64_t, std::string>> rejects; // line, rejects CSV text
    std::int64_t rejected = 0;
    std::atomic<bool> any{false}; // a row was rejected (read by the other threads meanwhile)
};

/// One rejects-file line per error of a rejected record.
inline std::string rejectLines(const std::vector<Error>& errs, std::string_view raw) {
    std::string line;
    for (const Error& e : errs) {
        appendCsvField(line, e.file);
        line += ',' + std::to_string(e.line) + ',' + std::to_string(e.column) + ',';
        appendCsvField(line, e.column_name);
        line += ',';
        appendCsvField(line, e.value);
        line += ',';
        appendCsvField(line, e.message);
        line += ',';
        appendCsvField(line, raw);
        line += '\n';
    }
    return line;
}

/// Parses the records `reader` yields into batches pushed to `queue` (closed at the end), each
/// by the kind's parseRow. `recycled` (optional) hands back the row vectors of batches done
/// with, so that a long file does not fault in fresh memory for every batch.
template <typename Row>
void parseRecords(const KindDef<Row>& /*kind*/, ParseState& ctx, const std::string& path,
                  const HeaderMap& map, CsvReader& reader, std::size_t baseOffset, TextStore& store,
                  BoundedQueue<ParsedBatch<Row>>& queue, ParseProblems& out,
                  BoundedQueue<std::vector<Row>>* recycled = nullptr) {
    static constexpr std::size_t kBatch = 2048;
    const bool lenient = ctx.options.lenient;
    CsvRecord rec;
    std::vector<Error> errs;
    ParsedBatch<Row> batch;
    const auto fresh = [&] {
        if (recycled)
            if (auto v = recycled->tryPop()) {
                batch.rows = std::move(*v);
                batch.rows.clear();
            }
        batch.rows.reserve(kBatch);
    };
    fresh();
    std::int64_t records = 0;
    std::size_t passedFrom = baseOffset;
    while (reader.next(rec)) {
        ++records;
        errs.clear();
        Row row{};
        if (!rec.error.empty()) {
            // The reader's two problems, told apart by its words (csvreader.cpp).
            Error e = importProblem(RefusalFact(rec.error.starts_with("unterminated")
                                                    ? RefusalKind::ImportOpenQuote
                                                    : RefusalKind::ImportAfterQuote),
                                    rec.error);
            e.line = rec.line;
            e.column = rec.errorField;
            errs.push_back(std::move(e));
        } else if (rec.fields.size() != map.fieldCount) {
            Error e = importProblem(
                RefusalFact(RefusalKind::ImportFieldCount)
                    .count(Arg::Count, static_cast<std::int64_t>(map.fieldCount))
                    .text(Arg::Value, std::to_string(rec.fields.size())),
                "expected " + std::to_string(map.fieldCount) + " fields as in the header, found " +
                    std::to_string(rec.fields.size()));
            e.line = rec.line;
            errs.push_back(std::move(e));
        } else {
            RowParser p(map, rec, errs, &ctx.clients);
            if constexpr (requires { parseRow(p, store, row); })
                parseRow(p, store, row);
            else
                parseRow(p, row);
        }
        if (!errs.empty()) {
            ++out.rejected;
            out.any.store(true, std::memory_order_relaxed);
            for (Error& e : errs) e.file = path;
            if (lenient) out.rejects.emplace_back(rec.line, rejectLines(errs, rec.raw));
            for (Error& e : errs) out.errors.push_back(std::move(e));
            continue;
        }
        batch.rows.push_back(std::move(row));
        batch.lines.push_back(rec.line);
        if (lenient) batch.raw.push_back(rec.raw);
        if (batch.rows.size() == kBatch) {
            batch.bytesDone = baseOffset + reader.offset();
            passedFrom = ctx.passed.release(passedFrom, batch.bytesDone);
            batch.records = records;
            records = 0;
            if (!queue.push(std::move(batch))) return;
            batch = ParsedBatch<Row>{};
            fresh();
        }
    }
    batch.bytesDone = baseOffset + reader.offset();
    batch.records = records;
    queue.push(std::move(batch));
    queue.close();
}

/// Merges two line-ordered lists (no line appears in both).
template <typename T, typename LineOf>
void mergeByLine(std::vector<T>& into, std::vector<T>&& more, LineOf lineOf) {
    if (more.empty()) return;
    std::vector<T> merged;
    merged.reserve(into.size() + more.size());
    std::merge(std::make_move_iterator(into.begin()), std::make_move_iterator(into.end()),
               std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()),
               std::back_inserter(merged),
               [&](const T& a, const T& b) { return lineOf(a) < lineOf(b); });
    into.swap(merged);
}

/// Adds a file's problems (of the parse and of the duplicate check) to the run's, in line order.
inline void reportProblems(ParseState& ctx, FileReport& rep, ParseProblems& parsed,
                           ParseProblems& dups) {
    std::vector<Error> rowErrors = std::move(parsed.errors);
    mergeByLine(rowErrors, std::move(dups.errors), [](const Error& e) { return e.line; });
    auto rejectsOut = std::move(parsed.rejects);
    const auto lineOf = [](const std::pair<std::int64_t, std::string>& r) { return r.first; };
    mergeByLine(rejectsOut, std::move(dups.rejects), lineOf);
    rep.rows_rejected = parsed.rejected + dups.rejected;
    for (Error& e : rowErrors) ctx.errors.push_back(std::move(e));
    for (auto& r : rejectsOut) ctx.rejects += r.second;
}

/// An I/O error when the duplicate check lost its temporary file (its answers are unsound).
inline Status seenStatus(const SeenKeys& seen) {
    if (!seen.failed()) return {};
    return makeError(ErrorCode::Io, "cannot write the temporary file of the duplicate check");
}

/// Adds a duplicate of the natural key (first seen on `firstLine`) to `dups`, reported at the
/// key's first column (the file's first, KindDef::columns).
inline void recordDuplicate(const std::string& path, const HeaderMap& map, bool lenient,
                            const std::string& key, std::int64_t line, std::int64_t firstLine,
                            std::string_view raw, ParseProblems& dups) {
    Error e = importProblem(RefusalFact(RefusalKind::ImportDuplicateKey)
                                .text(Arg::Value, key)
                                .count(Arg::Item, firstLine),
                            "duplicate natural key in this file (first on line " +
                                std::to_string(firstLine) + ")");
    e.file = path;
    e.line = line;
    e.column = map.field[0] + 1;
    e.column_name = map.header[0];
    e.value = key;
    ++dups.rejected;
    if (lenient) dups.rejects.emplace_back(e.line, rejectLines({e}, raw));
    dups.errors.push_back(std::move(e));
}

/// Hands the rows the parsing thread queues to `write` in file order, each natural key once (a
/// repeat is recorded in `dups`), reporting progress after each batch; stops at the first
/// failure (from `failure` on) or when the run is cancelled. Returns the failure, if any.
template <typename Row, typename Write>
Status writeParsed(const KindDef<Row>& def, ParseState& ctx, const std::string& path,
                   const HeaderMap& map, BoundedQueue<ParsedBatch<Row>>& queue,
                   std::size_t textSize, SeenKeys& seen, ParseProblems& dups, Status failure,
                   Write&& write) {
    ImportProgress progress;
    progress.kind = def.kind;
    progress.file = path;
    progress.bytes_total = textSize;
    while (failure) {
        auto batch = queue.pop();
        if (!batch) break;
        for (std::size_t i = 0; i < batch->rows.size() && failure; ++i) {
            const Row& row = batch->rows[i];
            const std::string key = rowKey(row);
            if (const std::int64_t firstLine = seen.insert(key, batch->lines[i])) {
                recordDuplicate(path, map, ctx.options.lenient, key, batch->lines[i], firstLine,
                                ctx.options.lenient ? batch->raw[i] : "", dups);
                continue;
            }
            failure = write(row);
        }
        if (ctx.options.progress) {
            progress.bytes_done = batch->bytesDone;
            progress.rows += batch->records;
            ctx.options.progress(progress);
        }
        if (failure) failure = cancelled(ctx);
    }
    return failure;
}

/// The records after the header, parsed on another thread and written here in file order
/// (each inserted, or upserted against the stored rows). Fills the problems of the parse and
/// of the duplicate check for runKind to report.
/// Rows written in key order at a time over a stored table (runInOrder): about 6 MB of trades.
inline constexpr std::size_t kSortedWriteRun = 65536;

template <typename Row>
Status runInOrder(const KindDef<Row>& def, ImportContext& ctx, const std::string& path,
                  const HeaderMap& map, CsvReader& reader, std::size_t textSize, TextStore& store,
                  bool bulk, KindWriter& writer, FileReport& rep, ParseProblems& parsed,
                  ParseProblems& dups) {
    const StageClock tStart;
    BoundedQueue<ParsedBatch<Row>> queue(4);
    std::thread parser([&] { parseRecords(def, ctx, path, map, reader, 0, store, queue, parsed); });
    Status failure;
    KindWriter::Written written;
    if (def.written) {
        written = [&](const Values& row, const Statement* st) { def.written(ctx, row, st); };
        // Every write is told: the trade-day triggers need not mark them as well.
        if (!bulk && ctx.tradeDays != nullptr) failure = ctx.tradeDays->watchWrites();
    }
    Values vals{};
    SeenKeys seen; // natural key -> first line; file order, so the first occurrence wins
    // Over a stored table, rows checked (in file order) are written in the table's key order, a
    // run at a time: successive writes then land on the same few pages (a nightly's trades
    // spread over a month's worth of pages in file order). Rows of distinct keys are
    // independent, so the order of their writes changes nothing else.
    // Rows of a run whose keys lie above every stored one (a nightly's trades, all of them) are
    // new without a lookup, and go in together with one INSERT ... SELECT (insertRowsInRun): no
    // statement, binding and cursors per row.
    // The rows stay where they are; their positions are put in key order (a trade row is
    // ~130 bytes, which a sort would move about fifteen times).
    std::vector<Row> pending;
    std::vector<std::uint32_t> order;
    std::vector<std::uint32_t> fresh; // of pending: new above the stored maximum, in key order
    const bool sortRuns = !bulk && def.keyLess != nullptr;
    const auto writePending = [&]() -> Status {
        order.resize(pending.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return def.keyLess(pending[a], pending[b]);
        });
        fresh.clear();
        for (const std::uint32_t i : order) {
            rowValues(pending[i], vals);
            if (writer.aboveStoredMax(vals)) {
                ++rep.rows_new;
                if (written) written(vals, nullptr);
                fresh.push_back(i);
            } else if (auto s = writer.upsert(vals, rep, written); !s) {
                return s;
            }
        }
        const RowFill fill = [&](std::size_t i, Values& out) { rowValues(pending[fresh[i]], out); };
        if (auto s = insertRowsInRun(ctx.db, def.table, def.dbColumns, fresh.size(), fill); !s)
            return s;
        pending.clear();
        return {};
    };
    failure = writeParsed(def, ctx, path, map, queue, textSize, seen, dups, std::move(failure),
                          [&](const Row& row) -> Status {
                              if (def.beforeWrite)
                                  if (auto s = def.beforeWrite(ctx, row); !s) return s;
                              if (sortRuns) {
                                  pending.push_back(row);
                                  if (pending.size() >= kSortedWriteRun) return writePending();
                                  return {};
                              }
                              rowValues(row, vals);
                              if (bulk) {
                                  ++rep.rows_new;
                                  return writer.insert(vals);
                              }
                              return writer.upsert(vals, rep, written);
                          });
    if (failure && !pending.empty()) failure = writePending();
    if (failure) failure = seenStatus(seen);
    if (!failure) queue.cancel();
    parser.join();
    if (!failure) return failure;
    rep.stages.push_back(tStart.done("parse+check+write"));
    return {};
}

template <typename Row>
Status runStreamed(const KindDef<Row>& def, ImportContext& ctx, const std::string& path,
                   const HeaderMap& map, std::string_view text, CsvReader& reader, TextStore& store,
                   FileReport& rep, ParseProblems& parsed, ParseProblems& dups);

/// Imports one file of one kind inside the run's transaction.
template <typename Row>
Status runKind(const KindDef<Row>& def, ImportContext& ctx, const std::string& path,
               FileReport& rep) {
    FileText file(ctx);
    Status error;
    if (!file.open(def.kind, def.columns, path, rep, error)) return error;
    const std::string_view text = file.text();
    CsvReader& reader = file.reader();
    const HeaderMap& map = file.header();

    auto empty =
        queryInt(ctx.db, "SELECT NOT EXISTS (SELECT 1 FROM " + std::string(def.table) + ")");
    if (!empty) return empty.error();
    const bool bulk = *empty != 0;
    if (bulk && !def.dropIndexes.empty())
        if (auto s = ctx.db.exec(def.dropIndexes); !s) return s;
    ParseProblems parsed, dups;
    TextStore store(text);
    if (bulk && def.bulkBucket != nullptr && !def.beforeWrite) {
        if (auto s = runStreamed(def, ctx, path, map, text, reader, store, rep, parsed, dups); !s)
            return s;
    } else {
        auto writer =
            KindWriter::create(ctx.db, def.table, def.dbColumns, def.keyCount, def.locatorColumns);
        if (!writer) return writer.error();
        if (!bulk && def.keysAscend && def.keyCount == 1)
            if (auto s = writer->newAboveStoredMax(ctx.db, def.table, def.dbColumns[0]); !s)
                return s;
        if (auto s = runInOrder(def, ctx, path, map, reader, text.size(), store, bulk, *writer, rep,
                                parsed, dups);
            !s)
            return s;
    }
    reportProblems(ctx, rep, parsed, dups);
    if (bulk && !def.createIndexes.empty()) {
        const StageClock tIndexes;
        // The sort of CREATE INDEX takes as much memory as the page cache may: a smaller
        // cache for it (and the table's pages let go) keeps a first load of millions of rows
        // within bounded memory, at the cost of merging a few more sorted runs.
        // The load's rows, batches and runs were freed, but the allocator keeps their pages
        // unless told: they would add to the sort's memory.
        ::malloc_trim(0);
        auto cache = queryInt(ctx.db, "PRAGMA cache_size");
        if (!cache) return cache.error();
        if (auto s = ctx.db.exec("PRAGMA cache_size=-65536"); !s) return s;
        // With temporary storage in memory (as books are opened) SQLite's sorter keeps every
        // key in memory, one allocation each, and sorts them all at the end on this thread;
        // with it in files the keys go in cache-sized runs, sorted by PRAGMA threads' helpers
        // while the table is read, and merged. The sorter's files are its own (unnamed, gone
        // with the statement). Inside a transaction SQLite refuses the switch once this
        // connection has opened its temporary database: the index is then sorted in memory.
        const Status toFiles = ctx.db.exec("PRAGMA temp_store=FILE");
        const bool sortInFiles = toFiles.ok();
        if (!sortInFiles)
            spdlog::debug("import: index sorted in memory ({})", toFiles.error().toString());
        auto created = ctx.db.exec(def.createIndexes);
        if (sortInFiles)
            if (auto s = ctx.db.exec("PRAGMA temp_store=MEMORY"); !s) return s;
        if (auto s = ctx.db.exec("PRAGMA cache_size=" + std::to_string(*cache)); !s) return s;
        if (!created) return created;
        rep.stages.push_back(tIndexes.done("indexes"));
    }
    std::string stages;
    for (const ImportStage& st : rep.stages)
        stages += fmt::format(" {} {:.3f}s (cpu {:.3f}s)", st.name, st.wall, st.cpu);
    spdlog::debug("import {}:{}", def.table, stages);
    return {};
}

} // namespace bd::storage::imp

#include "storage/import/import_stream.h" // runStreamed
