#pragma once
// Internal to the importer: the shared run state and the generic per-file pipeline that every
// kind (import_<kind>.cpp) instantiates. One thread reads and validates records while the
// calling thread (which owns the SQLite connection) writes batches of parsed rows.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/domain.h"
#include "storage/csvreader.h"
#include "storage/database.h"
#include "storage/filebytes.h"
#include "storage/import_gather.h"
#include "storage/import_keyset.h"
#include "storage/import_queue.h"
#include "storage/import_rowparser.h"
#include "storage/import_rowsource.h"
#include "storage/importer.h"
#include "storage/tradedays.h"

namespace bd::storage::imp {

/// Measures one stage: wall time and process CPU time since construction.
class StageClock {
  public:
    StageClock() : m_wall(std::chrono::steady_clock::now()), m_cpu(std::clock()) {}
    ImportStage done(std::string name) const {
        return {std::move(name),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - m_wall).count(),
                static_cast<double>(std::clock() - m_cpu) / CLOCKS_PER_SEC};
    }

  private:
    std::chrono::steady_clock::time_point m_wall;
    std::clock_t m_cpu;
};

/// State shared by the files of one run.
struct ImportContext {
    Database& db;
    const ImportOptions& options;
    ClientIndex clients;                      // client_id -> clients.id
    std::vector<Error> errors;                // every located problem, in order
    std::string rejects;                      // rejects CSV rows (lenient)
    bool fileRejected[kImportKindCount] = {}; // a file-level problem per kind
    std::unordered_set<std::string> knownBrokers, knownBranches;
    std::optional<Statement> insertBranch, insertBroker;
    TradeDaysUpkeep* tradeDays = nullptr; // the run's trade_days upkeep (set by importFiles)

    /// (Re)loads the client_id -> row id map.
    Status loadClients();
    /// Records a problem that rejects a whole file.
    void rejectFile(ImportKind kind, Error e);
};

/// How one kind maps its CSV columns onto its table.
template <typename Row>
struct KindDef {
    ImportKind kind = ImportKind::Clients;
    std::string_view table;
    std::vector<ColumnSpec> columns;         // file columns
    std::vector<std::string_view> dbColumns; // table columns, natural key first
    int keyCount = 1;
    int keyColumn = 0;         // spec column whose position is reported for duplicates
    bool needsClients = false; // rows reference clients
    void (*parse)(RowParser&, Row&) = nullptr;
    /// Instead of `parse`, for rows that hold views kept alive by the file's TextStore.
    void (*parseKept)(RowParser&, TextStore&, Row&) = nullptr;
    void (*values)(const Row&, Values&) = nullptr; // in dbColumns order
    std::string (*key)(const Row&) = nullptr;      // natural key, printable
    Status (*beforeWrite)(ImportContext&, const Row&) = nullptr;
    /// Bulk load into an empty table whose key starts with client_ref: the row's client_ref and
    /// the key order. The rows are written in key order, so every insert appends at the right
    /// edge of the tree (see import_gather.h). nullptr: written in file order as they come.
    std::int64_t (*bulkClient)(const Row&) = nullptr;
    bool (*keyLess)(const Row&, const Row&) = nullptr;
    std::string_view dropIndexes;   // before a bulk load into an empty table
    std::string_view createIndexes; // after it
    /// Set when the natural key has no index of its own (trades: a unique index probed per row
    /// would cost more than the table itself): lists every stored row as (natural key, then the
    /// integer `locatorColumns`), which with the natural key make up the primary key. Stored
    /// rows are then found through an in-memory map and read and updated by primary key.
    std::string_view storedKeysSql;
    std::vector<std::string_view> locatorColumns;
    /// Bulk load: sees every row, in key order, on the ordering thread while they are written
    /// (so it must not touch the database; the write's failure discards its work).
    Status (*afterBulk)(ImportContext&, const std::vector<Row>&) = nullptr;
};

/// The natural keys of the stored rows with their primary-key locators (see storedKeysSql).
struct StoredKeys {
    KeySet index{1024};                 // natural key -> 1-based ordinal
    std::vector<std::int64_t> locators; // `width` values per ordinal
    std::size_t width = 0;
    /// The locator of `key`, nullptr when no stored row has it.
    const std::int64_t* find(std::string_view key) const {
        const std::int64_t ordinal = index.find(key);
        return ordinal ? locators.data() + static_cast<std::size_t>(ordinal - 1) * width : nullptr;
    }
};

