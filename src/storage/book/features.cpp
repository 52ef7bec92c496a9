#include "storage/book/features.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>
#include <numeric>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include <sqlite3.h>

#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "storage/book/tradedays.h"
#include "storage/schema/tradelayout.h"

// GCC 12 at -O3 reports false -Wfree-nonheap-object positives on std::vector<int64_t>(n, 0)
// after inlining (same family as GCC PR 105329); the code has no such free.
#pragma GCC diagnostic ignored "-Wfree-nonheap-object"

namespace bd::storage {
namespace {

constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::min();
constexpr double kUnitsPerCny = 10000.0;

std::int32_t dayOf(std::int64_t secs) {
    return static_cast<std::int32_t>(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400);
}

/// client_ref -> row: a dense table when ids are compact (the usual case), else a hash map.
class RowIndex {
  public:
    explicit RowIndex(const std::vector<std::int64_t>& refs) {
        const std::int64_t maxRef = refs.empty() ? 0 : refs.back();
        if (!refs.empty() && refs.front() >= 0 &&
            maxRef <= static_cast<std::int64_t>(refs.size()) * 8 + 1'000'000) {
            m_dense.assign(static_cast<std::size_t>(maxRef) + 1, -1);
            for (std::size_t i = 0; i < refs.size(); ++i)
                m_dense[static_cast<std::size_t>(refs[i])] = static_cast<std::int32_t>(i);
        } else {
            for (std::size_t i = 0; i < refs.size(); ++i)
                m_map.emplace(refs[i], static_cast<std::int32_t>(i));
        }
    }
    std::int32_t operator()(std::int64_t ref) const {
        if (!m_dense.empty() || m_map.empty()) {
            if (ref < 0 || ref >= static_cast<std::int64_t>(m_dense.size())) return -1;
            return m_dense[static_cast<std::size_t>(ref)];
        }
        auto it = m_map.find(ref);
        return it == m_map.end() ? -1 : it->second;
    }

  private:
    std::vector<std::int32_t> m_dense;
    std::unordered_map<std::int64_t, std::int32_t> m_map;
};

/// Runs `sql` (a fixed statement of this file) with `bind(stmt)` and calls `row(stmt)` per
/// result row, on the raw C API: the scans below read millions of rows, where the wrapper's
/// per-step Result and per-column calls through Statement are a measurable share of the CPU.
template <typename Bind, typename Row>
Status scanRaw(Database& db, const char* sql, Bind&& bind, Row&& row) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db.handle(), sql, -1, &raw, nullptr) != SQLITE_OK)
        return db.lastError("prepare feature scan");
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owned(raw, sqlite3_finalize);
    bind(raw);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) row(raw);
    if (rc != SQLITE_DONE) return db.lastError("feature scan");
    return {};
}

/// A slice of the book by client: client_ref in [lo, hi], rows [begin, end) of BookFeatures.
struct Slice {
    std::int64_t lo = std::numeric_limits<std::int64_t>::min();
    std::int64_t hi = std::numeric_limits<std::int64_t>::max();
    std::size_t begin = 0, end = 0;
};

/// Rows of one client slice whose key range (from, to) per client comes from `sql` (a fixed
/// statement of this file: clients c joined with the rows, ?3..?4 the range's ends in the join,
/// client_ref selected first, in client order): `row(i, stmt)` per row with the client's row
/// index i, one index lookup per client. The slice's clients are chosen here: the WHERE on c.id
/// is added to `sql`, its ?1..?2 bound to the slice's client_ref range.
template <typename Row>
Status scanClientRows(Database& db, std::string_view sql, const Slice& slice, std::int64_t from,
                      std::int64_t to, const RowIndex& index, Row&& row) {
    std::int64_t lastRef = std::numeric_limits<std::int64_t>::min();
    std::int32_t at = -1;
    const std::string sliced = std::string(sql) + " WHERE c.id BETWEEN ?1 AND ?2";
    return scanRaw(
        db, sliced.c_str(),
        [&](sqlite3_stmt* st) {
            sqlite3_bind_int64(st, 1, slice.lo);
            sqlite3_bind_int64(st, 2, slice.hi);
            sqlite3_bind_int64(st, 3, from);
            sqlite3_bind_int64(st, 4, to);
        },
        [&](sqlite3_stmt* st) {
            const std::int64_t ref = sqlite3_column_int64(st, 0);
            if (ref != lastRef) {
                lastRef = ref;
                at = index(ref);
            }
            if (at >= 0) row(static_cast<std::size_t>(at), st);
        });
}

