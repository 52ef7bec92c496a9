// brokerdesk-cli evaluate on a demo book: the firm before/after with the caveat, a branch
// against the others, a planted effect (the branch's brokers call every client every five days
// after the start, satisfied) found as a rise of coverage and satisfaction, and the refusals.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/date.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::string f;
    std::istringstream in(line);
    while (std::getline(in, f, sep)) out.push_back(f);
    return out;
}

/// The JSON line of one outcome ("" when absent).
std::string outcomeLine(const std::string& json, const std::string& key) {
    std::istringstream in(json);
    std::string line;
    while (std::getline(in, line))
        if (line.find("{\"outcome\": \"" + key + "\"") != std::string::npos) return line;
    return "";
}

std::string verdictOf(const std::string& json, const std::string& key) {
    const std::string line = outcomeLine(json, key);
    const auto at = line.find("\"verdict\": \"");
    if (at == std::string::npos) return "";
    const auto from = at + 12;
    return line.substr(from, line.find('"', from) - from);
}

} // namespace

class CliEvaluate : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        s_dir = new bdtest::TempDir;
        s_book = s_dir->file("eval.bdbook");
        auto made =
            bdtest::runCli("demo --db " + s_book + " --clients 2000 --seed 7 --as-of 2026-10-31");
        ASSERT_EQ(made.exit_code, 0) << made.output;
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static inline bdtest::TempDir* s_dir = nullptr;
    static inline std::string s_book;
};

TEST_F(CliEvaluate, FirmBeforeAfterStatesTheCaveat) {
    auto r = bdtest::runCli("evaluate --db " + s_book + " --start 2025-11-01 --resamples 200");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("before 2025-05-01 to 2025-10-31, after 2025-11-01 to 2026-04-30"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("No comparison group"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("before/after change"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("difference in differences"), std::string::npos) << r.output;
    auto zh =
        bdtest::runCli("evaluate --db " + s_book + " --start 2025-11-01 --resamples 200 --lang zh");
    ASSERT_EQ(zh.exit_code, 0) << zh.output;
    EXPECT_NE(zh.output.find("没有对照组"), std::string::npos) << zh.output;
    EXPECT_NE(zh.output.find("户均佣金收入"), std::string::npos) << zh.output;
}

TEST_F(CliEvaluate, RecoversAPlantedCoverageEffectOfOneBranch) {
    // A copy of the book where branch 3101's brokers call each of its clients every 5 days
    // from the start, and each call is rated 5.
    const std::string book = s_dir->file("planted.bdbook");
    {
        std::ifstream src(s_book, std::ios::binary);
        std::ofstream dst(book, std::ios::binary);
        dst << src.rdbuf();
    }
    const std::string clients = s_dir->file("clients.csv");
    auto ex = bdtest::runCli("export clients --db " + book + " --out " + clients);
    ASSERT_EQ(ex.exit_code, 0) << ex.output;
    std::ifstream in(clients);
    std::string line;
    std::getline(in, line);
    const auto head = split(line, ',');
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < head.size(); ++i) col[head[i]] = i;
    const std::string contacts = s_dir->file("contacts.csv");
    std::ofstream out(contacts);
    out << "client_id,broker_id,contact_time,channel,direction,outcome,satisfaction\n";
    std::size_t treated = 0;
    while (std::getline(in, line)) {
        const auto f = split(line, ',');
        if (f.size() <= col["open_date"] || f[col["branch_id"]] != "3101") continue;
        ++treated;
        for (int day = 2; day < 181; day += 5)
            out << f[col["client_id"]] << ',' << f[col["broker_id"]] << ','
                << bd::Date::fromYmd(2025, 11, 1).addDays(day).toString()
                << " 10:00:00,phone,outbound,reached,5\n";
    }
    out.close();
    ASSERT_GT(treated, 100u);
    auto imp = bdtest::runCli("import --db " + book + " --contacts " + contacts);
    ASSERT_EQ(imp.exit_code, 0) << imp.output;

    const std::string cmd = "evaluate --db " + book +
                            " --start 2025-11-01 --treated branch:3101 "
                            "--json --resamples 300";
    auto r = bdtest::runCli(cmd);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("\"comparison\": true"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\"caveats\": []"), std::string::npos) << r.output;
    EXPECT_EQ(verdictOf(r.output, "coverage"), "rose") << r.output;
    EXPECT_EQ(verdictOf(r.output, "satisfaction"), "rose") << r.output;
    EXPECT_NE(outcomeLine(r.output, "coverage").find("the programme most likely raised it"),
              std::string::npos)
        << r.output;
    // Deterministic: the same command prints the same figures.
    auto again = bdtest::runCli(cmd);
    // (the JSON only: the timing line on stderr varies)
    EXPECT_EQ(again.output.substr(again.output.find('{')), r.output.substr(r.output.find('{')));
    // On the book without the planted calls, the branch's coverage shows no such rise.
    auto before =
        bdtest::runCli("evaluate --db " + s_book +
                       " --start 2025-11-01 --treated branch:3101 --json --resamples 300");
    ASSERT_EQ(before.exit_code, 0) << before.output;
    EXPECT_NE(verdictOf(before.output, "coverage"), "rose") << before.output;
}

