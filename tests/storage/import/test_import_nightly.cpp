// Imports into a stored book (the nightly case): the work follows the file, not the book. A
// stored trade is found by its id through trades_by_id whatever its client and time, and
// trade_days is re-aggregated for the days the written trades lie on or left.
#include <sqlite3.h>

#include <string>

#include "import_fixture.h"
#include "storage/book/tradedays.h"
#include "storage/schema/bookcheck.h"
#include "support/tradedaysdump.h"

namespace {

using bd::storage::ImportFiles;
using bd::storage::ImportReport;

using bdtest::clientId;
using bdtest::kAssetsHeader;
using bdtest::kContactsHeader;
using bdtest::kTradesHeader;

std::string tradeRow(const std::string& id, int client, const std::string& time, int commission) {
    return id + "," + clientId(client) + "," + time + ",600519.SH,buy,100,12.5,1250," +
           std::to_string(commission) + ",,online\n";
}

/// The `i`th trade of a stored history: a client, a time within 2023-2024.
std::string storedTrade(int i) {
    char id[16], time[32];
    std::snprintf(id, sizeof id, "T%07d", i);
    std::snprintf(time, sizeof time, "%d-%02d-%02d %02d:%02d:00", 2023 + i % 2, i % 12 + 1,
                  i % 28 + 1, 9 + i % 6, i % 60);
    return tradeRow(id, i % 100, time, 5);
}

/// Counts the virtual-machine steps of every statement the connection runs (a measure of
/// work that does not depend on the machine or its load).
class StepCounter {
  public:
    explicit StepCounter(bd::storage::Database& db) : m_db(db) {
        sqlite3_trace_v2(m_db.handle(), SQLITE_TRACE_PROFILE, &StepCounter::profile, this);
    }
    ~StepCounter() { sqlite3_trace_v2(m_db.handle(), 0, nullptr, nullptr); }
    StepCounter(const StepCounter&) = delete;
    StepCounter& operator=(const StepCounter&) = delete;
    std::int64_t steps() const { return m_steps; }

