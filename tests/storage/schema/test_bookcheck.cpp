#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <tuple>
#include <vector>

#include "demo/demogenerator.h"
#include "storage/book/clientsummary.h"
#include "storage/book/exporter.h"
#include "storage/book/tradedays.h"
#include "storage/import/importer.h"
#include "storage/schema/bookcheck.h"
#include "storage/schema/schema.h"
#include "support/damagedbook.h"
#include "support/oldbooks.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::storage;

namespace {

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// One problem as a line, for exact comparisons in failure messages.
std::string describe(const BookProblem& p) {
    std::string s = std::string(bookProblemKindName(p.kind)) + " " + p.table + " [";
    for (const auto& [k, v] : p.key) s += k + "=" + v + ";";
    return s + "] " + p.column + " expected " + p.expected + " found " + p.found;
}

std::vector<std::string> describeAll(const BookCheck& c) {
    std::vector<std::string> out;
    for (const BookProblem& p : c.problems) out.push_back(describe(p));
    std::sort(out.begin(), out.end());
    return out;
}

std::string clientIdOf(Database& db, std::int64_t ref) {
    auto st = db.prepare("SELECT client_id FROM clients WHERE id = ?1");
    st->bind(1, ref);
    return *st->step() ? st->text(0) : std::string();
}

/// A demo book of `clients` clients with its client summary built (so that it is checked).
std::string demoBook(const bdtest::TempDir& dir, int clients = 300) {
    const std::string path = dir.file("demo.bdbook");
    demo::DemoOptions o;
    o.clients = clients;
    o.seed = 11;
    o.history_years = 2;
    auto sum = demo::createDemoBook(path, o, false);
    EXPECT_TRUE(sum) << sum.error().toString();
    auto db = openBook(path, {.create = false});
    EXPECT_TRUE(db);
    EXPECT_TRUE(refreshClientSummary(*db));
    return path;
}

/// The check of a sound book: no problems, nothing left unchecked, SQLite says ok.
void expectSound(const std::string& path) {
    auto check = checkBookFile(path);
    ASSERT_TRUE(check) << check.error().toString();
    EXPECT_TRUE(check->ok()) << ::testing::PrintToString(describeAll(*check));
    EXPECT_EQ(check->notes.trade_days_dirty_clients, 0);
    EXPECT_FALSE(check->notes.trade_days_unbuilt);
    EXPECT_FALSE(check->notes.client_summary_unbuilt);
    EXPECT_FALSE(check->notes.client_summary_stale);
    auto db = Database::open(path, false);
    ASSERT_TRUE(db);
    EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    EXPECT_EQ(bdtest::foreignKeyViolations(*db), 0);
}

} // namespace

TEST(BookCheck, ANewBookIsSound) {
    bdtest::TempDir dir;
    const auto path = dir.file("new.bdbook");
    {
        auto db = openBook(path);
        ASSERT_TRUE(db);
        ASSERT_TRUE(refreshClientSummary(*db));
    }
    expectSound(path);
}

TEST(BookCheck, ADemoBookIsSound) {
    bdtest::TempDir dir;
    expectSound(demoBook(dir));
}

TEST(BookCheck, AnImportedBookIsSound) {
    bdtest::TempDir dir;
    const std::string demo = demoBook(dir, 200);
    ImportFiles files;
    {
        auto db = openBook(demo, {.create = false});
        ASSERT_TRUE(db);
        auto out = [&](ImportKind kind) {
            const std::string p = dir.file(std::string(importKindName(kind)) + ".csv");
            auto n = exportInterchange(*db, kind, p);
            EXPECT_TRUE(n) << n.error().toString();
            return p;
        };
        files.securities = out(ImportKind::Securities);
        files.clients = out(ImportKind::Clients);
        files.trades = out(ImportKind::Trades);
        files.assets = out(ImportKind::Assets);
        files.contacts = out(ImportKind::Contacts);
        files.positions = out(ImportKind::Positions);
    }
    const std::string path = dir.file("imported.bdbook");
    {
        auto db = openBook(path);
        ASSERT_TRUE(db);
        auto report = importFiles(*db, files, {});
        ASSERT_TRUE(report) << report.error().toString();
        ASSERT_TRUE(report->committed);
        EXPECT_GT(*queryInt(*db, "SELECT count(*) FROM trades"), 1000);
        ASSERT_TRUE(refreshClientSummary(*db));
    }
    expectSound(path);
}

class BookCheckUpgraded : public ::testing::TestWithParam<int> {};

