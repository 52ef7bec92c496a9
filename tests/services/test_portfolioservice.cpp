// Portfolio loading from a real (in-memory) book: queries and the service, known answers.
#include <gtest/gtest.h>

#include <string>

#include "phrasebook/phrasebook.h"
#include "services/portfolioservice.h"
#include "storage/book/portfolioqueries.h"
#include "storage/schema/schema.h"
#include "storage/schema/tradelayout.h"

using namespace bd;
using namespace bd::storage;

namespace {

std::string day(int y, int m, int d) {
    return std::to_string(Date::fromYmd(y, m, d).days);
}
/// A trade time and its month (the trades columns trade_time, trade_month).
std::string at(int y, int m, int d, int hh) {
    const std::int64_t secs = DateTime::fromParts(Date::fromYmd(y, m, d), hh, 0, 0).secs;
    return std::to_string(secs) + ", " + std::to_string(bd::storage::tradeMonthOf(secs));
}
Money M(const char* s) {
    return *parseMoney(s);
}

/// A small book: C001 (C3) with trades, two positions dates and asset snapshots; C002 with
/// nothing; C003 with one trade that must never leak into C001's portfolio.
Database makeBook() {
    auto db = openBook(":memory:");
    EXPECT_TRUE(db) << db.error().toString();
    const std::string sql =
        "INSERT INTO branches(branch_id, name) VALUES ('B1', 'branch');"
        "INSERT INTO brokers(broker_id, name, branch_id) VALUES ('K1', 'broker', 'B1');"
        "INSERT INTO clients(id, client_id, name, broker_id, open_date, risk_level) VALUES"
        " (1, 'C001', '张三', 'K1', " +
        day(2020, 1, 1) +
        ", 3),"
        " (2, 'C002', '李四', 'K1', " +
        day(2020, 1, 1) +
        ", 0),"
        " (3, 'C003', '王五', 'K1', " +
        day(2020, 1, 1) +
        ", 5);"
        "INSERT INTO securities(security_code, name, board, risk_level) VALUES"
        " ('600519.SH', '贵州茅台', 1, 3), ('300750.SZ', '宁德时代', 2, 4),"
        " ('600000.SH', '浦发银行', 1, 2);"
        // Money in units of 0.0001 CNY.
        "INSERT INTO trades(trade_id, client_ref, trade_time, trade_month, security_code, side, "
        "quantity,"
        " price, amount, commission, fees) VALUES"
        " ('T2', 1, " +
        at(2024, 1, 5, 10) +
        ", '600519.SH', 1, 500, 120000, 60000000, 50000, 5000),"
        " ('T1', 1, " +
        at(2024, 1, 2, 10) +
        ", '600519.SH', 1, 1000, 100000, 100000000, 50000, 10000),"
        " ('T3', 1, " +
        at(2024, 2, 1, 10) +
        ", '600519.SH', 2, 600, 130000, 78000000, 50000, 78000),"
        " ('T4', 1, " +
        at(2024, 2, 20, 10) +
        ", '300750.SZ', 1, 100, 600000, 60000000, 30000, NULL),"
        " ('X1', 3, " +
        at(2024, 3, 20, 10) +
        ", '600000.SH', 1, 100, 100000, 10000000, 0, 0);"
        "INSERT INTO positions(client_ref, date, security_code, quantity, cost_price, close_price)"
        " VALUES (1, " +
        day(2024, 1, 15) +
        ", '600519.SH', 1500, NULL, 125000),"
        " (1, " +
        day(2024, 2, 29) +
        ", '600519.SH', 900, NULL, 110000),"
        " (1, " +
        day(2024, 2, 29) +
        ", '300750.SZ', 100, NULL, 550000),"
        " (3, " +
        day(2024, 3, 29) +
        ", '600000.SH', 100, NULL, 100000);"
        "INSERT INTO assets(client_ref, date, cash, market_value, net_inflow) VALUES"
        " (1, " +
        day(2024, 1, 26) +
        ", 1000000000, 0, NULL),"
        " (1, " +
        day(2024, 2, 15) +
        ", 950000000, 100000000, 100000000),"
        " (1, " +
        day(2024, 2, 29) + ", 1020000000, 154000000, 0);";
    EXPECT_TRUE(db->exec(sql));
    return std::move(*db);
}

} // namespace

