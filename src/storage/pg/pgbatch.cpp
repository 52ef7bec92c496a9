#include "storage/pg/pgbatch.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <optional>
#include <string_view>
#include <system_error>

#include "core/clock.h"
#include "storage/book/tradedays.h"
#include "storage/db/bulkinsert.h"
#include "storage/db/bulkjournal.h"
#include "storage/db/pagecache.h"
#include "storage/pg/pgcopyin.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgschema_v14_change_tracking.h"
#include "storage/pg/pgschema_v15_run_partitions.h"
#include "storage/pg/pgschema_v17_batch_copies.h"

namespace bd::storage {
namespace {

using Clock = std::chrono::steady_clock;

/// The scratch book's page cache while the copy is written (KiB; SQLite takes what it uses).
constexpr std::int64_t kCopyCacheKib = std::int64_t{1} << 20;

/// Segment labels kept per run, as saveSegmentRun's default on a desk.
constexpr int kKeepLabelRuns = 10;

/// The client records the pipeline reads, in dependency order (the reverse of `server load`,
/// pgload.cpp, less what no result depends on: the trails, notes and corrections). Trades come
/// apart, as per-day aggregates (copyTradeDays).
constexpr std::array<std::string_view, 10> kSources = {
    "branches",  "brokers",  "securities", "clients",     "assets",
    "positions", "contacts", "tags",       "client_tags", "client_relations"};

/// How a result table's rows are told apart: by the run they belong to (an analytics run or a
/// plan run: the rows of runs newer than the snapshot are the new ones), by the KPI month (the
/// months the refresh computed again), or not at all (the whole table is the plan's state).
enum class KeyKind { AnalyticsRun, PlanRun, KpiMonth, Whole };

struct ResultTable {
    std::string_view name;
    std::string_view key; // the key column ("" for Whole)
    KeyKind kind;
    BatchResults group;
    /// One row per client and run: only the newest run's rows are read (all the pipeline reads
    /// of earlier runs), older runs are kept or pruned on the server (writeBatchResults).
    bool newest_only = false;
};

// Parents before children: inserted in this order, deleted in the reverse.
constexpr std::array<ResultTable, 18> kResults = {{
    {"analytics_runs", "id", KeyKind::AnalyticsRun, BatchResults::Refresh},
    {"analytics_results", "run_id", KeyKind::AnalyticsRun, BatchResults::Refresh, true},
    {"client_scores", "run_id", KeyKind::AnalyticsRun, BatchResults::Refresh, true},
    {"clv_models", "run_id", KeyKind::AnalyticsRun, BatchResults::Refresh},
    {"segment_runs", "run_id", KeyKind::AnalyticsRun, BatchResults::Refresh},
    {"segments", "run_id", KeyKind::AnalyticsRun, BatchResults::Refresh},
    {"segment_labels", "run_id", KeyKind::AnalyticsRun, BatchResults::Refresh, true},
    {"segment_factors", "run_id", KeyKind::AnalyticsRun, BatchResults::Refresh},
    {"segment_factor_loadings", "run_id", KeyKind::AnalyticsRun, BatchResults::Refresh},
    {"segment_k_choices", "run_id", KeyKind::AnalyticsRun, BatchResults::Refresh},
    {"segment_migrations", "run_id", KeyKind::AnalyticsRun, BatchResults::Refresh},
    {"kpi_months", "month", KeyKind::KpiMonth, BatchResults::Refresh},
    {"kpi_contacts", "month", KeyKind::KpiMonth, BatchResults::Refresh},
    {"kpi_vip_changes", "month", KeyKind::KpiMonth, BatchResults::Refresh},
    {"plan_runs", "id", KeyKind::PlanRun, BatchResults::Plan},
    {"follow_up_tasks", "", KeyKind::Whole, BatchResults::Plan},
    {"plan_tasks", "", KeyKind::Whole, BatchResults::Plan},
    {"plan_dropped", "run_id", KeyKind::PlanRun, BatchResults::Plan},
}};

/// One column of a server table and how its values travel.
struct Column {
    std::string name;
    enum class Type { Int, Real, Text } type = Type::Text;
};

/// The server table's columns in order (the desk's book has the same names), but the writer of
/// a tracked row (server schema v14), which is the server's alone.
Result<std::vector<Column>> columnsOf(PgConnection& c, std::string_view table) {
    auto rows = c.query("SELECT attname, format_type(atttypid, NULL) FROM pg_attribute WHERE "
                        "attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped "
                        "AND attname <> $2 ORDER BY attnum",
                        PgParams(table, kWriterColumn));
    if (!rows) return rows.error();
    std::vector<Column> out;
    for (int i = 0; i < rows->size(); ++i) {
        const std::string_view type = rows->textView(i, 1);
        Column col{rows->text(i, 0), Column::Type::Text};
        if (type == "bigint" || type == "integer" || type == "smallint")
            col.type = Column::Type::Int;
        else if (type == "double precision")
            col.type = Column::Type::Real;
        out.push_back(std::move(col));
    }
    return out;
}

std::string columnList(const std::vector<Column>& cols) {
    std::string out;
    for (const Column& col : cols) out += (out.empty() ? "" : ", ") + col.name;
    return out;
}

/// A COPY text field unescaped (PostgreSQL writes only these escapes).
void unescapeInto(std::string& out, std::string_view field) {
    // The escape letters and what they stand for; any other escaped character is itself.
    constexpr std::string_view kLetters = "tnrbfv", kChars = "\t\n\r\b\f\v";
    for (std::size_t i = 0; i < field.size(); ++i) {
        const char ch = field[i];
        if (ch != '\\' || i + 1 == field.size()) {
            out += ch;
            continue;
        }
        const char escaped = field[++i];
        const std::size_t k = kLetters.find(escaped);
        out += k == std::string_view::npos ? escaped : kChars[k];
    }
}

Result<std::int64_t> parseInt(std::string_view s) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        return makeError(ErrorCode::Internal,
                         "not an integer from the server: '" + std::string(s.substr(0, 40)) + "'");
    return v;
}

/// Rows read from the server and held until they are inserted into the scratch book: the
/// values of a chunk in one arena (the views handed to bulkInsert point into it).
class RowChunk {
  public:
    explicit RowChunk(const std::vector<Column>& cols) : m_cols(cols) {}
    Status add(std::string_view line) {
        std::size_t col = 0, start = 0;
        for (std::size_t i = 0; i <= line.size(); ++i) {
            if (i < line.size() && line[i] != '\t') continue;
            if (col >= m_cols.size())
                return makeError(ErrorCode::Internal, "more columns than expected from COPY");
            const std::string_view field = line.substr(start, i - start);
            Cell cell;
            if (field == "\\N") {
                cell.null = true;
            } else {
                cell.at = m_arena.size();
                unescapeInto(m_arena, field);
                cell.size = m_arena.size() - cell.at;
            }
            m_cells.push_back(cell);
            ++col;
            start = i + 1;
        }
        if (col != m_cols.size())
            return makeError(ErrorCode::Internal, "fewer columns than expected from COPY");
        ++m_rows;
        return {};
    }
    std::size_t rows() const { return m_rows; }
    std::size_t bytes() const { return m_arena.size(); }
    Status insertInto(Database& db, std::string_view table) {
        std::vector<std::string_view> names;
        for (const Column& col : m_cols) names.push_back(col.name);
        std::optional<Error> bad;
        const std::size_t n = m_cols.size();
        auto s = bulkInsert(db, table, names, m_rows, [&](std::size_t row, BulkRow& out) {
            for (std::size_t c = 0; c < n; ++c) {
                const Cell& cell = m_cells[row * n + c];
                if (cell.null) {
                    out[c] = BulkValue::null();
                    continue;
                }
                const std::string_view v(m_arena.data() + cell.at, cell.size);
                switch (m_cols[c].type) {
                case Column::Type::Int: {
                    auto i = parseInt(v);
                    if (!i && !bad) bad = i.error();
                    out[c] = BulkValue::of(i ? *i : 0);
                    break;
                }
                case Column::Type::Real:
                    out[c] = BulkValue::real(std::strtod(std::string(v).c_str(), nullptr));
                    break;
                case Column::Type::Text:
                    out[c] = BulkValue::text(v);
                }
            }
        });
        if (bad) return *bad;
        m_cells.clear();
        m_arena.clear();
        m_rows = 0;
        return s;
    }

