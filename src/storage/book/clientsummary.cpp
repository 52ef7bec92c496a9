#include "storage/book/clientsummary.h"
#include "storage/book/summarycheck.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "storage/book/tradedays.h"
#include "storage/db/query.h"
#include "storage/schema/tradelayout.h"

namespace bd::storage {

namespace {

// A cache beside the versioned schema: dropping it loses nothing, refreshClientSummary()
// rebuilds it. aum and last_contact_time are NOT NULL (0 = none) so keyset paging on them
// needs no NULL handling; cash/market_value stay NULL when the client has no snapshot.
constexpr std::string_view kSummaryDdl = R"SQL(
CREATE TABLE IF NOT EXISTS client_summary (
  client_ref INTEGER PRIMARY KEY,
  aum INTEGER NOT NULL DEFAULT 0,
  cash INTEGER,
  market_value INTEGER,
  aum_date INTEGER,
  trades_12m INTEGER NOT NULL DEFAULT 0,
  last_trade_time INTEGER,
  last_contact_time INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS client_summary_by_aum ON client_summary(aum);
CREATE INDEX IF NOT EXISTS client_summary_by_trades ON client_summary(trades_12m);
CREATE INDEX IF NOT EXISTS client_summary_by_contact ON client_summary(last_contact_time);
CREATE TABLE IF NOT EXISTS client_summary_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  fingerprint TEXT NOT NULL,
  as_of INTEGER,
  refreshed_at INTEGER NOT NULL
);
)SQL";

// Latest snapshot via the assets primary key (client_ref, date); trade count and last trade
// from temp.client_trades (fillClientTrades); last contact via the UNIQUE (client_ref,
// contact_time, channel) index.
constexpr std::string_view kRefreshSql = R"SQL(
INSERT INTO client_summary(client_ref, aum, cash, market_value, aum_date, trades_12m,
                           last_trade_time, last_contact_time)
SELECT c.id,
       COALESCE(a.cash + a.market_value, 0), a.cash, a.market_value, a.date,
       COALESCE(t.trades_12m, 0), t.last_trade_time,
       COALESCE((SELECT max(k.contact_time) FROM contacts k WHERE k.client_ref = c.id
                  AND k.void_reason IS NULL), 0)
FROM clients c
LEFT JOIN assets a ON a.client_ref = c.id
  AND a.date = (SELECT max(a2.date) FROM assets a2 WHERE a2.client_ref = c.id)
LEFT JOIN temp.client_trades t ON t.client_ref = c.id
)SQL";

/// temp.client_trades: per client with trades, the trades from `windowStartDay` on and the
/// last trade time. trades is clustered by month, so one client's trades are not one range:
/// the counts come from trade_days (only blocks that reach the window are unpacked) and the
/// last trade time from one seek into the month of the client's last trade day.
Status fillClientTrades(Database& db, std::int64_t windowStartDay) {
    if (auto s = db.exec("CREATE TEMP TABLE IF NOT EXISTS client_trades (client_ref INTEGER "
                         "PRIMARY KEY, trades_12m INTEGER NOT NULL, last_trade_time INTEGER);"
                         "DELETE FROM temp.client_trades;");
        !s)
        return s;
    if (auto s = syncTradeDays(db); !s) return s;
    auto blocks = TradeDayBlockScan::open(db, {});
    if (!blocks) return blocks.error();
    auto last =
        db.prepare("SELECT max(trade_time) FROM trades WHERE trade_month = ?1 AND client_ref = ?2");
    if (!last) return last.error();
    auto ins = db.prepare("INSERT INTO temp.client_trades(client_ref, trades_12m, last_trade_time) "
                          "VALUES (?1, ?2, ?3)");
    if (!ins) return ins.error();
    const std::int64_t fromBlock = tradeDayBlockOf(windowStartDay);
    std::int64_t client = 0, trades = 0, lastDay = 0;
    bool any = false;
    auto flush = [&]() -> Status {
        if (!any) return {};
        last->reset();
        last->bind(1, tradeMonthOf(lastDay * 86400)).bind(2, client);
        auto r = last->step();
        if (!r) return r.error();
        ins->reset();
        ins->bind(1, client).bind(2, trades);
        if (*r && !last->isNull(0))
            ins->bind(3, last->int64(0));
        else
            ins->bindNull(3);
        return ins->run();
    };
    std::vector<TradeDayRow> days;
    auto scanned = blocks->forEach([&]() -> Status {
        const std::int64_t ref = blocks->clientRef(), block = blocks->block();
        if (!any || ref != client) {
            if (auto s = flush(); !s) return s;
            client = ref;
            trades = 0;
            lastDay = INT64_MIN;
            any = true;
        }
        lastDay = std::max(lastDay, blocks->lastDay());
        if (block < fromBlock) return {};
        days.clear();
        if (!unpackTradeDays(ref, block, blocks->packed(), days))
            return makeError(ErrorCode::Internal,
                             "trade_days: damaged block of client " + std::to_string(ref));
        for (const TradeDayRow& d : days)
            if (d.day >= windowStartDay) trades += d.trades;
        return {};
    });
    if (!scanned) return scanned;
    return flush();
}

