// Known answers for the portfolio engine: cost methods, returns, risk and suitability.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analytics/portfolio.h"

using namespace bd;
using namespace bd::analytics;

namespace {

Money M(const char* s) {
    return *parseMoney(s);
}

Date D(int y, int m, int d) {
    return Date::fromYmd(y, m, d);
}

Trade T(Date day, const std::string& code, Side side, std::int64_t qty, const char* price,
        const char* commission = "0", const char* fees = "0", int hour = 10) {
    Trade t;
    t.trade_id = code + std::to_string(day.days) + std::to_string(hour);
    t.trade_time = DateTime::fromParts(day, hour, 0, 0);
    t.security_code = code;
    t.side = side;
    t.quantity = qty;
    t.price = M(price);
    t.amount = Money::fromUnits(t.price.units * qty);
    t.commission = M(commission);
    t.fees = M(fees);
    return t;
}

AssetSnapshot S(Date d, const char* cash, const char* mv, std::optional<const char*> flow = {}) {
    AssetSnapshot s;
    s.date = d;
    s.cash = M(cash);
    s.market_value = M(mv);
    if (flow) s.net_inflow = M(*flow);
    return s;
}

Security Sec(const std::string& code, const std::string& name, Board board, int risk) {
    Security s;
    s.security_code = code;
    s.name = name;
    s.board = board;
    s.risk_level = risk;
    return s;
}

const HoldingLine* find(const std::vector<HoldingLine>& v, const std::string& code) {
    for (const auto& h : v)
        if (h.security_code == code) return &h;
    return nullptr;
}

// Two buys with fees, then a partial sell (used by several tests).
std::vector<Trade> twoBuysOneSell() {
    return {T(D(2024, 1, 2), "600519.SH", Side::Buy, 1000, "10.00", "5", "1"),
            T(D(2024, 1, 5), "600519.SH", Side::Buy, 500, "12.00", "5", "0.5"),
            T(D(2024, 2, 1), "600519.SH", Side::Sell, 600, "13.00", "5", "7.8")};
}

} // namespace

// ---- cost ledger ---------------------------------------------------------------------------

TEST(CostLedger, AverageCostPartialSellWithFees) {
    // Buy 1000 × 10 + 5 + 1 = 10006; buy 500 × 12 + 5 + 0.5 = 6005.5 -> cost 16011.5 / 1500.
    // Sell 600 × 13 = 7800, net of 5 + 7.8 = 7787.2; cost out = 16011.5 × 600/1500 = 6404.6
    // -> realised 1382.6; 900 left at cost 9606.9, average 10.674333… -> 10.6743.
    CostLedger l(CostMethod::Average);
    l.buy(1000, M("10000"), M("5"), M("1"));
    l.buy(500, M("6000"), M("5"), M("0.5"));
    EXPECT_EQ(l.cost(), M("16011.5"));
    EXPECT_EQ(l.sell(600, M("7800"), M("5"), M("7.8")), M("1382.6"));
    EXPECT_EQ(l.quantity(), 900);
    EXPECT_EQ(l.cost(), M("9606.9"));
    EXPECT_EQ(*l.averageCost(), M("10.6743"));
    EXPECT_EQ(l.realized(), M("1382.6"));
}

TEST(CostLedger, FifoConsumesOldestLotFirst) {
    // Same trades: the sell takes 600 of the first lot (cost 10006 × 600/1000 = 6003.6)
    // -> realised 7787.2 − 6003.6 = 1783.6; left: 400 @ 4002.4 + 500 @ 6005.5 = 10007.9.
    CostLedger l(CostMethod::Fifo);
    l.buy(1000, M("10000"), M("5"), M("1"));
    l.buy(500, M("6000"), M("5"), M("0.5"));
    EXPECT_EQ(l.sell(600, M("7800"), M("5"), M("7.8")), M("1783.6"));
    EXPECT_EQ(l.cost(), M("10007.9"));
    // A second sell of 700 takes the remaining 400 of lot 1 and 300 of lot 2:
    // cost out 4002.4 + 6005.5 × 300/500 = 4002.4 + 3603.3 = 7605.7; 700 × 14 = 9800, no fees.
    EXPECT_EQ(l.sell(700, M("9800"), M("0"), M("0")), M("2194.3"));
    EXPECT_EQ(l.quantity(), 200);
    EXPECT_EQ(l.cost(), M("2402.2"));
    EXPECT_EQ(*l.averageCost(), M("12.011"));
}