  private:
    struct Cell {
        std::size_t at = 0, size = 0;
        bool null = false;
    };
    const std::vector<Column>& m_cols;
    std::vector<Cell> m_cells;
    std::string m_arena;
    std::size_t m_rows = 0;
};

/// One table copied from the server into the scratch book (the rows `where` keeps, when given);
/// the rows copied.
Result<std::int64_t> copyTableIn(PgConnection& c, Database& scratch, std::string_view table,
                                 const std::string& where = {}) {
    auto cols = columnsOf(c, table);
    if (!cols) return cols.error();
    RowChunk chunk(*cols);
    auto copied = c.copyOut("COPY (SELECT " + columnList(*cols) + " FROM " + std::string(table) +
                                where + ") TO STDOUT",
                            [&](std::string_view line) -> Status {
                                if (auto s = chunk.add(line); !s) return s;
                                if (chunk.bytes() >= (std::size_t{32} << 20))
                                    return chunk.insertInto(scratch, table);
                                return {};
                            });
    if (!copied) return copied.error();
    if (chunk.rows() > 0)
        if (auto s = chunk.insertInto(scratch, table); !s) return s.error();
    return *copied;
}

/// The server's trades as the desk book's per-client-day aggregates (trade_days): what every
/// reader of the pipeline takes from trades, at a fraction of the rows a copy of the trades
/// would write. The trades rows themselves stay on the server. Reads only (no scratch book):
/// it runs on a connection and thread of its own while the other tables are copied.
struct ServerTradeDays {
    std::vector<TradeDayRow> days; // sorted as the desk book keeps them
    std::int64_t trades = 0;       // rows read
};

Result<ServerTradeDays> readTradeDays(PgConnection& c) {
    ServerTradeDays out;
    std::vector<TradeDayRow>& days = out.days;
    std::vector<std::int64_t> last; // per client_ref: its latest row in `days` (+1; 0: none)
    auto copied = c.copyOut(
        "COPY (SELECT client_ref, trade_time, amount, commission FROM trades) TO STDOUT",
        [&](std::string_view line) -> Status {
            std::array<std::int64_t, 4> v{};
            std::size_t start = 0;
            for (std::size_t k = 0; k < 4; ++k) {
                const std::size_t end = k < 3 ? line.find('\t', start) : line.size();
                if (end == std::string_view::npos)
                    return makeError(ErrorCode::Internal, "a trades row with too few columns");
                auto n = parseInt(line.substr(start, end - start));
                if (!n) return n.error();
                v[k] = *n;
                start = end + 1;
            }
            const std::int64_t ref = v[0], day = tradeDayOf(v[1]);
            if (ref >= 0 && static_cast<std::size_t>(ref) >= last.size())
                last.resize(static_cast<std::size_t>(ref) + 1, 0);
            std::int64_t* at = ref >= 0 ? &last[static_cast<std::size_t>(ref)] : nullptr;
            if (at && *at > 0 && days[static_cast<std::size_t>(*at - 1)].day == day) {
                TradeDayRow& r = days[static_cast<std::size_t>(*at - 1)];
                ++r.trades;
                r.amount += v[2];
                r.commission += v[3];
                return {};
            }
            days.push_back({ref, day, 1, v[2], v[3]});
            if (at) *at = static_cast<std::int64_t>(days.size());
            return {};
        });
    if (!copied) return readingFromServer("trades", copied.error());
    out.trades = *copied;
    sortTradeDayRows(days); // merges a client's day met again after another day
    return out;
}

/// A second connection with `c`'s parameters (the same server, database and login, with the
/// password `c` was given), as a libpq key=value string of them.
Result<PgConnection> anotherConnection(PgConnection& c) {
    PQconninfoOption* options = PQconninfo(c.handle());
    if (options == nullptr)
        return makeError(ErrorCode::Internal, "libpq could not list the connection's parameters");
    std::string info;
    for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (o->val == nullptr) continue;
        info += std::string(info.empty() ? "" : " ") + o->keyword + "='";
        for (const char* v = o->val; *v != '\0'; ++v) {
            if (*v == '\'' || *v == '\\') info += '\\';
            info += *v;
        }
        info += '\'';
    }
    PQconninfoFree(options);
    return PgConnection::connect(info);
}

