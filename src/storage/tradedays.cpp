#include "storage/tradedays.h"

#include "storage/import_rowsource.h"
#include "storage/slotsort.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <tuple>

namespace bd::storage {
namespace {

/// Date::days of a trade_time in seconds, rounding down also before 1970 (as DateTime::date).
constexpr std::string_view kDayOfTradeTime =
    "CASE WHEN trade_time >= 0 THEN trade_time / 86400 ELSE (trade_time - 86399) / 86400 END";

constexpr std::string_view kTriggerNames[] = {"trade_days_mark_insert", "trade_days_mark_delete",
                                              "trade_days_mark_update"};

std::int64_t dayOf(std::int64_t secs) {
    return tradeDayOf(secs);
}

/// Runs `fn` in the caller's open transaction, else in a transaction of its own.
template <typename Fn>
Status inTransaction(Database& db, Fn&& fn) {
    if (sqlite3_get_autocommit(db.handle()) == 0) return fn();
    Transaction tx(db);
    if (!tx.began()) return tx.began();
    if (auto s = fn(); !s) return s;
    return tx.commit();
}

using DayRow = TradeDayRow;

bool keyLess(const DayRow& a, const DayRow& b) {
    return std::tie(a.client_ref, a.day) < std::tie(b.client_ref, b.day);
}

/// Aggregates the whole trades table into day rows sorted by (client_ref, day). One pass in
/// table order (on a table clustered by client and time the rows come out merged already; on
/// a time-ordered one each client's latest day is merged in place, the rest after a sort).
Result<std::vector<DayRow>> aggregateAllTrades(Database& db) {
    auto lo = queryInt(db, "SELECT coalesce(min(id), 0) FROM clients");
    if (!lo) return lo.error();
    auto hi = queryInt(db, "SELECT coalesce(max(id), -1) FROM clients");
    if (!hi) return hi.error();
    const std::int64_t base = *lo;
    const std::int64_t span = *hi - *lo + 1;
    // Position of each client's most recent day row; dense by client_ref (ids are compact).
    std::vector<std::int64_t> last(
        static_cast<std::size_t>(std::clamp<std::int64_t>(span, 0, std::int64_t{1} << 26)), -1);
    std::vector<DayRow> rows;
    auto st =
        db.prepare("SELECT client_ref, trade_time, amount, commission FROM trades NOT INDEXED");
    if (!st) return st.error();
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        const std::int64_t ref = st->int64(0);
        const std::int64_t day = dayOf(st->int64(1));
        const std::int64_t amount = st->int64(2), commission = st->int64(3);
        if (!rows.empty() && rows.back().client_ref == ref && rows.back().day == day) {
            DayRow& d = rows.back();
            ++d.trades;
            d.amount += amount;
            d.commission += commission;
            continue;
        }
        const std::int64_t slot = ref - base;
        const bool dense = slot >= 0 && slot < static_cast<std::int64_t>(last.size());
        if (dense) {
            const std::int64_t k = last[static_cast<std::size_t>(slot)];
            if (k >= 0 && rows[static_cast<std::size_t>(k)].day == day) {
                DayRow& d = rows[static_cast<std::size_t>(k)];
                ++d.trades;
                d.amount += amount;
                d.commission += commission;
                continue;
            }
            if (k < 0 || rows[static_cast<std::size_t>(k)].day < day)
                last[static_cast<std::size_t>(slot)] = static_cast<std::int64_t>(rows.size());
        }
        rows.push_back({ref, day, 1, amount, commission});
    }
    sortTradeDayRows(rows);
    return rows;
}

} // namespace