TEST(CostLedger, BuySellBuyResetsCostWhenFlat) {
    // Buy 100 × 10 + 1 = 1001; sell 100 × 12 − 1 − 1.2 = 1197.8 -> +196.8, flat.
    // Reopen: 200 × 8 + 2 = 1602 (average 8.01, nothing left of the old cost);
    // sell 50 × 9 − 1 = 449, cost out 1602 × 50/200 = 400.5 -> +48.5.
    for (CostMethod m : {CostMethod::Average, CostMethod::Fifo}) {
        CostLedger l(m);
        l.buy(100, M("1000"), M("1"), M("0"));
        EXPECT_EQ(l.sell(100, M("1200"), M("1"), M("1.2")), M("196.8"));
        EXPECT_EQ(l.quantity(), 0);
        EXPECT_EQ(l.cost(), Money{});
        EXPECT_FALSE(l.averageCost());
        l.buy(200, M("1600"), M("2"), M("0"));
        EXPECT_EQ(*l.averageCost(), M("8.01"));
        EXPECT_EQ(l.sell(50, M("450"), M("1"), M("0")), M("48.5"));
        EXPECT_EQ(l.realized(), M("245.3"));
        EXPECT_EQ(l.cost(), M("1201.5"));
        EXPECT_EQ(*l.averageCost(), M("8.01"));
    }
}

TEST(CostLedger, OversellRealisesOnlyTheMatchedPart) {
    // Held 100 at cost 1000; sold 300 × 11 − 3 = 3297 net. Matched share 100/300 -> 1099,
    // realised 99; the other 200 shares' proceeds (2198) are set aside, never a crash.
    for (CostMethod m : {CostMethod::Average, CostMethod::Fifo}) {
        CostLedger l(m);
        l.buy(100, M("1000"), M("0"), M("0"));
        EXPECT_EQ(l.sell(300, M("3300"), M("3"), M("0")), M("99"));
        EXPECT_EQ(l.quantity(), 0);
        EXPECT_EQ(l.unmatchedQuantity(), 200);
        EXPECT_EQ(l.unmatchedProceeds(), M("2198"));
        // Selling with nothing held at all: nothing realised, all unmatched.
        EXPECT_EQ(l.sell(10, M("110"), M("0"), M("0")), Money{});
        EXPECT_EQ(l.unmatchedQuantity(), 210);
        EXPECT_EQ(l.realized(), M("99"));
    }
}

TEST(CostLedger, RoundsHalfAwayFromZeroInUnits) {
    // Cost 3.0001 for 3 shares: selling 1 removes round(30001/3 = 10000.33) = 10000 units,
    // leaving 20001 units for 2 shares: average round(10000.5) = 10001 units = 1.0001.
    CostLedger l;
    l.buy(3, M("3"), M("0.0001"), M("0"));
    EXPECT_EQ(l.sell(1, M("1"), M("0"), M("0")), Money{});
    EXPECT_EQ(l.cost(), M("2.0001"));
    EXPECT_EQ(*l.averageCost(), M("1.0001"));
}

TEST(CostLedger, AverageAndFifoAgreeOnTotalPnlForRandomSequences) {
    // Realised + (market value − remaining cost) is the same under both methods, exactly,
    // whenever every sell is covered: both split the same money differently.
    std::mt19937 rng(20240601);
    for (int round = 0; round < 200; ++round) {
        CostLedger a(CostMethod::Average), f(CostMethod::Fifo);
        std::int64_t held = 0;
        for (int i = 0; i < 40; ++i) {
            const std::int64_t price = 50000 + static_cast<std::int64_t>(rng() % 100000);
            const Money commission = Money::fromUnits(static_cast<std::int64_t>(rng() % 60000));
            const Money fees = Money::fromUnits(static_cast<std::int64_t>(rng() % 9999));
            if (held == 0 || rng() % 3 != 0) {
                const std::int64_t q = 100 * (1 + static_cast<std::int64_t>(rng() % 20));
                a.buy(q, Money::fromUnits(price * q), commission, fees);
                f.buy(q, Money::fromUnits(price * q), commission, fees);
                held += q;
            } else {
                const std::int64_t q = 1 + static_cast<std::int64_t>(rng()) % held;
                a.sell(q, Money::fromUnits(price * q), commission, fees);
                f.sell(q, Money::fromUnits(price * q), commission, fees);
                held -= q;
            }
        }
        ASSERT_EQ(a.quantity(), held);
        ASSERT_EQ(f.quantity(), held);
        EXPECT_EQ((a.realized() - a.cost()).units, (f.realized() - f.cost()).units) << round;
    }
}

