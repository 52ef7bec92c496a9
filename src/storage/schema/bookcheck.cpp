#include "storage/schema/bookcheck.h"

#include "core/enumkeys.h"

#include <algorithm>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

#include <sqlite3.h>

#include "core/date.h"
#include "core/enums.h"
#include "storage/book/clientsummary.h"
#include "storage/book/tradedays.h"
#include "storage/schema/schema.h"
#include "storage/schema/tradelayout.h"

namespace bd::storage {
namespace {

using Key = std::vector<std::pair<std::string, std::string>>;
using OptInt = std::optional<std::int64_t>;

std::string str(const OptInt& v) {
    return v ? std::to_string(*v) : std::string("NULL");
}
std::string dayStr(std::int64_t day) {
    return Date{static_cast<std::int32_t>(day)}.toString();
}
std::string optDayStr(const OptInt& day) {
    return day ? dayStr(*day) : std::string("NULL");
}
std::string optTimeStr(const OptInt& secs) {
    return secs ? DateTime{*secs}.toString() : std::string("NULL");
}

/// An identifier from the book's own schema, quoted for SQL (never a value: values are bound).
std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

/// Collects one check's problems up to the limit, then counts the rest.
class Lister {
  public:
    Lister(BookCheck& out, std::size_t max) : m_out(out), m_max(max) {}
    void add(BookProblem p) {
        if (m_listed < m_max) {
            m_out.problems.push_back(std::move(p));
            ++m_listed;
        } else {
            if (m_more == 0) {
                m_moreKind = p.kind;
                m_moreTable = p.table;
            }
            ++m_more;
        }
    }
    /// Call at the end of each check: the rest, if any, as one MoreProblems.
    void close() {
        if (m_more > 0)
            m_out.problems.push_back({BookProblemKind::MoreProblems,
                                      m_moreTable,
                                      {},
                                      std::string(bookProblemKindName(m_moreKind)),
                                      {},
                                      std::to_string(m_more)});
        m_listed = m_more = 0;
    }

  private:
    BookCheck& m_out;
    std::size_t m_max;
    std::size_t m_listed = 0, m_more = 0;
    BookProblemKind m_moreKind = BookProblemKind::Integrity;
    std::string m_moreTable;
};

/// Locates a client for a reader: its row id and, when it exists, its client number.
class ClientKeys {
  public:
    explicit ClientKeys(Database& db) : m_db(db) {}
    Key of(std::int64_t ref) {
        Key key{{"client_ref", std::to_string(ref)}};
        if (!m_st) {
            auto st = m_db.prepare("SELECT client_id FROM clients WHERE id = ?1");
            if (!st) return key;
            m_st.emplace(std::move(*st));
        }
        m_st->reset();
        m_st->bind(1, ref);
        if (auto r = m_st->step(); r && *r) key.emplace_back("client_id", m_st->text(0));
        return key;
    }