  private:
    static int profile(unsigned, void* self, void* stmt, void*) {
        auto* st = static_cast<sqlite3_stmt*>(stmt);
        const int n = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
        // The statistics sample a fixed number of rows (analysis_limit) on any book.
        if (std::string_view(sqlite3_sql(st)).starts_with("ANALYZE")) return 0;
        static_cast<StepCounter*>(self)->m_steps += n;
        return 0;
    }
    bd::storage::Database& m_db;
    std::int64_t m_steps = 0;
};

class ImportNightly : public bdtest::ImportTest {
  protected:
    void SetUp() override {
        bdtest::ImportTest::SetUp();
        std::string clients = "client_id,name,broker_id,open_date\n";
        for (int i = 0; i < 100; ++i) clients += clientId(i) + ",Client,B01,2020-01-02\n";
        ImportFiles f;
        f.clients = write("clients.csv", clients);
        ASSERT_TRUE(run(f).committed);
    }
    /// A stored history of `trades` trades and a tenth as many snapshots and contacts.
    void storeHistory(int trades) {
        std::string t = kTradesHeader, a = kAssetsHeader, c = kContactsHeader;
        for (int i = 0; i < trades; ++i) t += storedTrade(i);
        for (int i = 0; i < trades / 10; ++i) {
            char date[16], time[32];
            std::snprintf(date, sizeof date, "2023-%02d-%02d", i / 100 % 12 + 1, i / 100 / 12 + 1);
            std::snprintf(time, sizeof time, "2023-%02d-%02d 10:%02d:00", i / 100 % 12 + 1,
                          i / 100 / 12 + 1, i % 60);
            a += clientId(i % 100) + "," + date + ",100,200,\n";
            c += clientId(i % 100) + ",B01," + time + ",phone,outbound,reached,,,\n";
        }
        ImportFiles f;
        f.trades = write("history.csv", t);
        f.assets = write("history_assets.csv", a);
        f.contacts = write("history_contacts.csv", c);
        ASSERT_TRUE(run(f).committed);
    }
    /// The nightly files: new trades and three kinds of change to stored ones (commission,
    /// time, client), unchanged ones; snapshots and contacts new and changed.
    ImportFiles nightly() {
        std::string t = kTradesHeader;
        for (int i = 0; i < 10; ++i)
            t += tradeRow("N" + std::to_string(i), i * 7 % 100, "2025-01-02 10:00:00", 5);
        t += storedTrade(1) + storedTrade(2);                    // unchanged
        t += tradeRow("T0000003", 3, "2024-04-04 12:03:00", 6);  // commission
        t += tradeRow("T0000004", 4, "2025-01-02 11:00:00", 5);  // time: another day
        t += tradeRow("T0000005", 42, "2023-06-06 14:05:00", 5); // client and year
        std::string a = kAssetsHeader + clientId(0) + ",2023-01-01,100,999,\n" + clientId(1) +
                        ",2025-01-02,5,6,\n";
        std::string c = kContactsHeader + clientId(0) +
                        ",B01,2023-01-01 10:00:00,phone,inbound,"
                        "reached,5,,\n" +
                        clientId(2) + ",B01,2025-01-02 10:00:00,visit,outbound,reached,,,\n";
        ImportFiles f;
        f.trades = write("nightly.csv", t);
        f.assets = write("nightly_assets.csv", a);
        f.contacts = write("nightly_contacts.csv", c);
        return f;
    }
    std::string aggregateDays() {
        auto q = db().prepare(
            "SELECT client_ref, CASE WHEN trade_time >= 0 THEN trade_time / 86400 ELSE "
            "(trade_time - 86399) / 86400 END AS d, count(*), sum(amount), sum(commission) FROM "
            "trades GROUP BY client_ref, d ORDER BY 1, 2");
        EXPECT_TRUE(q.ok());
        std::string out;
        while (*q->step())
            for (int c = 0; c < 5; ++c) out += std::to_string(q->int64(c)) + (c < 4 ? "," : "\n");
        return out;
    }
    /// Runs the nightly files; returns the VM steps they took and checks the outcome.
    std::int64_t runNightly() {
        const ImportFiles f = nightly();
        StepCounter counter(db());
        const ImportReport r = run(f);
        EXPECT_TRUE(r.committed);
        EXPECT_EQ(r.files.size(), 3U);
        if (r.files.size() != 3) return 0;
        EXPECT_EQ(r.files[0].rows_new, 10);
        EXPECT_EQ(r.files[0].rows_updated, 3);
        EXPECT_EQ(r.files[0].rows_unchanged, 2);
        EXPECT_EQ(r.files[1].rows_new, 1);
        EXPECT_EQ(r.files[1].rows_updated, 1);
        EXPECT_EQ(r.files[2].rows_new, 1);
        EXPECT_EQ(r.files[2].rows_updated, 1);
        return counter.steps();
    }
};

TEST_P(ImportNightly, WorkFollowsTheFileNotTheBook) {
    // Before: every stored trade id was loaded, and the touched clients re-aggregated whole.
    storeHistory(1000);
    const std::int64_t small = runNightly();
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());

    // The same files into a book twenty times the size.
    ASSERT_TRUE(db().exec("DELETE FROM trades; DELETE FROM assets; DELETE FROM contacts; "
                          "DELETE FROM trade_days; DELETE FROM trade_days_dirty;"));
    storeHistory(20000);
    const std::int64_t large = runNightly();
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());
    EXPECT_GT(small, 0);
    EXPECT_LT(large, small * 5 / 4) << "small book " << small << " steps, large " << large;
}