/// A second connection reading in the snapshot of `c`'s transaction (REPEATABLE READ, begun):
/// what it reads is what `c` would. Nullopt when no second connection can be had (the copy
/// then reads on `c` alone).
std::optional<PgConnection> snapshotReader(PgConnection& c) {
    auto snapshot = c.query("SELECT pg_export_snapshot()");
    if (!snapshot) return std::nullopt;
    auto second = anotherConnection(c);
    if (!second) {
        spdlog::debug("batch: reading on one connection ({})", second.error().toString());
        return std::nullopt;
    }
    // SET takes no parameters: the server's snapshot id, quoted as a literal.
    if (auto s = second->run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !s) {
        spdlog::debug("batch: reading on one connection ({})", s.error().toString());
        return std::nullopt;
    }
    if (auto s =
            second->run("SET TRANSACTION SNAPSHOT " + quoteLiteral(*second, snapshot->text(0, 0)));
        !s) {
        spdlog::debug("batch: reading on one connection ({})", s.error().toString());
        return std::nullopt;
    }
    return std::move(*second);
}

Result<std::set<std::int64_t>> keysIn(Database& db, const ResultTable& t) {
    std::set<std::int64_t> keys;
    if (t.kind == KeyKind::Whole) return keys;
    auto st = db.prepare("SELECT DISTINCT " + std::string(t.key) + " FROM " + std::string(t.name));
    if (!st) return st.error();
    if (auto s = st->forEach([&](const Statement& r) { keys.insert(r.int64(0)); }); !s)
        return s.error();
    return keys;
}

std::string jsonArray(const std::set<std::int64_t>& keys) {
    std::string out = "[";
    for (std::int64_t k : keys) out += (out.size() > 1 ? "," : "") + std::to_string(k);
    return out + "]";
}

std::string pgArray(const std::set<std::int64_t>& keys) {
    std::string out = "{";
    for (std::int64_t k : keys) out += (out.size() > 1 ? "," : "") + std::to_string(k);
    return out + "}";
}

