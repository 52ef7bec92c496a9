#include "storage/tradedays.h"

#include "storage/import_rowsource.h"

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
    if (!std::is_sorted(rows.begin(), rows.end(), keyLess)) {
        std::sort(rows.begin(), rows.end(), keyLess);
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
    return rows;
}

/// Replaces trade_days with `rows` (sorted by client_ref, day) and empties the dirty list.
Status writeAllDays(Database& db, const std::vector<DayRow>& rows) {
    if (auto s = db.exec("DELETE FROM trade_days; DELETE FROM trade_days_dirty;"); !s) return s;
    // Rows arrive in primary-key order, so every insert appends at the right edge of the tree;
    // one statement pulls them all (no binding per row).
    const imp::RowFill fill = [&](std::size_t i, imp::Values& out) {
        const DayRow& d = rows[i];
        out[0] = imp::Value::of(d.client_ref);
        out[1] = imp::Value::of(d.day);
        out[2] = imp::Value::of(d.trades);
        out[3] = imp::Value::of(d.amount);
        out[4] = imp::Value::of(d.commission);
    };
    return imp::insertRows(db, "trade_days",
                           {"client_ref", "day", "trades", "amount", "commission"}, rows.size(),
                           fill);
}

Status rebuildInTransaction(Database& db) {
    auto rows = aggregateAllTrades(db);
    if (!rows) return rows.error();
    return writeAllDays(db, *rows);
}

Status refreshInTransaction(Database& db, std::vector<std::int64_t> refs) {
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    if (refs.empty()) return {};
    // Re-reading most of the book client by client costs more than one pass over it.
    auto clients = queryInt(db, "SELECT count(*) FROM clients");
    if (!clients) return clients.error();
    if (static_cast<std::int64_t>(refs.size()) * 4 > *clients + 1000)
        return rebuildInTransaction(db);
    auto del = db.prepare("DELETE FROM trade_days WHERE client_ref = ?1");
    if (!del) return del.error();
    auto ins = db.prepare(
        "INSERT INTO trade_days(client_ref, day, trades, amount, commission) SELECT client_ref, " +
        std::string(kDayOfTradeTime) +
        " AS d, count(*), sum(amount), sum(commission) FROM trades WHERE client_ref = ?1 "
        "GROUP BY d");
    if (!ins) return ins.error();
    auto clean = db.prepare("DELETE FROM trade_days_dirty WHERE client_ref = ?1");
    if (!clean) return clean.error();
    for (std::int64_t ref : refs) {
        del->bind(1, ref);
        if (auto s = del->run(); !s) return s;
        ins->bind(1, ref);
        if (auto s = ins->run(); !s) return s;
        clean->bind(1, ref);
        if (auto s = clean->run(); !s) return s;
    }
    return {};
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

void TradeDaysUpkeep::provideBulkDays(std::vector<TradeDayRow> days) {
    m_days = std::move(days);
    m_provided = true;
}

Status TradeDaysUpkeep::finish() {
    Database& db = *m_db;
    return inTransaction(db, [&]() -> Status {
        if (!m_bulk) return syncInTransaction(db);
        if (auto s = m_provided ? writeAllDays(db, m_days) : rebuildInTransaction(db); !s) return s;
        m_days = {};
        return db.exec(kTradeDaysTriggers);
    });
}

} // namespace bd::storage
