// `brokerdesk-cli check`: ok and exit 0 on a sound book, one located line per problem and
// exit 2 on a damaged one (left as it was), an older book reported and not upgraded.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "storage/schema/schema.h"
#include "support/damagedbook.h"
#include "support/oldbooks.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST(CliCheck, ADemoBookIsOk) {
    bdtest::TempDir dir;
    const std::string path = dir.file("demo.bdbook");
    auto r = bdtest::runCli("demo --db " + path + " --clients 150 --seed 3 --years 1");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = bdtest::runCli("check --db " + path);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output, "ok\n");
}

TEST(CliCheck, ABookRefreshedTwicePlannedAndContactedIsOk) {
    // Segments, their factors and migrations between runs, planned and dropped calls: the
    // references the check follows by value all resolve in a book the engine wrote.
    bdtest::TempDir dir;
    const std::string path = dir.file("demo.bdbook");
    const std::string db = " --db " + path;
    ASSERT_EQ(bdtest::runCli("demo" + db + " --clients 300 --seed 4 --years 2").exit_code, 0);
    for (int run = 0; run < 2; ++run) ASSERT_EQ(bdtest::runCli("refresh" + db).exit_code, 0);
    auto book = bd::storage::openBook(path, {.create = false});
    ASSERT_TRUE(book);
    EXPECT_GT(*bd::storage::queryInt(*book, "SELECT count(*) FROM segment_migrations WHERE "
                                            "from_segment_id >= 0"),
              0);
    auto client = book->prepare("SELECT client_id FROM clients ORDER BY id LIMIT 1");
    ASSERT_TRUE(client && *client->step());
    const std::string id = client->text(0);
    client->reset(); // no read transaction left open: the counts below see the commands' writes
    ASSERT_EQ(bdtest::runCli("log-contact" + db + " --client " + id +
                             " --channel phone --outcome "
                             "no_answer")
                  .exit_code,
              0);
    // One day: more calls than the brokers' days hold, so dropped items are stored (the
    // logged client's retry alone drops nothing when it has no reason to call).
    ASSERT_EQ(bdtest::runCli("plan" + db + " --capacity 1 --days 1").exit_code, 0);
    EXPECT_GT(*bd::storage::queryInt(*book, "SELECT count(*) FROM plan_dropped"), 0);
    EXPECT_GT(*bd::storage::queryInt(*book, "SELECT count(*) FROM follow_up_tasks"), 0);
    auto r = bdtest::runCli("check" + db);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(r.output.ends_with("ok\n")) << r.output;
}

TEST(CliCheck, ADamagedBookGetsOneLocatedLinePerProblemAndStaysAsItWas) {
    bdtest::TempDir dir;
    const std::string path = dir.file("demo.bdbook");
    ASSERT_EQ(bdtest::runCli("demo --db " + path + " --clients 150 --seed 3 --years 1").exit_code,
              0);
    {
        auto db = bd::storage::openBook(path, {.create = false});
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec(
            "PRAGMA foreign_keys = OFF;"
            "INSERT INTO positions(client_ref, date, security_code, quantity, close_price) VALUES "
            "(777777, 20000, '600000.SH', 1, 1);"
            "UPDATE trade_days SET client_ref = 888888 WHERE client_ref = "
            "(SELECT max(client_ref) FROM trade_days);"));
    }
    const std::string before = fileBytes(path);
    auto r = bdtest::runCli("check --db " + path);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("positions (client_ref=777777, date=20000, security_code=600000.SH): "
                            "foreign_key: client_ref = 777777 has no row in clients(id)\n"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("trade_days (client_ref=888888, block="), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("unresolved_reference: client_ref = 888888 has no row in clients(id)"),
              std::string::npos)
        << r.output;
    // The moved client's days are missing where they belong.
    EXPECT_NE(r.output.find("trade_day_missing: trades expected "), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("ok\n"), std::string::npos) << r.output;
    EXPECT_EQ(fileBytes(path), before);
}

TEST(CliCheck, EachIntegrityLineIsOneLineAfterTheTableItNames) {
    bdtest::TempDir dir;
    const std::string path = dir.file("book.bdbook");
    {
        auto db = bd::storage::openBook(path);
        ASSERT_TRUE(db);
        bdtest::pointNameIndexAtAnEmptyOne(*db);
    }
    auto r = bdtest::runCli("check --db " + path);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("integrity_check: clients (rowid=1, index=clients_by_name): row 1 "
                            "missing from index clients_by_name\n"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("integrity_check: *** in database main ***; "), std::string::npos)
        << r.output;
    // Every line is one problem: the page-level one joined into a single line.
    std::size_t lines = 0;
    for (char c : r.output) lines += c == '\n' ? 1 : 0;
    std::size_t problems = 0;
    for (std::size_t at = r.output.find("integrity_check: "); at != std::string::npos;
         at = r.output.find("integrity_check: ", at + 1))
        ++problems;
    EXPECT_EQ(lines, problems) << r.output;
}

TEST(CliCheck, AnOlderBookIsReportedNotUpgraded) {
    bdtest::TempDir dir;
    const std::string path = dir.file("v2.bdbook");
    bdtest::writeOldBook(path, 2);
    const std::string before = fileBytes(path);
    auto r = bdtest::runCli("check --db " + path);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("book: schema version 2, this build checks version " +
                            std::to_string(bd::storage::currentSchemaVersion()) +
                            "; upgrade it first with `brokerdesk-cli init --db " + path + "`"),
              std::string::npos)
        << r.output;
    EXPECT_EQ(fileBytes(path), before);
    EXPECT_FALSE(std::filesystem::exists(path + ".v2.bak"));
    // Upgraded as every other command does, it checks ok.
    ASSERT_EQ(bdtest::runCli("init --db " + path).exit_code, 0);
    r = bdtest::runCli("check --db " + path);
    EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST(CliCheck, MissingBookHelpAndUsage) {
    bdtest::TempDir dir;
    auto r = bdtest::runCli("check --db " + dir.file("missing.bdbook"));
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_FALSE(std::filesystem::exists(dir.file("missing.bdbook")));
    r = bdtest::runCli("check --help");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.output.find("usage: brokerdesk-cli check --db F"), std::string::npos) << r.output;
    EXPECT_EQ(bdtest::runCli("check").exit_code, 1);
    EXPECT_NE(bdtest::runCli("--help").output.find("check"), std::string::npos);
}
