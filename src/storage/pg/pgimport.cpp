#include "storage/pg/pgimport.h"

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/boundedqueue.h"
#include "core/clock.h"
#include "storage/import/import_sink.h"
#include "storage/pg/pgbatch.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgschema_v10_first_load_freeze.h"
#include "storage/pg/pgschema_v13_import_log.h"
#include "storage/pg/pgschema_v14_change_tracking.h"

namespace bd::storage {
namespace {

using imp::Value;

/// One column the file's rows fill and the server's table has: where its value is in the row,
/// its name, and its width in binary COPY (2, 4 or 8 bytes for an integer, 0 for text).
struct CopyColumn {
    std::size_t at = 0;
    std::string name;
    int width = 0;
};

/// Appends the low `bytes` bytes of `v`, most significant first (COPY's binary byte order): one
/// append per value, not one per byte (the byte-wise appends were a fifth of the client's CPU).
void putBig(std::string& out, std::uint64_t v, int bytes) {
    char b[8];
    for (int i = 0; i < bytes; ++i) b[i] = static_cast<char>((v >> (8 * (bytes - 1 - i))) & 0xFF);
    out.append(b, static_cast<std::size_t>(bytes));
}

/// Sends a COPY's data on a thread of its own. libpq's blocking send returns once the server has
/// read most of a chunk, so a sink that encoded and sent in turn kept the server waiting while it
/// encoded and itself waiting while the server read: the rows are now checked and encoded while
/// the server reads the chunks before (a few in the queue). The connection is the sender's from
/// the first chunk until finish() or the destructor returns.
class CopySender {
  public:
    explicit CopySender(PgConnection& c) : m_c(c), m_thread([this] { run(); }) {}
    CopySender(const CopySender&) = delete;
    CopySender& operator=(const CopySender&) = delete;
    /// Abandons what is not sent yet (the caller then aborts the COPY).
    ~CopySender() {
        m_queue.cancel();
        if (m_thread.joinable()) m_thread.join();
    }
    /// Queues a chunk; an error once a send failed (the connection lost, the COPY refused).
    Status push(std::string chunk) {
        if (m_queue.push(std::move(chunk))) return {};
        return finish();
    }
    /// Waits until every queued chunk is sent: the first send's error, if any.
    Status finish() {
        m_queue.close();
        if (m_thread.joinable()) m_thread.join();
        return m_error;
    }

  private:
    void run() {
        while (auto chunk = m_queue.pop())
            if (auto s = m_c.copyPut(*chunk); !s) {
                m_error = std::move(s);
                m_queue.cancel();
                return;
            }
    }

    PgConnection& m_c;
    BoundedQueue<std::string> m_queue{4};
    Status m_error;
    std::thread m_thread; // last: started once the rest is made
};

/// Writes the checked rows of each file into the branch book: binary COPY into a staging table,
/// then one UPDATE of the stored rows that differ and one INSERT of the new ones (each a
/// statement, so the bulk tables' audit counts them once); into an empty table one INSERT of
/// all. A first load of a bulk table (trades, assets, positions) goes by binary COPY straight
/// into it, its key, indexes and foreign keys off until its end (bd_first_load_begin /
/// _end, server schema v6); that needs a batch login that bypasses row-level security
/// (PostgreSQL refuses COPY into a table under a policy): one added before v6 and not yet
/// brought up by `server init` stages the rows as before. On a book of schema v10 the table is
/// truncated first and the rows COPYed frozen (bd_first_load_fresh). Table and column names come
/// from the fixed kind definitions and the server's catalogue, never from the input.
class ServerSink final : public imp::RowSink {
  public:
    explicit ServerSink(PgConnection& c) : m_c(c) {}
    ServerSink(const ServerSink&) = delete;
    ServerSink& operator=(const ServerSink&) = delete;
    /// A run stopped mid-file (an error, a cancel) leaves its COPY open: abandoned here, so
    /// that the transaction's rollback can run on the connection.
    ~ServerSink() override {
        m_sender.reset();
        if (m_copying) m_c.copyAbort("import stopped");
    }