/// The keys of `t` the pipeline wrote since the snapshot (to insert, after deleting whatever
/// the server holds under them).
Result<std::set<std::int64_t>> keysWritten(Database& scratch, const ResultTable& t,
                                           const ServerSnapshot& snap) {
    std::set<std::int64_t> out;
    if (t.kind == KeyKind::KpiMonth) {
        // The months the KPI update computed: stamped at or after the newest stamp held.
        auto st = scratch.prepare("SELECT DISTINCT month FROM kpi_months WHERE computed_at >= ?1");
        if (!st) return st.error();
        st->bind(1, snap.kpi_computed_max);
        if (auto s = st->forEach([&](const Statement& r) { out.insert(r.int64(0)); }); !s)
            return s.error();
        return out;
    }
    auto after = keysIn(scratch, t);
    if (!after) return after.error();
    const std::int64_t newest =
        t.kind == KeyKind::AnalyticsRun ? snap.analytics_run_max : snap.plan_run_max;
    for (std::int64_t k : *after)
        if (k > newest) out.insert(k);
    return out;
}

/// Streams the scratch book's rows of `t` (all, or those under `keys`) into the server's table
/// `into` by COPY; the rows copied.
Result<std::int64_t> copyResultsInto(Database& scratch, PgConnection& c, const ResultTable& t,
                                     const std::vector<Column>& cols,
                                     const std::set<std::int64_t>* keys, const std::string& into) {
    const std::string name(t.name);
    std::string sql = "SELECT " + columnList(cols) + " FROM " + name;
    if (keys) sql += " WHERE " + std::string(t.key) + " IN (SELECT value FROM json_each(?1))";
    auto st = scratch.prepare(sql);
    if (!st) return st.error();
    const std::string json = keys ? jsonArray(*keys) : std::string();
    if (keys) st->bind(1, json);
    return copyRowsIn(c, "COPY " + into + " (" + columnList(cols) + ") FROM STDIN", *st,
                      [&](std::string& buffer, const Statement& r, int col) {
                          const Column::Type type = cols[static_cast<std::size_t>(col)].type;
                          if (type == Column::Type::Int)
                              buffer += std::to_string(r.int64(col));
                          else if (type == Column::Type::Real)
                              // shortest exact: a double comes back
                              buffer += fmt::format("{}", r.real(col));
                          else
                              escapeCopyValue(buffer, r.textView(col));
                      });
}

/// Streams the scratch book's rows of `t` (all, or those under `keys`) into a temporary staging
/// table on the server, dropped at commit; the rows staged.
Result<std::int64_t> stage(Database& scratch, PgConnection& c, const ResultTable& t,
                           const std::vector<Column>& cols, const std::set<std::int64_t>* keys) {
    const std::string name(t.name), staging = "bd_stage_" + name;
    if (auto s = c.run("CREATE TEMPORARY TABLE " + staging + " (LIKE " + name +
                       " INCLUDING DEFAULTS) ON COMMIT DROP");
        !s)
        return s.error();
    return copyResultsInto(scratch, c, t, cols, keys, staging);
}

/// Whether the server keeps `t` in one partition per run (server schema v15).
Result<bool> partitionedByRun(PgConnection& c, std::string_view t) {
    if (std::find(kRunPartitioned.begin(), kRunPartitioned.end(), t) == kRunPartitioned.end())
        return false;
    auto r = c.query("SELECT relkind = 'p' FROM pg_class WHERE oid = $1::regclass", PgParams(t));
    if (!r) return r.error();
    return !r->empty() && r->boolean(0, 0);
}

/// A run's rows written as a table of its own (server schema v15): the table made by the
/// server for the run, filled by COPY; attached later (attachRun). The rows copied.
Result<std::int64_t> fillRun(Database& scratch, PgConnection& c, const ResultTable& t,
                             const std::vector<Column>& cols, std::int64_t run) {
    auto made = c.query("SELECT bd_batch_new_run($1, $2)", PgParams(std::string(t.name), run));
    if (!made) return made.error();
    const std::set<std::int64_t> one{run};
    return copyResultsInto(scratch, c, t, cols, &one,
                           "public." + quoteIdentifier(c, made->text(0, 0)));
}

/// Detaches and drops the partitions of `runs` the server holds of `t` (the others skipped).
Status dropRuns(PgConnection& c, std::string_view t, const std::set<std::int64_t>& runs) {
    if (runs.empty()) return {};
    return c.run("SELECT bd_batch_drop_runs($1, $2::bigint[])",
                 PgParams(std::string(t), pgArray(runs)));
}

Result<std::int64_t> serverInt(PgConnection& c, std::string_view sql) {
    auto r = c.query(sql);
    if (!r) return r.error();
    return r->isNull(0, 0) ? 0 : r->int64(0, 0);
}

} // namespace

Status requireBatchLogin(PgConnection& c, std::string_view what) {
    if (auto s = requireServerBook(c); !s) return s;
    auto login = bookLogin(c);
    if (!login) return login.error();
    const std::string& role = login->role;
    if (role == "batch") return {};
    return makeError(ErrorCode::NotPermitted,
                     std::string(what) + " on the branch book " + c.database() +
                         " is run by a batch login; " + c.user() + " is " +
                         (role.empty() ? std::string("no user of this book") : "a " + role) +
                         " (the administrator adds a batch login with `brokerdesk-cli server "
                         "user add --role batch`)");
}