// ---- whole report: P&L -----------------------------------------------------------------------

TEST(Portfolio, ReconstructsHoldingsFromTradesWhenNoPositions) {
    PortfolioInput in;
    in.client_id = "C001";
    in.client_risk_level = 3;
    in.as_of = D(2024, 2, 29);
    in.trades = twoBuysOneSell();
    in.trades.push_back(T(D(2024, 2, 20), "000001.SZ", Side::Buy, 200, "9.50", "1"));
    in.trades.push_back(T(D(2024, 3, 5), "000001.SZ", Side::Buy, 999, "1.00")); // after as-of
    in.securities = {Sec("600519.SH", "贵州茅台", Board::Main, 3),
                     Sec("000001.SZ", "平安银行", Board::Main, 2)};
    const auto r = computePortfolio(in);
    EXPECT_TRUE(r.reconstructed);
    EXPECT_EQ(r.trade_count, 4);
    ASSERT_EQ(r.holdings.size(), 2u);
    const auto* m = find(r.holdings, "600519.SH");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->name, "贵州茅台");
    EXPECT_EQ(m->source, HoldingSource::Reconstructed);
    EXPECT_EQ(m->quantity, 900);
    EXPECT_EQ(m->price_source, PriceSource::LastTrade);
    EXPECT_EQ(m->close_price, M("13")); // the last trade price <= as-of
    EXPECT_EQ(*m->price_date, D(2024, 2, 1));
    EXPECT_EQ(m->market_value, M("11700"));
    EXPECT_EQ(*m->avg_cost, M("10.6743"));
    EXPECT_EQ(*m->unrealized_pnl, M("2093.1")); // 11700 − 9606.9
    EXPECT_EQ(m->realized_pnl, M("1382.6"));
    EXPECT_EQ(m->fees_paid, M("24.3"));
    const auto* p = find(r.holdings, "000001.SZ");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->quantity, 200); // the buy after as-of is ignored
    EXPECT_EQ(*p->unrealized_pnl, M("-1"));
    EXPECT_EQ(r.realized_pnl, M("1382.6"));
    EXPECT_EQ(r.unrealized_pnl, M("2092.1"));
    EXPECT_EQ(r.market_value, M("13600"));
    EXPECT_NEAR(m->weight, 11700.0 / 13600.0, 1e-12);
    EXPECT_EQ(r.holdings.front().security_code, "600519.SH"); // largest first
}

TEST(Portfolio, FifoVersusAverageOnTheSameTrades) {
    PortfolioInput in;
    in.as_of = D(2024, 3, 1);
    in.trades = twoBuysOneSell();
    Position p;
    p.date = D(2024, 2, 29);
    p.security_code = "600519.SH";
    p.quantity = 900;
    p.close_price = M("11");
    in.positions = {p};
    PortfolioOptions avg, fifo;
    fifo.cost_method = CostMethod::Fifo;
    const auto a = computePortfolio(in, avg);
    const auto f = computePortfolio(in, fifo);
    ASSERT_EQ(a.holdings.size(), 1u);
    ASSERT_EQ(f.holdings.size(), 1u);
    EXPECT_FALSE(a.reconstructed);
    EXPECT_EQ(a.holdings[0].price_source, PriceSource::Positions);
    EXPECT_EQ(a.holdings[0].cost_source, CostSource::Trades);
    // Average: realised 1382.6, unrealised 9900 − 9606.9 = 293.1.
    EXPECT_EQ(a.realized_pnl, M("1382.6"));
    EXPECT_EQ(a.unrealized_pnl, M("293.1"));
    // FIFO: realised 1783.6, unrealised 9900 − 10007.9 = −107.9.
    EXPECT_EQ(f.realized_pnl, M("1783.6"));
    EXPECT_EQ(f.unrealized_pnl, M("-107.9"));
    EXPECT_EQ(*f.holdings[0].avg_cost, M("11.1199")); // 10007.9 / 900 = 11.119888…
    // Same total either way: 1675.7.
    EXPECT_EQ(a.realized_pnl + a.unrealized_pnl, f.realized_pnl + f.unrealized_pnl);
    EXPECT_EQ(f.cost_method, CostMethod::Fifo);
}