TEST_F(CliEvaluate, RefusesWhatItCannotSupport) {
    // Before the book's history.
    auto early = bdtest::runCli("evaluate --db " + s_book + " --start 2024-01-01 --months 6");
    EXPECT_EQ(early.exit_code, 2) << early.output;
    EXPECT_NE(early.output.find("history starts on"), std::string::npos) << early.output;
    // After it.
    auto late = bdtest::runCli("evaluate --db " + s_book + " --start 2026-08-01");
    EXPECT_EQ(late.exit_code, 2) << late.output;
    EXPECT_NE(late.output.find("history ends on"), std::string::npos) << late.output;
    // A group nobody is in; groups that overlap.
    auto nobody =
        bdtest::runCli("evaluate --db " + s_book + " --start 2025-11-01 --treated branch:9999");
    EXPECT_EQ(nobody.exit_code, 2) << nobody.output;
    EXPECT_NE(nobody.output.find("no client of the treated group"), std::string::npos)
        << nobody.output;
    auto overlap = bdtest::runCli("evaluate --db " + s_book +
                                  " --start 2025-11-01 --treated branch:3101 --compare "
                                  "branch:3101,3102");
    EXPECT_EQ(overlap.exit_code, 2) << overlap.output;
    EXPECT_NE(overlap.output.find("must not overlap"), std::string::npos) << overlap.output;
    // Usage.
    EXPECT_EQ(bdtest::runCli("evaluate --db " + s_book + " --start 2025-13-01").exit_code, 1);
    EXPECT_EQ(
        bdtest::runCli("evaluate --db " + s_book + " --start 2025-11-01 --treated x:1").exit_code,
        1);
}

TEST_F(CliEvaluate, CompareAloneNamesTheGroupNotOnTheProgrammeEveryoneElseIsOnIt) {
    auto r = bdtest::runCli("evaluate --db " + s_book +
                            " --start 2025-11-01 --compare branch:3101 --resamples 50 --json");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("\"comparison\": true"), std::string::npos) << r.output;
    // --treated still works beside it.
    auto swapped = bdtest::runCli("evaluate --db " + s_book +
                                  " --start 2025-11-01 --compare branch:3101 --treated "
                                  "branch:3102 --resamples 50 --json");
    EXPECT_EQ(swapped.exit_code, 0) << swapped.output;
}

TEST_F(CliEvaluate, SegmentsOfTheNewestRefresh) {
    // Never refreshed: no segments to choose from.
    auto none =
        bdtest::runCli("evaluate --db " + s_book + " --start 2025-11-01 --treated segment:1");
    EXPECT_EQ(none.exit_code, 2) << none.output;
    EXPECT_NE(none.output.find("no segmentation yet"), std::string::npos) << none.output;
    const std::string book = s_dir->file("segmented.bdbook");
    {
        std::ifstream src(s_book, std::ios::binary);
        std::ofstream dst(book, std::ios::binary);
        dst << src.rdbuf();
    }
    auto refresh = bdtest::runCli("refresh --db " + book);
    ASSERT_EQ(refresh.exit_code, 0) << refresh.output;
    auto one = bdtest::runCli("evaluate --db " + book +
                              " --start 2025-11-01 --treated segment:1 --compare segment:2 "
                              "--resamples 100 --json");
    ASSERT_EQ(one.exit_code, 0) << one.output;
    EXPECT_NE(one.output.find("\"comparison\": true"), std::string::npos) << one.output;
    EXPECT_EQ(outcomeLine(one.output, "commission").find("\"n_treated\": 0,"), std::string::npos)
        << one.output;
}