Result<std::int64_t> copyServerTable(PgConnection& c, Database& desk, std::string_view table,
                                     const std::string& where) {
    return copyTableIn(c, desk, table, where);
}

Error readingFromServer(std::string_view table, Error e) {
    e.message = "reading " + std::string(table) + " from the server: " + e.message;
    return e;
}

Result<std::vector<std::string>> serverColumnNames(PgConnection& c, std::string_view table) {
    auto cols = columnsOf(c, table);
    if (!cols) return cols.error();
    std::vector<std::string> out;
    for (Column& col : *cols) out.push_back(std::move(col.name));
    return out;
}

Result<ServerSnapshot> copyServerBook(PgConnection& c, Database& scratch,
                                      const std::function<Status()>& alsoInSnapshot) {
    const auto t0 = Clock::now();
    ServerSnapshot snap;
    // One snapshot for every read: what a desk commits meanwhile is in all tables or in none.
    auto tx = PgTransaction::begin(c, PgTransaction::Isolation::ReadOnlySnapshot);
    if (!tx) return tx.error();
    // The copy is written once, into the file (not into the WAL and again), its pages kept in
    // memory until the commit.
    const BulkJournal journal(scratch);
    const LargerPageCache cache(scratch, kCopyCacheKib);
    Transaction local(scratch, journal.lock());
    if (!local.began()) return local.began().error();
    // The trades are read and summed per client and day on a second connection in the same
    // snapshot, on a thread of its own, while this one copies the other tables: the two
    // biggest reads stream side by side. (The future waits for the thread however this ends.)
    std::optional<PgConnection> second = snapshotReader(c);
    std::future<Result<ServerTradeDays>> tradesRead;
    if (second) {
        snap.readers = 2;
        try {
            tradesRead = std::async(std::launch::async, [&second] {
                auto read = readTradeDays(*second);
                if (read) (void)second->run("COMMIT");
                return read;
            });
        } catch (const std::system_error& e) {
            spdlog::debug("batch: trades read on this thread ({})", e.what());
            snap.readers = 1;
        }
    }
    for (std::string_view table : kSources) {
        auto n = copyTableIn(c, scratch, table);
        if (!n) return readingFromServer(table, n.error());
        snap.rows_read.emplace_back(std::string(table), *n);
    }
    for (const ResultTable& t : kResults) {
        const std::string newest =
            " WHERE run_id = (SELECT max(run_id) FROM " + std::string(t.name) + ")";
        auto n = copyTableIn(c, scratch, t.name, t.newest_only ? newest : std::string());
        if (!n) return n.error();
        snap.rows_read.emplace_back(std::string(t.name), *n);
    }
    for (auto [field, sql] :
         {std::pair{&snap.analytics_run_max, "SELECT max(id) FROM analytics_runs"},
          std::pair{&snap.plan_run_max, "SELECT max(id) FROM plan_runs"},
          std::pair{&snap.kpi_computed_max, "SELECT max(computed_at) FROM kpi_months"}}) {
        auto v = serverInt(c, sql);
        if (!v) return v.error();
        *field = *v;
    }
    auto trades = tradesRead.valid() ? tradesRead.get() : readTradeDays(c);
    if (!trades) return trades.error();
    if (auto s = replaceTradeDays(scratch, trades->days); !s) return s.error();
    snap.rows_read.emplace_back("trades", trades->trades);
    if (alsoInSnapshot)
        if (auto s = alsoInSnapshot(); !s) return s.error();
    auto snapshot = c.query("SELECT pg_current_snapshot()::text");
    if (!snapshot) return snapshot.error();
    snap.snapshot = snapshot->text(0, 0);
    if (auto s = tx->commit(); !s) return s.error();
    if (auto s = local.commit(); !s) return s.error();
    if (auto s = noteResultsBefore(scratch, snap); !s) return s.error();
    snap.read_ms = msSince(t0);
    return snap;
}

Status noteResultsBefore(Database& scratch, ServerSnapshot& snap) {
    for (const ResultTable& t : kResults) {
        auto keys = keysIn(scratch, t);
        if (!keys) return keys.error();
        snap.keys_before[std::string(t.name)] = std::move(*keys);
    }
    return {};
}

Result<std::vector<std::pair<std::string, char>>> serverColumnKinds(PgConnection& c,
                                                                    std::string_view table) {
    auto cols = columnsOf(c, table);
    if (!cols) return cols.error();
    std::vector<std::pair<std::string, char>> out;
    for (Column& col : *cols)
        out.emplace_back(std::move(col.name), col.type == Column::Type::Int    ? 'i'
                                              : col.type == Column::Type::Real ? 'r'
                                                                               : 't');
    return out;
}

