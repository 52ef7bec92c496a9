// trade_days (per-client-per-day trade aggregates): rebuilt, kept current by triggers and bulk
// writers, and read by readFeatures with exactly the results of scanning the trades.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "storage/book/features.h"
#include "storage/book/planstore.h"
#include "storage/book/tradedays.h"
#include "storage/import/importer.h"
#include "support/tempdir.h"
#include "support/tradedaysdump.h"
#include "support/valuebook.h"

using namespace bd;
using bdtest::at;

namespace {

std::string dumpQuery(storage::Database& db, const std::string& sql) {
    auto st = db.prepare(sql);
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().toString());
    if (!st) return {};
    std::string out;
    while (*st->step()) {
        for (int c = 0; c < st->columnCount(); ++c) out += st->text(c) + "|";
        out += "\n";
    }
    return out;
}

/// trade_days as stored, and as it should be from trades (floor of seconds / 86400).
std::string stored(storage::Database& db) {
    return bdtest::dumpTradeDays(db, '|', true);
}
std::string expected(storage::Database& db) {
    return dumpQuery(db, "SELECT client_ref, CAST(floor(trade_time / 86400.0) AS INTEGER) AS d, "
                         "count(*), sum(amount), sum(commission) FROM trades GROUP BY 1, 2 "
                         "ORDER BY 1, 2");
}
std::int64_t count(storage::Database& db, const std::string& sql) {
    auto v = storage::queryInt(db, sql);
    EXPECT_TRUE(v.ok());
    return v ? *v : -1;
}
std::int64_t triggers(storage::Database& db) {
    return count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                     "name LIKE 'trade_days_mark_%'");
}

const Date kDay = Date::fromYmd(2024, 3, 1);

} // namespace

TEST(TradeDays, RebuildAggregatesTradesPerClientAndDay) {
    bdtest::ValueBook book;
    auto c1 = book.client("C1", Date::fromYmd(1960, 1, 1));
    auto c2 = book.client("C2", Date::fromYmd(2020, 1, 1));
    // Time-ordered across clients, with a day revisited after another client's trades.
    book.trade(c1, at(kDay, 9, 30), 1000, 1.5);
    book.trade(c2, at(kDay, 9, 31), 2000, 2);
    book.trade(c1, at(kDay, 14, 0), 3000, 3.25);
    book.trade(c1, at(kDay.addDays(1), 10), 500, 0.5);
    book.trade(c1, DateTime{-1}, 10, 0.01); // 1969-12-31 23:59:59: day -1, not 0
    ASSERT_TRUE(storage::syncTradeDays(book.db()).ok());
    EXPECT_EQ(stored(book.db()), expected(book.db()));
    const std::string d = std::to_string(kDay.days);
    EXPECT_EQ(stored(book.db()), std::to_string(c1) + "|-1|1|100000|100|\n" + std::to_string(c1) +
                                     "|" + d + "|2|40000000|47500|\n" + std::to_string(c1) + "|" +
                                     std::to_string(kDay.days + 1) + "|1|5000000|5000|\n" +
                                     std::to_string(c2) + "|" + d + "|1|20000000|20000|\n");
    EXPECT_EQ(count(book.db(), "SELECT count(*) FROM trade_days_dirty"), 0);
}

TEST(TradeDays, TriggersListChangedClientsAndSyncCatchesUp) {
    bdtest::ValueBook book;
    auto c1 = book.client("C1", Date::fromYmd(2020, 1, 1));
    auto c2 = book.client("C2", Date::fromYmd(2020, 1, 1));
    auto c3 = book.client("C3", Date::fromYmd(2020, 1, 1));
    for (int k = 0; k < 6; ++k) book.trade(k % 2 ? c1 : c2, at(kDay.addDays(k / 2)), 100, 1);
    book.trade(c3, at(kDay), 100, 1);
    ASSERT_TRUE(storage::syncTradeDays(book.db()).ok());
    ASSERT_EQ(stored(book.db()), expected(book.db()));

    book.trade(c1, at(kDay.addDays(9)), 700, 7);                       // insert
    book.exec("UPDATE trades SET client_ref = " + std::to_string(c2) + // move C1 -> C2
              " WHERE trade_id = 'T2'");
    book.exec("DELETE FROM trades WHERE client_ref = " + std::to_string(c3)); // C3 loses all
    EXPECT_EQ(dumpQuery(book.db(), "SELECT client_ref FROM trade_days_dirty ORDER BY 1"),
              std::to_string(c1) + "|\n" + std::to_string(c2) + "|\n" + std::to_string(c3) + "|\n");
    EXPECT_NE(stored(book.db()), expected(book.db()));
    ASSERT_TRUE(storage::syncTradeDays(book.db()).ok());
    EXPECT_EQ(stored(book.db()), expected(book.db()));
    EXPECT_EQ(count(book.db(), "SELECT count(*) FROM trade_days_dirty"), 0);
    EXPECT_EQ(
        count(book.db(), "SELECT coalesce(sum(day_count), 0) FROM trade_days WHERE client_ref = " +
                             std::to_string(c3)),
        0);
}

