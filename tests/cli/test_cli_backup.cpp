// `backup` and `restore` end to end: a backup of a book, a restore of it after the book changed,
// and a restore refused (not a book: exit 2) that leaves the book as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/run.h"
#include "support/tempdir.h"

TEST(CliBackup, ABackupRestoredAfterAnImportBringsTheBookBack) {
    bdtest::TempDir dir;
    const std::string book = dir.file("book.bdbook");
    const std::string copy = dir.file("copy.bdbook");
    ASSERT_EQ(bdtest::runCli("init --db " + book).exit_code, 0);
    const std::string clients =
        dir.write("clients.csv", "client_id,name,broker_id,open_date\nC1,A,B1,2020-01-02\n");
    ASSERT_EQ(bdtest::runCli("import --db " + book + " --clients " + clients).exit_code, 0);
    auto b = bdtest::runCli("backup --db " + book + " --out " + copy);
    ASSERT_EQ(b.exit_code, 0) << b.output;
    EXPECT_NE(b.output.find("1 clients"), std::string::npos) << b.output;

    const std::string more = dir.write(
        "more.csv", "client_id,name,broker_id,open_date\nC2,B,B1,2020-01-02\nC3,C,B1,2020-01-02\n");
    ASSERT_EQ(bdtest::runCli("import --db " + book + " --clients " + more).exit_code, 0);
    EXPECT_NE(bdtest::runCli("stats --db " + book).output.find("\"clients\": 3"),
              std::string::npos);

    auto r = bdtest::runCli("restore --db " + book + " --from " + copy);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(bdtest::runCli("stats --db " + book).output.find("\"clients\": 1"),
              std::string::npos);
    EXPECT_NE(r.output.find(".before-restore-"), std::string::npos) << r.output;

    // Not a book: refused, exit 2, the book as it was.
    auto refused = bdtest::runCli("restore --db " + book + " --from " + clients);
    EXPECT_EQ(refused.exit_code, 2) << refused.output;
    EXPECT_NE(refused.output.find("not a BrokerDesk book"), std::string::npos) << refused.output;
    EXPECT_NE(bdtest::runCli("stats --db " + book).output.find("\"clients\": 1"),
              std::string::npos);
}