std::vector<std::pair<std::string_view, bool>> serverResultTables() {
    std::vector<std::pair<std::string_view, bool>> out;
    for (const ResultTable& t : kResults) out.emplace_back(t.name, t.newest_only);
    return out;
}

namespace {

/// A prune in the results' transaction that must not queue desks behind it: `prune` in a
/// savepoint, waiting at most two seconds for a lock; when it cannot have one (Busy) it is
/// undone and false returned (the next night prunes). Any other failure is the night's.
Result<bool> pruneWithoutWaiting(PgConnection& c, const std::function<Status()>& prune,
                                 std::string_view what) {
    if (auto s = c.run("SAVEPOINT bd_prune"); !s) return s.error();
    if (auto s = c.run("SET LOCAL lock_timeout = '2s'"); !s) return s.error();
    if (auto pruned = prune(); !pruned) {
        if (pruned.error().code != ErrorCode::Busy) return pruned.error();
        spdlog::warn("batch: {} is left for the next night (its readers held the table): {}", what,
                     pruned.error().message);
        if (auto s = c.run("ROLLBACK TO SAVEPOINT bd_prune"); !s) return s.error();
        return false;
    }
    if (auto s = c.run("RELEASE SAVEPOINT bd_prune"); !s) return s.error();
    if (auto s = c.run("SET LOCAL lock_timeout TO DEFAULT"); !s) return s.error();
    return true;
}

/// Drops the partitions of `table`'s runs that `olderRuns` lists (past the newest `keep`).
/// Dropping one takes an exclusive lock on the parent until the commit; queued behind a desk's
/// long read it would hold every later reader of the table behind it. So it waits at most two
/// seconds, and a night that cannot have the lock keeps the old runs for the next night's prune
/// (an extra run costs disk, never a wrong answer: readers take the newest).
Status dropOlderRuns(PgConnection& c, const std::string& table, const std::string& olderRuns,
                     int keep) {
    auto older = c.query(olderRuns, PgParams(keep));
    if (!older) return older.error();
    std::set<std::int64_t> runs;
    for (int i = 0; i < older->size(); ++i) runs.insert(older->int64(i, 0));
    if (runs.empty()) return {};
    auto dropped = pruneWithoutWaiting(
        c, [&] { return dropRuns(c, table, runs); }, "dropping the older runs of " + table);
    if (!dropped) return dropped.error();
    return {};
}

/// The kept copy recorded with the snapshot it holds (server schema v17), then the change log
/// pruned behind the oldest copy seen within the retention: a range of its xid index, rows no
/// copy needs, so desks' writes never wait on it (they only add rows); at most two seconds
/// behind a lock, else left to the next night (a longer log costs a longer read, never a wrong
/// answer).
Status noteCopyAndPrune(PgConnection& c, const ServerSnapshot& snap, BatchWrite& out) {
    if (auto s = c.run("SELECT bd_note_batch_copy($1, $2::pg_snapshot)",
                       PgParams(snap.copy_id, snap.snapshot));
        !s)
        return s;
    const auto t0 = Clock::now();
    auto pruned = pruneWithoutWaiting(
        c,
        [&]() -> Status {
            auto n = c.query("SELECT bd_prune_rows_gone($1)",
                             PgParams(std::int64_t{kBatchCopyRetentionDays}));
            if (!n) return n.error();
            out.rows_gone_pruned = n->int64(0, 0);
            return {};
        },
        "pruning the change log (bd_rows_gone)");
    if (!pruned) return pruned.error();
    out.prune_deferred = !*pruned;
    if (!*pruned) out.rows_gone_pruned = 0;
    out.prune_ms = msSince(t0);
    return {};
}

/// Of the ids the scratch book's `sql` lists, those the server's `table` no longer holds (a
/// batch login reads every row), ascending.
Result<std::vector<std::int64_t>> goneFromServer(Database& scratch, PgConnection& c,
                                                 std::string_view sql, std::string_view table) {
    std::set<std::int64_t> ids;
    auto st = scratch.prepare(sql);
    if (!st) return st.error();
    if (auto s = st->forEach([&](const Statement& r) { ids.insert(r.int64(0)); }); !s)
        return s.error();
    std::vector<std::int64_t> gone;
    if (ids.empty()) return gone;
    // The table is the storage layer's own name, never input.
    auto r = c.query("SELECT i FROM unnest($1::bigint[]) i WHERE NOT EXISTS (SELECT 1 FROM " +
                         std::string(table) + " t WHERE t.id = i) ORDER BY 1",
                     PgParams(pgArray(ids)));
    if (!r) return r.error();
    for (int i = 0; i < r->size(); ++i) gone.push_back(r->int64(i, 0));
    return gone;
}

/// Rows removed on the server while the night ran (read, computed on, not yet written): a
/// client whose add a desk undid, a contact the administrator removed. In the results' own
/// transaction, before they are staged: the removed clients' result rows are taken out of the
/// scratch book, so they are neither written (their foreign keys would refuse the whole night)
/// nor kept in a kept copy (which holds what the server holds); a plan item's removed contact
/// is taken off the item, which stays. The rest of the night is written as computed (its
/// counts include the removed client, as of the snapshot it read). The clients removed.
Result<std::vector<std::int64_t>> dropResultsOfRemovedRows(Database& scratch, PgConnection& c,
                                                           BatchResults what) {
    auto clients = goneFromServer(scratch, c, "SELECT id FROM clients", "clients");
    if (!clients) return clients.error();
    std::vector<std::int64_t> contacts;
    if (what == BatchResults::Plan) {
        auto gone = goneFromServer(
            scratch, c, "SELECT contact_id FROM follow_up_tasks WHERE contact_id IS NOT NULL",
            "contacts");
        if (!gone) return gone.error();
        contacts = std::move(*gone);
    }
    if (clients->empty() && contacts.empty()) return clients;
    Transaction tx(scratch);
    if (!tx.began()) return tx.began().error();
    const std::set<std::int64_t> gone(clients->begin(), clients->end());
    const std::string json = jsonArray(gone);
    std::vector<std::string> sql;
    // A plan item's own rows first (plan_tasks name it), then every result row of the client.
    if (what == BatchResults::Plan)
        sql.emplace_back("DELETE FROM plan_tasks WHERE task_id IN (SELECT id FROM follow_up_tasks "
                         "WHERE client_ref IN (SELECT value FROM json_each(?1)))");
    for (const ResultTable& t : kResults) {
        if (t.group != what) continue;
        auto has = scratch.prepare("SELECT 1 FROM pragma_table_info(?1) WHERE name = 'client_ref'");
        if (!has) return has.error();
        has->bind(1, t.name);
        auto found = has->first([] {});
        if (!found) return found.error();
        if (*found)
            sql.push_back("DELETE FROM " + std::string(t.name) +
                          " WHERE client_ref IN (SELECT value FROM json_each(?1))");
    }
    for (const std::string& s : sql) {
        if (gone.empty()) break;
        auto st = scratch.prepare(s);
        if (!st) return st.error();
        st->bind(1, json);
        if (auto r = st->run(); !r) return r.error();
    }
    if (!contacts.empty()) {
        auto st = scratch.prepare("UPDATE follow_up_tasks SET contact_id = NULL WHERE contact_id "
                                  "IN (SELECT value FROM json_each(?1))");
        if (!st) return st.error();
        st->bind(1, jsonArray(std::set<std::int64_t>(contacts.begin(), contacts.end())));
        if (auto r = st->run(); !r) return r.error();
    }
    if (auto s = tx.commit(); !s) return s.error();
    spdlog::warn("batch: {} clients and {} contacts were removed on the server while the night "
                 "ran: their results are not written",
                 gone.size(), contacts.size());
    return clients;
}

} // namespace