TEST(TradeDays, SyncRebuildsWhenTheTriggersAreMissing) {
    bdtest::ValueBook book;
    auto c1 = book.client("C1", Date::fromYmd(2020, 1, 1));
    book.trade(c1, at(kDay), 100, 1);
    ASSERT_TRUE(storage::syncTradeDays(book.db()).ok());
    book.exec("DROP TRIGGER trade_days_mark_insert");
    book.trade(c1, at(kDay.addDays(3)), 100, 1); // not marked
    ASSERT_TRUE(storage::syncTradeDays(book.db()).ok());
    EXPECT_EQ(stored(book.db()), expected(book.db()));
    EXPECT_EQ(triggers(book.db()), 3);
}

TEST(TradeDays, UpkeepDropsTriggersForABulkLoadAndRebuildsOnce) {
    bdtest::ValueBook book;
    auto c1 = book.client("C1", Date::fromYmd(2020, 1, 1));
    {
        // A rolled-back load leaves the triggers (and everything else) as they were.
        storage::Transaction tx(book.db());
        auto up = storage::TradeDaysUpkeep::begin(book.db());
        ASSERT_TRUE(up.ok());
        EXPECT_TRUE(up->bulk());
        EXPECT_EQ(triggers(book.db()), 0);
    }
    EXPECT_EQ(triggers(book.db()), 3);
    {
        storage::Transaction tx(book.db());
        auto up = storage::TradeDaysUpkeep::begin(book.db());
        ASSERT_TRUE(up.ok());
        for (int k = 0; k < 5; ++k) book.trade(c1, at(kDay.addDays(k / 2), 9 + k), 100, 1);
        EXPECT_EQ(count(book.db(), "SELECT count(*) FROM trade_days_dirty"), 0); // not tracked
        ASSERT_TRUE(up->finish().ok());
        ASSERT_TRUE(tx.commit().ok());
    }
    EXPECT_EQ(triggers(book.db()), 3);
    EXPECT_EQ(stored(book.db()), expected(book.db()));
    EXPECT_EQ(count(book.db(), "SELECT sum(day_count) FROM trade_days"), 3);
    {
        storage::Transaction tx(book.db());
        auto up = storage::TradeDaysUpkeep::begin(book.db());
        ASSERT_TRUE(up.ok());
        EXPECT_FALSE(up->bulk());
        book.trade(c1, at(kDay.addDays(30)), 100, 1);
        ASSERT_TRUE(up->finish().ok());
        ASSERT_TRUE(tx.commit().ok());
    }
    EXPECT_EQ(stored(book.db()), expected(book.db()));
    EXPECT_EQ(count(book.db(), "SELECT count(*) FROM trade_days_dirty"), 0);
}