TEST(Portfolio, ClosedPositionsKeepTheirRealisedPnl) {
    PortfolioInput in;
    in.as_of = D(2024, 6, 30);
    in.trades = {T(D(2024, 1, 2), "300750.SZ", Side::Buy, 100, "10", "1"),
                 T(D(2024, 1, 3), "300750.SZ", Side::Sell, 100, "12", "1", "1.2"),
                 T(D(2024, 2, 1), "600000.SH", Side::Buy, 100, "7")};
    const auto r = computePortfolio(in);
    ASSERT_EQ(r.closed.size(), 1u);
    EXPECT_EQ(r.closed[0].security_code, "300750.SZ");
    EXPECT_EQ(r.closed[0].realized_pnl, M("196.8"));
    EXPECT_EQ(r.closed[0].quantity, 0);
    ASSERT_EQ(r.holdings.size(), 1u);
    EXPECT_EQ(r.realized_pnl, M("196.8"));
    EXPECT_EQ(r.fees_paid, M("3.2"));
}

TEST(Portfolio, PositionsSnapshotDecidesHoldingsAndCostFallsBackToCostPrice) {
    PortfolioInput in;
    in.as_of = D(2024, 3, 31);
    // Bought 100 in the book, but the snapshot shows 300 (200 predate the book).
    in.trades = {T(D(2024, 3, 1), "600036.SH", Side::Buy, 100, "30", "5"),
                 // Bought after the snapshot date: rolled forward, priced at the trade.
                 T(D(2024, 3, 30), "601318.SH", Side::Buy, 100, "40")};
    Position old, a, b, future;
    old.date = D(2024, 2, 29);
    old.security_code = "600036.SH";
    old.quantity = 50;
    old.close_price = M("29");
    a.date = D(2024, 3, 29);
    a.security_code = "600036.SH";
    a.quantity = 300;
    a.cost_price = M("28.5");
    a.close_price = M("31");
    b.date = D(2024, 3, 29);
    b.security_code = "000002.SZ";
    b.quantity = 1000;
    b.close_price = M("8"); // no cost price, no trades -> cost unknown
    future = a;
    future.date = D(2024, 4, 30);
    future.quantity = 1;
    in.positions = {old, a, b, future};
    const auto r = computePortfolio(in);
    EXPECT_FALSE(r.reconstructed);
    EXPECT_EQ(*r.positions_date, D(2024, 3, 29));
    ASSERT_EQ(r.holdings.size(), 3u);
    const auto* cmb = find(r.holdings, "600036.SH");
    ASSERT_TRUE(cmb);
    EXPECT_EQ(cmb->quantity, 300);
    EXPECT_EQ(cmb->ledger_quantity, 100);
    EXPECT_TRUE(cmb->quantity_mismatch);
    EXPECT_EQ(cmb->cost_source, CostSource::PositionCostPrice);
    EXPECT_EQ(cmb->cost, M("8550"));
    EXPECT_EQ(*cmb->unrealized_pnl, M("750")); // 300 × 31 − 8550
    const auto* vk = find(r.holdings, "000002.SZ");
    ASSERT_TRUE(vk);
    EXPECT_EQ(vk->cost_source, CostSource::Unknown);
    EXPECT_FALSE(vk->unrealized_pnl);
    EXPECT_FALSE(vk->avg_cost);
    const auto* pa = find(r.holdings, "601318.SH");
    ASSERT_TRUE(pa);
    EXPECT_EQ(pa->quantity, 100);
    EXPECT_EQ(pa->price_source, PriceSource::LastTrade);
    EXPECT_EQ(pa->cost_source, CostSource::Trades);
    EXPECT_EQ(r.market_value, M("9300") + M("8000") + M("4000"));
    EXPECT_EQ(r.unrealized_pnl, M("750")); // unknown cost is left out, not counted as zero
    EXPECT_FALSE(r.notes.empty());
}

