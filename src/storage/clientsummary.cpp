#include "storage/clientsummary.h"

#include <chrono>

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

// Latest snapshot via the assets primary key (client_ref, date); trade count via the trades
// primary key (client_ref, trade_time, trade_id); last contact via the UNIQUE (client_ref,
// contact_time, channel) index.
constexpr std::string_view kRefreshSql = R"SQL(
INSERT INTO client_summary(client_ref, aum, cash, market_value, aum_date, trades_12m,
                           last_trade_time, last_contact_time)
SELECT c.id,
       COALESCE(a.cash + a.market_value, 0), a.cash, a.market_value, a.date,
       (SELECT count(*) FROM trades t WHERE t.client_ref = c.id AND t.trade_time >= ?1),
       (SELECT max(t.trade_time) FROM trades t WHERE t.client_ref = c.id),
       COALESCE((SELECT max(k.contact_time) FROM contacts k WHERE k.client_ref = c.id), 0)
FROM clients c
LEFT JOIN assets a ON a.client_ref = c.id
  AND a.date = (SELECT max(a2.date) FROM assets a2 WHERE a2.client_ref = c.id)
)SQL";

Result<std::int64_t> scalar(Database& db, std::string_view sql) {
    auto st = db.prepare(sql);
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    if (!*r || st->isNull(0)) return std::int64_t{0};
    return st->int64(0);
}

} // namespace

Status ensureClientSummaryTables(Database& db) {
    return db.exec(kSummaryDdl);
}

Result<std::string> clientSummaryFingerprint(Database& db) {
    // count(*) catches deletions, max(id) catches replaced rows; assets and trades have no
    // rowid, so their newest snapshot date / trade time stands in for the max id.
    static constexpr std::string_view kParts[] = {
        "SELECT count(*) FROM clients",  "SELECT max(id) FROM clients",
        "SELECT count(*) FROM trades",   "SELECT max(trade_time) FROM trades",
        "SELECT count(*) FROM assets",   "SELECT max(date) FROM assets",
        "SELECT count(*) FROM contacts", "SELECT max(id) FROM contacts",
    };
    std::string fp;
    for (const auto sql : kParts) {
        auto v = scalar(db, sql);
        if (!v) return v.error();
        if (!fp.empty()) fp += ':';
        fp += std::to_string(*v);
    }
    return fp;
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
    auto last = db.prepare("SELECT max(trade_time) FROM trades");
    if (!last) return last.error();
    auto r = last->step();
    if (!r) return r.error();
    std::optional<Date> asOf;
    if (*r && !last->isNull(0)) asOf = DateTime{last->int64(0)}.date();
    // Window: the 365 days ending on the as-of date, inclusive.
    const std::int64_t windowStart =
        asOf ? DateTime::fromParts(asOf->addDays(-364), 0, 0, 0).secs : 0;

    if (auto s = db.exec("DELETE FROM client_summary"); !s) return s;
    auto ins = db.prepare(kRefreshSql);
    if (!ins) return ins.error();
    ins->bind(1, windowStart);
    if (auto s = ins->run(); !s) return s;

    auto state = db.prepare(
        "INSERT INTO client_summary_state(id, fingerprint, as_of, refreshed_at) VALUES (1, ?1, ?2, "
        "?3)"
        " ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint, as_of = excluded.as_of,"
        " refreshed_at = excluded.refreshed_at");
    if (!state) return state.error();
    state->bind(1, std::string_view(*fp));
    if (asOf)
        state->bind(2, static_cast<std::int64_t>(asOf->days));
    else
        state->bindNull(2);
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    state->bind(3, static_cast<std::int64_t>(now));
    if (auto s = state->run(); !s) return s;
    return tx.commit();
}

Result<bool> ensureClientSummaryFresh(Database& db) {
    auto state = readClientSummaryState(db);
    if (!state) return state.error();
    auto fp = clientSummaryFingerprint(db);
    if (!fp) return fp.error();
    if (*state && (*state)->fingerprint == *fp) return false;
    if (auto s = refreshClientSummary(db); !s) return s.error();
    return true;
}

} // namespace bd::storage