    Status begin(ImportKind kind, std::string_view table,
                 const std::vector<std::string_view>& columns, int keyCount) override {
        m_kind = kind;
        m_table = std::string(table);
        m_keyCount = keyCount;
        m_rows = 0;
        m_columns.clear();
        auto types = m_c.query("SELECT column_name::text, data_type::text FROM "
                               "information_schema.columns WHERE table_schema = 'public' AND "
                               "table_name = $1",
                               PgParams(m_table));
        if (!types) return types.error();
        for (std::size_t i = 0; i < columns.size(); ++i)
            for (int r = 0; r < types->size(); ++r) {
                if (types->textView(r, 0) != columns[i]) continue;
                const std::string_view type = types->textView(r, 1);
                const int width = type == "smallint"  ? 2
                                  : type == "integer" ? 4
                                  : type == "bigint"  ? 8
                                                      : 0;
                m_columns.push_back({i, std::string(columns[i]), width});
            }
        // The desk's derived columns (trades.trade_month) have no place on the server; every
        // key column must.
        for (int k = 0; k < keyCount; ++k)
            if (m_columns.size() <= static_cast<std::size_t>(k) ||
                m_columns[static_cast<std::size_t>(k)].at != static_cast<std::size_t>(k))
                return makeError(ErrorCode::Internal,
                                 "import: the server's " + m_table + " lacks a key column");
        // One import at a time writes a table; desks keep reading (and writing other tables).
        if (auto s = m_c.run("LOCK TABLE " + m_table + " IN SHARE ROW EXCLUSIVE MODE"); !s)
            return s;
        auto empty = m_c.query("SELECT NOT EXISTS (SELECT 1 FROM " + m_table + ")");
        if (!empty) return empty.error();
        m_empty = empty->boolean(0, 0);
        std::string list;
        for (const CopyColumn& c : m_columns) list += (list.empty() ? "" : ", ") + c.name;
        m_list = list;
        m_stage = "bd_stage_" + m_table;
        m_firstLoad =
            m_empty && (m_table == "trades" || m_table == "assets" || m_table == "positions");
        m_direct = false;
        m_freeze = false;
        m_nullXid = false;
        if (m_firstLoad) {
            auto bypass =
                m_c.query("SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user");
            if (!bypass) return bypass.error();
            m_direct = !bypass->empty() && bypass->boolean(0, 0);
            if (auto s = m_c.run("SELECT bd_first_load_begin($1)", PgParams(m_table)); !s) return s;
            // Frozen rows (server schema v10): the table truncated in this transaction, as
            // COPY ... FREEZE requires (pgschema_v10_first_load_freeze.cpp).
            if (m_direct) {
                auto version = serverSchemaVersion(m_c);
                if (!version) return version.error();
                m_freeze = *version >= kServerFirstLoadFreezeVersion;
                if (m_freeze)
                    if (auto s = m_c.run("SELECT bd_first_load_fresh($1)", PgParams(m_table)); !s)
                        return s;
                // The truncate recorded the table emptied (server schema v14): a copy made
                // before reads it whole, so the rows need no writer, and none is stamped nor
                // indexed (trades_by_xid holds only rows with one).
                m_nullXid = m_freeze && *version >= kServerChangeTrackingVersion;
                if (m_nullXid) list += ", bd_xid";
            }
        }
        if (!m_direct)
            if (auto s = m_c.run("CREATE TEMP TABLE " + m_stage + " ON COMMIT DROP AS SELECT " +
                                 list + " FROM " + m_table + " WITH NO DATA");
                !s)
                return s;
        if (auto s = m_c.copyBegin("COPY " + (m_direct ? m_table : m_stage) + "(" + list +
                                   ") FROM STDIN (FORMAT binary" + (m_freeze ? ", FREEZE)" : ")"));
            !s)
            return s;
        m_copying = true;
        m_sender = std::make_unique<CopySender>(m_c);
        m_buf.reserve(kFlushAt + (1 << 16));
        m_buf.assign("PGCOPY\n\377\r\n\0", 11);
        putBig(m_buf, 0, 4); // flags
        putBig(m_buf, 0, 4); // header extension
        return {};
    }

    Status row(const imp::Values& values) override {
        putBig(m_buf, m_columns.size() + (m_nullXid ? 1 : 0), 2);
        for (const CopyColumn& c : m_columns) {
            const Value& v = values[c.at];
            switch (v.kind) {
            case Value::Kind::Null:
                putBig(m_buf, 0xFFFFFFFFu, 4);
                break;
            case Value::Kind::Int:
                if (c.width == 0) return mismatch(c);
                putBig(m_buf, static_cast<std::uint32_t>(c.width), 4);
                putBig(m_buf, static_cast<std::uint64_t>(v.i), c.width);
                break;
            case Value::Kind::Text:
            case Value::Kind::Blob:
                if (c.width != 0) return mismatch(c);
                putBig(m_buf, static_cast<std::uint32_t>(v.s.size()), 4);
                m_buf += v.s;
                break;
            }
        }
        if (m_nullXid) putBig(m_buf, 0xFFFFFFFFu, 4); // bd_xid NULL
        ++m_rows;
        if (m_buf.size() >= kFlushAt) {
            if (auto s = m_sender->push(std::move(m_buf)); !s) return s;
            m_buf = std::string();
            m_buf.reserve(kFlushAt + (1 << 16));
        }
        return {};
    }

