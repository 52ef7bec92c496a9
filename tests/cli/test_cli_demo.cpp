// `brokerdesk-cli demo`: creates a book, refuses to overwrite one with data unless --force.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "storage/schema/schema.h"
#include "support/run.h"
#include "support/tempdir.h"

TEST(CliDemo, CreatesRefusesAndReplaces) {
    const auto path = (bdtest::scratchDir() / "bd_cli_demo.bdbook").string();
    for (const char* s : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + s);
    auto r = bdtest::runCli("demo --db " + path + " --clients 30 --seed 5");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("30 clients"), std::string::npos) << r.output;
    auto stats = bdtest::runCli("stats --db " + path);
    EXPECT_NE(stats.output.find("\"clients\": 30"), std::string::npos) << stats.output;

    r = bdtest::runCli("demo --db " + path + " --clients 30");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("--force"), std::string::npos) << r.output;

    r = bdtest::runCli("demo --db " + path + " --clients 20 --force --as-of 2025-06-30");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    stats = bdtest::runCli("stats --db " + path);
    EXPECT_NE(stats.output.find("\"clients\": 20"), std::string::npos) << stats.output;
    EXPECT_NE(stats.output.find("\"last_trade_date\": \"2025-06"), std::string::npos)
        << stats.output;

    EXPECT_EQ(bdtest::runCli("demo --db " + path + " --clients 0 --force").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("demo --db " + path + " --as-of 2025-13-01 --force").exit_code, 1);
    for (const char* years : {"0", "21", "x"}) {
        r = bdtest::runCli("demo --db " + path + " --years " + years + " --force");
        EXPECT_EQ(r.exit_code, 1) << years;
        EXPECT_NE(r.output.find("--years"), std::string::npos) << r.output;
    }
    // The history starts Y years before --as-of.
    r = bdtest::runCli("demo --db " + path + " --clients 20 --force --as-of 2025-06-30 --years 1");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    stats = bdtest::runCli("stats --db " + path);
    EXPECT_NE(stats.output.find("\"first_trade_date\": \"2024-"), std::string::npos)
        << stats.output;
}

TEST(CliDemo, WritesThePlantedArchetypesAndTakesAnotherMix) {
    bdtest::TempDir dir;
    const std::string book = dir.file("mix.bdbook"), types = dir.file("types.csv");
    // Only dormant accounts and newcomers (weights in the order of --help).
    auto r = bdtest::runCli("demo --db " + book + " --clients 60 --seed 3 --mix 0,0,0,2,1 " +
                            "--archetypes " + types);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::ifstream in(types);
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    EXPECT_EQ(line, "client_id,archetype");
    int rows = 0, dormant = 0, newcomer = 0;
    std::set<std::string> ids;
    while (std::getline(in, line)) {
        ++rows;
        const auto comma = line.find(',');
        ASSERT_NE(comma, std::string::npos) << line;
        ids.insert(line.substr(0, comma));
        const std::string type = line.substr(comma + 1);
        dormant += type == "dormant";
        newcomer += type == "newcomer";
        EXPECT_TRUE(type == "dormant" || type == "newcomer") << line;
    }
    EXPECT_EQ(rows, 60);
    EXPECT_EQ(ids.size(), 60U); // one line per client
    EXPECT_GT(dormant, newcomer);
    EXPECT_GT(newcomer, 0);
    // The ids are the book's.
    auto db = bd::storage::openBook(book);
    ASSERT_TRUE(db.ok());
    auto st = db->prepare("SELECT client_id FROM clients");
    ASSERT_TRUE(st.ok());
    std::set<std::string> stored;
    while (*st->step()) stored.insert(st->text(0));
    EXPECT_EQ(stored, ids);
    for (const char* bad : {"1,2,3", "1,2,3,4,5,6", "0,0,0,0,0", "1,x,1,1,1", "1,-1,1,1,1"}) {
        r = bdtest::runCli("demo --db " + book + " --clients 10 --force --mix " + bad);
        EXPECT_EQ(r.exit_code, 1) << bad << ": " << r.output;
        EXPECT_NE(r.output.find("--mix"), std::string::npos) << r.output;
    }
}