Result<std::int64_t> scalar(Database& db, std::string_view sql) {
    auto st = db.prepare(sql);
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    if (!*r || st->isNull(0)) return std::int64_t{0};
    return st->int64(0);
}

// The values of `parts`, appended to `values`.
Status readParts(Database& db, const std::string_view* parts, std::size_t n,
                 std::vector<std::int64_t>& values) {
    for (std::size_t i = 0; i < n; ++i) {
        auto v = scalar(db, parts[i]);
        if (!v) return v.error();
        values.push_back(*v);
    }
    return {};
}

// A fingerprint: the values joined by ':'.
std::string joined(const std::vector<std::int64_t>& values) {
    std::string fp;
    for (const std::int64_t v : values) {
        if (!fp.empty()) fp += ':';
        fp += std::to_string(v);
    }
    return fp;
}

// The fingerprint of `parts`.
Result<std::string> fingerprintOf(Database& db, const std::string_view* parts, std::size_t n) {
    std::vector<std::int64_t> values;
    if (auto s = readParts(db, parts, n, values); !s) return s.error();
    return joined(values);
}

// The contacts' part of the fingerprint, which ends it.
constexpr std::string_view kContactParts[] = {"SELECT count(*) FROM contacts",
                                              "SELECT max(id) FROM contacts"};

} // namespace

Status ensureClientSummaryTables(Database& db) {
    return db.exec(kSummaryDdl);
}

namespace {

// count(*) catches deletions, max(id) catches replaced rows; assets and trades have no rowid,
// so their newest snapshot date / trade time stands in for the max id. The contacts' part
// (kContactParts) ends the fingerprint.
const std::string_view kBookParts[] = {
    "SELECT count(*) FROM clients", "SELECT max(id) FROM clients",
    "SELECT count(*) FROM trades",  kLastTradeTimeSql,
    "SELECT count(*) FROM assets",  "SELECT max(date) FROM assets",
};
constexpr std::size_t kClientsPart = 0, kTradesPart = 2;

// The fingerprint, with the totals of its counts (clients, trades, contacts) when asked.
Result<std::string> countedFingerprint(Database& db, BookStats* totals) {
    std::vector<std::int64_t> values;
    if (auto s = readParts(db, kBookParts, std::size(kBookParts), values); !s) return s.error();
    const std::size_t contactsPart = values.size();
    if (auto s = readParts(db, kContactParts, std::size(kContactParts), values); !s)
        return s.error();
    if (totals)
        totals->counts = {{"clients", values[kClientsPart]},
                          {"trades", values[kTradesPart]},
                          {"contacts", values[contactsPart]}};
    return joined(values);
}

// The values of a fingerprint of kBookParts and kContactParts, or nullopt when it is not one.
std::optional<std::vector<std::int64_t>> fingerprintValues(const std::string& fp) {
    std::vector<std::int64_t> parts;
    for (std::size_t at = 0; at <= fp.size();) {
        std::size_t end = fp.find(':', at);
        if (end == std::string::npos) end = fp.size();
        std::int64_t v = 0;
        const auto [ptr, ec] = std::from_chars(fp.data() + at, fp.data() + end, v);
        if (ec != std::errc() || ptr != fp.data() + end) return std::nullopt;
        parts.push_back(v);
        at = end + 1;
    }
    if (parts.size() != std::size(kBookParts) + std::size(kContactParts)) return std::nullopt;
    return parts;
}

// 1 when the summary's state table exists (its tables are made by their first reader), else 0.
Result<std::int64_t> summaryBuilt(Database& db) {
    return scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                      "name = 'client_summary_state'");
}

