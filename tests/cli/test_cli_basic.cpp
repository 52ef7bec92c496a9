#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "support/run.h"
#include "support/tempdir.h"

TEST(Cli, HelpAndUsageExitCodes) {
    EXPECT_EQ(bdtest::runCli("--help").exit_code, 0);
    EXPECT_EQ(bdtest::runCli("").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("no-such-command").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("stats").exit_code, 1); // --db missing
    EXPECT_EQ(bdtest::runCli("stats --bogus 1").exit_code, 1);
}

TEST(Cli, InitThenStatsPrintsCounts) {
    const auto path = (bdtest::scratchDir() / "bd_cli_init.bdbook").string();
    std::filesystem::remove(path);
    ASSERT_EQ(bdtest::runCli("init --db " + path).exit_code, 0);
    auto r = bdtest::runCli("stats --db " + path);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    for (const char* key : {"clients", "trades", "assets", "contacts", "positions", "securities",
                            "brokers", "branches"})
        EXPECT_NE(r.output.find(std::string("\"") + key + "\": 0"), std::string::npos) << key;
}

TEST(Cli, StatsOnMissingBookFails) {
    EXPECT_EQ(bdtest::runCli("stats --db /nonexistent/dir/book.bdbook").exit_code, 3);
}