TEST(PortfolioQueries, LoadsOneClientsRowsInOrder) {
    auto db = makeBook();
    auto c = findPortfolioClient(db, "C001");
    ASSERT_TRUE(c);
    ASSERT_TRUE(*c);
    EXPECT_EQ((*c)->name, "张三");
    EXPECT_EQ((*c)->risk_level, 3);
    auto none = findPortfolioClient(db, "nobody");
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none);

    auto latest = latestClientDataDate(db, (*c)->ref);
    ASSERT_TRUE(latest);
    EXPECT_EQ(**latest, Date::fromYmd(2024, 2, 29));

    auto rows = loadPortfolioRows(db, **c, Date::fromYmd(2024, 2, 29));
    ASSERT_TRUE(rows) << rows.error().toString();
    ASSERT_EQ(rows->trades.size(), 4u);
    EXPECT_EQ(rows->trades[0].trade_id, "T1"); // ordered by time, not by insertion
    EXPECT_EQ(rows->trades[2].side, Side::Sell);
    EXPECT_EQ(rows->trades[2].fees, M("7.8"));
    EXPECT_FALSE(rows->trades[3].fees);
    ASSERT_EQ(rows->positions.size(), 2u); // only the latest date <= as-of
    for (const auto& p : rows->positions) EXPECT_EQ(p.date, Date::fromYmd(2024, 2, 29));
    ASSERT_EQ(rows->securities.size(), 2u); // 600000.SH belongs to C003 only
    EXPECT_EQ(rows->securities[0].security_code, "300750.SZ");
    EXPECT_EQ(rows->securities[0].board, Board::ChiNext);
    EXPECT_EQ(rows->securities[0].risk_level, 4);
    ASSERT_EQ(rows->snapshots.size(), 3u);
    EXPECT_EQ(rows->snapshots[1].net_inflow, M("10000"));

    auto early = loadPortfolioRows(db, **c, Date::fromYmd(2024, 1, 20));
    ASSERT_TRUE(early);
    EXPECT_EQ(early->trades.size(), 2u);
    ASSERT_EQ(early->positions.size(), 1u);
    EXPECT_EQ(early->positions[0].quantity, 1500);
    EXPECT_TRUE(early->snapshots.empty());
}

TEST(PortfolioQueries, TradesQueryUsesTheClientTimeKey) {
    auto db = makeBook();
    // The statistics of a real book (the writers keep them; this book has five trades):
    // months of many rows, few per client.
    ASSERT_TRUE(db.exec("ANALYZE sqlite_schema; DELETE FROM sqlite_stat1 WHERE tbl = 'trades';"
                        "INSERT INTO sqlite_stat1 VALUES ('trades', 'trades', '2000000 160000 8 1 "
                        "1'); ANALYZE sqlite_schema;"));
    auto st = db.prepare(
        "EXPLAIN QUERY PLAN SELECT trade_id FROM trades WHERE client_ref = ?1 AND trade_time < ?2"
        " ORDER BY trade_time, trade_id");
    ASSERT_TRUE(st);
    st->bind(1, std::int64_t{1}).bind(2, std::int64_t{0});
    std::string plan;
    while (*st->step()) plan += st->text(3) + "\n";
    // trades is clustered by (trade_month, client_ref, trade_time, trade_id): one key range of
    // the client per month (skip-scan), never the whole table.
    EXPECT_NE(plan.find("SEARCH trades USING PRIMARY KEY (ANY(trade_month) AND client_ref=? AND "
                        "trade_time<?)"),
              std::string::npos)
        << plan;
}