Status readClients(Database& db, BookFeatures& f) {
    auto st =
        db.prepare("SELECT c.id, c.client_id, c.broker_id, COALESCE(c.branch_id, b.branch_id, ''), "
                   "c.open_date FROM clients c LEFT JOIN brokers b ON b.broker_id = c.broker_id "
                   "ORDER BY c.id");
    if (!st) return st.error();
    if (auto done = st->forEach([&] {
            f.client_ref.push_back(st->int64(0));
            f.client_id.emplace_back(st->textView(1));
            f.broker_id.emplace_back(st->textView(2));
            f.branch_id.emplace_back(st->textView(3));
            f.open_date.push_back(static_cast<std::int32_t>(st->int64(4)));
        });
        !done)
        return done.error();
    return {};
}

/// Per (client, date) trade aggregates collected by the trades pass.
struct DayRecords {
    std::vector<std::int32_t> row, day, trades;
    std::vector<std::int64_t> commission, amount;
};

/// One sequential pass over the trades table (table order, never the client index: on a
/// time-ordered table an index-ordered read is random I/O). Each client's trades of one date
/// are merged as they come as long as the client's dates do not go backwards (true for both
/// time-ordered and client-ordered files); anything else is merged after the counting sort.
Status scanTrades(Database& db, std::optional<Date> asOf, const RowIndex& index, std::size_t n,
                  DayRecords& rec, std::int32_t& maxDay) {
    std::vector<std::int32_t> lastDay(n, kNever);
    std::vector<std::int64_t> lastRec(n, -1);
    auto st =
        asOf ? db.prepare("SELECT client_ref, trade_time, amount, commission FROM trades "
                          "NOT INDEXED WHERE trade_time < ?1")
             : db.prepare(
                   "SELECT client_ref, trade_time, amount, commission FROM trades NOT INDEXED");
    if (!st) return st.error();
    if (asOf) st->bind(1, (static_cast<std::int64_t>(asOf->days) + 1) * 86400);
    maxDay = kNever;
    if (auto done = st->forEach([&] {
            const std::int32_t row = index(st->int64(0));
            if (row < 0) return; // foreign keys make this impossible; be safe anyway
            const auto i = static_cast<std::size_t>(row);
            const std::int32_t day = dayOf(st->int64(1));
            const std::int64_t amount = st->int64(2), comm = st->int64(3);
            maxDay = std::max(maxDay, day);
            if (day == lastDay[i]) {
                const auto k = static_cast<std::size_t>(lastRec[i]);
                rec.commission[k] += comm;
                rec.amount[k] += amount;
                ++rec.trades[k];
                return;
            }
            if (day > lastDay[i]) {
                lastDay[i] = day;
                lastRec[i] = static_cast<std::int64_t>(rec.row.size());
            }
            rec.row.push_back(row);
            rec.day.push_back(day);
            rec.trades.push_back(1);
            rec.commission.push_back(comm);
            rec.amount.push_back(amount);
        });
        !done)
        return done.error();
    return {};
}

/// Trade days of one slice that may lie in the 12-month window W, which is known only once A
/// is (without a given as-of date A is the latest trade date of all slices).
struct RecentDays {
    std::vector<std::int32_t> row, day, trades;
    std::vector<std::int64_t> amount, commission; // 0.0001 CNY
};