TEST_P(BookCheckUpgraded, IsSoundOnceItsDerivedTablesAreBuilt) {
    bdtest::TempDir dir;
    const auto path = dir.file("old.bdbook");
    bdtest::writeOldBook(path, GetParam());
    {
        auto db = openBook(path);
        ASSERT_TRUE(db) << db.error().toString();
        EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    }
    // Right after the upgrade the packed trade days are not built yet: not a problem.
    auto early = checkBookFile(path);
    ASSERT_TRUE(early) << early.error().toString();
    EXPECT_TRUE(early->ok()) << ::testing::PrintToString(describeAll(*early));
    EXPECT_TRUE(early->notes.trade_days_unbuilt); // version 2 dropped the per-day rows
    {
        auto db = openBook(path);
        ASSERT_TRUE(db);
        ASSERT_TRUE(syncTradeDays(*db));
        ASSERT_TRUE(refreshClientSummary(*db));
    }
    expectSound(path);
}

INSTANTIATE_TEST_SUITE_P(FromEachVersion, BookCheckUpgraded, ::testing::Values(1, 2, 3));

TEST(BookCheck, AnOlderBookIsReportedNotUpgraded) {
    bdtest::TempDir dir;
    const auto path = dir.file("v3.bdbook");
    bdtest::writeOldBook(path, 3);
    const std::string before = fileBytes(path);
    auto check = checkBookFile(path);
    ASSERT_TRUE(check) << check.error().toString();
    ASSERT_EQ(check->problems.size(), 1u);
    EXPECT_EQ(check->problems[0].kind, BookProblemKind::SchemaVersion);
    EXPECT_EQ(check->problems[0].expected, std::to_string(currentSchemaVersion()));
    EXPECT_EQ(check->problems[0].found, "3");
    EXPECT_EQ(fileBytes(path), before);
    EXPECT_FALSE(std::filesystem::exists(path + ".v3.bak"));
}

TEST(BookCheck, ANewerBookIsAnError) {
    bdtest::TempDir dir;
    const auto path = dir.file("newer.bdbook");
    {
        auto db = openBook(path);
        ASSERT_TRUE(db->exec("PRAGMA user_version = 999"));
    }
    auto check = checkBookFile(path);
    ASSERT_FALSE(check);
    EXPECT_EQ(check.error().code, ErrorCode::Version);
}

TEST(BookCheck, AMissingBookIsAnError) {
    bdtest::TempDir dir;
    auto check = checkBookFile(dir.file("missing.bdbook"));
    ASSERT_FALSE(check);
    EXPECT_EQ(check.error().code, ErrorCode::Io);
    EXPECT_FALSE(std::filesystem::exists(dir.file("missing.bdbook")));
}

TEST(BookCheck, EveryDamageIsReportedLocatedAndTheBookIsLeftAsItWas) {
    bdtest::TempDir dir;
    const std::string path = demoBook(dir);
    std::vector<std::string> want;
    {
        auto db = openBook(path, {.create = false});
        ASSERT_TRUE(db);
        // A trade_days block whose first day's commission disagrees with the trades.
        auto blk = db->prepare(
            "SELECT client_ref, block, packed FROM trade_days ORDER BY client_ref, block LIMIT 1");
        ASSERT_TRUE(*blk->step());
        const std::int64_t a = blk->int64(0), block = blk->int64(1);
        std::vector<TradeDayRow> days;
        ASSERT_TRUE(unpackTradeDays(a, block, blk->blob(2), days));
        blk->reset();
        const std::int64_t commission = days[0].commission;
        days[0].commission += 1;
        auto upd = db->prepare("UPDATE trade_days SET packed = ?3 WHERE client_ref = ?1 AND "
                               "block = ?2");
        const std::string packed = packTradeDays(block, days.data(), days.size());
        upd->bind(1, a).bind(2, block).bindBlob(3, packed);
        ASSERT_TRUE(upd->run());
        want.push_back("trade_day_mismatch trade_days [client_ref=" + std::to_string(a) +
                       ";client_id=" + clientIdOf(*db, a) +
                       ";day=" + Date{static_cast<std::int32_t>(days[0].day)}.toString() +
                       ";] commission expected " + std::to_string(commission) + " found " +
                       std::to_string(commission + 1));
        // A client-summary row that disagrees with the trades.
        const std::int64_t b = 2;
        const std::int64_t n =
            *queryInt(*db, "SELECT trades_12m FROM client_summary WHERE client_ref = 2");
        ASSERT_TRUE(db->exec("UPDATE client_summary SET trades_12m = trades_12m + 5 WHERE "
                             "client_ref = 2"));
        want.push_back(
            "summary_mismatch client_summary [client_ref=2;client_id=" + clientIdOf(*db, b) +
            ";] trades_12m expected " + std::to_string(n) + " found " + std::to_string(n + 5));
        // Trade days of a client that does not exist (no declared key: a reference by value).
        const TradeDayRow ghost{999999, 20000, 1, 10, 1};
        auto ins = db->prepare("INSERT INTO trade_days(client_ref, block, day_count, last_day, "
                               "packed) VALUES (999999, ?1, 1, 20000, ?2)");
        const std::string ghostPacked = packTradeDays(tradeDayBlockOf(20000), &ghost, 1);
        ins->bind(1, tradeDayBlockOf(20000)).bindBlob(2, ghostPacked);
        ASSERT_TRUE(ins->run());
        want.push_back("unresolved_reference trade_days [client_ref=999999;block=" +
                       std::to_string(tradeDayBlockOf(20000)) +
                       ";] client_ref expected clients(id) found 999999");
        want.push_back("trade_day_extra trade_days [client_ref=999999;day=" +
                       Date{20000}.toString() + ";] trades expected no row found 1");
        // A position of a client that does not exist (a declared key, not enforced while off).
        ASSERT_TRUE(db->exec("PRAGMA foreign_keys = OFF; INSERT INTO positions(client_ref, date, "
                             "security_code, quantity, close_price) VALUES (888888, 20000, "
                             "'600000.SH', 1, 1); PRAGMA foreign_keys = ON;"));
        want.push_back("foreign_key positions [client_ref=888888;date=20000;security_code="
                       "600000.SH;] client_ref expected clients(id) found 888888");
    }
    std::sort(want.begin(), want.end());
    const std::string before = fileBytes(path);
    auto check = checkBookFile(path);
    ASSERT_TRUE(check) << check.error().toString();
    EXPECT_EQ(describeAll(*check), want);
    EXPECT_FALSE(check->notes.client_summary_stale);
    EXPECT_EQ(fileBytes(path), before);
}