void sortTradeDayRows(std::vector<TradeDayRow>& rows) {
    // Already sorted with every pair once (a load in client order): nothing to do.
    if (std::adjacent_find(rows.begin(), rows.end(), [](const DayRow& a, const DayRow& b) {
            return !keyLess(a, b);
        }) == rows.end())
        return;
    // A stable counting sort by client keeps each client's days in the order they came (by
    // month: ascending); only a client whose days do not ascend is sorted on its own.
    const auto [lo, hi] =
        std::minmax_element(rows.begin(), rows.end(), [](const DayRow& a, const DayRow& b) {
            return a.client_ref < b.client_ref;
        });
    const std::uint64_t span = static_cast<std::uint64_t>(hi->client_ref - lo->client_ref) + 1;
    if (span <= (std::uint64_t{1} << 26) && span <= rows.size() * 8 + 4096) {
        const std::int64_t base = lo->client_ref;
        SlotSort sort;
        sort.layout(rows.size(), static_cast<std::size_t>(span), [&](std::size_t i) {
            return static_cast<std::size_t>(rows[i].client_ref - base);
        });
        std::vector<DayRow> sorted;
        sorted.reserve(rows.size());
        for (const std::uint32_t i : sort.order()) sorted.push_back(rows[i]);
        sort.eachGroup([&](std::size_t from, std::size_t to) {
            const auto b = sorted.begin() + static_cast<std::ptrdiff_t>(from);
            const auto e = sorted.begin() + static_cast<std::ptrdiff_t>(to);
            if (!std::is_sorted(b, e, keyLess)) std::sort(b, e, keyLess);
        });
        rows.swap(sorted);
    } else {
        std::sort(rows.begin(), rows.end(), keyLess);
    }
    std::size_t out = 0;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        if (out > 0 && rows[out - 1].client_ref == rows[k].client_ref &&
            rows[out - 1].day == rows[k].day) {
            rows[out - 1].trades += rows[k].trades;
            rows[out - 1].amount += rows[k].amount;
            rows[out - 1].commission += rows[k].commission;
        } else {
            rows[out++] = rows[k];
        }
    }
    rows.resize(out);
}

namespace {

void putVarint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

bool getVarint(std::string_view in, std::size_t& pos, std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64 && pos < in.size(); shift += 7) {
        const auto byte = static_cast<unsigned char>(in[pos++]);
        v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) return true;
    }
    return false;
}

std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

/// Writes packed blocks (in key order: every insert appends at the right edge of the tree) with
/// one statement that pulls them all (no binding per row).
Status insertBlocks(Database& db, const std::vector<TradeDayBlock>& blocks) {
    const imp::RowFill fill = [&](std::size_t i, imp::Values& out) {
        const TradeDayBlock& b = blocks[i];
        out[0] = imp::Value::of(b.client_ref);
        out[1] = imp::Value::of(b.block);
        out[2] = imp::Value::of(b.day_count);
        out[3] = imp::Value::of(b.last_day);
        out[4] = imp::Value::blob(b.packed);
    };
    return imp::insertRows(db, "trade_days",
                           {"client_ref", "block", "day_count", "last_day", "packed"},
                           blocks.size(), fill);
}

/// Replaces trade_days with `blocks` (in key order) and empties the dirty list.
Status writeAllDays(Database& db, const std::vector<TradeDayBlock>& blocks) {
    if (auto s = db.exec("DELETE FROM trade_days; DELETE FROM trade_days_dirty;"); !s) return s;
    return insertBlocks(db, blocks);
}

Status rebuildInTransaction(Database& db) {
    auto rows = aggregateAllTrades(db);
    if (!rows) return rows.error();
    return writeAllDays(db, packTradeDayBlocks(*rows));
}

Status refreshInTransaction(Database& db, std::vector<std::int64_t> refs) {
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    if (refs.empty()) return {};
    // Re-reading much of the book client by client (one seek per client and month) costs
    // more than one pass over it.
    auto clients = queryInt(db, "SELECT count(*) FROM clients");
    if (!clients) return clients.error();
    if (static_cast<std::int64_t>(refs.size()) * 8 > *clients + 1000)
        return rebuildInTransaction(db);
    auto del = db.prepare("DELETE FROM trade_days WHERE client_ref = ?1");
    if (!del) return del.error();
    // One client's trades: one key range per month (skip-scan over trade_month).
    auto sel = db.prepare("SELECT " + std::string(kDayOfTradeTime) +
                          " AS d, count(*), sum(amount), sum(commission) FROM trades "
                          "WHERE client_ref = ?1 GROUP BY d ORDER BY d");
    if (!sel) return sel.error();
    auto clean = db.prepare("DELETE FROM trade_days_dirty WHERE client_ref = ?1");
    if (!clean) return clean.error();
    std::vector<DayRow> days;
    for (std::int64_t ref : refs) {
        del->bind(1, ref);
        if (auto s = del->run(); !s) return s;
        sel->bind(1, ref);
        for (;;) {
            auto r = sel->step();
            if (!r) return r.error();
            if (!*r) break;
            days.push_back({ref, sel->int64(0), sel->int64(1), sel->int64(2), sel->int64(3)});
        }
        sel->reset();
        clean->bind(1, ref);
        if (auto s = clean->run(); !s) return s;
    }
    return insertBlocks(db, packTradeDayBlocks(days));
}