/// One client slice's days from trade_days, summed into `td` as they arrive: the scan gives the
/// blocks grouped by client, each client's with ascending, distinct dates.
/// Only the days that can fall in W are kept one by one (about a sixth of a six-year history).
Status readTradeDays(Database& db, std::optional<Date> asOf, const RowIndex& index,
                     const Slice& slice, TradeDays& td, RecentDays& recent, std::int32_t& maxDay) {
    std::int64_t lastRef = std::numeric_limits<std::int64_t>::min();
    std::int32_t row = -1;
    std::int32_t maxSeen = kNever;
    bool outOfOrder = false, damaged = false;
    const std::int32_t givenWindowStart = asOf ? asOf->days - 365 : kNever;
    std::vector<TradeDayRow> days; // one block's, reused
    TradeDayBlockScan::Range range;
    range.client_lo = slice.lo;
    range.client_hi = slice.hi;
    // Without a given as-of date every block is wanted.
    if (asOf) range.block_hi = tradeDayBlockOf(asOf->days);
    auto scan = TradeDayBlockScan::open(db, range);
    if (!scan) return scan.error();
    const auto onBlock = [&] {
        const std::int64_t ref = scan->clientRef();
        if (ref != lastRef) { // one lookup per client
            lastRef = ref;
            row = index(ref);
            if (row >= 0 && (static_cast<std::size_t>(row) < slice.begin ||
                             static_cast<std::size_t>(row) >= slice.end)) {
                outOfOrder = true;
                row = -1;
            }
        }
        if (row < 0) return; // foreign keys make this impossible; be safe anyway
        days.clear();
        if (!unpackTradeDays(ref, scan->block(), scan->packed(), days)) {
            damaged = true;
            return;
        }
        const auto i = static_cast<std::size_t>(row);
        for (const TradeDayRow& d : days) {
            const auto day = static_cast<std::int32_t>(d.day);
            if (asOf && day > asOf->days) break;
            if (td.days[i] > 0 && day <= td.last[i]) {
                outOfOrder = true;
                return;
            }
            td.add(i, day, d.commission);
            maxSeen = std::max(maxSeen, day);
            // A >= maxSeen: a day at or before maxSeen - 365 is outside W whatever A is.
            if (day > (asOf ? givenWindowStart : maxSeen - 365)) {
                recent.row.push_back(row);
                recent.day.push_back(day);
                recent.commission.push_back(d.commission);
                recent.trades.push_back(static_cast<std::int32_t>(d.trades));
                recent.amount.push_back(d.amount);
            }
        }
    };
    if (auto s = scan->forEach(onBlock); !s) return s;
    if (damaged) return makeError(ErrorCode::Internal, "trade_days holds a damaged block");
    if (outOfOrder)
        return makeError(ErrorCode::Internal, "trade_days rows are not in client and day order");
    maxDay = maxSeen;
    return {};
}

/// The trade features of every client once A is known: window sums from the recent days,
/// recency from the trade-day sums.
void applyTradeWindow(BookFeatures& f, const RecentDays* parts, std::size_t count) {
    const std::size_t n = f.rows();
    const std::int32_t a = f.as_of.days;
    const std::int32_t windowStart = a - 365; // exclusive
    std::vector<std::int64_t> commission(n, 0), amount(n, 0), trades(n, 0), days(n, 0);
    for (std::size_t p = 0; p < count; ++p) {
        const RecentDays& r = parts[p];
        for (std::size_t k = 0; k < r.day.size(); ++k) {
            if (r.day[k] <= windowStart || r.day[k] > a) continue;
            const auto i = static_cast<std::size_t>(r.row[k]);
            commission[i] += r.commission[k];
            amount[i] += r.amount[k];
            trades[i] += r.trades[k];
            ++days[i];
        }
    }
    const TradeDays& td = f.trade_days;
    for (std::size_t i = 0; i < n; ++i) {
        f.at(i, Feature::Commission12m) = static_cast<double>(commission[i]) / kUnitsPerCny;
        f.at(i, Feature::Amount12m) = static_cast<double>(amount[i]) / kUnitsPerCny;
        f.at(i, Feature::Trades12m) = static_cast<double>(trades[i]);
        f.at(i, Feature::TradeDays12m) = static_cast<double>(days[i]);
        f.at(i, Feature::Frequency) = static_cast<double>(days[i]);
        f.at(i, Feature::Monetary) =
            days[i] > 0 ? f.at(i, Feature::Commission12m) / static_cast<double>(days[i]) : 0.0;
        f.at(i, Feature::RecencyDays) =
            td.days[i] > 0 ? static_cast<double>(a - td.last[i]) : f.at(i, Feature::TenureDays);
    }
}

