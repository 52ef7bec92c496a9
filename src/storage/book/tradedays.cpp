#include "storage/book/tradedays.h"

#include "storage/import/import_rowsource.h"
#include "storage/import/slotsort.h"
#include "storage/schema/tradelayout.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <map>
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
    if (auto done = st->forEach([&] {
            const std::int64_t ref = st->int64(0);
            const std::int64_t day = dayOf(st->int64(1));
            const std::int64_t amount = st->int64(2), commission = st->int64(3);
            if (!rows.empty() && rows.back().client_ref == ref && rows.back().day == day) {
                DayRow& d = rows.back();
                ++d.trades;
                d.amount += amount;
                d.commission += commission;
                return;
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
                    return;
                }
                if (k < 0 || rows[static_cast<std::size_t>(k)].day < day)
                    last[static_cast<std::size_t>(slot)] = static_cast<std::int64_t>(rows.size());
            }
            rows.push_back({ref, day, 1, amount, commission});
        });
        !done)
        return done.error();
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

/// The indices 0 .. count-1 stably sorted by `key(i)` (rows put in a table's key order).
template <typename Key>
std::vector<std::uint32_t> orderBy(std::size_t count, Key key) {
    std::vector<std::uint32_t> order(count);
    for (std::size_t i = 0; i < count; ++i) order[i] = static_cast<std::uint32_t>(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
    return order;
}

/// Writes packed blocks (given in client order) with one statement that pulls them all (no
/// binding per row), in the table's key order (block, client_ref), so that into an empty table
/// every insert appends at the right edge of the tree.
Status insertBlocks(Database& db, const std::vector<TradeDayBlock>& blocks) {
    const auto order = orderBy(blocks.size(), [&](std::uint32_t i) { return blocks[i].block; });
    const imp::RowFill fill = [&](std::size_t i, imp::Values& out) {
        const TradeDayBlock& b = blocks[order[i]];
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

/// Replaces trade_days with `blocks` (in key order) and empties the dirty list and the days
/// added on top of the blocks.
Status writeAllDays(Database& db, const std::vector<TradeDayBlock>& blocks) {
    if (auto s = db.exec("DELETE FROM trade_days; DELETE FROM trade_days_dirty; "
                         "DELETE FROM trade_days_added;");
        !s)
        return s;
    return insertBlocks(db, blocks);
}

Status foldAddedDays(Database& db);

Status rebuildInTransaction(Database& db) {
    auto rows = aggregateAllTrades(db);
    if (!rows) return rows.error();
    return writeAllDays(db, packTradeDayBlocks(*rows));
}

/// `rebuilt` (when given) tells whether it made every client's days again from the trades.
Status refreshInTransaction(Database& db, std::vector<std::int64_t> refs, bool* rebuilt = nullptr) {
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    if (refs.empty()) return {};
    // The days added on top of the blocks first: the clients' blocks are then whole.
    if (auto s = foldAddedDays(db); !s) return s;
    // Re-reading much of the book client by client (one seek per client and month) costs
    // more than one pass over it.
    auto clients = queryInt(db, "SELECT count(*) FROM clients");
    if (!clients) return clients.error();
    if (static_cast<std::int64_t>(refs.size()) * 8 > *clients + 1000) {
        if (rebuilt) *rebuilt = true;
        return rebuildInTransaction(db);
    }
    // The table is keyed by block first: a client's rows are a seek per stored block.
    auto blocks = storedTradeDayBlocks(db);
    if (!blocks) return blocks.error();
    auto del = db.prepare("DELETE FROM trade_days WHERE block = ?1 AND client_ref = ?2");
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
        for (const std::int64_t block : *blocks) {
            del->bind(1, block).bind(2, ref);
            if (auto s = del->run(); !s) return s;
        }
        sel->bind(1, ref);
        if (auto done = sel->forEach([&] {
                days.push_back({ref, sel->int64(0), sel->int64(1), sel->int64(2), sel->int64(3)});
            });
            !done)
            return done.error();
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
    if (auto done = st->forEach([&] { refs.push_back(st->int64(0)); }); !done) return done.error();
    return refs;
}

Result<bool> triggersPresent(Database& db) {
    auto n =
        queryInt(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                     "tbl_name = 'trades' AND name LIKE 'trade\\_days\\_mark\\_%' ESCAPE '\\'");
    if (!n) return n.error();
    return *n == static_cast<std::int64_t>(std::size(kTriggerNames));
}

/// True when trade_days needs no work: it has rows (or trades has none), nothing is dirty,
/// no day is added on top of the blocks and the triggers are in place. Four cheap lookups.
Result<bool> upToDate(Database& db) {
    auto st =
        db.prepare("SELECT EXISTS (SELECT 1 FROM trade_days) OR NOT EXISTS (SELECT 1 FROM trades), "
                   "EXISTS (SELECT 1 FROM trade_days_dirty) OR "
                   "EXISTS (SELECT 1 FROM trade_days_added)");
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
    if (auto s = foldAddedDays(db); !s) return s;
    auto refs = dirtyClients(db);
    if (!refs) return refs.error();
    return refreshInTransaction(db, std::move(*refs));
}

/// Brings the given days of one client (sorted, distinct) up to date and rewrites the blocks
/// that hold them: a day only added to is its stored totals plus the trades added, any other
/// is read back from trades (a key range: a day lies in one month).
/// Touched clients of one block from which DayRefresh reads the block's rows in one pass.
constexpr std::size_t kPrefetchFrom = 256;

class DayRefresh {
  public:
    static Result<DayRefresh> prepare(Database& db) {
        auto agg = db.prepare("SELECT count(*), coalesce(sum(amount), 0), "
                              "coalesce(sum(commission), 0) FROM trades WHERE trade_month = ?1 "
                              "AND client_ref = ?2 AND trade_time BETWEEN ?3 AND ?4");
        if (!agg) return agg.error();
        auto read =
            db.prepare("SELECT packed FROM trade_days WHERE client_ref = ?1 AND block = ?2");
        if (!read) return read.error();
        auto drop = db.prepare("DELETE FROM trade_days WHERE client_ref = ?1 AND block = ?2");
        if (!drop) return drop.error();
        auto clean = db.prepare("DELETE FROM trade_days_dirty WHERE client_ref = ?1");
        if (!clean) return clean.error();
        return DayRefresh(db, std::move(*agg), std::move(*read), std::move(*drop),
                          std::move(*clean));
    }

    /// Reads at once, in one pass over the block's key range, the stored rows of the given
    /// clients (ascending) in `block`: many clients' days in one block (a nightly load's) then
    /// cost a step each instead of a seek each.
    Status prefetch(Database& db, std::int64_t block, const std::vector<std::int64_t>& refs) {
        if (refs.empty()) return {};
        auto st = db.prepare("SELECT client_ref, packed FROM trade_days WHERE block = ?1 AND "
                             "client_ref BETWEEN ?2 AND ?3 ORDER BY client_ref");
        if (!st) return st.error();
        st->bind(1, block).bind(2, refs.front()).bind(3, refs.back());
        auto& rows = m_prefetched[block];
        std::size_t k = 0;
        if (auto done = st->forEach([&] {
                const std::int64_t ref = st->int64(0);
                while (k < refs.size() && refs[k] < ref) ++k;
                if (k == refs.size()) return false;
                if (refs[k] == ref) rows.emplace_back(ref, std::string(st->blob(1)));
                return true;
            });
            !done)
            return done.error();
        return {};
    }

    /// Writes the blocks client() rewrote, in one statement, in key order.
    Status finish() {
        // Written client by client: in key order already when they lie in one block.
        const auto keyOrder = [](const TradeDayBlock& a, const TradeDayBlock& b) {
            return std::tie(a.block, a.client_ref) < std::tie(b.block, b.client_ref);
        };
        if (!std::is_sorted(m_written.begin(), m_written.end(), keyOrder))
            std::sort(m_written.begin(), m_written.end(), keyOrder);
        const imp::RowFill fill = [&](std::size_t i, imp::Values& out) {
            const TradeDayBlock& b = m_written[i];
            out[0] = imp::Value::of(b.block);
            out[1] = imp::Value::of(b.client_ref);
            out[2] = imp::Value::of(b.day_count);
            out[3] = imp::Value::of(b.last_day);
            out[4] = imp::Value::blob(b.packed);
        };
        auto s = imp::replaceRows(*m_db, "trade_days",
                                  {"block", "client_ref", "day_count", "last_day", "packed"},
                                  m_written.size(), fill);
        m_written.clear();
        return s;
    }

    /// `clean`: and takes the client off the dirty list.
    Status client(std::int64_t ref, const TradeDayTouch* days, std::size_t count, bool clean) {
        for (std::size_t i = 0; i < count;) {
            const std::int64_t block = tradeDayBlockOf(days[i].added.day);
            std::size_t j = i + 1;
            while (j < count && tradeDayBlockOf(days[j].added.day) == block) ++j;
            if (auto s = this->block(ref, block, days + i, j - i); !s) return s;
            i = j;
        }
        if (!clean) return {};
        m_clean.bind(1, ref);
        return m_clean.run();
    }

  private:
    DayRefresh(Database& db, Statement agg, Statement read, Statement drop, Statement clean)
        : m_db(&db), m_agg(std::move(agg)), m_read(std::move(read)), m_drop(std::move(drop)),
          m_clean(std::move(clean)) {}

    Status block(std::int64_t ref, std::int64_t block, const TradeDayTouch* days,
                 std::size_t count) {
        m_rows.clear();
        bool stored = false, ok = true;
        if (const auto pre = m_prefetched.find(block); pre != m_prefetched.end()) {
            const auto& rows = pre->second;
            const auto at = std::lower_bound(rows.begin(), rows.end(), ref,
                                             [](const std::pair<std::int64_t, std::string>& r,
                                                std::int64_t v) { return r.first < v; });
            stored = at != rows.end() && at->first == ref;
            ok = !stored || unpackTradeDays(ref, block, at->second, m_rows);
        } else {
            m_read.bind(1, ref).bind(2, block);
            auto found = m_read.step();
            if (!found) return found.error();
            stored = *found;
            ok = !stored || unpackTradeDays(ref, block, m_read.blob(0), m_rows);
            m_read.reset();
        }
        if (!ok)
            return makeError(ErrorCode::Internal,
                             "trade_days: a damaged block of client " + std::to_string(ref));
        for (std::size_t i = 0; i < count; ++i) {
            const std::int64_t day = days[i].added.day;
            const auto at =
                std::lower_bound(m_rows.begin(), m_rows.end(), day,
                                 [](const DayRow& row, std::int64_t d) { return row.day < d; });
            const bool had = at != m_rows.end() && at->day == day;
            DayRow now = days[i].added;
            if (days[i].exact) {
                if (had) {
                    now.trades += at->trades;
                    now.amount += at->amount;
                    now.commission += at->commission;
                }
            } else {
                m_agg.bind(1, tradeMonthOf(day * 86400)).bind(2, ref);
                m_agg.bind(3, day * 86400).bind(4, day * 86400 + 86399);
                auto r = m_agg.step();
                if (!r) return r.error();
                now = {ref, day, m_agg.int64(0), m_agg.int64(1), m_agg.int64(2)};
                m_agg.reset();
            }
            if (now.trades == 0) {
                if (had) m_rows.erase(at);
            } else if (had) {
                *at = now;
            } else {
                m_rows.insert(at, now);
            }
        }
        if (m_rows.empty()) {
            if (!stored) return {};
            m_drop.bind(1, ref).bind(2, block);
            return m_drop.run();
        }
        m_written.push_back({ref, block, static_cast<std::int64_t>(m_rows.size()),
                             m_rows.back().day,
                             packTradeDays(block, m_rows.data(), m_rows.size())});
        return {};
    }

    Database* m_db;
    Statement m_agg, m_read, m_drop, m_clean;
    std::vector<DayRow> m_rows;
    std::vector<TradeDayBlock> m_written; // rewritten blocks, until finish()
    // block -> (client_ref, packed) of prefetch(), ascending
    std::map<std::int64_t, std::vector<std::pair<std::int64_t, std::string>>> m_prefetched;
};

/// Brings the touched days (sorted by client and day, one touch a day) into their clients'
/// blocks, leaving out the clients in `whole` (sorted; refreshed whole by the caller);
/// `clean` takes each client off the dirty list.
Status rewriteBlocks(Database& db, const std::vector<TradeDayTouch>& touched,
                     const std::vector<std::int64_t>& whole, bool clean) {
    auto refresh = DayRefresh::prepare(db);
    if (!refresh) return refresh.error();
    {
        // The clients touched per block; a block touched for many is read in one pass.
        std::vector<std::pair<std::int64_t, std::int64_t>> blockRefs; // (block, client_ref)
        for (const TradeDayTouch& t : touched)
            if (!std::binary_search(whole.begin(), whole.end(), t.added.client_ref))
                blockRefs.emplace_back(tradeDayBlockOf(t.added.day), t.added.client_ref);
        if (!std::is_sorted(blockRefs.begin(), blockRefs.end()))
            std::sort(blockRefs.begin(), blockRefs.end());
        blockRefs.erase(std::unique(blockRefs.begin(), blockRefs.end()), blockRefs.end());
        std::vector<std::int64_t> refs;
        for (std::size_t i = 0; i < blockRefs.size();) {
            const std::int64_t block = blockRefs[i].first;
            refs.clear();
            for (; i < blockRefs.size() && blockRefs[i].first == block; ++i)
                refs.push_back(blockRefs[i].second);
            if (refs.size() >= kPrefetchFrom)
                if (auto s = refresh->prefetch(db, block, refs); !s) return s;
        }
    }
    for (std::size_t i = 0; i < touched.size();) {
        const std::int64_t ref = touched[i].added.client_ref;
        const std::size_t from = i;
        while (i < touched.size() && touched[i].added.client_ref == ref) ++i;
        if (std::binary_search(whole.begin(), whole.end(), ref)) continue;
        if (auto s = refresh->client(ref, touched.data() + from, i - from, clean); !s) return s;
    }
    return refresh->finish();
}

/// Folds trade_days_added into the blocks (each row a day's trades added on top of its block)
/// and empties it. One lookup when it is empty.
Status foldAddedDays(Database& db) {
    auto st =
        db.prepare("SELECT client_ref, day, trades, amount, commission FROM trade_days_added");
    if (!st) return st.error();
    std::vector<TradeDayTouch> added;
    if (auto done = st->forEach([&] {
            added.push_back(
                {{st->int64(0), st->int64(1), st->int64(2), st->int64(3), st->int64(4)}, true});
        });
        !done)
        return done.error();
    if (added.empty()) return {};
    std::sort(added.begin(), added.end(), [](const TradeDayTouch& a, const TradeDayTouch& b) {
        return keyLess(a.added, b.added);
    });
    // Dirty marks stay: a marked client is refreshed whole after the fold.
    if (auto s = rewriteBlocks(db, added, {}, false); !s) return s;
    return db.exec("DELETE FROM trade_days_added");
}

/// Adds the days of new trades (exact touches, sorted by client and day) on top of the blocks,
/// in trade_days_added's key order (day, client_ref): a nightly's days are one or a few, so its
/// rows append at the right edge of the tree instead of rewriting a block per client.
Status addDays(Database& db, const std::vector<TradeDayTouch>& touched) {
    const auto order =
        orderBy(touched.size(), [&](std::uint32_t i) { return touched[i].added.day; });
    const imp::RowFill fill = [&](std::size_t i, imp::Values& out) {
        const TradeDayRow& d = touched[order[i]].added;
        out[0] = imp::Value::of(d.day);
        out[1] = imp::Value::of(d.client_ref);
        out[2] = imp::Value::of(d.trades);
        out[3] = imp::Value::of(d.amount);
        out[4] = imp::Value::of(d.commission);
    };
    return imp::addRows(db, "trade_days_added",
                        {"day", "client_ref", "trades", "amount", "commission"}, 2, touched.size(),
                        fill);
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

void TradeDayGatherer::add(std::int64_t clientRef, std::int64_t day, std::int64_t amount,
                           std::int64_t commission) {
    // Client references are row ids, dense from 1: a slot each, looked up directly (the
    // trades of millions of rows come here one by one); any other in a map.
    std::size_t* slot = nullptr;
    if (clientRef >= 0 && clientRef < kDenseClients) {
        const auto at = static_cast<std::size_t>(clientRef);
        if (at >= m_slot.size()) m_slot.resize(std::max(at + 1, m_slot.size() * 2), 0);
        slot = &m_slot[at];
    } else {
        slot = &m_far[clientRef];
    }
    if (*slot == 0) {
        m_open.push_back({});
        m_open.back().client_ref = clientRef;
        *slot = m_open.size();
    }
    Open& o = m_open[*slot - 1];
    if (o.hasPending && day == o.pending.day) {
        ++o.pending.trades;
        o.pending.amount += amount;
        o.pending.commission += commission;
        return;
    }
    if (o.hasPending && day < o.pending.day) {
        m_aside.push_back({clientRef, day, 1, amount, commission});
        return;
    }
    flush(o);
    o.pending = {clientRef, day, 1, amount, commission};
    o.hasPending = true;
}

void TradeDayGatherer::flush(Open& o) {
    if (!o.hasPending) return;
    o.hasPending = false;
    const std::int64_t block = tradeDayBlockOf(o.pending.day);
    if (o.day_count > 0 && block != o.block) close(o);
    if (o.day_count == 0) {
        o.block = block;
        o.prev = block * 256;
    }
    putVarint(o.packed, static_cast<std::uint64_t>(o.pending.day - o.prev));
    putVarint(o.packed, static_cast<std::uint64_t>(o.pending.trades));
    putVarint(o.packed, zigzag(o.pending.amount));
    putVarint(o.packed, zigzag(o.pending.commission));
    o.prev = o.pending.day;
    ++o.day_count;
}

void TradeDayGatherer::close(Open& o) {
    if (o.day_count == 0) return;
    m_done.push_back({o.client_ref, o.block, o.day_count, o.prev, std::move(o.packed)});
    o.packed = {};
    o.day_count = 0;
}

std::vector<TradeDayBlock> TradeDayGatherer::finish() {
    for (Open& o : m_open) {
        flush(o);
        close(o);
    }
    std::vector<Open>().swap(m_open);
    std::vector<std::size_t>().swap(m_slot);
    m_far.clear();
    std::vector<TradeDayBlock> done;
    done.swap(m_done);
    std::sort(done.begin(), done.end(), [](const TradeDayBlock& a, const TradeDayBlock& b) {
        return std::tie(a.client_ref, a.block) < std::tie(b.client_ref, b.block);
    });
    if (m_aside.empty()) return done;
    // The clients with days kept aside: their blocks unpacked, merged and packed again.
    sortTradeDayRows(m_aside);
    std::vector<TradeDayBlock> out;
    out.reserve(done.size());
    std::vector<TradeDayRow> rows;
    std::size_t a = 0;
    for (std::size_t i = 0; i < done.size() || a < m_aside.size();) {
        const std::int64_t ref =
            i < done.size() && (a == m_aside.size() || done[i].client_ref <= m_aside[a].client_ref)
                ? done[i].client_ref
                : m_aside[a].client_ref;
        if (a == m_aside.size() || m_aside[a].client_ref != ref) {
            for (; i < done.size() && done[i].client_ref == ref; ++i)
                out.push_back(std::move(done[i]));
            continue;
        }
        rows.clear();
        for (; i < done.size() && done[i].client_ref == ref; ++i)
            (void)unpackTradeDays(ref, done[i].block, done[i].packed, rows);
        for (; a < m_aside.size() && m_aside[a].client_ref == ref; ++a) rows.push_back(m_aside[a]);
        sortTradeDayRows(rows);
        for (TradeDayBlock& b : packTradeDayBlocks(rows)) out.push_back(std::move(b));
    }
    std::vector<TradeDayRow>().swap(m_aside);
    return out;
}

Result<std::vector<TradeDayRow>> loadTradeDays(Database& db, std::int64_t lo, std::int64_t hi,
                                               std::int64_t fromDay) {
    TradeDayBlockScan::Range range;
    range.client_lo = lo;
    range.client_hi = hi;
    if (fromDay != INT64_MIN) range.block_lo = tradeDayBlockOf(fromDay);
    auto scan = TradeDayBlockScan::open(db, range);
    if (!scan) return scan.error();
    std::vector<TradeDayRow> out;
    auto s = scan->forEach([&]() -> Status {
        const std::size_t before = out.size();
        // The block's own count and last day must agree with what it unpacks to.
        const bool ok = unpackTradeDays(scan->clientRef(), scan->block(), scan->packed(), out) &&
                        static_cast<std::int64_t>(out.size() - before) == scan->dayCount() &&
                        out.size() > before && out.back().day == scan->lastDay();
        if (!ok)
            return makeError(ErrorCode::Internal, "trade_days: a damaged block of client " +
                                                      std::to_string(scan->clientRef()));
        return {};
    });
    if (!s) return s.error();
    const std::int64_t blockLo = range.block_lo;
    if (auto added = addAddedTradeDays(db, out,
                                       [&](const TradeDayRow& d) {
                                           return d.client_ref < lo || d.client_ref > hi ||
                                                  tradeDayBlockOf(d.day) < blockLo;
                                       });
        !added)
        return added.error();
    return out;
}

Status addAddedTradeDays(Database& db, std::vector<TradeDayRow>& days,
                         const std::function<bool(const TradeDayRow&)>& skip) {
    auto st =
        db.prepare("SELECT client_ref, day, trades, amount, commission FROM trade_days_added");
    if (!st) return st.error();
    const std::size_t before = days.size();
    if (auto done = st->forEach([&] {
            const TradeDayRow d{st->int64(0), st->int64(1), st->int64(2), st->int64(3),
                                st->int64(4)};
            if (!skip || !skip(d)) days.push_back(d);
        });
        !done)
        return done.error();
    if (days.size() > before) sortTradeDayRows(days);
    return {};
}

Result<std::vector<std::int64_t>> storedTradeDayBlocks(Database& db) {
    // min() over the leading key column with a lower bound is one seek.
    auto st = db.prepare("SELECT min(block) FROM trade_days WHERE block > ?1");
    if (!st) return st.error();
    std::vector<std::int64_t> blocks;
    std::int64_t after = INT64_MIN;
    for (;;) {
        st->reset();
        st->bind(1, after);
        auto r = st->step();
        if (!r) return r.error();
        if (!*r || st->isNull(0)) break;
        after = st->int64(0);
        blocks.push_back(after);
    }
    return blocks;
}

Result<TradeDayBlockScan> TradeDayBlockScan::open(Database& db, const Range& range) {
    auto blocks = storedTradeDayBlocks(db);
    if (!blocks) return blocks.error();
    TradeDayBlockScan scan;
    for (const std::int64_t block : *blocks) {
        if (block < range.block_lo || block > range.block_hi) continue;
        auto st = db.prepare("SELECT client_ref, day_count, last_day, packed FROM trade_days "
                             "WHERE block = ?1 AND client_ref BETWEEN ?2 AND ?3 "
                             "ORDER BY client_ref");
        if (!st) return st.error();
        st->bind(1, block).bind(2, range.client_lo).bind(3, range.client_hi);
        scan.m_blocks.push_back(block);
        scan.m_cursors.push_back(std::move(*st));
    }
    scan.m_live.assign(scan.m_blocks.size(), 0);
    return scan;
}

Result<bool> TradeDayBlockScan::next() {
    const auto advance = [&](std::size_t i) -> Status {
        auto r = m_cursors[i].step();
        if (!r) return r.error();
        m_live[i] = *r ? 1 : 0;
        return {};
    };
    if (!m_started) {
        m_started = true;
        for (std::size_t i = 0; i < m_cursors.size(); ++i)
            if (auto s = advance(i); !s) return s.error();
    } else if (m_at < m_cursors.size()) {
        if (auto s = advance(m_at); !s) return s.error();
    }
    // The lowest client; among its rows the lowest block (cursors are in block order).
    m_at = m_cursors.size();
    for (std::size_t i = 0; i < m_cursors.size(); ++i)
        if (m_live[i] &&
            (m_at == m_cursors.size() || m_cursors[i].int64(0) < m_cursors[m_at].int64(0)))
            m_at = i;
    return m_at < m_cursors.size();
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

Status replaceTradeDays(Database& db, const std::vector<TradeDayRow>& days) {
    return inTransaction(db, [&] { return writeAllDays(db, packTradeDayBlocks(days)); });
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
    std::vector<std::int64_t> dirtyBefore;
    if (*empty) {
        for (std::string_view name : kTriggerNames)
            if (auto s = db.exec("DROP TRIGGER IF EXISTS " + std::string(name)); !s)
                return s.error();
    } else {
        auto dirty = dirtyClients(db);
        if (!dirty) return dirty.error();
        dirtyBefore = std::move(*dirty);
    }
    return TradeDaysUpkeep(db, *empty != 0, std::move(dirtyBefore));
}

Status TradeDaysUpkeep::watchWrites() {
    if (m_bulk || m_watching) return {};
    auto triggers = triggersPresent(*m_db);
    if (!triggers) return triggers.error();
    if (!*triggers) return {}; // nothing watches: finish() starts over as syncTradeDays does
    for (std::string_view name : kTriggerNames)
        if (auto s = m_db->exec("DROP TRIGGER IF EXISTS " + std::string(name)); !s) return s;
    m_watching = true;
    return {};
}

void TradeDaysUpkeep::provideBulkBlocks(std::vector<TradeDayBlock> blocks) {
    m_blocks = std::move(blocks);
    m_provided = true;
}

void TradeDaysUpkeep::provideBulkDays(const std::vector<TradeDayRow>& days) {
    m_blocks = packTradeDayBlocks(days);
    m_provided = true;
}

Status TradeDaysUpkeep::finish() {
    Database& db = *m_db;
    return inTransaction(db, [&]() -> Status {
        if (!m_bulk) {
            if (!m_watching) return m_touched.empty() ? syncInTransaction(db) : refreshTouched();
            if (auto s = refreshTouched(); !s) return s;
            m_watching = false;
            return db.exec(kTradeDaysTriggers);
        }
        if (auto s = m_provided ? writeAllDays(db, m_blocks) : rebuildInTransaction(db); !s)
            return s;
        m_blocks = {};
        return db.exec(kTradeDaysTriggers);
    });
}

} // namespace bd::storage

namespace bd::storage {

Status TradeDaysUpkeep::refreshTouched() {
    Database& db = *m_db;
    auto triggers = m_watching ? Result<bool>(true) : triggersPresent(db);
    if (!triggers) return triggers.error();
    auto haveDays = queryInt(db, "SELECT EXISTS (SELECT 1 FROM trade_days)");
    if (!haveDays) return haveDays.error();
    if (!*triggers || !*haveDays) return syncInTransaction(db); // nothing to refresh in part
    const auto before = [](const TradeDayTouch& a, const TradeDayTouch& b) {
        return keyLess(a.added, b.added);
    };
    // A nightly's trades are written in key order (month, client, time), so within a month
    // their touches come sorted already.
    if (!std::is_sorted(m_touched.begin(), m_touched.end(), before))
        std::sort(m_touched.begin(), m_touched.end(), before);
    std::size_t kept = 0; // one touch per day: the trades added summed, exact if all were
    for (const TradeDayTouch& t : m_touched) {
        TradeDayTouch* last = kept ? &m_touched[kept - 1] : nullptr;
        if (last && last->added.client_ref == t.added.client_ref &&
            last->added.day == t.added.day) {
            last->added.trades += t.added.trades;
            last->added.amount += t.added.amount;
            last->added.commission += t.added.commission;
            last->exact = last->exact && t.exact;
        } else {
            m_touched[kept++] = t;
        }
    }
    m_touched.resize(kept);
    const auto touchedClient = [&](std::int64_t ref) {
        const auto at = std::lower_bound(m_touched.begin(), m_touched.end(),
                                         TradeDayTouch{{ref, INT64_MIN, 0, 0, 0}, false}, before);
        return at != m_touched.end() && at->added.client_ref == ref;
    };
    // Marked clients this writer cannot vouch for (marked before it began, or by no touch of
    // its own): their whole history.
    auto dirty = dirtyClients(db);
    if (!dirty) return dirty.error();
    std::vector<std::int64_t> whole;
    for (const std::int64_t ref : *dirty)
        if (std::binary_search(m_dirtyBefore.begin(), m_dirtyBefore.end(), ref) ||
            !touchedClient(ref))
            whole.push_back(ref);
    // Only new trades, all watched: their days go on top of the blocks (trade_days_added), no
    // block read or rewritten; the next sync folds them in.
    const bool onlyAdded = m_watching && whole.empty() &&
                           std::all_of(m_touched.begin(), m_touched.end(),
                                       [](const TradeDayTouch& t) { return t.exact; });
    if (onlyAdded) {
        if (auto s = addDays(db, m_touched); !s) return s;
        m_added.clear();
        m_added.reserve(m_touched.size());
        for (const TradeDayTouch& t : m_touched) m_added.push_back(t.added);
        m_addedOnly = true;
        m_touched.clear();
        return {};
    }
    // Otherwise the blocks are made whole first (a day read back from trades replaces its
    // block's totals, and an added row would count its trades twice).
    bool rebuilt = false;
    if (auto s = refreshInTransaction(db, whole, &rebuilt); !s) return s;
    if (rebuilt) {
        // Every day was read back from the trades, this writer's included: adding its
        // touches on top would count them twice.
        m_touched.clear();
        return {};
    }
    if (auto s = foldAddedDays(db); !s) return s;
    // Watching, the triggers marked no one: a mark left is from before (refreshed whole).
    auto s = rewriteBlocks(db, m_touched, whole, !m_watching);
    m_touched.clear();
    return s;
}

} // namespace bd::storage