  private:
    Database& m_db;
    std::optional<Statement> m_st;
};

/// Where an integrity_check line points, when it names a table, a column or an index (the
/// line itself stays in `found`); page-level lines name none.
BookProblem locateIntegrityLine(Database& db, const std::string& line) {
    BookProblem p{BookProblemKind::Integrity, {}, {}, {}, "ok", line};
    auto after = [&](std::string_view prefix) -> std::optional<std::string> {
        if (line.rfind(prefix, 0) != 0) return std::nullopt;
        return line.substr(prefix.size());
    };
    auto indexOf = [&](std::string index) {
        auto st =
            db.prepare("SELECT tbl_name FROM sqlite_schema WHERE type = 'index' AND name = ?1");
        if (st) {
            st->bind(1, std::string_view(index));
            if (auto r = st->step(); r && *r) p.table = st->text(0);
        }
        p.key.emplace_back("index", std::move(index));
    };
    constexpr std::string_view kMissing = " missing from index ";
    if (auto tc = after("NULL value in ")) {
        const auto dot = tc->find('.');
        p.table = tc->substr(0, dot);
        if (dot != std::string::npos) p.column = tc->substr(dot + 1);
    } else if (auto t = after("CHECK constraint failed in ")) {
        p.table = *t;
    } else if (auto row = after("row "); row && row->find(kMissing) != std::string::npos) {
        const auto at = row->find(kMissing);
        p.key.emplace_back("rowid", row->substr(0, at));
        indexOf(row->substr(at + kMissing.size()));
    } else if (auto wrong = after("wrong # of entries in index ")) {
        indexOf(*wrong);
    } else if (auto dup = after("non-unique entry in index ")) {
        indexOf(*dup);
    }
    return p;
}

Status checkIntegrity(Database& db, Lister& list, std::size_t max) {
    auto st = db.prepare("SELECT * FROM pragma_integrity_check(?1)");
    if (!st) return st.error();
    st->bind(1, static_cast<std::int64_t>(max + 1));
    if (auto done = st->forEach([&] {
            const std::string line = st->text(0);
            if (line != "ok") list.add(locateIntegrityLine(db, line));
        });
        !done)
        return done.error();
    list.close();
    return {};
}

/// Column names of `table`'s primary key in key order (rowid for a table without one).
Result<std::vector<std::string>> primaryKey(Database& db, const std::string& table) {
    auto st = db.prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk");
    if (!st) return st.error();
    st->bind(1, std::string_view(table));
    std::vector<std::string> cols;
    if (auto done = st->forEach([&] { cols.push_back(st->text(0)); }); !done) return done.error();
    if (cols.empty()) cols.emplace_back("rowid");
    return cols;
}

/// foreign_key_check names the failing table and constraint, but a WITHOUT ROWID row only by
/// a NULL rowid: each failing constraint is located row by row with its own anti-join.
Status checkForeignKeys(Database& db, Lister& list) {
    std::set<std::pair<std::string, std::int64_t>> failing;
    {
        auto st = db.prepare("PRAGMA foreign_key_check");
        if (!st) return st.error();
        if (auto done = st->forEach([&] { failing.emplace(st->text(0), st->int64(3)); }); !done)
            return done.error();
    }
    for (const auto& [table, fkid] : failing) {
        auto fk = db.prepare("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1) "
                             "WHERE id = ?2 ORDER BY seq");
        if (!fk) return fk.error();
        fk->bind(1, std::string_view(table)).bind(2, fkid);
        std::string parent;
        std::vector<std::string> from;
        std::vector<std::optional<std::string>> to;
        if (auto done = fk->forEach([&] {
                parent = fk->text(0);
                from.push_back(fk->text(1));
                to.push_back(fk->optText(2));
            });
            !done)
            return done.error();
        if (from.empty()) continue;
        auto key = primaryKey(db, table);
        if (!key) return key.error();
        if (!to.front()) { // REFERENCES parent: its primary key
            auto pk = primaryKey(db, parent);
            if (!pk) return pk.error();
            for (std::size_t i = 0; i < to.size() && i < pk->size(); ++i) to[i] = (*pk)[i];
        }
        std::string sql = "SELECT ";
        for (const auto& k : *key) sql += "c." + quoted(k) + ", ";
        std::string notNull, match, fromList, toList;
        for (std::size_t i = 0; i < from.size(); ++i) {
            sql += (i ? ", c." : "c.") + quoted(from[i]);
            notNull += " AND c." + quoted(from[i]) + " IS NOT NULL";
            match += (i ? " AND p." : "p.") + quoted(to[i].value_or("rowid")) + " = c." +
                     quoted(from[i]);
            fromList += (i ? ", " : "") + from[i];
            toList += (i ? ", " : "") + to[i].value_or("rowid");
        }
        sql += " FROM " + quoted(table) + " c WHERE 1" + notNull +
               " AND NOT EXISTS (SELECT 1 FROM " + quoted(parent) + " p WHERE " + match + ")";
        auto rows = db.prepare(sql);
        if (!rows) return rows.error();
        const int nk = static_cast<int>(key->size());
        // clang 14 cannot capture a structured binding in a lambda (C++20 allows it; gcc does).
        const std::string& tableName = table;
        if (auto done = rows->forEach([&] {
                BookProblem p{BookProblemKind::ForeignKey, tableName, {}, fromList,
                              parent + "(" + toList + ")", {}};
                for (int i = 0; i < nk; ++i)
                    p.key.emplace_back((*key)[static_cast<std::size_t>(i)], rows->text(i));
                for (std::size_t i = 0; i < from.size(); ++i)
                    p.found += (i ? ", " : "") + rows->text(nk + static_cast<int>(i));
                list.add(std::move(p));
            });
            !done)
            return done.error();
    }
    list.close();
    return {};
}

/// A value the schema keeps without a declared foreign key: the query returns the rows whose
/// value resolves to nothing, key columns first, then the value.
struct ByValueReference {
    std::string_view table;
    std::vector<std::string_view> key;
    std::string_view column;
    std::string_view target;
    std::string_view sql;
};

const std::vector<ByValueReference>& byValueReferences() {
    static const std::vector<ByValueReference> kRefs{
        {"trade_days",
         {"client_ref", "block"},
         "client_ref",
         "clients(id)",
         // A client marked dirty may have gone with its trades: its days go at the next sync.
         "SELECT client_ref, block, client_ref FROM trade_days d WHERE NOT EXISTS "
         "(SELECT 1 FROM clients c WHERE c.id = d.client_ref) AND NOT EXISTS "
         "(SELECT 1 FROM trade_days_dirty x WHERE x.client_ref = d.client_ref)"},
        {"trade_days_added",
         {"client_ref", "day"},
         "client_ref",
         "clients(id)",
         "SELECT client_ref, day, client_ref FROM trade_days_added d WHERE NOT EXISTS "
         "(SELECT 1 FROM clients c WHERE c.id = d.client_ref) AND NOT EXISTS "
         "(SELECT 1 FROM trade_days_dirty x WHERE x.client_ref = d.client_ref)"},
        {"segment_labels",
         {"run_id", "client_ref"},
         "segment_id",
         "segments(run_id, segment_id)",
         "SELECT run_id, client_ref, segment_id FROM segment_labels l WHERE NOT EXISTS "
         "(SELECT 1 FROM segments s WHERE s.run_id = l.run_id AND s.segment_id = l.segment_id)"},
        {"segment_migrations",
         {"run_id", "from_segment_id", "to_segment_id"},
         "to_segment_id",
         "segments(run_id, segment_id)",
         "SELECT run_id, from_segment_id, to_segment_id, to_segment_id FROM segment_migrations m "
         "WHERE NOT EXISTS (SELECT 1 FROM segments s WHERE s.run_id = m.run_id AND "
         "s.segment_id = m.to_segment_id)"},
        {"segment_factor_loadings",
         {"run_id", "factor", "feature_index"},
         "factor",
         "segment_factors(run_id, factor)",
         "SELECT run_id, factor, feature_index, factor FROM segment_factor_loadings l WHERE NOT "
         "EXISTS (SELECT 1 FROM segment_factors f WHERE f.run_id = l.run_id AND "
         "f.factor = l.factor)"},
        {"follow_up_tasks",
         {"id"},
         "broker_id",
         "brokers(broker_id)",
         "SELECT id, broker_id FROM follow_up_tasks t WHERE t.broker_id <> ?1 AND NOT EXISTS "
         "(SELECT 1 FROM brokers b WHERE b.broker_id = t.broker_id)"},
        {"plan_dropped",
         {"run_id", "client_ref"},
         "broker_id",
         "brokers(broker_id)",
         "SELECT run_id, client_ref, broker_id FROM plan_dropped d WHERE d.broker_id <> ?1 AND "
         "NOT EXISTS (SELECT 1 FROM brokers b WHERE b.broker_id = d.broker_id)"},
    };
    return kRefs;
}

Status checkByValueReferences(Database& db, Lister& list) {
    for (const ByValueReference& ref : byValueReferences()) {
        auto st = db.prepare(ref.sql);
        if (!st) return st.error();
        // The service desk's queue stands where a broker id stands in the plan (core/enums.h).
        if (st->parameterCount() > 0) st->bind(1, std::string(kServiceDeskQueue));
        const int nk = static_cast<int>(ref.key.size());
        if (auto done = st->forEach([&] {
                BookProblem p{BookProblemKind::UnresolvedReference,
                              std::string(ref.table),
                              {},
                              std::string(ref.column),
                              std::string(ref.target),
                              st->text(nk)};
                for (int i = 0; i < nk; ++i)
                    p.key.emplace_back(std::string(ref.key[static_cast<std::size_t>(i)]),
                                       st->text(i));
                list.add(std::move(p));
            });
            !done)
            return done.error();
        list.close();
    }
    return {};
}

Status checkTriggers(Database& db, Lister& list) {
    auto missing = missingTradeDaysTriggers(db);
    if (!missing) return missing.error();
    for (const std::string& name : *missing)
        list.add({BookProblemKind::MissingTrigger, "trades", {}, {}, name, {}});
    list.close();
    return {};
}

bool dayKeyLess(const TradeDayRow& a, const TradeDayRow& b) {
    return std::tie(a.client_ref, a.day) < std::tie(b.client_ref, b.day);
}

/// Every stored block unpacked. A block that does not, or that contradicts its own header, is
/// reported and left out; its (client, block) goes to `damagedBlocks`, so that its days are
/// not reported once more as missing.
Result<std::vector<TradeDayRow>>
storedTradeDays(Database& db, const std::vector<std::int64_t>& dirty, ClientKeys& clients,
                Lister& list, std::set<std::pair<std::int64_t, std::int64_t>>& damagedBlocks) {
    auto st = TradeDayBlockScan::open(db, {});
    if (!st) return st.error();
    std::vector<TradeDayRow> out;
    auto scanned = st->forEach([&] {
        const std::int64_t ref = st->clientRef(), block = st->block();
        if (std::binary_search(dirty.begin(), dirty.end(), ref)) return;
        const std::size_t before = out.size();
        auto damaged = [&](std::string column, std::string expected, std::string found) {
            Key key = clients.of(ref);
            key.emplace_back("block", std::to_string(block));
            list.add({BookProblemKind::TradeDayBlockDamaged, "trade_days", std::move(key),
                      std::move(column), std::move(expected), std::move(found)});
            out.resize(before);
            damagedBlocks.emplace(ref, block);
        };
        if (!unpackTradeDays(ref, block, st->packed(), out) || out.size() == before) {
            damaged("packed", "days of block " + std::to_string(block), "bytes that do not unpack");
            return;
        }
        const auto count = static_cast<std::int64_t>(out.size() - before);
        if (count != st->dayCount())
            damaged("day_count", std::to_string(count), std::to_string(st->dayCount()));
        else if (out.back().day != st->lastDay())
            damaged("last_day", dayStr(out.back().day), dayStr(st->lastDay()));
    });
    if (!scanned) return scanned.error();
    // Blocks come in client order, and each block's days ascend: the rows are sorted already.
    // The days a nightly added on top of the blocks (until the next sync folds them in) count.
    if (auto added = addAddedTradeDays(
            db, out,
            [&](const TradeDayRow& d) {
                return std::binary_search(dirty.begin(), dirty.end(), d.client_ref) ||
                       damagedBlocks.count({d.client_ref, tradeDayBlockOf(d.day)}) > 0;
            });
        !added)
        return added.error();
    return out;
}

/// trade_days against trades, day by day, for every client not marked dirty (a damaged block
/// is reported once, as damaged).
Status checkTradeDays(Database& db, const std::vector<TradeDayRow>& expectedAll,
                      const std::vector<std::int64_t>& dirty, ClientKeys& clients, Lister& list) {
    std::set<std::pair<std::int64_t, std::int64_t>> damagedBlocks;
    auto stored = storedTradeDays(db, dirty, clients, list, damagedBlocks);
    if (!stored) return stored.error();
    list.close();
    auto skipped = [&](const TradeDayRow& d) {
        return std::binary_search(dirty.begin(), dirty.end(), d.client_ref) ||
               damagedBlocks.count({d.client_ref, tradeDayBlockOf(d.day)}) > 0;
    };
    auto located = [&](const TradeDayRow& d) {
        Key key = clients.of(d.client_ref);
        key.emplace_back("day", dayStr(d.day));
        return key;
    };
    const auto& found = *stored;
    std::size_t i = 0, j = 0;
    while (i < expectedAll.size() || j < found.size()) {
        if (i < expectedAll.size() && skipped(expectedAll[i])) {
            ++i;
            continue;
        }
        const bool haveE = i < expectedAll.size(), haveF = j < found.size();
        if (haveE && (!haveF || dayKeyLess(expectedAll[i], found[j]))) {
            const TradeDayRow& e = expectedAll[i++];
            list.add({BookProblemKind::TradeDayMissing, "trade_days", located(e), "trades",
                      std::to_string(e.trades), "no row"});
        } else if (haveF && (!haveE || dayKeyLess(found[j], expectedAll[i]))) {
            const TradeDayRow& f = found[j++];
            list.add({BookProblemKind::TradeDayExtra, "trade_days", located(f), "trades", "no row",
                      std::to_string(f.trades)});
        } else {
            const TradeDayRow &e = expectedAll[i++], &f = found[j++];
            const std::tuple<const char*, std::int64_t, std::int64_t> fields[] = {
                {"trades", e.trades, f.trades},
                {"amount", e.amount, f.amount},
                {"commission", e.commission, f.commission}};
            for (const auto& [column, want, have] : fields)
                if (want != have)
                    list.add({BookProblemKind::TradeDayMismatch, "trade_days", located(e), column,
                              std::to_string(want), std::to_string(have)});
        }
    }
    list.close();
    return {};
}

/// Per client with trades: trades from `windowStartDay` on and the last trade day, from the
/// day rows aggregated from trades.
struct ClientTrades {
    std::int64_t client_ref = 0;
    std::int64_t trades_in_window = 0;
    std::int64_t last_day = 0;
};

std::vector<ClientTrades> perClient(const std::vector<TradeDayRow>& days,
                                    std::int64_t windowStartDay) {
    std::vector<ClientTrades> out;
    for (const TradeDayRow& d : days) {
        if (out.empty() || out.back().client_ref != d.client_ref)
            out.push_back({d.client_ref, 0, d.day});
        ClientTrades& c = out.back();
        c.last_day = std::max(c.last_day, d.day);
        if (d.day >= windowStartDay) c.trades_in_window += d.trades;
    }
    return out;
}

struct SummaryState {
    std::string fingerprint;
    OptInt as_of;
};

Result<std::optional<SummaryState>> summaryState(Database& db) {
    auto exists = queryInt(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name "
                               "IN ('client_summary', 'client_summary_state')");
    if (!exists) return exists.error();
    if (*exists < 2) return std::optional<SummaryState>{};
    auto st = db.prepare("SELECT fingerprint, as_of FROM client_summary_state WHERE id = 1");
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return std::optional<SummaryState>{};
    return std::optional<SummaryState>{SummaryState{st->text(0), st->optInt64(1)}};
}

// What refreshClientSummary would write for each client (its sources: the latest asset
// snapshot, the last contact), beside what the summary holds; trades come from trades itself.
constexpr std::string_view kSummaryAgainstSourcesSql = R"SQL(
SELECT c.id, s.client_ref IS NOT NULL,
       s.aum, s.cash, s.market_value, s.aum_date, s.trades_12m, s.last_trade_time,
       s.last_contact_time,
       COALESCE(a.cash + a.market_value, 0), a.cash, a.market_value, a.date,
       COALESCE((SELECT max(k.contact_time) FROM contacts k WHERE k.client_ref = c.id
                  AND k.void_reason IS NULL), 0)
FROM clients c
LEFT JOIN client_summary s ON s.client_ref = c.id
LEFT JOIN assets a ON a.client_ref = c.id
  AND a.date = (SELECT max(a2.date) FROM assets a2 WHERE a2.client_ref = c.id)
ORDER BY c.id
)SQL";

Status checkClientSummary(Database& db, const std::vector<TradeDayRow>& days, BookCheckNotes& notes,
                          ClientKeys& clients, Lister& list) {
    auto state = summaryState(db);
    if (!state) return state.error();
    if (!*state) {
        notes.client_summary_unbuilt = true;
        return {};
    }
    auto fp = clientSummaryFingerprint(db);
    if (!fp) return fp.error();
    if (*fp != (*state)->fingerprint) {
        notes.client_summary_stale = true;
        return {};
    }
    // The window as refreshClientSummary sets it: the 365 days ending on the as-of date.
    const std::int64_t windowStart = (*state)->as_of ? *(*state)->as_of - 364 : 0;
    const std::vector<ClientTrades> trades = perClient(days, windowStart);
    auto lastTime =
        db.prepare("SELECT max(trade_time) FROM trades WHERE trade_month = ?1 AND client_ref = ?2");
    if (!lastTime) return lastTime.error();
    auto st = db.prepare(kSummaryAgainstSourcesSql);
    if (!st) return st.error();
    std::size_t t = 0;
    auto checked = st->forEach([&]() -> Status {
        const std::int64_t ref = st->int64(0);
        if (st->int64(1) == 0) {
            list.add({BookProblemKind::SummaryMissing,
                      "client_summary",
                      clients.of(ref),
                      {},
                      "a row",
                      "no row"});
            return {};
        }
        while (t < trades.size() && trades[t].client_ref < ref) ++t;
        std::int64_t trades12m = 0;
        OptInt lastTrade;
        if (t < trades.size() && trades[t].client_ref == ref) {
            trades12m = trades[t].trades_in_window;
            lastTime->reset();
            lastTime->bind(1, tradeMonthOf(trades[t].last_day * 86400)).bind(2, ref);
            auto found =
                lastTime->first([&](const Statement& row) { lastTrade = row.optInt64(0); });
            if (!found) return found.error();
        }
        enum Form { Number, Day, Time };
        const std::tuple<const char*, OptInt, OptInt, Form> fields[] = {
            {"aum", st->int64(9), st->optInt64(2), Number},
            {"cash", st->optInt64(10), st->optInt64(3), Number},
            {"market_value", st->optInt64(11), st->optInt64(4), Number},
            {"aum_date", st->optInt64(12), st->optInt64(5), Day},
            {"trades_12m", trades12m, st->optInt64(6), Number},
            {"last_trade_time", lastTrade, st->optInt64(7), Time},
            {"last_contact_time", st->int64(13), st->optInt64(8), Time},
        };
        for (const auto& [column, want, have, form] : fields) {
            if (want == have) continue;
            auto text = [form = form](const OptInt& v) {
                return form == Day ? optDayStr(v) : form == Time ? optTimeStr(v) : str(v);
            };
            list.add({BookProblemKind::SummaryMismatch, "client_summary", clients.of(ref), column,
                      text(want), text(have)});
        }
        return {};
    });
    if (!checked) return checked.error();
    auto extra = db.prepare("SELECT client_ref FROM client_summary s WHERE NOT EXISTS "
                            "(SELECT 1 FROM clients c WHERE c.id = s.client_ref)");
    if (!extra) return extra.error();
    if (auto done = extra->forEach([&] {
            list.add({BookProblemKind::SummaryExtra,
                      "client_summary",
                      {{"client_ref", extra->text(0)}},
                      {},
                      "no row",
                      "a row"});
        });
        !done)
        return done.error();
    list.close();
    return {};
}

} // namespace