/// Lays the day records out per client (CSR, ascending dates, one entry per date, dates after
/// A dropped) and derives the window features from them.
void buildTradeDays(BookFeatures& f, DayRecords& rec) {
    const std::size_t n = f.rows();
    const std::int32_t a = f.as_of.days;
    std::vector<std::int64_t> start(n + 1, 0);
    for (std::int32_t r : rec.row) ++start[static_cast<std::size_t>(r) + 1];
    for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
    // Records from trade_days come grouped by client already; others are scattered one column
    // at a time through a permutation to keep peak memory low.
    if (!std::is_sorted(rec.row.begin(), rec.row.end())) {
        std::vector<std::uint32_t> dest(rec.row.size());
        {
            std::vector<std::int64_t> cursor(start.begin(), start.end() - 1);
            for (std::size_t k = 0; k < rec.row.size(); ++k)
                dest[k] =
                    static_cast<std::uint32_t>(cursor[static_cast<std::size_t>(rec.row[k])]++);
        }
        auto scatter = [&](auto& column) {
            std::remove_reference_t<decltype(column)> out(column.size());
            for (std::size_t k = 0; k < column.size(); ++k) out[dest[k]] = column[k];
            column.swap(out);
        };
        scatter(rec.day);
        scatter(rec.trades);
        scatter(rec.commission);
        scatter(rec.amount);
    }
    std::vector<std::int32_t>().swap(rec.row);

    // Each client's dates merged into trade days (in date order), summed into f.trade_days and
    // handed to applyTradeWindow like the days read from trade_days.
    TradeDays& td = f.trade_days;
    td.resize(n);
    RecentDays days;
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i) {
        const auto b = static_cast<std::size_t>(start[i]);
        const auto e = static_cast<std::size_t>(start[i + 1]);
        order.resize(e - b);
        for (std::size_t k = b; k < e; ++k) order[k - b] = k;
        if (!std::is_sorted(rec.day.begin() + static_cast<std::ptrdiff_t>(b),
                            rec.day.begin() + static_cast<std::ptrdiff_t>(e)))
            std::stable_sort(order.begin(), order.end(),
                             [&](std::size_t x, std::size_t y) { return rec.day[x] < rec.day[y]; });
        for (std::size_t k : order) {
            const std::int32_t d = rec.day[k];
            if (d > a) continue; // after the as-of date
            if (!days.day.empty() && days.row.back() == static_cast<std::int32_t>(i) &&
                days.day.back() == d) {
                days.trades.back() += rec.trades[k];
                days.amount.back() += rec.amount[k];
                days.commission.back() += rec.commission[k];
                continue;
            }
            days.row.push_back(static_cast<std::int32_t>(i));
            days.day.push_back(d);
            days.trades.push_back(rec.trades[k]);
            days.amount.push_back(rec.amount[k]);
            days.commission.push_back(rec.commission[k]);
        }
    }
    for (std::size_t k = 0; k < days.day.size(); ++k)
        td.add(static_cast<std::size_t>(days.row[k]), days.day[k], days.commission[k]);
    applyTradeWindow(f, &days, 1);
}

/// Snapshots up to A: AUM now and 3/6/12 months ago, mean cash and net inflow over W.
/// Only the snapshots dated after A - 365 - kAssetLookback are read (a seek per client into
/// the (client_ref, date) key, about 14 of a six-year history's 70 month-ends); a client with
/// none between that date and some cut-off date (a closed or newly opened account) has its
/// latest earlier snapshot looked up by key, which is then the latest one before that cut-off.
constexpr std::int32_t kAssetLookback = 45;