TEST(Portfolio, OversoldTradesAreNotedNotFatal) {
    PortfolioInput in;
    in.as_of = D(2024, 3, 31);
    in.trades = {T(D(2024, 3, 1), "600036.SH", Side::Sell, 500, "30"),
                 T(D(2024, 3, 2), "600036.SH", Side::Unknown, 100, "30")};
    const auto r = computePortfolio(in);
    EXPECT_TRUE(r.holdings.empty());
    ASSERT_EQ(r.closed.size(), 1u);
    EXPECT_EQ(r.closed[0].unmatched_sell_quantity, 500);
    EXPECT_EQ(r.closed[0].unmatched_proceeds, M("15000"));
    EXPECT_EQ(r.realized_pnl, Money{});
    EXPECT_EQ(r.notes.size(), 2u); // the unknown side and the oversell
}

TEST(Portfolio, SortsTradesGivenOutOfOrder) {
    PortfolioInput in;
    in.as_of = D(2024, 3, 31);
    in.trades = {T(D(2024, 3, 5), "600036.SH", Side::Sell, 100, "12"),
                 T(D(2024, 3, 1), "600036.SH", Side::Buy, 100, "10")};
    const auto r = computePortfolio(in);
    EXPECT_EQ(r.realized_pnl, M("200"));
    EXPECT_EQ(r.closed[0].unmatched_sell_quantity, 0);
}

// ---- returns -------------------------------------------------------------------------------

TEST(ModifiedDietz, MidPeriodFlowsByHand) {
    // Period 2024-02-29 .. 2024-03-31, T = 31 days. V0 = 100 000, V1 = 115 000.
    // +10 000 on 03-10 (10 days in, w = 21/31), −2 000 on 03-31 (w = 0): F = 8 000.
    // R = (115000 − 100000 − 8000) / (100000 + 10000 × 21/31) = 7000 × 31 / 3 310 000
    //   = 217000 / 3310000 = 0.0655589123867…
    const std::vector<AssetSnapshot> s{S(D(2024, 1, 31), "0", "90000"),
                                       S(D(2024, 2, 29), "20000", "80000", "5000"),
                                       S(D(2024, 3, 10), "30000", "82000", "10000"),
                                       S(D(2024, 3, 31), "15000", "100000", "-2000")};
    const auto r = modifiedDietz(s, D(2024, 3, 31), 1);
    ASSERT_TRUE(r.value) << factKey(r.note.kind);
    EXPECT_NEAR(*r.value, 217000.0 / 3310000.0, 1e-12);
    EXPECT_EQ(*r.start, D(2024, 2, 29));
    EXPECT_EQ(*r.end, D(2024, 3, 31));
    EXPECT_EQ(r.net_flow, M("8000"));
    EXPECT_EQ(r.start_value, M("100000"));
    // Order of the input does not matter.
    auto shuffled = s;
    std::swap(shuffled[0], shuffled[3]);
    EXPECT_NEAR(*modifiedDietz(shuffled, D(2024, 3, 31), 1).value, 217000.0 / 3310000.0, 1e-12);
}

TEST(ModifiedDietz, NullWithoutASnapshotAtThePeriodStart) {
    const std::vector<AssetSnapshot> s{S(D(2024, 2, 29), "0", "100"),
                                       S(D(2024, 3, 31), "0", "110")};
    EXPECT_TRUE(modifiedDietz(s, D(2024, 3, 31), 1).value);
    const auto r3 = modifiedDietz(s, D(2024, 3, 31), 3);
    EXPECT_FALSE(r3.value);
    EXPECT_EQ(r3.note.kind, ReviewNoteKind::NoStartSnapshot);
    EXPECT_EQ(r3.note.dateOf(Arg::On), D(2023, 12, 31));
    // A stale end: the last snapshot is two months before as-of.
    EXPECT_FALSE(modifiedDietz(s, D(2024, 5, 31), 1).value);
    EXPECT_FALSE(modifiedDietz({}, D(2024, 5, 31), 1).value);
    // An empty start account with no flow: no capital, no return.
    const std::vector<AssetSnapshot> z{S(D(2024, 2, 29), "0", "0"), S(D(2024, 3, 31), "0", "0")};
    EXPECT_FALSE(modifiedDietz(z, D(2024, 3, 31), 1).value);
}