    Status finish(FileReport& report) override {
        putBig(m_buf, 0xFFFF, 2); // trailer
        if (auto s = m_sender->push(std::move(m_buf)); !s) return s;
        m_buf = std::string();
        auto sent = m_sender->finish();
        m_sender.reset();
        if (!sent) return sent;
        m_copying = false;
        auto copied = m_c.copyEnd();
        if (!copied) return copied.error();
        m_copied[static_cast<int>(m_kind)] = true;
        return merge(report, *copied);
    }

    Status loadClients(imp::ClientIndex& into) override {
        auto rows = m_c.query("SELECT client_id, id FROM clients");
        if (!rows) return rows.error();
        into.clear();
        for (int r = 0; r < rows->size(); ++r) into.add(rows->textView(r, 0), rows->int64(r, 1));
        return {};
    }

    /// "clients,trades": the kinds this run wrote, for the one announcement at its end.
    std::string kindsWritten() const {
        std::string out;
        for (int k = 0; k < kImportKindCount; ++k)
            if (m_copied[k])
                out += (out.empty() ? "" : ",") +
                       std::string(importKindName(static_cast<ImportKind>(k)));
        return out;
    }

  private:
    static constexpr std::size_t kFlushAt = 1 << 20;

    Status mismatch(const CopyColumn& c) const {
        return makeError(ErrorCode::Internal,
                         "import: " + m_table + "." + c.name + " has another type on the server");
    }

    Status merge(FileReport& report, std::int64_t copied) {
        if (m_direct) { // every row went into the empty table
            report.rows_new = copied;
            return m_c.run("SELECT bd_first_load_end($1)", PgParams(m_table));
        }
        // The planner knows nothing of a fresh table until it is analysed.
        if (!m_empty)
            if (auto s = m_c.run("ANALYZE " + m_stage); !s) return s;
        if (m_table == "clients") {
            // Brokers and branches are referenced by foreign keys: bare rows for new ids, as
            // the desk's importer makes them.
            for (const char* sql :
                 {"INSERT INTO branches(branch_id) SELECT DISTINCT branch_id FROM bd_stage_clients "
                  "WHERE branch_id IS NOT NULL ON CONFLICT DO NOTHING",
                  "INSERT INTO brokers(broker_id, branch_id) SELECT DISTINCT ON (broker_id) "
                  "broker_id, branch_id FROM bd_stage_clients ORDER BY broker_id, branch_id "
                  "ON CONFLICT DO NOTHING"})
                if (auto s = m_c.run(sql); !s) return s;
        }
        std::string keysMatch, stored, staged, sets;
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            const std::string& c = m_columns[i].name;
            if (static_cast<int>(i) < m_keyCount) {
                keysMatch += (keysMatch.empty() ? "" : " AND ") + ("t." + c + " = s." + c);
            } else {
                stored += (stored.empty() ? "" : ", ") + ("t." + c);
                staged += (staged.empty() ? "" : ", ") + ("s." + c);
                sets += (sets.empty() ? "" : ", ") + (c + " = s." + c);
            }
        }
        std::int64_t updated = 0;
        if (!sets.empty() && !m_empty) {
            // ROW(): a single non-key column compares the same way as several.
            auto u = m_c.query("UPDATE " + m_table + " t SET " + sets + " FROM " + m_stage +
                               " s WHERE " + keysMatch + " AND ROW(" + stored +
                               ") IS DISTINCT FROM ROW(" + staged + ")");
            if (!u) return u.error();
            updated = u->changed();
        }
        // Into an empty table every row is new (the file's keys are distinct).
        auto n = m_c.query("INSERT INTO " + m_table + "(" + m_list + ") SELECT " + m_list +
                           " FROM " + m_stage + " s" +
                           (m_empty ? std::string()
                                    : " WHERE NOT EXISTS (SELECT 1 FROM " + m_table + " t WHERE " +
                                          keysMatch + ")"));
        if (!n) return n.error();
        report.rows_new = n->changed();
        report.rows_updated = updated;
        report.rows_unchanged = m_rows - report.rows_new - updated;
        // Its indexes and foreign keys back, built from the loaded rows.
        if (m_firstLoad)
            if (auto s = m_c.run("SELECT bd_first_load_end($1)", PgParams(m_table)); !s) return s;
        // Gone at the commit anyway; dropped now so that a long run holds one at a time.
        return m_c.run("DROP TABLE " + m_stage);
    }