Status readAssets(Database& db, BookFeatures& f, const RowIndex& index, const Slice& slice) {
    const std::size_t n = f.rows();
    const std::int32_t a = f.as_of.days;
    const std::int32_t from = a - 365 - kAssetLookback; // exclusive
    const std::int32_t cut[4] = {a, a - 90, a - 180, a - 365};
    const Feature col[4] = {Feature::AumNow, Feature::Aum3m, Feature::Aum6m, Feature::Aum12m};
    std::vector<std::int32_t> best(4 * n, kNever);
    std::vector<std::int64_t> bestAum(4 * n, 0), cashSum(n, 0), cashCount(n, 0), inflow(n, 0);
    auto scanned = scanClientRows(
        db,
        "SELECT a.client_ref, a.date, a.cash, a.market_value, a.net_inflow FROM clients c "
        "JOIN assets a ON a.client_ref = c.id AND a.date > ?3 AND a.date <= ?4",
        slice, from, a, index, [&](std::size_t i, sqlite3_stmt* st) {
            const auto d = static_cast<std::int32_t>(sqlite3_column_int64(st, 1));
            const std::int64_t cash = sqlite3_column_int64(st, 2);
            const std::int64_t aum = cash + sqlite3_column_int64(st, 3);
            for (std::size_t k = 0; k < 4; ++k) {
                if (d <= cut[k] && d > best[4 * i + k]) {
                    best[4 * i + k] = d;
                    bestAum[4 * i + k] = aum;
                }
            }
            if (d > a - 365) {
                cashSum[i] += cash;
                ++cashCount[i];
                inflow[i] += sqlite3_column_int64(st, 4); // NULL reads as 0
            }
        });
    if (!scanned) return scanned;
    // Cut-offs with no snapshot after `from`: the latest snapshot on or before `from`, if any.
    auto older = db.prepare("SELECT date, cash + market_value FROM assets WHERE client_ref = ?1 "
                            "AND date <= ?2 ORDER BY date DESC LIMIT 1");
    if (!older) return older.error();
    for (std::size_t i = slice.begin; i < slice.end; ++i) {
        if (std::none_of(best.begin() + static_cast<std::ptrdiff_t>(4 * i),
                         best.begin() + static_cast<std::ptrdiff_t>(4 * i + 4),
                         [](std::int32_t d) { return d == kNever; }))
            continue;
        older->reset();
        older->bind(1, f.client_ref[i]);
        older->bind(2, static_cast<std::int64_t>(from));
        auto r = older->step();
        if (!r) return r.error();
        if (!*r) continue;
        for (std::size_t k = 0; k < 4; ++k) {
            if (best[4 * i + k] != kNever) continue;
            best[4 * i + k] = static_cast<std::int32_t>(older->int64(0));
            bestAum[4 * i + k] = older->int64(1);
        }
    }
    for (std::size_t i = slice.begin; i < slice.end; ++i) {
        for (std::size_t k = 0; k < 4; ++k)
            f.at(i, col[k]) = static_cast<double>(bestAum[4 * i + k]) / kUnitsPerCny;
        f.at(i, Feature::Snapshots12m) = static_cast<double>(cashCount[i]);
        f.at(i, Feature::AvgCash12m) =
            cashCount[i] > 0
                ? static_cast<double>(cashSum[i]) / static_cast<double>(cashCount[i]) / kUnitsPerCny
                : 0.0;
        f.at(i, Feature::NetInflow12m) = static_cast<double>(inflow[i]) / kUnitsPerCny;
    }
    return {};
}