TEST(BookCheck, ADamagedTradeDayBlockIsReportedOnceAsDamaged) {
    bdtest::TempDir dir;
    const std::string path = demoBook(dir);
    std::vector<std::string> want;
    {
        auto db = openBook(path, {.create = false});
        ASSERT_TRUE(db);
        auto blocks = db->prepare("SELECT client_ref, block, day_count FROM trade_days WHERE "
                                  "day_count > 1 ORDER BY client_ref, block LIMIT 2");
        std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> picked;
        while (*blocks->step())
            picked.emplace_back(blocks->int64(0), blocks->int64(1), blocks->int64(2));
        blocks->reset();
        ASSERT_EQ(picked.size(), 2u);
        const auto [a, blockA, countA] = picked[0];
        const auto [b, blockB, countB] = picked[1];
        // A header that disagrees with its days; bytes cut short.
        auto count = db->prepare("UPDATE trade_days SET day_count = day_count + 1 WHERE "
                                 "client_ref = ?1 AND block = ?2");
        count->bind(1, a).bind(2, blockA);
        ASSERT_TRUE(count->run());
        auto cut = db->prepare("UPDATE trade_days SET packed = substr(packed, 1, length(packed) "
                               "- 1) WHERE client_ref = ?1 AND block = ?2");
        cut->bind(1, b).bind(2, blockB);
        ASSERT_TRUE(cut->run());
        auto key = [&](std::int64_t ref, std::int64_t block) {
            return "[client_ref=" + std::to_string(ref) + ";client_id=" + clientIdOf(*db, ref) +
                   ";block=" + std::to_string(block) + ";] ";
        };
        want.push_back("trade_day_block_damaged trade_days " + key(a, blockA) +
                       "day_count expected " + std::to_string(countA) + " found " +
                       std::to_string(countA + 1));
        want.push_back("trade_day_block_damaged trade_days " + key(b, blockB) +
                       "packed expected days of block " + std::to_string(blockB) +
                       " found bytes that do not unpack");
    }
    std::sort(want.begin(), want.end());
    auto check = checkBookFile(path);
    ASSERT_TRUE(check) << check.error().toString();
    EXPECT_EQ(describeAll(*check), want);
}

TEST(BookCheck, IntegrityCheckLinesAreReported) {
    bdtest::TempDir dir;
    const auto path = dir.file("book.bdbook");
    {
        auto db = openBook(path);
        ASSERT_TRUE(db);
        // The layout SQLite 3.40 misreads (key columns declared after others): its NOT NULL
        // columns are reported as NULL.
        ASSERT_TRUE(db->exec("CREATE TABLE odd (id TEXT NOT NULL, a INTEGER NOT NULL, b TEXT "
                             "NOT NULL, c INTEGER NOT NULL, d INTEGER NOT NULL, k INTEGER NOT "
                             "NULL, PRIMARY KEY (k, a, id)) WITHOUT ROWID;"
                             "INSERT INTO odd(id, a, b, c, d, k) VALUES ('x', 1, 'y', 2, 3, 4);"));
        if (bdtest::integrityCheck(*db) == "ok") GTEST_SKIP() << "this SQLite reads it right";
    }
    auto check = checkBookFile(path);
    ASSERT_TRUE(check);
    ASSERT_FALSE(check->ok());
    for (const BookProblem& p : check->problems) {
        EXPECT_EQ(p.kind, BookProblemKind::Integrity);
        EXPECT_EQ(p.found, "NULL value in odd." + p.column);
        EXPECT_EQ(p.table, "odd");
    }
}

