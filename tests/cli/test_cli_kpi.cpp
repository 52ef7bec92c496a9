// brokerdesk-cli kpi: back-fills a fresh book on first use, the firm's months, one month's
// broker league as CSV, one broker's months as JSON, and usage errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/englishwords.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(line);
    }
    return out;
}

std::vector<std::string> fields(const std::string& line) {
    std::vector<std::string> out;
    std::string f;
    std::istringstream in(line);
    while (std::getline(in, f, ',')) out.push_back(f);
    return out;
}

} // namespace

TEST(CliKpi, BackFillsAFreshBookThenShowsFirmBrokersAndOneBroker) {
    bdtest::TempDir dir;
    const std::string book = dir.file("kpi.bdbook");
    auto made = bdtest::runCli("demo --db " + book + " --clients 60 --years 1 --as-of 2026-10-31");
    ASSERT_EQ(made.exit_code, 0) << made.output;

    auto firm = bdtest::runCli("kpi --db " + book);
    ASSERT_EQ(firm.exit_code, 0) << firm.output;
    EXPECT_NE(firm.output.find("kpi: computed"), std::string::npos) << firm.output;
    EXPECT_NE(firm.output.find("2026-10 "), std::string::npos) << firm.output;
    EXPECT_NE(firm.output.find("2025-11 "), std::string::npos) << firm.output; // 12 months
    EXPECT_EQ(firm.output.find("2025-10 "), std::string::npos) << firm.output;
    // The second time the stored history is read.
    auto again = bdtest::runCli("kpi --db " + book + " --months 2");
    ASSERT_EQ(again.exit_code, 0) << again.output;
    EXPECT_EQ(again.output.find("kpi: computed"), std::string::npos) << again.output;
    std::size_t monthLines = 0;
    for (const auto& l : lines(again.output)) monthLines += l.rfind("2026-", 0) == 0 ? 1 : 0;
    EXPECT_EQ(monthLines, 2u) << again.output;

    auto csv = bdtest::runCli("kpi --db " + book + " --by broker --month 2026-09 --csv");
    ASSERT_EQ(csv.exit_code, 0) << csv.output;
    const auto rows = lines(csv.output);
    ASSERT_GE(rows.size(), 2u) << csv.output;
    const auto head = fields(rows[0]);
    ASSERT_GE(head.size(), 6u);
    EXPECT_EQ(head[0], "month");
    EXPECT_EQ(head[5], "clients");
    EXPECT_NE(rows[0].find(",retention,"), std::string::npos);
    EXPECT_NE(rows[0].find(",contacts_phone,"), std::string::npos);
    EXPECT_NE(rows[0].find(",outcome_reached"), std::string::npos);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto f = fields(rows[i]);
        ASSERT_EQ(f.size(), head.size()) << rows[i];
        EXPECT_EQ(f[0], "2026-09");
        EXPECT_EQ(f[2], "broker");
    }
    const std::string broker = fields(rows[1])[3];
    auto json = bdtest::runCli("kpi --db " + book + " --broker " + broker + " --months 3 --json");
    ASSERT_EQ(json.exit_code, 0) << json.output;
    EXPECT_NE(json.output.find("\"month\": \"2026-10\""), std::string::npos) << json.output;
    EXPECT_NE(json.output.find("\"month\": \"2026-08\""), std::string::npos) << json.output;
    EXPECT_NE(json.output.find("\"id\": \"" + broker + "\""), std::string::npos) << json.output;

    // The monthly branch report.
    const std::string report = dir.file("report.xlsx");
    auto out =
        bdtest::runCli("kpi --db " + book + " --month 2026-09 --out " + report + " --lang zh");
    ASSERT_EQ(out.exit_code, 0) << out.output;
    EXPECT_TRUE(std::filesystem::exists(report));
    EXPECT_EQ(bdtest::runCli("kpi --db " + book + " --month 1999-01 --out " + report).exit_code,
              2); // no such month stored
}

TEST(CliKpi, RefusesABadMonthOrScope) {
    bdtest::TempDir dir;
    const std::string book = dir.file("kpi.bdbook");
    EXPECT_EQ(bdtest::runCli("kpi --db " + book + " --month 2026-13").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("kpi --db " + book + " --month 202610").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("kpi --db " + book + " --by desk").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("kpi --db " + book + " --broker B1 --branch R1").exit_code, 1);
}

// Issue 17: with --lang zh the table's headings, the firm's row, the note on an open month and the
// line of a written report read in Chinese; English keeps the headings scripts read.
TEST(CliKpi, TheTableAndItsNotesReadInTheLanguageAsked) {
    bdtest::TempDir dir;
    const std::string book = dir.file("kpi.bdbook");
    // As of the 20th: the last month is open.
    auto made = bdtest::runCli("demo --db " + book + " --clients 40 --years 1 --as-of 2026-10-20");
    ASSERT_EQ(made.exit_code, 0) << made.output;

    auto zh = bdtest::runCli("kpi --db " + book + " --months 2 --lang zh");
    ASSERT_EQ(zh.exit_code, 0) << zh.output;
    for (const std::string& words :
         std::vector<std::string>{"已计算", "月份", "编号", "资金净流入", "近12个月利润", "全公司",
                                  "（2026年10月尚未结束：数据截至2026-10-20）"})
        EXPECT_NE(zh.output.find(words), std::string::npos) << words << "\n" << zh.output;
    EXPECT_EQ(bdtest::englishWords(zh.output, {}, {"kpi"}), std::vector<std::string>{})
        << zh.output;
    auto brokers = bdtest::runCli("kpi --db " + book + " --by broker --month 2026-09 --lang zh");
    ASSERT_EQ(brokers.exit_code, 0) << brokers.output;
    EXPECT_EQ(bdtest::englishWords(brokers.output), std::vector<std::string>{}) << brokers.output;
    const std::string report = dir.file("report.xlsx");
    auto out =
        bdtest::runCli("kpi --db " + book + " --month 2026-09 --out " + report + " --lang zh");
    ASSERT_EQ(out.exit_code, 0) << out.output;
    EXPECT_NE(out.output.find("已将2026年9月的报告（"), std::string::npos) << out.output;
    EXPECT_EQ(bdtest::englishWords(out.output, {report}), std::vector<std::string>{}) << out.output;
    auto none = bdtest::runCli("kpi --db " + book + " --month 1999-01 --lang zh");
    EXPECT_EQ(none.exit_code, 2) << none.output;
    EXPECT_NE(none.output.find("所选范围没有已存的指标（已存月份："), std::string::npos)
        << none.output;

    auto en = bdtest::runCli("kpi --db " + book + " --months 2");
    ASSERT_EQ(en.exit_code, 0) << en.output;
    // Headings in words, never the JSON's ids (net_inflow, profit_12m).
    EXPECT_EQ(en.output.rfind("Month    ID         Name           Clients  Active   New  Lost     "
                              "         AUM     Net inflow   Commission     Profit 12m  VIPs   "
                              "Churn Covered Satisfaction  Retain\n",
                              0),
              0u)
        << en.output;
    EXPECT_NE(en.output.find("\n2026-10  Firm "), std::string::npos) << en.output;
    EXPECT_NE(en.output.find("(2026-10 is open: its figures are as of 2026-10-20)\n"),
              std::string::npos)
        << en.output;
    out = bdtest::runCli("kpi --db " + book + " --month 2026-09 --out " + report);
    EXPECT_NE(out.output.find("wrote the report of 2026-09 ("), std::string::npos) << out.output;
    EXPECT_EQ(bdtest::runCli("kpi --db " + book + " --lang fr").exit_code, 1);
}