TEST_P(ImportNightly, StoredTradesAreFoundByIdAndMoveWithTheirChanges) {
    storeHistory(1000);
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT count(*) FROM sqlite_master WHERE type = "
                                           "'index' AND name = 'trades_by_id'"),
              1); // created again after the first load
    const auto triggers = [&] {
        return *bd::storage::queryInt(db(), "SELECT count(*) FROM sqlite_master WHERE type = "
                                            "'trigger' AND tbl_name = 'trades'");
    };
    (void)runNightly();
    // The import set the dirty-marking triggers aside while it wrote, and put them back.
    EXPECT_EQ(triggers(), 3);
    EXPECT_EQ(count("trades"), 1010);
    auto st = db().prepare("SELECT c.client_id, t.trade_time, t.commission, t.trade_month FROM "
                           "trades t JOIN clients c ON c.id = t.client_ref WHERE t.trade_id = ?");
    ASSERT_TRUE(st.ok());
    const auto trade = [&](std::string_view id) {
        st->bind(1, id);
        std::string out;
        while (*st->step())
            out += st->text(0) + " " + std::to_string(st->int64(1)) + " " +
                   std::to_string(st->int64(2)) + " " + std::to_string(st->int64(3)) + ";";
        st->reset();
        return out;
    };
    EXPECT_EQ(trade("T0000003"), "C003 1712232180 60000 651;");
    EXPECT_EQ(trade("T0000004"), "C004 1735815600 50000 660;");
    EXPECT_EQ(trade("T0000005"), "C042 1686060300 50000 641;");
    EXPECT_EQ(trade("N3"), "C021 1735812000 50000 660;");
    // Idempotent: everything unchanged the second time, trade_days as the trades say.
    const ImportReport again = run(nightly());
    ASSERT_TRUE(again.committed);
    EXPECT_EQ(again.files.at(0).rows_unchanged, 15);
    EXPECT_EQ(again.files.at(1).rows_unchanged, 2);
    EXPECT_EQ(again.files.at(2).rows_unchanged, 2);
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());
    EXPECT_EQ(count("trade_days_dirty"), 0);
    // A rejected file (strict) changes nothing, the triggers included.
    const std::string before = dump();
    ImportFiles bad;
    bad.trades = write("bad.csv", kTradesHeader + tradeRow("N1", 1, "2025-01-03 10:00:00", 9) +
                                      tradeRow("N2", 1, "2025-13-03 10:00:00", 5));
    EXPECT_FALSE(run(bad).committed);
    EXPECT_EQ(dump(), before);
    EXPECT_EQ(triggers(), 3);
    // Another writer is still watched.
    ASSERT_TRUE(db().exec("UPDATE trades SET commission = commission + 1 WHERE trade_id = 'N1'"));
    EXPECT_EQ(count("trade_days_dirty"), 1);
}

TEST_P(ImportNightly, TradeDaysFollowMovedAndEmptiedDaysAndOtherWriters) {
    ImportFiles f;
    f.trades = write("history.csv", kTradesHeader + tradeRow("A", 1, "2024-03-05 10:00:00", 5) +
                                        tradeRow("B", 1, "2024-03-06 10:00:00", 5) +
                                        tradeRow("C", 2, "2024-03-06 11:00:00", 5) +
                                        tradeRow("D", 4, "2023-01-10 10:00:00", 5) +
                                        tradeRow("H", 5, "2024-05-05 10:00:00", 5));
    ASSERT_TRUE(run(f).committed);
    // Another writer adds a trade of client 3: the triggers mark it, no import has seen it.
    ASSERT_TRUE(db().exec("INSERT INTO trades(trade_id, client_ref, trade_time, security_code, "
                          "side, quantity, price, amount, commission, trade_month) SELECT 'X', "
                          "id, 1709632800, '600519.SH', 1, 1, 1, 1, 0, 650 FROM clients WHERE "
                          "client_id = 'C003'"));
    ASSERT_EQ(count("trade_days_dirty"), 1);
    // A leaves client 1 for client 2 in another block of days; B moves a day on within its
    // block; C changes its commission only; D leaves its block of 2023 empty; E is new; I is
    // new on a day with a stored trade (its totals added to the stored ones, not read back).
    f.trades = write("nightly.csv", kTradesHeader + tradeRow("A", 2, "2024-12-01 10:00:00", 5) +
                                        tradeRow("B", 1, "2024-03-07 10:00:00", 5) +
                                        tradeRow("C", 2, "2024-03-06 11:00:00", 7) +
                                        tradeRow("D", 4, "2024-06-10 10:00:00", 5) +
                                        tradeRow("E", 3, "2024-03-05 09:00:00", 5) +
                                        tradeRow("I", 5, "2024-05-05 11:00:00", 7));
    const ImportReport r = run(f);
    ASSERT_TRUE(r.committed);
    EXPECT_EQ(r.files.at(0).rows_new, 2);
    EXPECT_EQ(r.files.at(0).rows_updated, 4);
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());
    EXPECT_EQ(count("trade_days_dirty"), 0);
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT count(*) FROM trade_days WHERE day_count = 0 "
                                           "OR length(packed) = 0"),
              0);
    // Client 4's block of 2023 is gone with its only day.
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT count(*) FROM trade_days t JOIN clients c ON "
                                           "c.id = t.client_ref WHERE c.client_id = 'C004'"),
              1);
}

