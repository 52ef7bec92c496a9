// End to end: `brokerdesk-cli search` on a small book inserted by SQL.
#include <gtest/gtest.h>

#include <string>

#include "storage/schema/schema.h"
#include "support/run.h"
#include "support/tempdir.h"

using namespace bd;

namespace {

std::string makeBook(const bdtest::TempDir& dir) {
    const auto path = dir.file("search.bdbook");
    auto db = storage::openBook(path);
    EXPECT_TRUE(db) << db.error().toString();
    EXPECT_TRUE(db->exec(
        "INSERT INTO brokers(broker_id, name) VALUES ('E01', 'Wang Li');"
        "INSERT INTO clients(id, client_id, name, broker_id, open_date, phone, id_number) VALUES"
        " (1, 'C001', '张晓蓉', 'E01', 19000, '13812344244', '31011519800101123X'),"
        " (2, 'C002', '胡晓蓉', 'E01', 19000, '13900001111', '110101199003074518'),"
        " (3, 'C003', '张伟', 'E01', 19000, '13700002222', NULL);"));
    return path;
}

} // namespace

TEST(CliSearch, FindsByPinyinRankedWithMaskedPhonesAsJson) {
    bdtest::TempDir dir;
    const auto book = makeBook(dir);
    auto r = bdtest::runCli("search zxr --db " + book + " --json");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("\"total\": 1"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\"client_id\": \"C001\""), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\"match\": \"pinyin_initials_prefix\""), std::string::npos);
    EXPECT_NE(r.output.find("\"phone\": \"138****4244\""), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\"id_number\": \"310***********123X\""), std::string::npos);
    EXPECT_EQ(r.output.find("13812344244"), std::string::npos) << "a whole phone was shown";
    EXPECT_EQ(r.output.find("31011519800101123X"), std::string::npos) << "a whole ID number";

    auto both = bdtest::runCli("search xiaorong --db " + book + " --lang zh");
    ASSERT_EQ(both.exit_code, 0) << both.output;
    EXPECT_NE(both.output.find("C001\t张晓蓉"), std::string::npos) << both.output;
    EXPECT_NE(both.output.find("C002\t胡晓蓉"), std::string::npos) << both.output;
    EXPECT_NE(both.output.find("全拼包含"), std::string::npos) << both.output;
    EXPECT_EQ(both.output.find("张伟"), std::string::npos) << both.output;

    auto phone = bdtest::runCli("search 4244 --db " + book + " --limit 1");
    ASSERT_EQ(phone.exit_code, 0) << phone.output;
    EXPECT_NE(phone.output.find("C001"), std::string::npos) << phone.output;
    EXPECT_NE(phone.output.find("phone digits"), std::string::npos) << phone.output;

    auto limited = bdtest::runCli("search 张 --db " + book + " --limit 1");
    ASSERT_EQ(limited.exit_code, 0) << limited.output;
    EXPECT_NE(limited.output.find("(1 more; --limit shows more)\n"), std::string::npos)
        << limited.output;
    limited = bdtest::runCli("search 张 --db " + book + " --limit 1 --lang zh");
    ASSERT_EQ(limited.exit_code, 0) << limited.output;
    EXPECT_NE(limited.output.find("（另有1位客户；--limit 可显示更多）\n"), std::string::npos)
        << limited.output;
}

TEST(CliSearch, UsageErrors) {
    bdtest::TempDir dir;
    const auto book = makeBook(dir);
    EXPECT_EQ(bdtest::runCli("search --db " + book).exit_code, 1);
    EXPECT_EQ(bdtest::runCli("search a b --db " + book).exit_code, 1);
    EXPECT_EQ(bdtest::runCli("search zxr --db " + book + " --limit 0").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("search zxr --db " + book + " --lang fr").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("search zxr --db " + dir.file("missing.bdbook")).exit_code, 3);
}