/// Loads the natural keys and locators of every stored row (`sql` as in storedKeysSql).
Status loadStoredKeys(Database& db, std::string_view sql, std::size_t width, StoredKeys& out);

/// Reads and decodes a file; problems with the input go to ctx (file-level), I/O errors return.
Status loadText(ImportContext& ctx, ImportKind kind, const std::string& path, FileBytes& bytes,
                DecodedText& decoded, FileReport& report);
/// Reads the header record and maps it; false (with errors recorded) when unusable.
bool readHeader(ImportContext& ctx, ImportKind kind, const std::string& path, CsvReader& reader,
                const std::vector<ColumnSpec>& specs, HeaderMap& map, FileReport& report);

/// Prepared statements for writing one kind and comparing with stored rows.
class KindWriter {
  public:
    /// `locators`: integer primary-key columns that, with the natural key, find a stored row
    /// (empty: the natural key alone finds it through an index).
    static Result<KindWriter> create(Database& db, std::string_view table,
                                     const std::vector<std::string_view>& columns, int keyCount,
                                     const std::vector<std::string_view>& locators = {});
    /// Inserts without looking up (bulk load into an empty table).
    Status insert(const Values& v);
    /// Inserts, updates or leaves the row; counts the outcome into `report`.
    Status upsert(const Values& v, FileReport& report);
    /// The same for a writer with locators: `stored` is the stored row's locator (from
    /// StoredKeys), nullptr when there is none (the row is new).
    Status upsertLocated(const Values& v, const std::int64_t* stored, FileReport& report);