TEST_P(ImportNightly, ADayOfManyClientsUpdatesTheirLatestBlocksInOnePass) {
    // More clients than the upkeep reads one by one (tradedays.cpp: kPrefetchFrom), so their
    // stored blocks are read in one pass over the latest block.
    std::string clients = "client_id,name,broker_id,open_date\n";
    for (int i = 100; i < 700; ++i) clients += clientId(i) + ",Client,B01,2020-01-02\n";
    ImportFiles f;
    f.clients = write("more_clients.csv", clients);
    ASSERT_TRUE(run(f).committed);
    // History: every client in an old block, even clients also in the latest one (two days).
    std::string t = kTradesHeader;
    for (int i = 0; i < 700; ++i) {
        t += tradeRow("H" + std::to_string(i), i, "2023-02-01 10:00:00", 5);
        if (i % 2 == 0) {
            t += tradeRow("L" + std::to_string(i), i, "2024-11-04 10:00:00", 5);
            t += tradeRow("M" + std::to_string(i), i, "2024-11-20 10:00:00", 3);
        }
    }
    f = {};
    f.trades = write("history.csv", t);
    ASSERT_TRUE(run(f).committed);
    // The day after: clients with and without a stored row in the block, one trade on a
    // stored day (added to its totals), one between two stored days, ids above the stored
    // ones (new without a lookup) and one below (looked up: stored, unchanged).
    t = kTradesHeader;
    for (int i = 0; i < 700; i += 3)
        t += tradeRow("Z" + std::to_string(i), i, "2024-11-21 10:00:00", 7);
    t += tradeRow("Y1", 4, "2024-11-20 11:00:00", 2);
    t += tradeRow("Y2", 8, "2024-11-10 11:00:00", 2);
    t += tradeRow("M10", 10, "2024-11-20 10:00:00", 3);
    f = {};
    f.trades = write("day.csv", t);
    const ImportReport r = run(f);
    ASSERT_TRUE(r.committed);
    EXPECT_EQ(r.files.at(0).rows_new, 234 + 2);
    EXPECT_EQ(r.files.at(0).rows_unchanged, 1);
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());
    EXPECT_EQ(count("trade_days_dirty"), 0);
}