// The book's last trade time (kLastTradeTimeSql), nullopt without trades.
Result<std::optional<std::int64_t>> lastTradeTime(Database& db) {
    auto last = db.prepare(kLastTradeTimeSql);
    if (!last) return last.error();
    auto r = last->step();
    if (!r) return r.error();
    if (!*r || last->isNull(0)) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{last->int64(0)};
}

} // namespace

Result<std::string> clientSummaryFingerprint(Database& db) {
    return countedFingerprint(db, nullptr);
}

Result<std::string> contactsFingerprint(Database& db) {
    return fingerprintOf(db, kContactParts, std::size(kContactParts));
}

Status updateClientSummaryContacts(Database& db, const std::vector<std::int64_t>& clientRefs,
                                   const std::string& contactsBefore) {
    auto state = readClientSummaryState(db);
    if (!state) return state.error();
    if (!*state) return {}; // never built: the first reader builds it whole
    auto last = db.prepare("UPDATE client_summary SET last_contact_time = COALESCE("
                           "(SELECT max(k.contact_time) FROM contacts k WHERE k.client_ref = ?1"
                           " AND k.void_reason IS NULL),"
                           " 0) WHERE client_ref = ?1");
    if (!last) return last.error();
    for (const std::int64_t ref : clientRefs) {
        last->reset();
        last->bind(1, ref);
        if (auto s = last->run(); !s) return s;
    }
    // A summary that knew every contact before the write knows them now; one that was behind
    // (an import since) stays behind, for its next reader to rebuild.
    const std::string& fp = (*state)->fingerprint;
    const std::string suffix = ':' + contactsBefore;
    if (fp.size() < suffix.size() || fp.compare(fp.size() - suffix.size(), suffix.size(), suffix))
        return {};
    auto now = contactsFingerprint(db);
    if (!now) return now.error();
    auto st = db.prepare("UPDATE client_summary_state SET fingerprint = ?1 WHERE id = 1");
    if (!st) return st.error();
    const std::string moved = fp.substr(0, fp.size() - suffix.size() + 1) + *now;
    st->bind(1, std::string_view(moved));
    return st->run();
}

Status updateClientSummaryRows(Database& db, const std::vector<std::int64_t>& clientRefs,
                               const SummaryShift& shift) {
    auto state = readClientSummaryState(db);
    if (!state) return state.error();
    if (!*state) return {};
    if (auto s = syncTradeDays(db); !s) return s;
    // The window as refreshClientSummary set it: the 365 days ending on the stored as-of date.
    const std::int64_t windowStartDay = (*state)->as_of ? (*state)->as_of->days - 364 : 0;
    auto last =
        db.prepare("SELECT max(trade_time) FROM trades WHERE trade_month = ?1 AND client_ref = ?2");
    if (!last) return last.error();
    auto put = db.prepare(
        "INSERT OR REPLACE INTO client_summary(client_ref, aum, cash, market_value, aum_date, "
        "trades_12m, last_trade_time, last_contact_time) "
        "SELECT c.id, COALESCE(a.cash + a.market_value, 0), a.cash, a.market_value, a.date, ?2, "
        "?3, COALESCE((SELECT max(k.contact_time) FROM contacts k WHERE k.client_ref = c.id "
        "AND k.void_reason IS NULL), 0) FROM clients c LEFT JOIN assets a ON a.client_ref = c.id "
        "AND a.date = (SELECT max(a2.date) FROM assets a2 WHERE a2.client_ref = c.id) "
        "WHERE c.id = ?1");
    if (!put) return put.error();
    for (const std::int64_t ref : clientRefs) {
        auto days = loadTradeDays(db, ref, ref);
        if (!days) return days.error();
        std::int64_t trades = 0, lastDay = INT64_MIN;
        for (const TradeDayRow& d : *days) {
            if (d.day >= windowStartDay) trades += d.trades;
            lastDay = std::max(lastDay, d.day);
        }
        std::optional<std::int64_t> lastTime;
        if (!days->empty()) {
            last->bind(1, tradeMonthOf(lastDay * 86400)).bind(2, ref);
            auto found = last->first([&](const Statement& r) { lastTime = r.optInt64(0); });
            if (!found) return found.error();
        }
        put->bind(1, ref).bind(2, trades).bind(3, lastTime);
        if (auto s = put->run(); !s) return s;
    }
    // The fingerprint's parts (clientSummaryFingerprint): clients, newest client, trades, last
    // trade, snapshots, newest snapshot day, contacts, newest contact. Rows moved between clients
    // change only the snapshot and contact counts and perhaps the newest contact id.
    auto values = fingerprintValues((*state)->fingerprint);
    if (!values) return {}; // not ours: left as it is
    std::vector<std::int64_t>& parts = *values;
    parts[4] += shift.assets;
    parts[6] += shift.contacts;
    if (parts[7] == shift.newest_contact_before) {
        auto newest = scalar(db, "SELECT max(id) FROM contacts");
        if (!newest) return newest.error();
        parts[7] = *newest;
    }
    return execute(db, "UPDATE client_summary_state SET fingerprint = ?1 WHERE id = 1",
                   joined(parts));
}