TEST(TradeDays, ImportKeepsTradeDaysCurrent) {
    const auto dir = bdtest::scratchDir() / "bd_tradedays_import";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto write = [&](const std::string& name, const std::string& text) {
        const std::string p = (dir / name).string();
        std::ofstream(p, std::ios::binary) << text;
        return p;
    };
    {
        auto db = storage::openBook((dir / "book.bdbook").string());
        ASSERT_TRUE(db.ok());
        const std::string header =
            "trade_id,client_id,trade_time,security_code,side,quantity,price,"
            "amount,commission,fees,channel\n";
        storage::ImportFiles f;
        f.clients =
            write("clients.csv",
                  "client_id,name,broker_id,open_date\nC1,A,B1,2020-01-02\nC2,B,B1,2020-01-02\n");
        f.trades =
            write("t1.csv", header + "T1,C1,2024-01-02 09:30:00,600519,buy,10,10,100,5,,\n"
                                     "T2,C2,2024-01-02 09:31:00,600519,buy,10,10,100,6,,\n"
                                     "T3,C1,2024-01-02 10:00:00,600519,sell,10,10,100,7,,\n");
        auto r = storage::importFiles(*db, f, {});
        ASSERT_TRUE(r.ok() && r->committed);
        EXPECT_EQ(count(*db, "SELECT sum(day_count) FROM trade_days"), 2);
        EXPECT_EQ(stored(*db), expected(*db));
        EXPECT_EQ(triggers(*db), 3);

        // Incremental: a new day for C2 and a corrected commission for T1.
        storage::ImportFiles g;
        g.trades = write("t2.csv", header + "T1,C1,2024-01-02 09:30:00,600519,buy,10,10,100,9,,\n"
                                            "T4,C2,2024-01-03 09:30:00,600519,buy,10,10,100,1,,\n");
        r = storage::importFiles(*db, g, {});
        ASSERT_TRUE(r.ok() && r->committed);
        EXPECT_EQ(stored(*db), expected(*db));
        EXPECT_EQ(count(*db, "SELECT sum(day_count) FROM trade_days"), 3);
        EXPECT_EQ(count(*db, "SELECT count(*) FROM trade_days_dirty"), 0);
    }
    std::filesystem::remove_all(dir);
}

TEST(TradeDays, FeaturesFromTradeDaysInParallelEqualTheTradesScan) {
    const std::string path = (bdtest::scratchDir() / "bd_tradedays_features.bdbook").string();
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    std::vector<storage::BookFeatures> results;
    {
        bdtest::ValueBook book(path);
        std::mt19937 rng(7);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        const Date a = Date::fromYmd(2024, 6, 28);
        std::vector<std::int64_t> refs;
        for (int i = 0; i < 301; ++i)
            refs.push_back(book.client("C" + std::to_string(i), a.addDays(-200 - pick(900))));
        book.exec("BEGIN");
        // Trades in time order over all clients (the hard case for grouping by client).
        for (int d = -800; d <= 3; ++d)
            for (int k = pick(40); k > 0; --k)
                book.trade(refs[static_cast<std::size_t>(pick(301))],
                           at(a.addDays(d), 9 + pick(6), pick(60)), 100.0 + pick(10000),
                           0.01 * pick(5000));
        for (std::size_t i = 0; i < refs.size(); i += 2)
            for (int m = 0; m < 24; ++m)
                book.snapshot(refs[i], a.addDays(-30 * m - pick(3)), pick(100000), pick(500000),
                              pick(1000) - 500);
        for (int k = 0; k < 900; ++k)
            book.contact(refs[static_cast<std::size_t>(pick(301))],
                         at(a.addDays(-pick(500)), 8 + pick(10), pick(60)),
                         static_cast<ContactChannel>(pick(kContactChannelCount)), pick(6));
        book.exec("COMMIT");
        for (const bool asOfGiven : {false, true}) {
            storage::FeatureOptions single, parallel;
            if (asOfGiven) single.as_of = parallel.as_of = a.addDays(-40);
            single.parallel_min_clients = 1'000'000;
            parallel.parallel_min_clients = 0;
            auto s = storage::readFeatures(book.db(), single);
            auto p = storage::readFeatures(book.db(), parallel);
            ASSERT_TRUE(s.ok() && p.ok());
            results.push_back(std::move(*s));
            results.push_back(std::move(*p));
        }
        // Without trade_days the features come from scanning every trade.
        book.exec("DROP TABLE trade_days");
        for (const bool asOfGiven : {false, true}) {
            storage::FeatureOptions o;
            if (asOfGiven) o.as_of = a.addDays(-40);
            auto s = storage::readFeatures(book.db(), o);
            ASSERT_TRUE(s.ok()) << s.error().toString();
            results.push_back(std::move(*s));
        }
    }
    ASSERT_EQ(results.size(), 6u);
    const std::size_t reference[] = {4, 4, 5, 5}; // trades-scan result for each of the four
    for (std::size_t k = 0; k < 4; ++k) {
        const auto& x = results[k];
        const auto& y = results[reference[k]];
        EXPECT_EQ(x.as_of.days, y.as_of.days) << k;
        EXPECT_EQ(x.values, y.values) << k;
        EXPECT_EQ(x.trade_days, y.trade_days) << k;
        EXPECT_EQ(x.has_trades, y.has_trades);
    }
    std::int64_t days = 0;
    for (std::int32_t d : results[0].trade_days.days) days += d;
    EXPECT_GT(days, 1000);
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
}

