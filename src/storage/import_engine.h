#pragma once
// Internal to the importer: the shared run state and the generic per-file pipeline that every
// kind (import_<kind>.cpp) instantiates. One thread reads and validates records while the
// calling thread (which owns the SQLite connection) writes batches of parsed rows.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/domain.h"
#include "storage/csvreader.h"
#include "storage/database.h"
#include "storage/import_keyset.h"
#include "storage/import_queue.h"
#include "storage/import_rowparser.h"
#include "storage/importer.h"

namespace bd::storage::imp {

/// A column value to bind or compare: NULL, integer or text (a view into the row).
struct Value {
    enum class Kind : std::uint8_t { Null, Int, Text } kind = Kind::Null;
    std::int64_t i = 0;
    std::string_view s;

    static Value null() { return {}; }
    static Value of(std::int64_t v) { return {Kind::Int, v, {}}; }
    static Value text(std::string_view v) { return {Kind::Text, 0, v}; }
    /// Empty text is stored as NULL (unknown).
    static Value optText(std::string_view v) { return v.empty() ? null() : text(v); }
    static Value opt(const std::optional<std::int64_t>& v) { return v ? of(*v) : null(); }
};
inline constexpr int kMaxValues = 16;
using Values = std::array<Value, kMaxValues>;

/// State shared by the files of one run.
struct ImportContext {
    Database& db;
    const ImportOptions& options;
    std::unordered_map<std::string, std::int64_t> clients; // client_id -> clients.id
    std::vector<Error> errors;                             // every located problem, in order
    std::string rejects;                                   // rejects CSV rows (lenient)
    bool fileRejected[kImportKindCount] = {};              // a file-level problem per kind
    std::unordered_set<std::string> knownBrokers, knownBranches;
    std::optional<Statement> insertBranch, insertBroker;

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
    void (*values)(const Row&, Values&) = nullptr; // in dbColumns order
    std::string (*key)(const Row&) = nullptr;      // natural key, printable
    Status (*beforeWrite)(ImportContext&, const Row&) = nullptr;
    std::string_view dropIndexes;   // before a bulk load into an empty table
    std::string_view createIndexes; // after it
};

/// Reads and decodes a file; problems with the input go to ctx (file-level), I/O errors return.
Status loadText(ImportContext& ctx, ImportKind kind, const std::string& path, std::string& bytes,
                DecodedText& decoded, FileReport& report);
/// Reads the header record and maps it; false (with errors recorded) when unusable.
bool readHeader(ImportContext& ctx, ImportKind kind, const std::string& path, CsvReader& reader,
                const std::vector<ColumnSpec>& specs, HeaderMap& map, FileReport& report);

/// Prepared statements for writing one kind and comparing with stored rows.
class KindWriter {
  public:
    static Result<KindWriter> create(Database& db, std::string_view table,
                                     const std::vector<std::string_view>& columns, int keyCount);
    /// Inserts without looking up (bulk load into an empty table).
    Status insert(const Values& v);
    /// Inserts, updates or leaves the row; counts the outcome into `report`.
    Status upsert(const Values& v, FileReport& report);