TEST(PortfolioService, DefaultAsOfIsTheLatestDataDate) {
    auto db = makeBook();
    auto r = services::loadPortfolio(db, "C001");
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(*r->as_of, Date::fromYmd(2024, 2, 29));
    EXPECT_FALSE(r->reconstructed);
    ASSERT_EQ(r->holdings.size(), 2u);
    // 600519: 900 × 11 = 9900 against an average cost of 9606.9 (see the analytics tests).
    EXPECT_EQ(r->holdings[0].security_code, "600519.SH");
    EXPECT_EQ(r->holdings[0].name, "贵州茅台");
    EXPECT_EQ(*r->holdings[0].unrealized_pnl, M("293.1"));
    // 300750: 100 × 55 = 5500 against 6000 + 3 commission.
    EXPECT_EQ(*r->holdings[1].unrealized_pnl, M("-503"));
    EXPECT_EQ(r->realized_pnl, M("1382.6"));
    EXPECT_EQ(r->unrealized_pnl, M("-209.9"));
    EXPECT_EQ(r->market_value, M("15400"));
    EXPECT_EQ(*r->cash, M("102000"));
    // 1M: 2024-01-26 .. 02-29 (T = 34), +10 000 on 02-15 (w = 14/34), V1 = 117 400.
    ASSERT_TRUE(r->return_1m.value) << bd::factKey(r->return_1m.note.kind);
    EXPECT_NEAR(*r->return_1m.value, 7400.0 / (100000.0 + 10000.0 * 14.0 / 34.0), 1e-12);
    EXPECT_FALSE(r->return_3m.value);
    EXPECT_FALSE(r->return_12m.value);
    ASSERT_EQ(r->suitability_mismatches.size(), 2u);
    EXPECT_EQ(bd::phrase::note(r->suitability_mismatches[0].rule, bd::phrase::Lang::En), "R4 > C3");
    EXPECT_EQ(bd::phrase::note(r->suitability_mismatches[1].rule, bd::phrase::Lang::En),
              "ChiNext requires C4+");
    EXPECT_EQ(bd::phrase::note(r->suitability_mismatches[1].rule, bd::phrase::Lang::Zh),
              "创业板需C4及以上");
}

TEST(PortfolioService, FifoAndEarlierAsOf) {
    auto db = makeBook();
    auto f = services::loadPortfolio(db, "C001", std::nullopt, analytics::CostMethod::Fifo);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->realized_pnl, M("1783.6"));
    EXPECT_EQ(f->unrealized_pnl, M("-610.9"));

    // 01-20: the 01-15 positions (1500 @ 12.5) match the two buys (cost 16011.5).
    auto mid = services::loadPortfolio(db, "C001", Date::fromYmd(2024, 1, 20));
    ASSERT_TRUE(mid);
    ASSERT_EQ(mid->holdings.size(), 1u);
    EXPECT_EQ(mid->holdings[0].cost_source, analytics::CostSource::Trades);
    EXPECT_EQ(*mid->holdings[0].unrealized_pnl, M("2738.5"));
    EXPECT_FALSE(mid->cash);

    // 01-03: no positions yet -> reconstructed from the first buy, priced at its trade.
    auto early = services::loadPortfolio(db, "C001", Date::fromYmd(2024, 1, 3));
    ASSERT_TRUE(early);
    EXPECT_TRUE(early->reconstructed);
    ASSERT_EQ(early->holdings.size(), 1u);
    EXPECT_EQ(early->holdings[0].price_source, analytics::PriceSource::LastTrade);
    EXPECT_EQ(*early->holdings[0].unrealized_pnl, M("-6"));
}

TEST(PortfolioService, UnknownClientAndClientWithoutData) {
    auto db = makeBook();
    auto missing = services::loadPortfolio(db, "C999");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_NE(missing.error().message.find("C999"), std::string::npos);

    auto empty = services::loadPortfolio(db, "C002");
    ASSERT_TRUE(empty);
    EXPECT_FALSE(empty->as_of);
    EXPECT_TRUE(empty->holdings.empty());
    EXPECT_FALSE(empty->return_1m.value);
    ASSERT_TRUE(empty->suitability_mismatches.empty());
}