TEST_P(ImportNightly, NewTradesDaysGoOnTopOfTheBlocksUntilASyncFoldsThem) {
    storeHistory(1000);
    const auto text = [&](const std::string& sql) {
        auto st = db().prepare(sql);
        EXPECT_TRUE(st.ok());
        std::string out;
        while (st && *st->step()) out += st->text(0) + ";";
        return out;
    };
    const std::string blocksSql =
        "SELECT block || ':' || client_ref || ':' || hex(packed) FROM trade_days";
    const std::string addedSql = "SELECT day || ':' || client_ref || ':' || trades || ':' || "
                                 "amount || ':' || commission FROM trade_days_added";
    const auto problems = [&] {
        auto check = bd::storage::checkBook(db());
        EXPECT_TRUE(check.ok());
        std::string out;
        if (check)
            for (const auto& p : check->problems)
                out += std::string(bd::storage::bookProblemKindName(p.kind)) + " " + p.column + ";";
        return out;
    };
    const std::string storedBlocks = text(blocksSql);
    // Only new trades: two on one day of client 1, one on a day it has stored trades on
    // (storedTrade(1)), one of client 2.
    ImportFiles f;
    f.trades = write("new.csv", kTradesHeader + tradeRow("N1", 1, "2025-01-02 10:00:00", 5) +
                                    tradeRow("N2", 1, "2025-01-02 11:00:00", 6) +
                                    tradeRow("N3", 1, "2024-02-02 12:00:00", 7) +
                                    tradeRow("N4", 2, "2025-01-02 10:00:00", 8));
    ImportReport r = run(f);
    ASSERT_TRUE(r.committed);
    EXPECT_EQ(r.files.at(0).rows_new, 4);
    EXPECT_EQ(text(blocksSql), storedBlocks) << "no block rewritten";
    EXPECT_EQ(count("trade_days_added"), 3);
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT sum(trades) FROM trade_days_added"), 4);
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());
    EXPECT_EQ(problems(), "");
    // A second file before any sync adds to the same rows.
    f.trades = write("more.csv", kTradesHeader + tradeRow("N5", 1, "2025-01-02 12:00:00", 9));
    ASSERT_TRUE(run(f).committed);
    EXPECT_EQ(count("trade_days_added"), 3);
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT sum(trades) FROM trade_days_added"), 5);
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());
    // The check counts the added rows: one that disagrees with the trades is reported.
    const std::string added = text(addedSql);
    ASSERT_TRUE(db().exec("UPDATE trade_days_added SET commission = commission + 1 WHERE "
                          "trades = 3"));
    EXPECT_EQ(problems(), "trade_day_mismatch commission;");
    ASSERT_TRUE(db().exec("UPDATE trade_days_added SET commission = commission - 1 WHERE "
                          "trades = 3"));
    EXPECT_EQ(text(addedSql), added);
    // A sync (every reader's first step) folds them into the blocks.
    ASSERT_TRUE(bd::storage::syncTradeDays(db()));
    EXPECT_EQ(count("trade_days_added"), 0);
    EXPECT_NE(text(blocksSql), storedBlocks);
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());
    EXPECT_EQ(problems(), "");
    // New trades, then a file that also changes a stored trade: the added rows are folded
    // first, and the changed day read back from trades.
    f.trades = write("new2.csv", kTradesHeader + tradeRow("N6", 3, "2025-01-03 10:00:00", 5));
    ASSERT_TRUE(run(f).committed);
    EXPECT_EQ(count("trade_days_added"), 1);
    f.trades =
        write("mixed.csv", kTradesHeader + tradeRow("T0000003", 3, "2025-01-03 12:00:00", 6) +
                               tradeRow("N7", 3, "2025-01-03 11:00:00", 5));
    r = run(f);
    ASSERT_TRUE(r.committed);
    EXPECT_EQ(r.files.at(0).rows_new, 1);
    EXPECT_EQ(r.files.at(0).rows_updated, 1);
    EXPECT_EQ(count("trade_days_added"), 0);
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());
    EXPECT_EQ(problems(), "");
}

