#include "storage/book/portfolioqueries.h"

#include <algorithm>
#include <string>

#include "storage/book/assetrows.h"
#include "storage/db/query.h"

namespace bd::storage {
namespace {

/// Decodes a stored enum code; out-of-range codes (a newer writer) read as Unknown.
template <typename E>
E decodeEnum(std::int64_t code) {
    return enumFromCode<E>(code).value_or(E{});
}

int decodeRisk(std::int64_t code) {
    return code >= 1 && code <= 5 ? static_cast<int>(code) : 0;
}

/// First second after the as-of day: trade_time < this means "on or before as-of".
std::int64_t endOfDaySecs(Date d) {
    return static_cast<std::int64_t>(d.days + 1) * 86400;
}

} // namespace

Result<std::optional<PortfolioClient>> findPortfolioClient(Database& db,
                                                           std::string_view client_id) {
    return queryFirst(
        db,
        "SELECT id, client_id, name, broker_id, risk_level, risk_assessed_on FROM clients WHERE "
        "client_id = ?1",
        [](const Statement& r) {
            PortfolioClient c;
            c.ref = r.int64(0);
            c.client_id = r.text(1);
            c.name = r.text(2);
            c.broker_id = r.text(3);
            c.risk_level = decodeRisk(r.int64(4));
            c.risk_assessed_on = r.optDate(5);
            return c;
        },
        client_id);
}

Result<std::optional<Date>> latestClientDataDate(Database& db, std::int64_t client_ref) {
    // Each max() is answered from a primary key (trades: one seek per month, skip-scan).
    auto st = db.prepare("SELECT (SELECT max(trade_time) FROM trades WHERE client_ref = ?1),"
                         " (SELECT max(date) FROM assets WHERE client_ref = ?1),"
                         " (SELECT max(date) FROM positions WHERE client_ref = ?1)");
    if (!st) return st.error();
    st->bind(1, client_ref);
    auto r = st->step();
    if (!r) return r.error();
    std::optional<Date> latest;
    auto consider = [&](std::optional<Date> d) {
        if (d && (!latest || *latest < *d)) latest = d;
    };
    if (*r) {
        if (auto t = st->optInt64(0)) consider(DateTime{*t}.date());
        if (auto d = st->optInt64(1)) consider(Date{static_cast<std::int32_t>(*d)});
        if (auto d = st->optInt64(2)) consider(Date{static_cast<std::int32_t>(*d)});
    }
    return latest;
}

Result<PortfolioRows> loadPortfolioRows(Database& db, const PortfolioClient& client, Date as_of) {
    PortfolioRows rows;
    rows.client = client;
    const std::int64_t end = endOfDaySecs(as_of);

    auto trades = queryRows(
        db,
        "SELECT trade_id, trade_time, security_code, side, quantity, price, amount, commission,"
        " fees, channel FROM trades WHERE client_ref = ?1 AND trade_time < ?2"
        " ORDER BY trade_time, trade_id",
        [&](const Statement& r) {
            Trade t;
            t.trade_id = r.text(0);
            t.client_id = client.client_id;
            t.trade_time = r.dateTime(1);
            t.security_code = r.text(2);
            t.side = decodeEnum<Side>(r.int64(3));
            t.quantity = r.int64(4);
            t.price = r.money(5);
            t.amount = r.money(6);
            t.commission = r.money(7);
            t.fees = r.optMoney(8);
            t.channel = decodeEnum<OrderChannel>(r.int64(9));
            return t;
        },
        client.ref, end);
    if (!trades) return trades.error();
    rows.trades = std::move(*trades);
    auto positions = queryRows(
        db,
        "SELECT date, security_code, quantity, cost_price, close_price FROM positions"
        " WHERE client_ref = ?1 AND date = (SELECT max(date) FROM positions"
        " WHERE client_ref = ?1 AND date <= ?2) ORDER BY security_code",
        [&](const Statement& r) {
            Position p;
            p.client_id = client.client_id;
            p.date = r.date(0);
            p.security_code = r.text(1);
            p.quantity = r.int64(2);
            p.cost_price = r.optMoney(3);
            p.close_price = r.money(4);
            return p;
        },
        client.ref, as_of);
    if (!positions) return positions.error();
    rows.positions = std::move(*positions);
    {
        // Metadata only for the codes this client traded or holds: the codes are already in
        // hand, so point lookups on the primary key beat a UNION over the trades again.
        std::vector<std::string_view> codes;
        codes.reserve(rows.trades.size() + rows.positions.size());
        for (const auto& t : rows.trades) codes.push_back(t.security_code);
        for (const auto& p : rows.positions) codes.push_back(p.security_code);
        std::sort(codes.begin(), codes.end());
        codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
        auto st = db.prepare("SELECT security_code, name, board, risk_level, industry"
                             " FROM securities WHERE security_code = ?1");
        if (!st) return st.error();
        for (std::string_view code : codes) {
            st->reset();
            st->bind(1, code);
            auto r = st->step();
            if (!r) return r.error();
            if (!*r) continue; // unknown code: the engine reports it unrated
            Security s;
            s.security_code = st->text(0);
            s.name = st->text(1);
            s.board = decodeEnum<Board>(st->int64(2));
            s.risk_level = decodeRisk(st->int64(3));
            s.industry = st->optText(4).value_or("");
            rows.securities.push_back(std::move(s));
        }
    }
    auto snapshots = queryRows(db,
                               "SELECT date, cash, market_value, net_inflow FROM assets"
                               " WHERE client_ref = ?1 AND date <= ?2 ORDER BY date",
                               assetSnapshotOf(client.client_id), client.ref, as_of);
    if (!snapshots) return snapshots.error();
    rows.snapshots = std::move(*snapshots);
    return rows;
}

Result<ClientAdvisor> loadClientAdvisor(Database& db, std::int64_t client_ref) {
    auto advisor = queryFirst(
        db,
        "SELECT c.broker_id, coalesce(b.name, ''), coalesce(c.branch_id, b.branch_id, ''),"
        " coalesce(br.name, '') FROM clients c LEFT JOIN brokers b ON b.broker_id = c.broker_id"
        " LEFT JOIN branches br ON br.branch_id = coalesce(c.branch_id, b.branch_id)"
        " WHERE c.id = ?1",
        [](const Statement& r) {
            return ClientAdvisor{r.text(0), r.text(1), r.text(2), r.text(3)};
        },
        client_ref);
    if (!advisor) return advisor.error();
    if (!*advisor)
        return makeError(ErrorCode::NotFound, "no client with id " + std::to_string(client_ref));
    return std::move(**advisor);
}

} // namespace bd::storage