TEST(TradeDays, BlockScanGivesClientOrderAcrossBlocksWithinItsRange) {
    bdtest::ValueBook book;
    // Clients 1..5 with days in some of three blocks, 2023 to 2024.
    const Date days[] = {Date::fromYmd(2023, 1, 10), Date::fromYmd(2023, 11, 2),
                         Date::fromYmd(2024, 6, 3)};
    std::vector<std::int64_t> refs;
    for (int c = 1; c <= 5; ++c) refs.push_back(book.client("C" + std::to_string(c), kDay));
    for (std::size_t c = 0; c < refs.size(); ++c)
        for (std::size_t d = 0; d < 3; ++d)
            if ((c + d) % 3 != 0) book.trade(refs[c], at(days[d], 10), 100, 1);
    ASSERT_TRUE(storage::syncTradeDays(book.db()).ok());
    // Stored by block first: a plain scan of the table gives the blocks in order.
    EXPECT_EQ(dumpQuery(book.db(), "SELECT block FROM trade_days"),
              dumpQuery(book.db(), "SELECT block FROM trade_days ORDER BY block"));
    const auto scan = [&](storage::TradeDayBlockScan::Range range) {
        auto s = storage::TradeDayBlockScan::open(book.db(), range);
        EXPECT_TRUE(s.ok());
        std::string out;
        while (s && *s->next()) {
            std::vector<storage::TradeDayRow> rows;
            EXPECT_TRUE(storage::unpackTradeDays(s->clientRef(), s->block(), s->packed(), rows));
            EXPECT_EQ(static_cast<std::int64_t>(rows.size()), s->dayCount());
            out += std::to_string(s->clientRef()) + ":" + std::to_string(s->block()) + " ";
        }
        return out;
    };
    const std::string all = dumpQuery(book.db(), "SELECT client_ref || ':' || block FROM "
                                                 "trade_days ORDER BY client_ref, block");
    // dumpQuery ends each value with '|' and each row with a line end.
    const auto spaced = [](std::string text) {
        std::erase(text, '\n');
        std::replace(text.begin(), text.end(), '|', ' ');
        return text;
    };
    const std::string expectedAll = spaced(all);
    EXPECT_EQ(scan({}), expectedAll);
    storage::TradeDayBlockScan::Range range;
    range.client_lo = refs[1];
    range.client_hi = refs[3];
    range.block_hi = storage::tradeDayBlockOf(days[1].days);
    const std::string some = dumpQuery(
        book.db(), "SELECT client_ref || ':' || block FROM trade_days WHERE client_ref BETWEEN " +
                       std::to_string(refs[1]) + " AND " + std::to_string(refs[3]) +
                       " AND block <= " + std::to_string(range.block_hi) +
                       " ORDER BY client_ref, block");
    const std::string expectedSome = spaced(some);
    EXPECT_EQ(scan(range), expectedSome);
    EXPECT_FALSE(expectedSome.empty());
    EXPECT_NE(expectedSome, expectedAll);
}