Result<BatchWrite> writeBatchResults(Database& scratch, PgConnection& c, const ServerSnapshot& snap,
                                     BatchResults what, int keepScoredRuns) {
    const auto t0 = Clock::now();
    struct Plan {
        const ResultTable* table;
        std::vector<Column> cols;
        std::set<std::int64_t> written, removed;
        bool partitioned = false; // one partition per run (server schema v15)
    };
    std::vector<Plan> plans;
    for (const ResultTable& t : kResults) {
        if (t.group != what) continue;
        Plan p{&t, {}, {}, {}};
        auto cols = columnsOf(c, t.name);
        if (!cols) return cols.error();
        p.cols = std::move(*cols);
        auto partitioned = partitionedByRun(c, t.name);
        if (!partitioned) return partitioned.error();
        p.partitioned = *partitioned;
        if (t.kind != KeyKind::Whole) {
            auto written = keysWritten(scratch, t, snap);
            if (!written) return written.error();
            p.written = std::move(*written);
            if (t.kind != KeyKind::KpiMonth) {
                // Runs the pipeline removed (the scores of runs past the newest kept ones).
                auto after = keysIn(scratch, t);
                if (!after) return after.error();
                const auto& before = snap.keys_before.at(std::string(t.name));
                for (std::int64_t k : before)
                    if (!after->count(k)) p.removed.insert(k);
            }
        }
        plans.push_back(std::move(p));
    }

    auto tx = PgTransaction::begin(c);
    if (!tx) return tx.error();
    // One batch writes results at a time; one that started from an older snapshot stops.
    if (auto s = c.run("SELECT pg_advisory_xact_lock($1)", PgParams(kBatchResultsLock)); !s)
        return s.error();
    const bool refresh = what == BatchResults::Refresh;
    auto newest = serverInt(c, refresh ? "SELECT max(id) FROM analytics_runs"
                                       : "SELECT max(id) FROM plan_runs");
    if (!newest) return newest.error();
    if (*newest != (refresh ? snap.analytics_run_max : snap.plan_run_max))
        return makeError(ErrorCode::Busy,
                         "another batch stored its results while this one ran; nothing was "
                         "written: run it again");
    BatchWrite out;
    auto removed = dropResultsOfRemovedRows(scratch, c, what);
    if (!removed) return removed.error();
    out.clients_removed = static_cast<std::int64_t>(removed->size());
    for (Plan& p : plans) {
        const bool whole = p.table->kind == KeyKind::Whole;
        std::int64_t rows = 0;
        if (p.partitioned) {
            // Each new run's rows into a table of its own, attached after its parents' rows.
            for (std::int64_t run : p.written) {
                auto n = fillRun(scratch, c, *p.table, p.cols, run);
                if (!n) return n.error();
                rows += *n;
            }
        } else {
            auto n = stage(scratch, c, *p.table, p.cols, whole ? nullptr : &p.written);
            if (!n) return n.error();
            rows = *n;
        }
        out.rows_written.emplace_back(std::string(p.table->name), rows);
    }
    // Children first, then parents; the inserts the other way round.
    for (auto it = plans.rbegin(); it != plans.rend(); ++it) {
        const std::string name(it->table->name);
        if (it->table->kind == KeyKind::Whole) {
            if (auto s = c.run("DELETE FROM " + name); !s) return s.error();
            continue;
        }
        // The runs written are newer than any the server holds (checked above): only the
        // removed ones have partitions to drop.
        if (it->partitioned) {
            if (auto s = dropRuns(c, it->table->name, it->removed); !s) return s.error();
            continue;
        }
        std::set<std::int64_t> gone = it->removed;
        gone.insert(it->written.begin(), it->written.end());
        if (gone.empty()) continue;
        if (auto s = c.run("DELETE FROM " + name + " WHERE " + std::string(it->table->key) +
                               " = ANY($1::bigint[])",
                           PgParams(pgArray(gone)));
            !s)
            return s.error();
    }
    for (const Plan& p : plans) {
        const std::string name(p.table->name), cols = columnList(p.cols);
        if (p.partitioned) {
            for (std::int64_t run : p.written)
                if (auto s = c.run("SELECT bd_batch_attach_run($1, $2)", PgParams(name, run)); !s)
                    return s.error();
            continue;
        }
        if (auto s = c.run("INSERT INTO " + name + " (" + cols + ") SELECT " + cols +
                           " FROM bd_stage_" + name);
            !s)
            return s.error();
    }
    // A desk's next booking (server schema v8) takes an id past the plan's.
    if (!refresh)
        if (auto s = c.run("SELECT setval(pg_get_serial_sequence('follow_up_tasks', 'id'), "
                           "GREATEST((SELECT max(id) FROM follow_up_tasks), pg_sequence_last_value("
                           "pg_get_serial_sequence('follow_up_tasks', 'id')::regclass), 1))");
            !s)
            return s.error();
    // The per-client rows of the newest runs only, as on a desk (saveAnalyticsRun,
    // saveSegmentRun): the scratch book held just the newest run's, so it pruned nothing.
    // Partitioned by run (v15): the older runs' partitions are dropped.
    if (refresh) {
        const struct {
            std::string_view table, olderRuns;
            int keep;
        } prunes[] = {{"client_scores",
                       "SELECT id FROM analytics_runs WHERE kind = 'value' ORDER BY id DESC "
                       "OFFSET $1",
                       std::max(1, keepScoredRuns)},
                      {"segment_labels",
                       "SELECT run_id FROM segment_runs ORDER BY run_id DESC OFFSET $1",
                       kKeepLabelRuns}};
        for (const auto& prune : prunes) {
            const Plan* p = nullptr;
            for (const Plan& q : plans)
                if (q.table->name == prune.table) p = &q;
            const std::string table(prune.table), older(prune.olderRuns);
            if (p && p->partitioned) {
                if (auto s = dropOlderRuns(c, table, older, prune.keep); !s) return s.error();
                continue;
            }
            if (auto s = c.run("DELETE FROM " + table + " WHERE run_id IN (" + older + ")",
                               PgParams(prune.keep));
                !s)
                return s.error();
        }
    }
    // Desks are told once, after the commit (NOTIFY is delivered then): "table:run id".
    auto run = serverInt(c, refresh ? "SELECT max(id) FROM analytics_runs"
                                    : "SELECT max(id) FROM plan_runs");
    if (!run) return run.error();
    if (auto s = c.run("SELECT pg_notify('bd_book', $1)",
                       PgParams(std::string(refresh ? "analytics_runs:" : "plan_runs:") +
                                std::to_string(*run)));
        !s)
        return s.error();
    // The kept copy's token, with the results it holds (server schema v16).
    if (!snap.copy_token.empty())
        if (auto s = c.run("SELECT bd_set_batch_copy_token($1)", PgParams(snap.copy_token)); !s)
            return s.error();
    if (!snap.copy_id.empty())
        if (auto s = noteCopyAndPrune(c, snap, out); !s) return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    out.write_ms = msSince(t0);
    return out;
}

} // namespace bd::storage