    PgConnection& m_c;
    ImportKind m_kind = ImportKind::Clients;
    std::string m_table, m_stage, m_list;
    int m_keyCount = 1;
    bool m_empty = false;
    bool m_firstLoad = false; // into an empty bulk table: its indexes and foreign keys are off
    bool m_direct = false;    // COPY straight into the table, not into staging
    bool m_freeze = false;    // ... with FREEZE, the table truncated first (server schema v10)
    bool m_nullXid = false;   // ... and bd_xid sent NULL (server schema v14)
    bool m_copying = false;   // a COPY is open on the connection
    std::vector<CopyColumn> m_columns;
    std::unique_ptr<CopySender> m_sender; // while a COPY is open
    std::string m_buf;
    std::int64_t m_rows = 0;
    bool m_copied[kImportKindCount] = {};
};

/// The import history of a run (server schema v13): a row per file, as a desk's importer writes
/// them, in the import's transaction (the trail records the login).
Status writeImportLog(PgConnection& c, const std::string& startedAt, const ImportReport& report) {
    for (const FileReport& r : report.files) {
        std::string message;
        if (!r.unknown_columns.empty()) {
            message = "ignored columns:";
            for (const auto& col : r.unknown_columns) message += " " + col;
        }
        if (auto s = c.run("INSERT INTO import_log(started_at, kind, file, encoding, rows_new, "
                           "rows_updated, rows_unchanged, rows_rejected, status, message) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                           PgParams(startedAt, importKindName(r.kind), r.path, r.encoding,
                                    r.rows_new, r.rows_updated, r.rows_unchanged, r.rows_rejected,
                                    r.rows_rejected > 0 ? "partial" : "ok", message));
            !s)
            return s;
    }
    return {};
}

} // namespace

Result<ImportReport> importToServer(PgConnection& c, const ImportFiles& files,
                                    const ImportOptions& options) {
    // Only the batch imports: a person's login is refused before anything is read.
    if (auto s = requireBatchLogin(c, "import"); !s) return s.error();
    auto version = serverSchemaVersion(c);
    if (!version) return version.error();
    const std::string startedAt = nowIso();
    // The book's text is UTF-8, as the importer decodes every file to. The staging tables stay
    // in memory up to 256 MB (the default 8 MB would send a nightly's trades to temporary
    // files); settable only before the session's first temporary table.
    if (auto s = c.run("SET client_encoding = 'UTF8'"); !s) return s.error();
    if (auto s = c.run("SET temp_buffers = '256MB'"); !s) // staging then spills to disk
        spdlog::warn("import: temp_buffers not raised: {}", s.error().toString());
    auto tx = PgTransaction::begin(c);
    if (!tx) return tx.error();
    if (auto s = c.run("SET LOCAL bd.bulk_import = 'on'"); !s) return s.error();
    ServerSink sink(c);
    // The run is kept: its history (which needs the whole report, rejected rows counted) and
    // its announcement are written, then it commits, once the run's report is complete.
    bool keep = false;
    auto report = imp::importThrough(sink, files, options, [&]() -> Status {
        keep = true;
        return {};
    });
    if (report && keep) {
        const imp::StageClock tCommit;
        if (*version >= kServerImportLogVersion)
            if (auto s = writeImportLog(c, startedAt, *report); !s) return s.error();
        const std::string kinds = sink.kindsWritten();
        if (!kinds.empty())
            if (auto s = c.run("SELECT pg_notify('bd_book', $1)", PgParams("import:" + kinds)); !s)
                return s.error();
        if (auto s = tx->commit(); !s) return s.error();
        for (ImportStage& stage : report->stages)
            if (stage.name == "commit") stage = tCommit.done("commit");
    }
    return imp::stoppedIfCancelled(std::move(report), options); // tx rolls back on return
}

Result<std::int64_t> copyServerImportLog(PgConnection& c, Database& desk) {
    auto version = serverSchemaVersion(c);
    if (!version) return version.error();
    if (*version < kServerImportLogVersion) return 0;
    auto n = copyServerTable(c, desk, "import_log");
    if (!n) return readingFromServer("import_log", n.error());
    return n;
}

} // namespace bd::storage