/// Contacts up to A: counts per channel in W, mean satisfaction in W, days since the last one.
/// Only W is read (a seek per client into contacts_for_value); a client with no contact in W
/// has its latest earlier one looked up by key.
Status readContacts(Database& db, BookFeatures& f, const RowIndex& index, const Slice& slice) {
    const std::size_t n = f.rows();
    const std::int32_t a = f.as_of.days;
    const std::int64_t windowFrom = static_cast<std::int64_t>(a - 364) * 86400; // first second
    const std::int64_t windowEnd = static_cast<std::int64_t>(a + 1) * 86400;    // exclusive
    std::vector<std::int32_t> last(n, kNever);
    std::vector<std::int64_t> satSum(n, 0), satCount(n, 0);
    auto scanned = scanClientRows(
        db,
        "SELECT k.client_ref, k.contact_time, k.channel, k.satisfaction FROM clients c "
        "JOIN contacts k ON k.client_ref = c.id AND k.contact_time >= ?3 AND k.contact_time < ?4 "
        "AND k.void_reason IS NULL",
        slice, windowFrom, windowEnd, index, [&](std::size_t i, sqlite3_stmt* st) {
            const std::int32_t d = dayOf(sqlite3_column_int64(st, 1));
            last[i] = std::max(last[i], d);
            std::int64_t ch = sqlite3_column_int64(st, 2);
            if (ch < 0 || ch >= kContactChannelCount) ch = static_cast<int>(ContactChannel::Other);
            f.at(i, contactFeature(static_cast<ContactChannel>(ch))) += 1.0;
            f.at(i, Feature::ContactsTotal) += 1.0;
            if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
                satSum[i] += sqlite3_column_int64(st, 3);
                ++satCount[i];
            }
        });
    if (!scanned) return scanned;
    auto older = db.prepare(
        "SELECT max(contact_time) FROM contacts WHERE client_ref = ?1 AND contact_time < ?2 AND "
        "void_reason IS NULL");
    if (!older) return older.error();
    for (std::size_t i = slice.begin; i < slice.end; ++i) {
        if (last[i] == kNever) {
            older->reset();
            older->bind(1, f.client_ref[i]);
            older->bind(2, windowFrom);
            auto r = older->step();
            if (!r) return r.error();
            if (*r && !older->isNull(0)) last[i] = dayOf(older->int64(0));
        }
        f.at(i, Feature::DaysSinceContact) =
            last[i] == kNever ? f.at(i, Feature::TenureDays) : static_cast<double>(a - last[i]);
        f.at(i, Feature::MeanSatisfaction) =
            satCount[i] > 0 ? static_cast<double>(satSum[i]) / static_cast<double>(satCount[i])
                            : 0.0;
    }
    return {};
}

/// Whether a second connection sees exactly what `db` sees: a file book with no transaction
/// open on this connection (uncommitted writes would be invisible to another connection).
bool canReadInParallel(Database& db) {
    const std::string& path = db.path();
    return !path.empty() && path != ":memory:" && path.find("mode=memory") == std::string::npos &&
           sqlite3_get_autocommit(db.handle()) != 0;
}

/// Runs `fn(connection, slice)` over the book's clients: in one call, or split in two halves
/// by client with the upper half on `other` in a second thread (both cores; WAL lets two
/// connections read at once). Slices are disjoint, so the calls write disjoint rows.
template <typename Fn>
Status forHalves(Database& db, Database* other, const BookFeatures& f, Fn&& fn) {
    const std::size_t n = f.rows();
    if (!other || n < 2) {
        Slice all;
        all.end = n;
        return fn(db, all, 0);
    }
    Slice lower, upper;
    lower.end = n / 2;
    lower.hi = f.client_ref[lower.end - 1];
    upper.lo = lower.hi + 1;
    upper.begin = lower.end;
    upper.end = n;
    Status upperStatus;
    std::thread worker([&] { upperStatus = fn(*other, upper, 1); });
    Status lowerStatus = fn(db, lower, 0);
    worker.join();
    if (!lowerStatus) return lowerStatus;
    return upperStatus;
}

} // namespace

std::string_view featureName(Feature f) {
    static constexpr std::string_view kNames[] = {"commission_12m",
                                                  "amount_12m",
                                                  "trades_12m",
                                                  "trade_days_12m",
                                                  "avg_cash_12m",
                                                  "snapshots_12m",
                                                  "covered_days",
                                                  "contacts_unknown",
                                                  "contacts_phone",
                                                  "contacts_sms",
                                                  "contacts_wechat",
                                                  "contacts_email",
                                                  "contacts_visit",
                                                  "contacts_seminar",
                                                  "contacts_other",
                                                  "contacts_total",
                                                  "days_since_contact",
                                                  "mean_satisfaction",
                                                  "aum",
                                                  "aum_3m",
                                                  "aum_6m",
                                                  "aum_12m",
                                                  "net_inflow_12m",
                                                  "recency_days",
                                                  "frequency",
                                                  "monetary",
                                                  "tenure_days"};
    static_assert(std::size(kNames) == static_cast<std::size_t>(kFeatureCount));
    const auto i = static_cast<std::size_t>(f);
    return i < std::size(kNames) ? kNames[i] : std::string_view{};
}