TEST(BookCheck, AnIndexThatDisagreesWithItsTableIsLocated) {
    bdtest::TempDir dir;
    const auto path = dir.file("book.bdbook");
    {
        auto db = openBook(path);
        ASSERT_TRUE(db);
        bdtest::pointNameIndexAtAnEmptyOne(*db);
    }
    auto check = checkBookFile(path);
    ASSERT_TRUE(check) << check.error().toString();
    bool located = false;
    for (const BookProblem& p : check->problems)
        if (p.kind == BookProblemKind::Integrity && p.table == "clients" && !p.key.empty() &&
            p.key.back() == std::pair<std::string, std::string>("index", "clients_by_name"))
            located = true;
    EXPECT_TRUE(located) << ::testing::PrintToString(describeAll(*check));
}

TEST(BookCheck, ClientsMarkedDirtyAreNotYetRefreshedNotDamaged) {
    bdtest::TempDir dir;
    const std::string path = demoBook(dir);
    std::int64_t ref = 0;
    {
        auto db = openBook(path, {.create = false});
        ASSERT_TRUE(db);
        ref = *queryInt(*db, "SELECT client_ref FROM trade_days LIMIT 1");
        // The trigger marks the client; trade_days is brought up to date by its next reader.
        auto upd =
            db->prepare("UPDATE trades SET commission = commission + 1 WHERE client_ref = ?1");
        upd->bind(1, ref);
        ASSERT_TRUE(upd->run());
        ASSERT_EQ(*queryInt(*db, "SELECT count(*) FROM trade_days_dirty"), 1);
    }
    auto check = checkBookFile(path);
    ASSERT_TRUE(check);
    EXPECT_TRUE(check->ok()) << ::testing::PrintToString(describeAll(*check));
    EXPECT_EQ(check->notes.trade_days_dirty_clients, 1);
    {
        // Without the mark the same difference is damage.
        auto db = openBook(path, {.create = false});
        ASSERT_TRUE(db->exec("DELETE FROM trade_days_dirty"));
    }
    check = checkBookFile(path);
    ASSERT_TRUE(check);
    ASSERT_FALSE(check->ok());
    for (const BookProblem& p : check->problems) {
        EXPECT_EQ(p.kind, BookProblemKind::TradeDayMismatch) << describe(p);
        EXPECT_EQ(p.column, "commission");
        EXPECT_EQ(p.key.at(0).second, std::to_string(ref));
    }
}

TEST(BookCheck, AStaleClientSummaryIsNotChecked) {
    bdtest::TempDir dir;
    const std::string path = demoBook(dir);
    {
        auto db = openBook(path, {.create = false});
        // A new contact changes the book's fingerprint: the summary is rebuilt when next read.
        ASSERT_TRUE(db->exec("UPDATE client_summary SET aum = aum + 1; INSERT INTO "
                             "contacts(client_ref, broker_id, contact_time, channel) SELECT id, "
                             "broker_id, 1, 1 FROM clients WHERE id = 1"));
    }
    auto check = checkBookFile(path);
    ASSERT_TRUE(check);
    EXPECT_TRUE(check->ok()) << ::testing::PrintToString(describeAll(*check));
    EXPECT_TRUE(check->notes.client_summary_stale);
}

TEST(BookCheck, ProblemsBeyondTheLimitAreCounted) {
    bdtest::TempDir dir;
    const std::string path = demoBook(dir);
    {
        auto db = openBook(path, {.create = false});
        ASSERT_TRUE(db->exec("UPDATE client_summary SET trades_12m = trades_12m + 1 WHERE "
                             "client_ref <= 10"));
    }
    auto check = checkBookFile(path, {.max_per_check = 4});
    ASSERT_TRUE(check);
    ASSERT_EQ(check->problems.size(), 5u) << ::testing::PrintToString(describeAll(*check));
    EXPECT_EQ(check->problems.back().kind, BookProblemKind::MoreProblems);
    EXPECT_EQ(check->problems.back().table, "client_summary");
    EXPECT_EQ(check->problems.back().found, "6");
}