Result<std::optional<ClientSummaryState>> freshClientSummaryState(Database& db) {
    using Fresh = std::optional<ClientSummaryState>;
    auto built = summaryBuilt(db);
    if (!built) return built.error();
    if (*built == 0) return Fresh{}; // never built: its first reader builds it
    auto state = readClientSummaryState(db);
    if (!state) return state.error();
    if (!*state) return Fresh{};
    auto fp = clientSummaryFingerprint(db);
    if (!fp) return fp.error();
    if ((*state)->fingerprint != *fp) return Fresh{};
    return state;
}

Result<bool> addTradesToClientSummary(Database& db, const ClientSummaryState& before,
                                      const std::vector<TradeDayRow>& days) {
    auto values = fingerprintValues(before.fingerprint);
    if (!values) return false;
    auto last = lastTradeTime(db);
    if (!last) return last.error();
    if (!*last) return false; // no trades: nothing was added
    const std::int64_t asOf = DateTime{**last}.date().days;
    // The window refreshClientSummary sets: the 365 days ending on the as-of date.
    const std::int64_t windowStart = asOf - 364;
    // The trades of the stored counts lie in the old window (none after its as-of date); a new
    // trade counts from the old window's start on, and every trade on a day that leaves the
    // window (the new ones there included) is taken off: what is left is the new window's.
    std::int64_t countFrom = windowStart;
    if (before.as_of) {
        const std::int64_t moved = asOf - before.as_of->days;
        if (moved < 0 || moved > kSummaryDeltaMaxDays) return false;
        countFrom = before.as_of->days - 364;
    }
    if (auto s = db.exec("CREATE TEMP TABLE IF NOT EXISTS summary_delta (client_ref INTEGER "
                         "PRIMARY KEY, trades INTEGER NOT NULL, last_month INTEGER, "
                         "last_time INTEGER); DELETE FROM temp.summary_delta;");
        !s)
        return s.error();
    auto put = db.prepare("INSERT INTO temp.summary_delta(client_ref, trades, last_month) "
                          "VALUES (?1, ?2, ?3)");
    if (!put) return put.error();
    std::int64_t added = 0;
    for (std::size_t i = 0; i < days.size();) {
        const std::int64_t ref = days[i].client_ref;
        std::int64_t trades = 0, lastDay = days[i].day;
        for (; i < days.size() && days[i].client_ref == ref; ++i) {
            if (days[i].day >= countFrom) trades += days[i].trades;
            lastDay = std::max(lastDay, days[i].day);
            added += days[i].trades;
        }
        put->reset();
        put->bind(1, ref).bind(2, trades).bind(3, tradeMonthOf(lastDay * 86400));
        if (auto s = put->run(); !s) return s.error();
    }
    if (countFrom < windowStart) {
        // The days leaving the window: one range of their months, by time, per client.
        const std::int64_t from = countFrom * 86400, to = windowStart * 86400;
        if (auto s = execute(db,
                             "INSERT INTO temp.summary_delta(client_ref, trades) "
                             "SELECT client_ref, -count(*) FROM trades WHERE trade_month BETWEEN "
                             "?1 AND ?2 AND trade_time >= ?3 AND trade_time < ?4 "
                             "GROUP BY client_ref "
                             "ON CONFLICT(client_ref) DO UPDATE SET trades = trades + "
                             "excluded.trades",
                             tradeMonthOf(from), tradeMonthOf(to - 1), from, to);
            !s)
            return s.error();
    }
    // A client's new last trade lies in the month of its last new day: one seek each.
    if (auto s = db.exec("UPDATE temp.summary_delta SET last_time = (SELECT max(t.trade_time) "
                         "FROM trades t WHERE t.trade_month = summary_delta.last_month AND "
                         "t.client_ref = summary_delta.client_ref) WHERE last_month IS NOT NULL;"
                         "UPDATE client_summary AS s SET trades_12m = s.trades_12m + d.trades, "
                         "last_trade_time = CASE WHEN d.last_time IS NULL THEN s.last_trade_time "
                         "WHEN s.last_trade_time IS NULL OR d.last_time > s.last_trade_time "
                         "THEN d.last_time ELSE s.last_trade_time END "
                         "FROM temp.summary_delta AS d WHERE s.client_ref = d.client_ref;"
                         "DELETE FROM temp.summary_delta;");
        !s)
        return s.error();
    // The fingerprint a recount gives: the trades' count and last trade time moved, the rest
    // (clients, snapshots, contacts) as it was.
    std::vector<std::int64_t>& parts = *values;
    parts[kTradesPart] += added;
    parts[kTradesPart + 1] = **last;
    if (auto s = execute(db,
                         "UPDATE client_summary_state SET fingerprint = ?1, as_of = ?2, "
                         "refreshed_at = ?3 WHERE id = 1",
                         joined(parts), std::optional<Date>{Date{static_cast<std::int32_t>(asOf)}},
                         unixNow());
        !s)
        return s.error();
    return true;
}