TEST(ModifiedDietz, CalendarMonthsClampTheDay) {
    EXPECT_EQ(minusMonths(D(2024, 3, 31), 1), D(2024, 2, 29));
    EXPECT_EQ(minusMonths(D(2024, 5, 31), 3), D(2024, 2, 29));
    EXPECT_EQ(minusMonths(D(2024, 1, 15), 1), D(2023, 12, 15));
    EXPECT_EQ(minusMonths(D(2024, 2, 29), 12), D(2023, 2, 28));
}

// ---- risk ----------------------------------------------------------------------------------

TEST(Risk, ConcentrationKnownAnswers) {
    const auto a = concentration({50, 30, 20});
    EXPECT_DOUBLE_EQ(a.top1, 0.5);
    EXPECT_DOUBLE_EQ(a.top3, 1.0);
    EXPECT_NEAR(a.hhi, 0.38, 1e-12);
    const auto b = concentration({10, 40, 20, 10, 20});
    EXPECT_NEAR(b.top1, 0.4, 1e-12);
    EXPECT_NEAR(b.top3, 0.8, 1e-12);
    EXPECT_NEAR(b.hhi, 0.26, 1e-12);
    const auto e = concentration({});
    EXPECT_EQ(e.hhi, 0.0);
}

TEST(Risk, MaxDrawdownKnownSeries) {
    const auto d = maxDrawdown({100, 120, 90, 110, 60, 130, 100});
    EXPECT_DOUBLE_EQ(d.max_drawdown, 0.5); // 120 -> 60
    EXPECT_EQ(d.peak, 1u);
    EXPECT_EQ(d.trough, 4u);
    EXPECT_EQ(maxDrawdown({1, 2, 3}).max_drawdown, 0.0);
}

TEST(Risk, DrawdownAndVolatilityFromSnapshotsIgnoreFlows) {
    PortfolioInput in;
    in.as_of = D(2024, 3, 31);
    // Weekly values 100, 110, 99, 108.9, 98.01: returns +10 %, −10 %, +10 %, −10 %.
    // Then a withdrawal of 50 that must not read as a loss.
    const Date d0 = D(2024, 2, 1);
    in.snapshots = {S(d0, "100", "0"),
                    S(d0.addDays(7), "110", "0"),
                    S(d0.addDays(14), "99", "0"),
                    S(d0.addDays(21), "108.9", "0"),
                    S(d0.addDays(28), "98.01", "0"),
                    S(d0.addDays(35), "48.01", "0", "-50")};
    const auto r = computePortfolio(in);
    ASSERT_TRUE(r.risk.max_drawdown);
    // Index 1, 1.1, 0.99, 1.089, 0.9801, 0.9801: peak 1.1 -> trough 0.9801 = 10.9 %.
    EXPECT_NEAR(*r.risk.max_drawdown, 1.0 - 0.9801 / 1.1, 1e-12);
    EXPECT_EQ(*r.risk.drawdown_peak, d0.addDays(7));
    EXPECT_EQ(*r.risk.drawdown_trough, d0.addDays(28));
    ASSERT_TRUE(r.risk.volatility);
    // Returns 0.1, −0.1, 0.1, −0.1, 0: sample sd over 5 returns, 7-day steps.
    const double ss = 4 * 0.01; // mean 0
    EXPECT_NEAR(*r.risk.volatility, std::sqrt(ss / 4.0) * std::sqrt(365.25 / 7.0), 1e-9);
    EXPECT_EQ(r.risk.return_count, 5);
    // A 10.9 % drawdown is under the 20 % threshold; volatility ~72 % is above 35 %.
    bool deep = false, vol = false;
    for (const auto& b : r.risk.badges) {
        deep |= b.code == "deep_drawdown";
        vol |= b.code == "high_volatility";
    }
    EXPECT_FALSE(deep);
    EXPECT_TRUE(vol);
    EXPECT_EQ(*r.cash, M("48.01"));
}