TEST(TradeDays, PackedBlocksRoundTripAndRefuseDamage) {
    std::mt19937_64 rng(7);
    for (int trial = 0; trial < 200; ++trial) {
        // A block anywhere from before 1970 to far ahead, days ascending and distinct.
        const std::int64_t block = static_cast<std::int64_t>(rng() % 400) - 100;
        std::vector<storage::TradeDayRow> days;
        for (std::int64_t d = block * 256; d < block * 256 + 256; ++d) {
            if (rng() % 3 != 0) continue;
            const auto big = static_cast<std::int64_t>(rng() >> 2);
            days.push_back({42, d, static_cast<std::int64_t>(rng() % 5000) + 1,
                            trial % 7 == 0 ? -big : big, static_cast<std::int64_t>(rng() % 9999)});
        }
        for (const auto& d : days) EXPECT_EQ(storage::tradeDayBlockOf(d.day), block);
        const std::string packed = storage::packTradeDays(block, days.data(), days.size());
        std::vector<storage::TradeDayRow> back;
        ASSERT_TRUE(storage::unpackTradeDays(42, block, packed, back));
        ASSERT_EQ(back.size(), days.size());
        for (std::size_t i = 0; i < days.size(); ++i) {
            EXPECT_EQ(back[i].client_ref, 42);
            EXPECT_EQ(back[i].day, days[i].day);
            EXPECT_EQ(back[i].trades, days[i].trades);
            EXPECT_EQ(back[i].amount, days[i].amount);
            EXPECT_EQ(back[i].commission, days[i].commission);
        }
        if (!packed.empty()) { // cut anywhere inside the last day: not a block
            std::vector<storage::TradeDayRow> cut;
            EXPECT_FALSE(
                storage::unpackTradeDays(42, block, packed.substr(0, packed.size() - 1), cut));
        }
    }
    EXPECT_EQ(storage::tradeDayBlockOf(-1), -1);
    EXPECT_EQ(storage::tradeDayBlockOf(-256), -1);
    EXPECT_EQ(storage::tradeDayBlockOf(-257), -2);
    EXPECT_EQ(storage::tradeDayBlockOf(255), 0);
    EXPECT_EQ(storage::tradeDayBlockOf(256), 1);
    std::vector<storage::TradeDayRow> out;
    // A day repeated (gap 0 after the first), a day past the block, a day without trades.
    EXPECT_FALSE(
        storage::unpackTradeDays(1, 0, std::string("\x01\x01\x00\x00\x00\x01\x00\x00", 8), out));
    EXPECT_FALSE(storage::unpackTradeDays(1, 0,
                                          std::string("\x7f\x01\x00\x00\x7f\x01\x00\x00"
                                                      "\x7f\x01\x00\x00",
                                                      12),
                                          out));
    EXPECT_FALSE(storage::unpackTradeDays(1, 0, std::string("\x01\x00\x00\x00", 4), out));
    EXPECT_TRUE(storage::unpackTradeDays(1, 0, std::string("\x01\x01\x00\x00", 4), out));
}

TEST(TradeDays, PlanTradeActivityCountsTheLastYearAcrossBlocks) {
    bdtest::ValueBook book;
    const Date a = Date::fromYmd(2024, 6, 28); // A; the 12 months are (A - 365, A]
    auto oldOnly = book.client("C1", Date::fromYmd(2015, 1, 1));
    auto recent = book.client("C2", Date::fromYmd(2015, 1, 1));
    auto closed = book.client("C3", Date::fromYmd(2015, 1, 1));
    auto never = book.client("C4", Date::fromYmd(2015, 1, 1));
    (void)never;
    book.trade(oldOnly, at(a.addDays(-2000)), 100, 1);
    book.trade(oldOnly, at(a.addDays(-900)), 100, 1);
    // Days on both sides of the window's start and of A, in several blocks; two trades a day.
    for (int d : {-700, -365, -364, -200, -1, 0, 1, 30})
        for (int k = 0; k < 2; ++k) book.trade(recent, at(a.addDays(d), 9 + k), 100, 1);
    book.trade(closed, at(a.addDays(-3)), 100, 1);
    book.exec("UPDATE clients SET status = 3 WHERE id = " + std::to_string(closed));
    auto rows = storage::loadTradeActivity(book.db(), a);
    ASSERT_TRUE(rows.ok()) << rows.error().toString();
    ASSERT_EQ(rows->size(), 2u); // C3 is closed, C4 never traded
    EXPECT_EQ(rows->at(0).ref, oldOnly);
    EXPECT_EQ(rows->at(0).last_trade, a.addDays(-900));
    EXPECT_EQ(rows->at(0).trade_days_12m, 0);
    EXPECT_EQ(rows->at(1).ref, recent);
    EXPECT_EQ(rows->at(1).last_trade, a);
    EXPECT_EQ(rows->at(1).trade_days_12m, 4); // -364, -200, -1, 0
}

TEST(TradeDays, LoadRefusesABlockWhoseCountOrLastDayDisagreesWithItsDays) {
    bdtest::ValueBook book;
    auto c1 = book.client("C1", Date::fromYmd(2020, 1, 1));
    book.trade(c1, at(kDay), 100, 1);
    book.trade(c1, at(kDay.addDays(2)), 100, 1);
    ASSERT_TRUE(storage::syncTradeDays(book.db()).ok());
    ASSERT_TRUE(storage::loadTradeDays(book.db()).ok());
    book.exec("UPDATE trade_days SET day_count = 3");
    EXPECT_FALSE(storage::loadTradeDays(book.db()).ok());
    book.exec("UPDATE trade_days SET day_count = 2, last_day = last_day + 1");
    EXPECT_FALSE(storage::loadTradeDays(book.db()).ok());
    book.exec("UPDATE trade_days SET last_day = last_day - 1");
    EXPECT_TRUE(storage::loadTradeDays(book.db()).ok());
}