Status markClientSummaryStale(Database& db) {
    auto built = summaryBuilt(db);
    if (!built) return built.error();
    if (*built == 0) return {};
    return db.exec("UPDATE client_summary_state SET fingerprint = '' WHERE id = 1");
}

Result<std::optional<ClientSummaryState>> readClientSummaryState(Database& db) {
    if (auto s = ensureClientSummaryTables(db); !s) return s.error();
    auto st = db.prepare(
        "SELECT fingerprint, as_of, refreshed_at FROM client_summary_state WHERE id = 1");
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) return std::optional<ClientSummaryState>{};
    ClientSummaryState s;
    s.fingerprint = st->text(0);
    if (!st->isNull(1)) s.as_of = Date{static_cast<std::int32_t>(st->int64(1))};
    s.refreshed_at = st->int64(2);
    return std::optional<ClientSummaryState>{std::move(s)};
}

Status refreshClientSummary(Database& db) {
    if (auto s = ensureClientSummaryTables(db); !s) return s;
    Transaction tx(db);
    if (!tx.began()) return tx.began();
    auto fp = clientSummaryFingerprint(db);
    if (!fp) return fp.error();
    auto last = lastTradeTime(db);
    if (!last) return last.error();
    std::optional<Date> asOf;
    if (*last) asOf = DateTime{**last}.date();
    // Window: the 365 days ending on the as-of date, inclusive.
    const std::int64_t windowStart =
        asOf ? DateTime::fromParts(asOf->addDays(-364), 0, 0, 0).secs : 0;

    if (auto s = db.exec("DELETE FROM client_summary"); !s) return s;
    if (auto s = fillClientTrades(db, windowStart / 86400); !s) return s;
    auto ins = db.prepare(kRefreshSql);
    if (!ins) return ins.error();
    if (auto s = ins->run(); !s) return s;
    if (auto s = db.exec("DELETE FROM temp.client_trades"); !s) return s;

    auto state = prepareBound(
        db,
        "INSERT INTO client_summary_state(id, fingerprint, as_of, refreshed_at) VALUES (1, ?1, ?2, "
        "?3)"
        " ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint, as_of = excluded.as_of,"
        " refreshed_at = excluded.refreshed_at",
        *fp, asOf, unixNow());
    if (!state) return state.error();
    if (auto s = state->run(); !s) return s;
    return tx.commit();
}

Result<bool> ensureClientSummaryFresh(Database& db) {
    auto checked = ensureClientSummaryFreshCounted(db);
    if (!checked) return checked.error();
    return checked->rebuilt;
}

Result<SummaryCheck> ensureClientSummaryFreshCounted(Database& db) {
    auto state = readClientSummaryState(db);
    if (!state) return state.error();
    SummaryCheck out;
    auto fp = countedFingerprint(db, &out.totals);
    if (!fp) return fp.error();
    if (*state && (*state)->fingerprint == *fp) return out;
    if (auto s = refreshClientSummary(db); !s) return s.error();
    out.rebuilt = true;
    return out;
}

} // namespace bd::storage
