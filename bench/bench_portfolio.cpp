// Portfolio speed: one client with 5,000 trades over 50 securities (target <= 10 ms), the engine
// alone and end to end from an in-memory book (SQLite load + engine).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>
#include <string>

#include "analytics/portfolio.h"
#include "services/portfolioservice.h"
#include "storage/book/portfolioqueries.h"
#include "storage/schema/schema.h"
#include "storage/schema/tradelayout.h"

using namespace bd;

namespace {

constexpr int kSecurities = 50;

std::string codeOf(int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%06d.SH", 600000 + i);
    return buf;
}

/// Deterministic book for one client: `trades` trades (buys twice as often as sells, never
/// overselling), daily asset snapshots over the trade span and a final positions snapshot.
analytics::PortfolioInput makeInput(int trades) {
    std::mt19937 rng(7);
    analytics::PortfolioInput in;
    in.client_id = "C000001";
    in.client_risk_level = 3;
    std::vector<std::int64_t> held(kSecurities, 0);
    std::vector<std::int64_t> price(kSecurities);
    for (int s = 0; s < kSecurities; ++s) {
        price[static_cast<std::size_t>(s)] = 50000 + static_cast<std::int64_t>(rng() % 500000);
        Security sec;
        sec.security_code = codeOf(s);
        sec.name = "证券" + std::to_string(s);
        sec.board = Board::Main;
        sec.risk_level = 1 + static_cast<int>(rng() % 5);
        in.securities.push_back(sec);
    }
    const Date start = Date::fromYmd(2020, 1, 2);
    for (int i = 0; i < trades; ++i) {
        const auto s = static_cast<std::size_t>(rng() % kSecurities);
        Trade t;
        t.trade_id = "T" + std::to_string(i);
        t.client_id = in.client_id;
        t.trade_time = DateTime::fromParts(start.addDays(i / 4), 9 + i % 4, 30, 0);
        t.security_code = codeOf(static_cast<int>(s));
        const bool sell = held[s] > 0 && rng() % 3 == 0;
        t.side = sell ? Side::Sell : Side::Buy;
        t.quantity = sell ? 1 + static_cast<std::int64_t>(rng()) % held[s]
                          : 100 * (1 + static_cast<std::int64_t>(rng() % 10));
        held[s] += sell ? -t.quantity : t.quantity;
        price[s] = std::max<std::int64_t>(
            10000, price[s] + static_cast<std::int64_t>(rng() % 2001) - 1000);
        t.price = Money::fromUnits(price[s]);
        t.amount = Money::fromUnits(price[s] * t.quantity);
        t.commission = Money::fromUnits(std::max<std::int64_t>(50000, t.amount.units / 4000));
        t.fees = Money::fromUnits(sell ? t.amount.units / 1000 : 0);
        in.trades.push_back(t);
    }
    const Date last = in.trades.back().trade_time.date();
    in.as_of = last;
    for (int s = 0; s < kSecurities; ++s) {
        if (held[static_cast<std::size_t>(s)] == 0) continue;
        Position p;
        p.client_id = in.client_id;
        p.date = last;
        p.security_code = codeOf(s);
        p.quantity = held[static_cast<std::size_t>(s)];
        p.close_price = Money::fromUnits(price[static_cast<std::size_t>(s)]);
        in.positions.push_back(p);
    }
    for (Date d = start; d <= last; d = d.addDays(1)) {
        if (d.isWeekend()) continue;
        AssetSnapshot a;
        a.client_id = in.client_id;
        a.date = d;
        a.cash = Money::fromYuan(100000 + static_cast<std::int64_t>(rng() % 50000));
        a.market_value = Money::fromYuan(500000 + static_cast<std::int64_t>(rng() % 100000));
        if (rng() % 20 == 0)
            a.net_inflow = Money::fromYuan(static_cast<std::int64_t>(rng() % 20000) - 10000);
        in.snapshots.push_back(a);
    }
    return in;
}

void BM_PortfolioEngine(benchmark::State& state) {
    const auto in = makeInput(static_cast<int>(state.range(0)));
    analytics::PortfolioOptions opt;
    opt.cost_method = state.range(1) ? analytics::CostMethod::Fifo : analytics::CostMethod::Average;
    std::size_t holdings = 0;
    for (auto _ : state) {
        auto r = analytics::computePortfolio(in, opt);
        holdings = r.holdings.size();
        benchmark::DoNotOptimize(r);
    }
    state.counters["holdings"] = static_cast<double>(holdings);
    state.counters["snapshots"] = static_cast<double>(in.snapshots.size());
}
BENCHMARK(BM_PortfolioEngine)
    ->Args({5000, 0})
    ->Args({5000, 1})
    ->Args({50000, 0})
    ->Unit(benchmark::kMillisecond);

/// The same client in an in-memory book, loaded and computed through the service
/// (second argument 1: the SQLite load alone).
void BM_PortfolioFromBook(benchmark::State& state) {
    const auto in = makeInput(static_cast<int>(state.range(0)));
    auto db = storage::openBook(":memory:");
    if (!db) {
        state.SkipWithError(db.error().toString().c_str());
        return;
    }
    (void)db->exec("INSERT INTO brokers(broker_id, name) VALUES ('K1', 'k');"
                   "INSERT INTO clients(id, client_id, name, broker_id, open_date, risk_level)"
                   " VALUES (1, 'C000001', 'x', 'K1', 0, 3), (2, 'C000002', 'y', 'K1', 0, 3)");
    {
        storage::Transaction tx(*db);
        auto sec = db->prepare("INSERT INTO securities(security_code, name, board, risk_level)"
                               " VALUES (?1, ?2, ?3, ?4)");
        for (const auto& s : in.securities)
            (void)sec->bind(1, s.security_code)
                .bind(2, s.name)
                .bind(3, static_cast<int>(s.board))
                .bind(4, s.risk_level)
                .run();
        auto tr = db->prepare(
            "INSERT INTO trades(trade_id, client_ref, trade_time, security_code, side, quantity,"
            " price, amount, commission, fees, trade_month) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
            " ?8, ?9, ?10, ?11)");
        // Client 2 gets the same trades again so the range scan has a neighbour to skip.
        for (int client = 1; client <= 2; ++client)
            for (const auto& t : in.trades)
                (void)tr->bind(1, t.trade_id + "-" + std::to_string(client))
                    .bind(2, client)
                    .bind(3, t.trade_time.secs)
                    .bind(4, t.security_code)
                    .bind(5, static_cast<int>(t.side))
                    .bind(6, t.quantity)
                    .bind(7, t.price.units)
                    .bind(8, t.amount.units)
                    .bind(9, t.commission.units)
                    .bind(10, t.fees->units)
                    .bind(11, bd::storage::tradeMonthOf(t.trade_time.secs))
                    .run();
        auto pos = db->prepare("INSERT INTO positions(client_ref, date, security_code, quantity,"
                               " close_price) VALUES (1, ?1, ?2, ?3, ?4)");
        for (const auto& p : in.positions)
            (void)pos->bind(1, p.date.days)
                .bind(2, p.security_code)
                .bind(3, p.quantity)
                .bind(4, p.close_price.units)
                .run();
        auto as = db->prepare("INSERT INTO assets(client_ref, date, cash, market_value, net_inflow)"
                              " VALUES (1, ?1, ?2, ?3, ?4)");
        for (const auto& a : in.snapshots) {
            std::optional<std::int64_t> flow;
            if (a.net_inflow) flow = a.net_inflow->units;
            (void)as->bind(1, a.date.days)
                .bind(2, a.cash.units)
                .bind(3, a.market_value.units)
                .bind(4, flow)
                .run();
        }
        (void)tx.commit();
    }
    const bool loadOnly = state.range(1) != 0;
    auto client = storage::findPortfolioClient(*db, "C000001");
    std::size_t holdings = 0;
    for (auto _ : state) {
        if (loadOnly) {
            auto rows = storage::loadPortfolioRows(*db, **client, in.as_of);
            benchmark::DoNotOptimize(rows);
            continue;
        }
        auto r = services::loadPortfolio(*db, "C000001");
        if (!r) {
            state.SkipWithError(r.error().toString().c_str());
            return;
        }
        holdings = r->holdings.size();
        benchmark::DoNotOptimize(r);
    }
    state.counters["holdings"] = static_cast<double>(holdings);
}
BENCHMARK(BM_PortfolioFromBook)->Args({5000, 0})->Args({5000, 1})->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