Result<std::vector<std::int64_t>> dirtyClients(Database& db) {
    auto st = db.prepare("SELECT client_ref FROM trade_days_dirty ORDER BY client_ref");
    if (!st) return st.error();
    std::vector<std::int64_t> refs;
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        refs.push_back(st->int64(0));
    }
    return refs;
}

Result<bool> triggersPresent(Database& db) {
    auto n =
        queryInt(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                     "tbl_name = 'trades' AND name LIKE 'trade\\_days\\_mark\\_%' ESCAPE '\\'");
    if (!n) return n.error();
    return *n == static_cast<std::int64_t>(std::size(kTriggerNames));
}

/// True when trade_days needs no work: it has rows (or trades has none), nothing is dirty
/// and the triggers are in place. Three cheap lookups.
Result<bool> upToDate(Database& db) {
    auto st =
        db.prepare("SELECT EXISTS (SELECT 1 FROM trade_days) OR NOT EXISTS (SELECT 1 FROM trades), "
                   "EXISTS (SELECT 1 FROM trade_days_dirty)");
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    const bool ok = *r && st->int64(0) != 0 && st->int64(1) == 0;
    st->reset();
    if (!ok) return false;
    return triggersPresent(db);
}

Status syncInTransaction(Database& db) {
    auto triggers = triggersPresent(db);
    if (!triggers) return triggers.error();
    auto haveDays = queryInt(db, "SELECT EXISTS (SELECT 1 FROM trade_days)");
    if (!haveDays) return haveDays.error();
    if (!*triggers || !*haveDays) {
        // An empty trade_days over a non-empty trades table was written before it existed;
        // without the triggers (a trades table recreated by hand) nothing says what changed.
        // Either way: start over and watch again.
        if (auto s = rebuildInTransaction(db); !s) return s;
        return db.exec(kTradeDaysTriggers);
    }
    auto refs = dirtyClients(db);
    if (!refs) return refs.error();
    return refreshInTransaction(db, std::move(*refs));
}

} // namespace

std::string packTradeDays(std::int64_t block, const TradeDayRow* days, std::size_t count) {
    std::string out;
    out.reserve(count * 8);
    std::int64_t prev = block * 256;
    for (std::size_t i = 0; i < count; ++i) {
        putVarint(out, static_cast<std::uint64_t>(days[i].day - prev));
        putVarint(out, static_cast<std::uint64_t>(days[i].trades));
        putVarint(out, zigzag(days[i].amount));
        putVarint(out, zigzag(days[i].commission));
        prev = days[i].day;
    }
    return out;
}

bool unpackTradeDays(std::int64_t clientRef, std::int64_t block, std::string_view packed,
                     std::vector<TradeDayRow>& out) {
    const std::int64_t first = block * 256, end = first + 256;
    std::int64_t day = first;
    std::size_t pos = 0;
    for (bool start = true; pos < packed.size(); start = false) {
        std::uint64_t gap = 0, trades = 0, amount = 0, commission = 0;
        if (!getVarint(packed, pos, gap) || !getVarint(packed, pos, trades) ||
            !getVarint(packed, pos, amount) || !getVarint(packed, pos, commission))
            return false;
        if ((gap == 0 && !start) || gap >= 256 || trades == 0 || trades > (1ULL << 40))
            return false;
        day += static_cast<std::int64_t>(gap);
        if (day >= end) return false;
        out.push_back({clientRef, day, static_cast<std::int64_t>(trades), unzigzag(amount),
                       unzigzag(commission)});
    }
    return true;
}