std::vector<std::string> BookFeatures::columnNames() {
    std::vector<std::string> names;
    for (int c = 0; c < kFeatureCount; ++c)
        names.emplace_back(featureName(static_cast<Feature>(c)));
    return names;
}

Result<BookFeatures> readFeatures(Database& db, const FeatureOptions& options,
                                  FeatureTimings* timings) {
    FeatureTimings t;
    BookFeatures f;
    auto t0 = std::chrono::steady_clock::now();
    if (auto s = readClients(db, f); !s) return s.error();
    const std::size_t n = f.rows();
    const RowIndex index(f.client_ref);
    t.clients_ms = msSince(t0);

    t0 = std::chrono::steady_clock::now();
    // trade_days is derived from trades; when it cannot be brought up to date (a read-only
    // book with pending changes) the trades themselves are scanned, slower but exact.
    auto synced = syncTradeDays(db);
    std::optional<Database> second;
    if (synced && n >= options.parallel_min_clients && canReadInParallel(db)) {
        auto other = Database::open(db.path(), false);
        if (other) (void)other->exec("PRAGMA mmap_size=" + std::to_string(kRefreshMmapBytes));
        if (other)
            second.emplace(std::move(*other));
        else
            spdlog::debug("features: single connection ({})", other.error().toString());
    }
    Database* other = second ? &*second : nullptr;
    DayRecords rec;
    RecentDays parts[2];
    std::size_t partCount = 0;
    std::int32_t maxDay = kNever;
    if (synced) {
        std::int32_t maxDays[2] = {kNever, kNever};
        f.trade_days.resize(n);
        auto s = forHalves(db, other, f, [&](Database& conn, const Slice& slice, int h) {
            return readTradeDays(conn, options.as_of, index, slice, f.trade_days, parts[h],
                                 maxDays[h]);
        });
        if (!s) return s.error();
        partCount = other && n >= 2 ? 2 : 1;
        maxDay = std::max(maxDays[0], maxDays[1]);
    } else {
        spdlog::warn("features: trade_days not usable ({}); scanning trades",
                     synced.error().toString());
        if (auto s = scanTrades(db, options.as_of, index, n, rec, maxDay); !s) return s.error();
    }
    f.has_trades = maxDay != kNever;
    f.as_of =
        options.as_of ? *options.as_of : (f.has_trades ? Date{maxDay} : options.fallback_as_of);
    const Date asOf = f.as_of;
    f.values.assign(n * static_cast<std::size_t>(kFeatureCount), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const int open = f.open_date[i];
        f.at(i, Feature::TenureDays) = static_cast<double>(std::max(0, asOf.days - open));
        const int covered = asOf.days - std::max(open, asOf.days - 365);
        f.at(i, Feature::CoveredDays) = static_cast<double>(std::clamp(covered, 0, 365));
    }
    if (synced)
        applyTradeWindow(f, parts, partCount);
    else
        buildTradeDays(f, rec);
    t.trades_ms = msSince(t0);
    if (options.on_trade_days) options.on_trade_days(f.trade_days, f.as_of);
    // The assets, then the contacts: each read over both halves of the clients, and timed.
    const auto overHalves = [&](auto read, double& ms) {
        const auto start = std::chrono::steady_clock::now();
        Status s = forHalves(db, other, f, [&](Database& conn, const Slice& slice, int) {
            return read(conn, f, index, slice);
        });
        ms = msSince(start);
        return s;
    };
    if (auto s = overHalves(readAssets, t.assets_ms); !s) return s.error();
    if (auto s = overHalves(readContacts, t.contacts_ms); !s) return s.error();
    if (timings) *timings = t;
    return f;
}

Result<BookFeatures> readFeatures(Database& db, Date asOf, FeatureTimings* timings) {
    FeatureOptions o;
    o.as_of = asOf;
    return readFeatures(db, o, timings);
}

Result<std::optional<Date>> latestTradeDate(Database& db) {
    auto st = db.prepare(kLastTradeTimeSql);
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    if (!*r || st->isNull(0)) return std::optional<Date>{};
    return std::optional<Date>{DateTime{st->int64(0)}.date()};
}

} // namespace bd::storage