TEST(Risk, BoardExposureAndBadgesForALowToleranceClient) {
    PortfolioInput in;
    in.as_of = D(2024, 3, 31);
    in.client_risk_level = 2;
    in.trades = {T(D(2024, 3, 1), "300750.SZ", Side::Buy, 100, "60"),  // 6000 ChiNext
                 T(D(2024, 3, 1), "688981.SH", Side::Buy, 100, "20"),  // 2000 STAR (inferred)
                 T(D(2024, 3, 1), "600000.SH", Side::Buy, 100, "10"),  // 1000 main
                 T(D(2024, 3, 1), "511010.SH", Side::Buy, 100, "10")}; // 1000 fund (inferred)
    in.securities = {Sec("300750.SZ", "宁德时代", Board::ChiNext, 4)};
    const auto r = computePortfolio(in);
    EXPECT_NEAR(r.risk.top1_share, 0.6, 1e-12);
    EXPECT_NEAR(r.risk.top3_share, 0.9, 1e-12);
    EXPECT_NEAR(r.risk.hhi, 0.36 + 0.04 + 0.01 + 0.01, 1e-12);
    ASSERT_EQ(r.risk.boards.size(), 4u);
    EXPECT_EQ(r.risk.boards[0].board, Board::ChiNext);
    EXPECT_NEAR(r.risk.boards[0].share, 0.6, 1e-12);
    EXPECT_EQ(r.risk.boards[1].board, Board::Star);
    const auto* star = find(r.holdings, "688981.SH");
    ASSERT_TRUE(star);
    EXPECT_TRUE(star->board_inferred);
    std::vector<std::string> codes;
    for (const auto& b : r.risk.badges) codes.push_back(b.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"concentrated", "top3_concentrated", "high_hhi",
                                               "growth_boards_low_tolerance"}));
    EXPECT_NEAR(r.risk.badges.back().value, 0.8, 1e-12);
    EXPECT_FALSE(r.risk.volatility); // no snapshots
    EXPECT_FALSE(r.risk.max_drawdown);
    EXPECT_FALSE(r.return_1m.value);
}

// ---- suitability ---------------------------------------------------------------------------

namespace {
ReviewNote rule(ReviewNoteKind k) {
    return ReviewNote(k);
}
} // namespace

TEST(Suitability, EdgeCases) {
    SuitabilityRules rules;
    std::vector<SuitabilityMismatch> out;
    HoldingLine h;
    h.security_code = "600000.SH";
    h.board = Board::Main;
    h.risk_level = 3;
    checkSuitability(h, 3, rules, out); // R = C is allowed
    EXPECT_TRUE(out.empty());
    h.risk_level = 4;
    checkSuitability(h, 3, rules, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(
        out[0].rule,
        rule(ReviewNoteKind::RiskAboveTolerance).count(Arg::Level, 4).count(Arg::ClientLevel, 3));
    EXPECT_EQ(out[0].risk_level, 4);
    EXPECT_EQ(out[0].client_risk_level, 3);
    out.clear();
    checkSuitability(h, 0, rules, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].rule.kind, ReviewNoteKind::UnknownClientLevel);
    out.clear();
    h.risk_level = 0;
    checkSuitability(h, 5, rules, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].rule.kind, ReviewNoteKind::UnratedSecurity);
    out.clear();
    h.board = Board::Star;
    h.risk_level = 3;
    checkSuitability(h, 3, rules, out); // R fits but STAR needs C4+
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].rule, rule(ReviewNoteKind::GrowthBoardLevel)
                               .count(Arg::Board, static_cast<int>(Board::Star))
                               .count(Arg::ClientLevel, 4));
    out.clear();
    checkSuitability(h, 4, rules, out);
    EXPECT_TRUE(out.empty());
    rules.growth_board_min_level = 0; // house rule switched off
    checkSuitability(h, 1, rules, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(
        out[0].rule,
        rule(ReviewNoteKind::RiskAboveTolerance).count(Arg::Level, 3).count(Arg::ClientLevel, 1));
}