TEST_P(ImportNightly, NewTradesAfterManyClientsWereMarkedAreCountedOnceWhenTheDaysAreMadeAgain) {
    storeHistory(1000);
    // 200 more clients, marked (a write that left their days to be made again): so many that the
    // import's refresh makes every client's days again from the trades, this import's included.
    std::string clients = "client_id,name,broker_id,open_date\n";
    for (int i = 100; i < 300; ++i) clients += clientId(i) + ",Client,B01,2020-01-02\n";
    ImportFiles f;
    f.clients = write("more_clients.csv", clients);
    ASSERT_TRUE(run(f).committed);
    ASSERT_TRUE(db().exec("INSERT OR IGNORE INTO trade_days_dirty(client_ref) SELECT id FROM "
                          "clients WHERE client_id >= 'C100'"));
    f = {};
    f.trades = write("new.csv", kTradesHeader + tradeRow("N1", 1, "2025-01-02 10:00:00", 5) +
                                    tradeRow("N2", 2, "2025-01-02 11:00:00", 6));
    const ImportReport r = run(f);
    ASSERT_TRUE(r.committed);
    EXPECT_EQ(r.files.at(0).rows_new, 2);
    ASSERT_TRUE(bd::storage::syncTradeDays(db()));
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());
    EXPECT_EQ(count("trade_days_dirty"), 0);
    auto check = bd::storage::checkBook(db());
    ASSERT_TRUE(check.ok());
    EXPECT_TRUE(check->problems.empty());
}

TEST_P(ImportNightly, TradesAboveTheStoredIdsGoInTogetherWithChangesToStoredOnes) {
    // Ids above every stored one are new without a lookup and written in one statement; the
    // same file's changes to stored trades are looked up and written one by one.
    storeHistory(1000);
    std::string t = kTradesHeader;
    for (int i = 0; i < 40; ++i)
        t += tradeRow("V" + std::to_string(100 + i), i * 11 % 100, "2025-01-02 10:00:00", i % 4);
    t += tradeRow("T0000003", 3, "2024-04-04 12:03:00", 6); // commission
    t += storedTrade(7);                                    // unchanged
    t += tradeRow("A1", 5, "2025-01-02 09:00:00", 5);       // new, below the stored ids
    ImportFiles f;
    f.trades = write("above.csv", t);
    const ImportReport r = run(f);
    ASSERT_TRUE(r.committed);
    EXPECT_EQ(r.files.at(0).rows_new, 41);
    EXPECT_EQ(r.files.at(0).rows_updated, 1);
    EXPECT_EQ(r.files.at(0).rows_unchanged, 1);
    EXPECT_EQ(count("trades"), 1041);
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT sum(commission) FROM trades WHERE trade_id "
                                           "BETWEEN 'V100' AND 'V139'"),
              (0 + 1 + 2 + 3) * 10 * 10000);
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT count(*) FROM trades t JOIN clients c ON "
                                           "c.id = t.client_ref WHERE t.trade_id = 'V111' AND "
                                           "c.client_id = 'C021'"),
              1);
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());
    // Again: every row found, none written.
    const ImportReport again = run(f);
    ASSERT_TRUE(again.committed);
    EXPECT_EQ(again.files.at(0).rows_unchanged, 43);
    EXPECT_EQ(count("trades"), 1041);
    EXPECT_EQ(bdtest::dumpTradeDays(db(), ',', false), aggregateDays());
}

TEST_P(ImportNightly, StatisticsAreSampledAgainOnlyWhenTheTableGrewALot) {
    storeHistory(1000);
    const auto counted = [&] {
        return *bd::storage::queryInt(db(), "SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 "
                                            "WHERE tbl = 'trades' AND idx = 'trades'");
    };
    EXPECT_EQ(counted(), 1000);
    (void)runNightly(); // 10 new trades: the statistics still describe the table
    EXPECT_EQ(counted(), 1000);
    std::string t = kTradesHeader;
    for (int i = 0; i < 1000; ++i)
        t += tradeRow("W" + std::to_string(i), i % 100, "2025-02-03 10:00:00", 5);
    ImportFiles f;
    f.trades = write("double.csv", t);
    ASSERT_TRUE(run(f).committed);
    EXPECT_GT(counted(), 1000); // doubled: sampled again (an estimate, from analysis_limit)
}

INSTANTIATE_TEST_SUITE_P(Enc, ImportNightly, ::testing::Values(bdtest::Enc::Utf8),
                         bdtest::encParamName);

} // namespace
