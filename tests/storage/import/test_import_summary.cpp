// An import that only adds trades to a book whose client summary is fresh moves the summary by
// deltas (addTradesToClientSummary) instead of leaving it for a rebuild of every client; any
// other import leaves it to its reader's rebuild. Either way, after each kind of import the
// table and its state equal a full refreshClientSummary's.
#include <string>

#include "import_fixture.h"
#include "storage/book/clientsummary.h"
#include "storage/schema/bookcheck.h"

namespace {

using bd::storage::ImportFiles;
using bd::storage::ImportOptions;
using bd::storage::ImportReport;

using bdtest::clientId;
using bdtest::kAssetsHeader;
using bdtest::kContactsHeader;
using bdtest::kTradesHeader;

const std::string kClientsHeader = "client_id,name,broker_id,open_date\n";

std::string tradeRow(const std::string& id, int client, const std::string& time) {
    return id + "," + clientId(client) + "," + time + ",600519.SH,buy,100,12.5,1250,5,,online\n";
}

class ImportSummary : public bdtest::ImportTest {
  protected:
    void SetUp() override {
        bdtest::ImportTest::SetUp();
        std::string clients = kClientsHeader;
        for (int i = 0; i < 60; ++i) clients += clientId(i) + ",Client,B01,2020-01-02\n";
        // A history over 2024 (the last trade 2024-12-30), every client on some day of each
        // month, and clients 0..29 on the first days of January (they leave the window first).
        std::string t = kTradesHeader, a = kAssetsHeader, c = kContactsHeader;
        int n = 0;
        for (int m = 1; m <= 12; ++m)
            for (int i = 0; i < 60; i += 3) {
                char time[32];
                std::snprintf(time, sizeof time, "2024-%02d-%02d 10:%02d:00", m, i % 28 + 1, i);
                t += tradeRow("H" + std::to_string(n++), (i + m) % 60, time);
            }
        for (int i = 0; i < 30; ++i)
            t += tradeRow("J" + std::to_string(i), i,
                          "2024-01-0" + std::to_string(i % 5 + 1) + " 09:00:00");
        t += tradeRow("LAST", 59, "2024-12-30 15:00:00");
        for (int i = 0; i < 60; i += 2) {
            a += clientId(i) + ",2024-06-30,100,200,\n";
            c += clientId(i) + ",B01,2024-06-0" + std::to_string(i % 9 + 1) +
                 " 10:00:00,phone,outbound,reached,,,\n";
        }
        ImportFiles f;
        f.clients = write("clients.csv", clients);
        f.trades = write("history.csv", t);
        f.assets = write("assets.csv", a);
        f.contacts = write("contacts.csv", c);
        ASSERT_TRUE(run(f).committed);
        ASSERT_TRUE(bd::storage::refreshClientSummary(db()));
    }
    std::string summaryRows() { return rows("SELECT * FROM client_summary ORDER BY client_ref"); }
    std::string summaryState() {
        auto s = bd::storage::readClientSummaryState(db());
        EXPECT_TRUE(s.ok() && s->has_value());
        if (!s.ok() || !s->has_value()) return "none";
        return (*s)->fingerprint + " as of " +
               ((*s)->as_of ? std::to_string((*s)->as_of->days) : std::string("none"));
    }
    bool fresh() {
        auto fp = bd::storage::clientSummaryFingerprint(db());
        auto s = bd::storage::readClientSummaryState(db());
        return fp.ok() && s.ok() && s->has_value() && (*s)->fingerprint == *fp;
    }
    /// Imports `f` as the CLI and the workstation do (the import, then a rebuild of a summary it
    /// did not keep fresh), then checks that the summary is fresh and equals a full rebuild, row
    /// for row and in its state, and that the book's check passes. Returns whether the import
    /// kept the summary fresh by itself (deltas).
    bool importAndCompare(const ImportFiles& f, ImportOptions o = {}) {
        const ImportReport r = run(f, std::move(o));
        EXPECT_TRUE(r.committed);
        if (!r.client_summary_fresh) {
            auto rebuilt = bd::storage::ensureClientSummaryFresh(db());
            EXPECT_TRUE(rebuilt.ok() && *rebuilt);
        }
        EXPECT_TRUE(fresh()) << "the summary is stale after the import";
        auto check = bd::storage::checkBook(db());
        EXPECT_TRUE(check.ok() && check->problems.empty());
        const std::string rows = summaryRows(), state = summaryState();
        EXPECT_TRUE(bd::storage::refreshClientSummary(db()));
        EXPECT_EQ(rows, summaryRows());
        EXPECT_EQ(state, summaryState());
        return r.client_summary_fresh;
    }
    /// Days added on top of trade_days blocks and not yet folded in (no sync since).
    std::int64_t addedDays() { return count("trade_days_added"); }
    std::int64_t trades12m(int client) {
        return *bd::storage::queryInt(db(), "SELECT s.trades_12m FROM client_summary s JOIN "
                                            "clients c ON c.id = s.client_ref WHERE "
                                            "c.client_id = '" +
                                                clientId(client) + "'");
    }
};

TEST_P(ImportSummary, NightlyTradesMovingTheLastDayByOneDayOrSeveral) {
    const std::int64_t before = trades12m(0);
    ImportFiles f;
    f.trades = write("d1.csv", kTradesHeader + tradeRow("N1", 5, "2024-12-31 10:00:00") +
                                   tradeRow("N2", 7, "2024-12-31 11:00:00"));
    // The window now starts 2024-01-02: client 0's 2024-01-01 trade left it.
    EXPECT_TRUE(importAndCompare(f));
    EXPECT_EQ(trades12m(0), before - 1);
    // Four days on (more of January's clients lose trades), with a new trade on a day that
    // leaves the window at once and a client's first trade of the window.
    f.trades = write("d2.csv", kTradesHeader + tradeRow("N3", 8, "2025-01-04 10:00:00") +
                                   tradeRow("N3b", 1, "2024-01-03 09:30:00") +
                                   tradeRow("N3c", 2, "2025-01-03 09:30:00"));
    EXPECT_TRUE(importAndCompare(f));
    // 56 days on, several trades of one client on two days.
    f.trades = write("d3.csv", kTradesHeader + tradeRow("N4", 9, "2025-03-01 10:00:00") +
                                   tradeRow("N5", 9, "2025-03-01 11:00:00") +
                                   tradeRow("N6", 9, "2025-02-28 11:00:00"));
    EXPECT_TRUE(importAndCompare(f));
}

TEST_P(ImportSummary, TradesOnOldDaysLeaveTheLastDayWhereItIs) {
    ImportFiles f;
    // One inside the window, one before it (it counts nowhere), one on the last day itself.
    f.trades = write("old.csv", kTradesHeader + tradeRow("O1", 11, "2024-06-15 10:00:00") +
                                    tradeRow("O2", 12, "2023-06-01 10:00:00") +
                                    tradeRow("O3", 13, "2024-12-30 16:00:00"));
    EXPECT_TRUE(importAndCompare(f));
}

TEST_P(ImportSummary, TheDeltasTouchNoBlockAndNeedNoRebuild) {
    // The nightly's days stay on top of the blocks (trade_days_added: no sync folded them in),
    // and the summary needs no rebuild: without the deltas its next reader rebuilt it whole.
    ImportFiles f;
    f.trades = write("n.csv", kTradesHeader + tradeRow("N1", 5, "2024-12-31 10:00:00") +
                                  tradeRow("N2", 6, "2024-12-31 10:00:00"));
    const ImportReport r = run(f);
    ASSERT_TRUE(r.committed);
    EXPECT_TRUE(r.client_summary_fresh);
    EXPECT_EQ(addedDays(), 2);
    auto rebuilt = bd::storage::ensureClientSummaryFresh(db());
    ASSERT_TRUE(rebuilt.ok());
    EXPECT_FALSE(*rebuilt);
    EXPECT_EQ(addedDays(), 2);
    // A second night on top of the first's unfolded days: still deltas.
    f.trades = write("n2.csv", kTradesHeader + tradeRow("N3", 5, "2025-01-01 10:00:00"));
    EXPECT_TRUE(importAndCompare(f));
}

TEST_P(ImportSummary, ChangedTradesSnapshotsContactsAndNewClients) {
    ImportFiles f;
    // A stored trade moved to another client and day, one moved within the window.
    f.trades = write("changed.csv", kTradesHeader + tradeRow("J3", 40, "2024-11-11 10:00:00") +
                                        tradeRow("H5", 41, "2024-02-02 10:00:00"));
    EXPECT_FALSE(importAndCompare(f));
    f = {};
    f.assets = write("assets2.csv", kAssetsHeader + clientId(1) + ",2024-12-01,5,6,\n" +
                                        clientId(2) + ",2024-06-30,999,1,\n");
    EXPECT_FALSE(importAndCompare(f));
    f = {};
    f.contacts = write("contacts2.csv", kContactsHeader + clientId(3) +
                                            ",B01,2024-12-01 10:00:00,visit,outbound,reached,,,\n");
    EXPECT_FALSE(importAndCompare(f));
    f = {};
    f.clients = write("clients2.csv", kClientsHeader + "C100,New,B01,2024-12-01\n" + clientId(4) +
                                          ",Renamed,B01,2020-01-02\n");
    EXPECT_FALSE(importAndCompare(f));
}

TEST_P(ImportSummary, AMixedFileAndALenientImportWithRejects) {
    ImportFiles f;
    f.clients = write("c.csv", kClientsHeader + "C200,New,B01,2024-12-01\n");
    f.trades = write("t.csv", kTradesHeader + tradeRow("M1", 200, "2025-01-02 10:00:00") +
                                  tradeRow("M3", 12, "2024-12-31 10:00:00"));
    f.assets = write("a.csv", kAssetsHeader + "C200,2025-01-02,1,2,\n");
    f.contacts =
        write("k.csv", kContactsHeader + "C200,B01,2025-01-02 10:00:00,phone,inbound,reached,,,\n");
    EXPECT_FALSE(importAndCompare(f));
    // Lenient, new trades and a rejected one (an unknown client): the good rows by deltas.
    f = {};
    f.trades = write("l.csv", kTradesHeader + tradeRow("L1", 20, "2025-01-03 10:00:00") +
                                  "L2,C999,2025-01-03 10:00:00,600519.SH,buy,1,1,1,0,,online\n" +
                                  tradeRow("L3", 21, "2025-01-04 09:00:00"));
    ImportOptions o;
    o.lenient = true;
    o.rejects_path = path("rejects.csv");
    EXPECT_TRUE(importAndCompare(f, o));
    EXPECT_EQ(count("trades"), 12 * 20 + 30 + 1 + 2 + 2);
}

TEST_P(ImportSummary, AStaleSummaryStaysStaleAndAFarJumpOrADryRunLeavesItForItsReader) {
    // Stale before (written behind its back): the import leaves it stale; its reader rebuilds.
    ASSERT_TRUE(db().exec("DELETE FROM contacts WHERE rowid = (SELECT max(rowid) FROM contacts)"));
    ImportFiles f;
    f.trades = write("s.csv", kTradesHeader + tradeRow("S1", 5, "2024-12-31 10:00:00"));
    ImportReport r = run(f);
    ASSERT_TRUE(r.committed);
    EXPECT_FALSE(r.client_summary_fresh);
    EXPECT_FALSE(fresh());
    EXPECT_TRUE(*bd::storage::ensureClientSummaryFresh(db()));
    // Further than 62 days on: left stale, rebuilt by its reader.
    f.trades = write("far.csv", kTradesHeader + tradeRow("F1", 5, "2025-03-04 10:00:00"));
    r = run(f);
    ASSERT_TRUE(r.committed);
    EXPECT_FALSE(r.client_summary_fresh);
    EXPECT_FALSE(fresh());
    EXPECT_TRUE(*bd::storage::ensureClientSummaryFresh(db()));
    // A dry run or a rejected strict run changes nothing.
    const std::string rows = summaryRows(), state = summaryState();
    ImportOptions dry;
    dry.dry_run = true;
    f.trades = write("dry.csv", kTradesHeader + tradeRow("D1", 5, "2025-03-05 10:00:00"));
    EXPECT_FALSE(run(f, dry).client_summary_fresh);
    f.trades = write("bad.csv", kTradesHeader + tradeRow("B1", 5, "2025-03-05 10:00:00") +
                                    tradeRow("B2", 5, "2025-13-02 10:00:00"));
    EXPECT_FALSE(run(f).committed);
    EXPECT_EQ(summaryRows(), rows);
    EXPECT_EQ(summaryState(), state);
    EXPECT_TRUE(fresh());
}

INSTANTIATE_TEST_SUITE_P(Enc, ImportSummary, ::testing::Values(bdtest::Enc::Utf8),
                         bdtest::encParamName);

} // namespace