constexpr auto kProblemKindKeys = enumKeys<BookProblemKind>(
    "schema_version", "integrity", "foreign_key", "unresolved_reference", "missing_trigger",
    "trade_day_block_damaged", "trade_day_missing", "trade_day_extra", "trade_day_mismatch",
    "summary_missing", "summary_extra", "summary_mismatch", "more_problems");

std::string_view bookProblemKindName(BookProblemKind kind) {
    return kProblemKindKeys(kind);
}

namespace {

/// One read transaction over the whole check, so that trades, trade_days and the summary are
/// compared as of one moment even while another connection writes (WAL). A caller's open
/// transaction is used as it is.
class ReadSnapshot {
  public:
    explicit ReadSnapshot(Database& db) : m_db(db) {
        if (sqlite3_get_autocommit(db.handle()) != 0) m_began = db.exec("BEGIN").ok();
    }
    ~ReadSnapshot() {
        if (m_began) (void)m_db.exec("ROLLBACK");
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

  private:
    Database& m_db;
    bool m_began = false;
};

/// The whole check; `integrityDb`, when given, is a second connection to the same book on
/// which integrity_check (the longest part, and SQLite's alone) runs on a thread of its own.
Result<BookCheck> run(Database& db, const BookCheckOptions& options, Database* integrityDb) {
    BookCheck out;
    auto version = queryInt(db, "PRAGMA user_version");
    if (!version) return version.error();
    out.notes.schema_version = *version;
    const int want = currentSchemaVersion();
    if (*version > want) {
        Error e = makeError(ErrorCode::Version,
                            "this book was written by a newer BrokerDesk (schema version " +
                                std::to_string(*version) + "; this build reads up to " +
                                std::to_string(want) + ")");
        e.file = db.path();
        return e;
    }
    if (*version < want) {
        out.problems.push_back({BookProblemKind::SchemaVersion,
                                {},
                                {},
                                "user_version",
                                std::to_string(want),
                                std::to_string(*version)});
        return out;
    }
    BookCheck integrity;
    Status integrityStatus;
    {
        Lister integrityList(integrity, options.max_per_check);
        std::jthread worker;
        if (integrityDb)
            worker = std::jthread([&] {
                integrityStatus =
                    checkIntegrity(*integrityDb, integrityList, options.max_per_check);
            });
        else
            integrityStatus = checkIntegrity(db, integrityList, options.max_per_check);

        ReadSnapshot snapshot(db);
        Lister list(out, options.max_per_check);
        if (auto s = checkForeignKeys(db, list); !s) return s.error();
        if (auto s = checkByValueReferences(db, list); !s) return s.error();
        if (auto s = checkTriggers(db, list); !s) return s.error();

        ClientKeys clients(db);
        auto dirty = dirtyTradeDayClients(db);
        if (!dirty) return dirty.error();
        out.notes.trade_days_dirty_clients = static_cast<std::int64_t>(dirty->size());
        auto days = aggregateTradeDays(db);
        if (!days) return days.error();
        auto haveDays = queryInt(db, "SELECT EXISTS (SELECT 1 FROM trade_days)");
        if (!haveDays) return haveDays.error();
        if (*haveDays == 0 && !days->empty())
            out.notes.trade_days_unbuilt = true;
        else if (auto s = checkTradeDays(db, *days, *dirty, clients, list); !s)
            return s.error();
        if (auto s = checkClientSummary(db, *days, out.notes, clients, list); !s) return s.error();
    } // joins the integrity check
    if (!integrityStatus) return integrityStatus.error();
    out.problems.insert(out.problems.begin(), integrity.problems.begin(), integrity.problems.end());
    return out;
}

/// Opens `path` for the check: never created, and read-only in effect (PRAGMA query_only
/// makes any write an error instead of a change). The check reads the whole file: mapped, it
/// is read without a copy per page (a third of the time of integrity_check was the kernel's).
Result<Database> openForCheck(const std::string& path) {
    auto db = Database::open(path, false);
    if (!db) return db.error();
    if (auto s = db->exec("PRAGMA query_only=ON; PRAGMA foreign_keys=ON; "
                          "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=2147483648;");
        !s)
        return s.error();
    return db;
}

} // namespace

Result<BookCheck> checkBook(Database& db, const BookCheckOptions& options) {
    return run(db, options, nullptr);
}

Result<BookCheck> checkBookFile(const std::string& path, const BookCheckOptions& options) {
    auto db = openForCheck(path);
    if (!db) return db.error();
    auto second = openForCheck(path);
    if (!second) return second.error();
    return run(*db, options, &*second);
}

} // namespace bd::storage