  private:
    KindWriter(Statement ins, std::optional<Statement> sel, std::optional<Statement> upd, int n,
               int k, int l)
        : m_insert(std::move(ins)), m_select(std::move(sel)), m_update(std::move(upd)), m_n(n),
          m_k(k), m_l(l) {}
    /// After select found the row: counts it unchanged, or updates it (WHERE from `bindWhere`).
    template <typename BindWhere>
    Status compareAndUpdate(const Values& v, FileReport& report, BindWhere bindWhere);
    Statement m_insert;
    std::optional<Statement> m_select, m_update;
    int m_n, m_k, m_l;
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

/// Parses the records `reader` yields into batches pushed to `queue` (closed at the end).
template <typename Row>
void parseRecords(const KindDef<Row>& def, ImportContext& ctx, const std::string& path,
                  const HeaderMap& map, CsvReader& reader, std::size_t baseOffset, TextStore& store,
                  BoundedQueue<ParsedBatch<Row>>& queue, ParseProblems& out) {
    static constexpr std::size_t kBatch = 2048;
    const bool lenient = ctx.options.lenient;
    CsvRecord rec;
    std::vector<Error> errs;
    ParsedBatch<Row> batch;
    batch.rows.reserve(kBatch);
    std::int64_t records = 0;
    while (reader.next(rec)) {
        ++records;
        errs.clear();
        Row row{};
        if (!rec.error.empty()) {
            Error e = makeError(ErrorCode::InvalidInput, rec.error);
            e.line = rec.line;
            e.column = rec.errorField;
            errs.push_back(std::move(e));
        } else if (rec.fields.size() != map.fieldCount) {
            Error e =
                makeError(ErrorCode::InvalidInput, "expected " + std::to_string(map.fieldCount) +
                                                       " fields as in the header, found " +
                                                       std::to_string(rec.fields.size()));
            e.line = rec.line;
            errs.push_back(std::move(e));
        } else {
            RowParser p(map, rec, errs, &ctx.clients);
            if (def.parseKept)
                def.parseKept(p, store, row);
            else
                def.parse(p, row);
        }
        if (!errs.empty()) {
            ++out.rejected;
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
            batch.records = records;
            records = 0;
            if (!queue.push(std::move(batch))) return;
            batch = ParsedBatch<Row>{};
            batch.rows.reserve(kBatch);
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

/// Imports one file of one kind inside the run's transaction.
template <typename Row>
Status runKind(const KindDef<Row>& def, ImportContext& ctx, const std::string& path,
               FileReport& rep) {
    const StageClock tRead;
    FileBytes bytes;
    DecodedText decoded;
    if (auto s = loadText(ctx, def.kind, path, bytes, decoded, rep); !s) return s;
    rep.stages.push_back(tRead.done("read+decode"));
    if (ctx.fileRejected[static_cast<int>(def.kind)]) return {};
    const std::string_view text = decoded.text();
    CsvReader reader(text);
    HeaderMap map;
    if (!readHeader(ctx, def.kind, path, reader, def.columns, map, rep)) return {};

    auto empty =
        queryInt(ctx.db, "SELECT NOT EXISTS (SELECT 1 FROM " + std::string(def.table) + ")");
    if (!empty) return empty.error();
    const bool bulk = *empty != 0;
    if (bulk && !def.dropIndexes.empty())
        if (auto s = ctx.db.exec(def.dropIndexes); !s) return s;
    const bool located = !def.storedKeysSql.empty();
    auto writer =
        KindWriter::create(ctx.db, def.table, def.dbColumns, def.keyCount,
                           located ? def.locatorColumns : std::vector<std::string_view>{});
    if (!writer) return writer.error();
    const bool sorted = bulk && def.bulkClient != nullptr;
    const bool lenient = ctx.options.lenient;

    // A sorted bulk load writes nothing before the whole file is parsed, so the parsing can use
    // both threads: the body is cut in two at a line end. Only when it holds no quote at all,
    // so that every line end is a record end.
    const std::string_view body = text.substr(reader.offset());
    std::size_t cut = body.size();
    if (sorted && body.size() > (1u << 20) && body.find('"') == std::string_view::npos) {
        const std::size_t nl = body.find('\n', body.size() / 2);
        if (nl != std::string_view::npos) cut = nl + 1;
    }
    CsvReader first(body.substr(0, cut), reader.line());
    const std::int64_t secondLine =
        reader.line() +
        std::count(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(cut), '\n');
    CsvReader second(body.substr(cut), secondLine);
    const std::size_t base = reader.offset();

    TextStore store1(text), store2(text);
    BoundedQueue<ParsedBatch<Row>> queue1(4);
    BoundedQueue<ParsedBatch<Row>> queue2(static_cast<std::size_t>(-1)); // read after queue1
    ParseProblems problems1, problems2;
    const StageClock tStart;
    std::thread parser1(
        [&] { parseRecords(def, ctx, path, map, first, base, store1, queue1, problems1); });
    std::optional<std::thread> parser2;
    if (cut < body.size())
        parser2.emplace([&] {
            parseRecords(def, ctx, path, map, second, base + cut, store2, queue2, problems2);
        });
    else
        queue2.close();

    Status failure;
    Values vals{};
    ImportProgress progress;
    progress.kind = def.kind;
    progress.file = path;
    progress.bytes_total = text.size();
    // Stored rows of a kind whose natural key has no index: loaded here, on the writing thread,
    // while the parsing threads start on the file.
    std::optional<StoredKeys> stored;
    if (located && !bulk) {
        stored.emplace();
        failure = loadStoredKeys(ctx.db, def.storedKeysSql, def.locatorColumns.size(), *stored);
    }
    auto write = [&](const Row& row) {
        def.values(row, vals);
        if (def.beforeWrite) {
            failure = def.beforeWrite(ctx, row);
            if (!failure) return;
        }
        if (bulk) {
            failure = writer->insert(vals);
            ++rep.rows_new;
        } else if (stored) {
            failure = writer->upsertLocated(vals, stored->find(def.key(row)), rep);
        } else {
            failure = writer->upsert(vals, rep);
        }
    };
    // Duplicates are found here, in file order, so the first occurrence wins as in one pass.
    SeenKeys seen; // natural key -> first line
    ParseProblems dups;
    // Sorted bulk load: the batches as parsed (less the duplicates), chained per client as they
    // come and gathered into `all` in key order while it is written.
    std::vector<std::vector<Row>> parts;
    std::vector<Row> all;
    std::optional<GroupedRows<Row>> grouped;
    if (sorted) grouped.emplace(ctx.clients.minRef(), ctx.clients.maxRef(), def.keyLess);
    const int keyField = map.field[static_cast<std::size_t>(def.keyColumn)];
    for (BoundedQueue<ParsedBatch<Row>>* queue : {&queue1, &queue2}) {
        while (failure) {
            auto batch = queue->pop();
            if (!batch) break;
            std::size_t kept = 0; // sorted: rows kept are moved to the front of the batch
            for (std::size_t i = 0; i < batch->rows.size() && failure; ++i) {
                Row& row = batch->rows[i];
                const std::string key = def.key(row);
                if (const std::int64_t firstLine = seen.insert(key, batch->lines[i])) {
                    Error e = makeError(ErrorCode::InvalidInput,
                                        "duplicate natural key in this file (first on line " +
                                            std::to_string(firstLine) + ")");
                    e.file = path;
                    e.line = batch->lines[i];
                    e.column = keyField + 1;
                    e.column_name = map.header[static_cast<std::size_t>(def.keyColumn)];
                    e.value = key;
                    ++dups.rejected;
                    if (lenient) dups.rejects.emplace_back(e.line, rejectLines({e}, batch->raw[i]));
                    dups.errors.push_back(std::move(e));
                    continue;
                }
                if (sorted) {
                    if (kept != i) batch->rows[kept] = std::move(row);
                    ++kept;
                } else {
                    write(row);
                }
            }
            if (sorted) {
                batch->rows.resize(kept);
                parts.push_back(std::move(batch->rows));
                for (Row& r : parts.back()) grouped->add(&r, def.bulkClient(r));
            }
            if (ctx.options.progress) {
                progress.bytes_done = batch->bytesDone;
                progress.rows += batch->records;
                ctx.options.progress(progress);
            }
        }
    }
    if (!failure) {
        queue1.cancel();
        queue2.cancel();
    }
    parser1.join();
    if (parser2) parser2->join();
    if (!failure) return failure;
    rep.stages.push_back(tStart.done(sorted ? "parse+check" : "parse+check+write"));

    std::vector<Error> rowErrors = std::move(problems1.errors);
    mergeByLine(rowErrors, std::move(problems2.errors), [](const Error& e) { return e.line; });
    mergeByLine(rowErrors, std::move(dups.errors), [](const Error& e) { return e.line; });
    auto rejectsOut = std::move(problems1.rejects);
    const auto lineOf = [](const std::pair<std::int64_t, std::string>& r) { return r.first; };
    mergeByLine(rejectsOut, std::move(problems2.rejects), lineOf);
    mergeByLine(rejectsOut, std::move(dups.rejects), lineOf);

    // A strict run that already has rejected rows will be rolled back: the rows are counted as
    // they would have been written, but not written.
    const bool doomed = !lenient && (!rowErrors.empty() || !ctx.errors.empty());
    if (sorted && doomed && !def.beforeWrite) {
        for (const auto& part : parts) rep.rows_new += static_cast<std::int64_t>(part.size());
    } else if (sorted) {
        // The other core would idle during the write: it puts the rows in key order just ahead
        // of the writer, then aggregates them.
        const std::size_t n = grouped->size();
        all.reserve(n);
        const Row* rows = all.data(); // never moves: gather() stays within the reservation
        const StageClock tWrite;
        Status afterStatus;
        double alongside = 0;
        std::optional<std::jthread> helper;
        helper.emplace([&] {
            const StageClock tHelper;
            grouped->gather(all);
            std::vector<std::vector<Row>>().swap(parts); // copied into `all`: free them now
            if (def.afterBulk) afterStatus = def.afterBulk(ctx, all);
            alongside = tHelper.done("").wall;
        });
        if (!def.beforeWrite) {
            // One statement pulls every row through a virtual table: no binding per row, and
            // one cursor stays on the right edge of the tree for the whole load.
            const RowFill fill = [&](std::size_t i, Values& out) {
                grouped->waitFor(i);
                def.values(rows[i], out);
            };
            if (auto s = insertRows(ctx.db, def.table, def.dbColumns, n, fill); !s) return s;
            rep.rows_new += static_cast<std::int64_t>(n);
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                grouped->waitFor(i);
                write(rows[i]);
                if (!failure) return failure;
            }
        }
        helper.reset(); // joins
        if (!afterStatus) return afterStatus;
        rep.stages.push_back(tWrite.done("write"));
        rep.stages.push_back({"order+aggregate (alongside the write)", alongside, 0.0});
    }
    rep.rows_rejected = problems1.rejected + problems2.rejected + dups.rejected;
    for (Error& e : rowErrors) ctx.errors.push_back(std::move(e));
    for (auto& r : rejectsOut) ctx.rejects += r.second;
    if (bulk && !def.createIndexes.empty()) {
        const StageClock tIndexes;
        if (auto s = ctx.db.exec(def.createIndexes); !s) return s;
        rep.stages.push_back(tIndexes.done("indexes"));
    }
    std::string stages;
    for (const ImportStage& st : rep.stages)
        stages += fmt::format(" {} {:.3f}s (cpu {:.3f}s)", st.name, st.wall, st.cpu);
    spdlog::debug("import {} ({} parsing thread(s)):{}", def.table, parser2 ? 2 : 1, stages);
    return {};
}

} // namespace bd::storage::imp