std::vector<TradeDayBlock> packTradeDayBlocks(const std::vector<TradeDayRow>& rows) {
    std::vector<TradeDayBlock> blocks;
    for (std::size_t i = 0; i < rows.size();) {
        const std::int64_t ref = rows[i].client_ref, block = tradeDayBlockOf(rows[i].day);
        std::size_t j = i + 1;
        while (j < rows.size() && rows[j].client_ref == ref &&
               tradeDayBlockOf(rows[j].day) == block)
            ++j;
        blocks.push_back({ref, block, static_cast<std::int64_t>(j - i), rows[j - 1].day,
                          packTradeDays(block, rows.data() + i, j - i)});
        i = j;
    }
    return blocks;
}

Result<std::vector<TradeDayRow>> loadTradeDays(Database& db, std::int64_t lo, std::int64_t hi) {
    auto st = db.prepare("SELECT client_ref, block, packed, day_count, last_day FROM trade_days "
                         "WHERE client_ref BETWEEN ?1 AND ?2 ORDER BY client_ref, block");
    if (!st) return st.error();
    st->bind(1, lo).bind(2, hi);
    std::vector<TradeDayRow> out;
    for (;;) {
        auto r = st->step();
        if (!r) return r.error();
        if (!*r) break;
        const std::size_t before = out.size();
        // The block's own count and last day must agree with what it unpacks to.
        const bool ok = unpackTradeDays(st->int64(0), st->int64(1), st->blob(2), out) &&
                        static_cast<std::int64_t>(out.size() - before) == st->int64(3) &&
                        out.size() > before && out.back().day == st->int64(4);
        if (!ok)
            return makeError(ErrorCode::Internal, "trade_days: a damaged block of client " +
                                                      std::to_string(st->int64(0)));
    }
    return out;
}

Result<std::vector<std::int64_t>> dirtyTradeDayClients(Database& db) {
    return dirtyClients(db);
}

Result<std::vector<std::string>> missingTradeDaysTriggers(Database& db) {
    auto st = db.prepare("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND "
                         "tbl_name = 'trades' AND name = ?1)");
    if (!st) return st.error();
    std::vector<std::string> missing;
    for (std::string_view name : kTriggerNames) {
        st->reset();
        st->bind(1, name);
        auto r = st->step();
        if (!r) return r.error();
        if (!*r || st->int64(0) == 0) missing.emplace_back(name);
    }
    return missing;
}

Result<std::vector<TradeDayRow>> aggregateTradeDays(Database& db) {
    return aggregateAllTrades(db);
}

Status rebuildTradeDays(Database& db) {
    return inTransaction(db, [&] { return rebuildInTransaction(db); });
}

Status refreshTradeDays(Database& db, const std::vector<std::int64_t>& clientRefs) {
    return inTransaction(db, [&] { return refreshInTransaction(db, clientRefs); });
}

Status syncTradeDays(Database& db) {
    auto current = upToDate(db);
    if (!current) return current.error();
    if (*current) return {};
    return inTransaction(db, [&] { return syncInTransaction(db); });
}

Result<TradeDaysUpkeep> TradeDaysUpkeep::begin(Database& db) {
    auto empty = queryInt(db, "SELECT NOT EXISTS (SELECT 1 FROM trades)");
    if (!empty) return empty.error();
    if (*empty) {
        for (std::string_view name : kTriggerNames)
            if (auto s = db.exec("DROP TRIGGER IF EXISTS " + std::string(name)); !s)
                return s.error();
    }
    return TradeDaysUpkeep(db, *empty != 0);
}

void TradeDaysUpkeep::provideBulkDays(const std::vector<TradeDayRow>& days) {
    m_blocks = packTradeDayBlocks(days);
    m_provided = true;
}

Status TradeDaysUpkeep::finish() {
    Database& db = *m_db;
    return inTransaction(db, [&]() -> Status {
        if (!m_bulk) return syncInTransaction(db);
        if (auto s = m_provided ? writeAllDays(db, m_blocks) : rebuildInTransaction(db); !s)
            return s;
        m_blocks = {};
        return db.exec(kTradeDaysTriggers);
    });
}

} // namespace bd::storage
