// `brokerdesk-cli demo`: creates a book, refuses to overwrite one with data unless --force.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

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