TEST(Suitability, ReportListsOnlyHeldSecurities) {
    PortfolioInput in;
    in.as_of = D(2024, 3, 31);
    in.client_risk_level = 3;
    in.trades = {T(D(2024, 3, 1), "300750.SZ", Side::Buy, 100, "60"),
                 T(D(2024, 3, 1), "600519.SH", Side::Buy, 100, "1500"),
                 T(D(2024, 3, 1), "600000.SH", Side::Buy, 100, "10"),
                 T(D(2024, 3, 2), "600000.SH", Side::Sell, 100, "10"), // closed: not checked
                 T(D(2024, 3, 1), "000001.SZ", Side::Buy, 100, "10")};
    in.securities = {Sec("300750.SZ", "宁德时代", Board::ChiNext, 4),
                     Sec("600519.SH", "贵州茅台", Board::Main, 3),
                     Sec("600000.SH", "浦发银行", Board::Main, 5)};
    const auto r = computePortfolio(in);
    std::vector<std::string> got;
    for (const auto& m : r.suitability_mismatches)
        got.push_back(m.security_code + " " + std::string(factKey(m.rule.kind)));
    std::sort(got.begin(), got.end());
    EXPECT_EQ(
        got, (std::vector<std::string>{"000001.SZ unrated_security", "300750.SZ growth_board_level",
                                       "300750.SZ risk_above_tolerance"}));
}

TEST(Portfolio, EmptyInputGivesAnEmptyReport) {
    PortfolioInput in;
    in.as_of = D(2024, 3, 31);
    const auto r = computePortfolio(in);
    EXPECT_TRUE(r.holdings.empty());
    EXPECT_TRUE(r.reconstructed);
    EXPECT_FALSE(r.return_1m.value);
    EXPECT_FALSE(r.cash);
    EXPECT_EQ(r.risk.hhi, 0.0);
    EXPECT_TRUE(r.risk.badges.empty());
    EXPECT_TRUE(r.suitability_mismatches.empty());
}

TEST(CostMethodNames, RoundTrip) {
    EXPECT_EQ(parseCostMethod("fifo"), CostMethod::Fifo);
    EXPECT_EQ(parseCostMethod("average"), CostMethod::Average);
    EXPECT_FALSE(parseCostMethod("lifo"));
    EXPECT_EQ(toString(CostMethod::Fifo), "fifo");
}

// Issue 22: a top VIP, 97 % cash and the rest in a money-market ETF, was flagged "largest
// holding 100 % (limit 40 %)". Concentration is judged on what carries risk.
TEST(Risk, CashLikeHoldingsAreNoConcentrationAndSharesAreOfTheAccount) {
    EXPECT_TRUE(isCashLike(Board::Fund, 1));
    EXPECT_TRUE(isCashLike(Board::Bond, 1));
    EXPECT_FALSE(isCashLike(Board::Fund, 2)); // a bond ETF (R2) carries rate risk
    EXPECT_FALSE(isCashLike(Board::Fund, 0)); // unrated: not known to be safe
    EXPECT_FALSE(isCashLike(Board::Main, 1));
    PortfolioInput in;
    in.as_of = D(2024, 3, 31);
    in.client_risk_level = 3;
    in.trades = {T(D(2024, 3, 1), "511880.SH", Side::Buy, 100, "100"), // 10,000 money market
                 T(D(2024, 3, 1), "600000.SH", Side::Buy, 100, "50")}; // 5,000 main board
    in.securities = {Sec("511880.SH", "银华日利", Board::Fund, 1),
                     Sec("600000.SH", "浦发银行", Board::Main, 3)};
    AssetSnapshot s;
    s.date = D(2024, 3, 31);
    s.market_value = M("15000");
    s.cash = M("85000");
    in.snapshots = {s};
    const auto r = computePortfolio(in);
    ASSERT_EQ(r.holdings.size(), 2u);
    EXPECT_TRUE(find(r.holdings, "511880.SH")->cash_like);
    EXPECT_EQ(r.risk.risk_bearing_count, 1);
    EXPECT_NEAR(r.risk.top1_share, 0.05, 1e-12); // 5,000 of a 100,000 account
    EXPECT_NEAR(r.risk.cash_like_share, 0.95, 1e-12);
    for (const auto& b : r.risk.badges) EXPECT_NE(b.code, "concentrated");
    // Only the money-market ETF: nothing carries risk, nothing is concentrated.
    in.trades.pop_back();
    in.securities.pop_back();
    const auto cashOnly = computePortfolio(in);
    EXPECT_EQ(cashOnly.risk.risk_bearing_count, 0);
    EXPECT_EQ(cashOnly.risk.top1_share, 0.0);
    EXPECT_TRUE(cashOnly.risk.badges.empty());
}