  private:
    KindWriter(Statement ins, std::optional<Statement> sel, std::optional<Statement> upd, int n,
               int k)
        : m_insert(std::move(ins)), m_select(std::move(sel)), m_update(std::move(upd)), m_n(n),
          m_k(k) {}
    Statement m_insert;
    std::optional<Statement> m_select, m_update;
    int m_n, m_k;
};

/// Imports one file of one kind inside the run's transaction.
template <typename Row>
Status runKind(const KindDef<Row>& def, ImportContext& ctx, const std::string& path,
               FileReport& rep) {
    static constexpr std::size_t kBatch = 2048;
    std::string bytes;
    DecodedText decoded;
    if (auto s = loadText(ctx, def.kind, path, bytes, decoded, rep); !s) return s;
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
    auto writer = KindWriter::create(ctx.db, def.table, def.dbColumns, def.keyCount);
    if (!writer) return writer.error();

    struct Batch {
        std::vector<Row> rows;
        std::size_t bytesDone = 0;
        std::int64_t records = 0;
    };
    BoundedQueue<Batch> queue(4);
    std::vector<Error> rowErrors;
    std::string rejects;
    std::int64_t rejected = 0;
    const bool lenient = ctx.options.lenient;
    auto tStart = std::chrono::steady_clock::now();
    double tParse = 0;
    std::thread parser([&] {
        CsvRecord rec;
        std::vector<Error> errs;
        KeySet seen(text.size() / 64 + 16); // natural key -> first line; ~64 bytes a record
        std::int64_t records = 0;
        Batch batch;
        batch.rows.reserve(kBatch);
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
                Error e = makeError(ErrorCode::InvalidInput,
                                    "expected " + std::to_string(map.fieldCount) +
                                        " fields as in the header, found " +
                                        std::to_string(rec.fields.size()));
                e.line = rec.line;
                errs.push_back(std::move(e));
            } else {
                RowParser p(map, rec, errs, &ctx.clients);
                def.parse(p, row);
                if (errs.empty()) {
                    const std::string key = def.key(row);
                    if (const std::int64_t first = seen.insert(key, rec.line))
                        p.fail(def.keyColumn,
                               "duplicate natural key in this file (first on line " +
                                   std::to_string(first) + ")",
                               key);
                }
            }
            if (!errs.empty()) {
                ++rejected;
                for (Error& e : errs) e.file = path;
                if (lenient) {
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
                        appendCsvField(line, rec.raw);
                        line += '\n';
                    }
                    rejects += line;
                }
                for (Error& e : errs) rowErrors.push_back(std::move(e));
                continue;
            }
            batch.rows.push_back(std::move(row));
            if (batch.rows.size() == kBatch) {
                batch.bytesDone = reader.offset();
                batch.records = records;
                if (!queue.push(std::move(batch))) return;
                batch = Batch{};
                batch.rows.reserve(kBatch);
            }
        }
        batch.bytesDone = reader.offset();
        batch.records = records;
        queue.push(std::move(batch));
        tParse = std::chrono::duration<double>(std::chrono::steady_clock::now() - tStart).count();
        queue.close();
    });

    Status failure;
    Values vals{};
    ImportProgress progress;
    progress.kind = def.kind;
    progress.file = path;
    progress.bytes_total = text.size();
    double busy = 0; // seconds the writer spent writing (not waiting for the parser)
    while (auto batch = queue.pop()) {
        const auto batchStart = std::chrono::steady_clock::now();
        for (const Row& row : batch->rows) {
            def.values(row, vals);
            if (def.beforeWrite) {
                failure = def.beforeWrite(ctx, row);
                if (!failure) break;
            }
            if (bulk) {
                failure = writer->insert(vals);
                ++rep.rows_new;
            } else {
                failure = writer->upsert(vals, rep);
            }
            if (!failure) break;
        }
        if (!failure) {
            queue.cancel();
            break;
        }
        busy +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - batchStart).count();
        if (ctx.options.progress) {
            progress.bytes_done = batch->bytesDone;
            progress.rows = batch->records;
            ctx.options.progress(progress);
        }
    }
    auto tWriteDone = std::chrono::steady_clock::now();
    parser.join();
    if (!failure) return failure;
    rep.rows_rejected = rejected;
    for (Error& e : rowErrors) ctx.errors.push_back(std::move(e));
    ctx.rejects += rejects;
    if (bulk && !def.createIndexes.empty())
        if (auto s = ctx.db.exec(def.createIndexes); !s) return s;
    auto tEnd = std::chrono::steady_clock::now();
    spdlog::debug("import {}: write {:.3f}s (busy {:.3f}s), parse {:.3f}s, indexes {:.3f}s",
                  def.table, std::chrono::duration<double>(tWriteDone - tStart).count(), busy,
                  tParse, std::chrono::duration<double>(tEnd - tWriteDone).count());
    return {};
}

} // namespace bd::storage::imp
