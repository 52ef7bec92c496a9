#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "storage/schema/schema.h"
#include "support/run.h"
#include "support/tempdir.h"
#include "support/valuebook.h"

using namespace bd;

namespace {

std::string tempPath(const std::string& name) {
    return (bdtest::scratchDir() / name).string();
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (out.empty() && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3); // BOM
        out.push_back(line);
    }
    return out;
}

/// A 40-client book on disk: brokers B1 (BR1), B2 (BR1), B3 (BR2); value grows with the index.
std::string makeBook(const std::string& name) {
    const std::string path = tempPath(name);
    std::filesystem::remove(path);
    bdtest::ValueBook b(path);
    const Date a = Date::fromYmd(2024, 6, 28);
    for (int i = 0; i < 40; ++i) {
        const char* broker = i % 3 == 0 ? "B1" : (i % 3 == 1 ? "B2" : "B3");
        auto ref = b.client("C" + std::to_string(100 + i), Date::fromYmd(2020, 1, 1), broker);
        for (int d = 0; d < 1 + i / 4; ++d)
            b.trade(ref, bdtest::at(a.addDays(-7 * d - (i % 5))), 10'000.0 * (i + 1),
                    5.0 * (i + 1));
        b.snapshot(ref, a.addDays(-1), 1000.0 * i, 20'000.0 * (40 - i));
        if (i == 39) b.contact(ref, bdtest::at(a.addDays(-3)), ContactChannel::Visit, 5);
    }
    return path;
}

} // namespace

TEST(CliRefresh, PrintsSummaryAndStoresRun) {
    const std::string book = makeBook("bd_cli_refresh.bdbook");
    auto r = bdtest::runCli("refresh --db " + book + " --as-of 2024-06-28");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("as of 2024-06-28"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("clients: 40"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("VIPs (firm, top 5%): 2"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("top 1%"), std::string::npos);
    EXPECT_NE(r.output.find("stage timings"), std::string::npos);
    auto stats = bdtest::runCli("stats --db " + book);
    EXPECT_NE(stats.output.find("\"analytics_runs\": 1"), std::string::npos) << stats.output;
}

TEST(CliRefresh, UsageErrors) {
    const std::string book = makeBook("bd_cli_refresh_usage.bdbook");
    EXPECT_EQ(bdtest::runCli("refresh").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("refresh --db " + book + " --as-of 2024-13-01").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("refresh --db /nonexistent/x.bdbook").exit_code, 3);
    // Exports before any refresh explain what to do.
    auto e = bdtest::runCli("export scores --db " + book + " --out " + tempPath("bd_s0.csv"));
    EXPECT_EQ(e.exit_code, 3);
    EXPECT_NE(e.output.find("refresh"), std::string::npos);
}

TEST(CliRefresh, ScoresExportHasExactColumns) {
    const std::string book = makeBook("bd_cli_scores.bdbook");
    ASSERT_EQ(bdtest::runCli("refresh --db " + book + " --as-of 2024-06-28").exit_code, 0);
    const std::string out = tempPath("bd_cli_scores.csv");
    auto r = bdtest::runCli("export scores --headers ids --db " + book + " --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(readFile(out).rfind("\xEF\xBB\xBF", 0), 0u); // for Excel: UTF-8 with a BOM
    const auto rows = lines(readFile(out));
    ASSERT_EQ(rows.size(), 41u);
    EXPECT_EQ(rows[0], "client_id,broker_id,branch_id,aum,trades_12m,commission_12m,interest_12m,"
                       "handling_cost_12m,service_cost_12m,maintenance_12m,profit_12m,recency_days,"
                       "frequency,p_alive,expected_trades_12m,clv_12m,value_score,value_rank,vip,"
                       "aum_rich_low_value,segment_id,segment_name,relationship_type,churn_risk");
    // Rows come in rank order; the top of the ranking is one of the heavy traders.
    EXPECT_EQ(rows[1].substr(0, 3), "C13");
    int vips = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        // Split on commas outside quotes (segment names such as "Asset-rich, inactive" are quoted).
        std::vector<std::string> f{""};
        bool quoted = false;
        for (char c : rows[i]) {
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
                f.emplace_back();
            else
                f.back() += c;
        }
        ASSERT_EQ(f.size(), 24u) << rows[i];
        EXPECT_EQ(f[17], std::to_string(i)); // value_rank
        EXPECT_TRUE(f[18] == "0" || f[18] == "1");
        vips += f[18] == "1";
        for (int money : {3, 5, 6, 7, 8, 9, 10, 15}) {
            const auto dot = f[static_cast<std::size_t>(money)].find('.');
            ASSERT_NE(dot, std::string::npos) << f[static_cast<std::size_t>(money)];
            EXPECT_EQ(f[static_cast<std::size_t>(money)].size() - dot, 3u); // 2 decimals
        }
        // Segment columns: every client of a refreshed book has a segment and its Kotler type.
        EXPECT_FALSE(f[20].empty() || f[21].empty()) << rows[i];
        EXPECT_TRUE(f[22] == "basic" || f[22] == "reactive" || f[22] == "accountable" ||
                    f[22] == "proactive" || f[22] == "partnership")
            << f[22];
    }
    EXPECT_EQ(vips, 2); // ceil(40 x 5%)
}

namespace {

/// client ids of the scores export in rank order, filtered by broker or branch ("" = all).
std::vector<std::string> rankedIds(const std::string& csv, int column, const std::string& value) {
    std::vector<std::string> ids;
    const auto rows = lines(readFile(csv));
    for (std::size_t i = 1; i < rows.size(); ++i) {
        std::vector<std::string> f;
        std::stringstream ss(rows[i]);
        std::string cell;
        while (std::getline(ss, cell, ',')) f.push_back(cell);
        if (value.empty() || f[static_cast<std::size_t>(column)] == value) ids.push_back(f[0]);
    }
    return ids;
}

std::string idOf(const std::string& vipRow) {
    const auto a = vipRow.find(',');
    return vipRow.substr(a + 1, vipRow.find(',', a + 1) - a - 1);
}

} // namespace

TEST(CliRefresh, VipExportPerScope) {
    const std::string book = makeBook("bd_cli_vip.bdbook");
    ASSERT_EQ(bdtest::runCli("refresh --db " + book + " --as-of 2024-06-28").exit_code, 0);
    const std::string scores = tempPath("bd_cli_vip_scores.csv");
    ASSERT_EQ(bdtest::runCli("export scores --db " + book + " --out " + scores).exit_code, 0);
    const std::string out = tempPath("bd_cli_vip.csv");
    auto firm = bdtest::runCli("export vip --headers ids --db " + book + " --out " + out);
    ASSERT_EQ(firm.exit_code, 0) << firm.output;
    auto rows = lines(readFile(out));
    ASSERT_EQ(rows.size(), 3u); // header + ceil(40 x 5%)
    EXPECT_EQ(rows[0], "rank,client_id,name,broker_id,branch_id,value_score,profit_12m,clv_12m,aum,"
                       "p_alive,explanation");
    const auto all = rankedIds(scores, 0, "");
    EXPECT_EQ(rows[1].substr(0, 2), "1,");
    EXPECT_EQ(idOf(rows[1]), all[0]);
    EXPECT_EQ(idOf(rows[2]), all[1]);
    // Branch BR2 = broker B3's 13 clients: ceil(13 x 5%) = 1, the branch's best.
    ASSERT_EQ(
        bdtest::runCli("export vip --db " + book + " --scope branch:BR2 --out " + out).exit_code,
        0);
    rows = lines(readFile(out));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(idOf(rows[1]), rankedIds(scores, 2, "BR2")[0]);
    // broker:B1 with the top 20%: 14 clients -> ceil(2.8) = 3.
    ASSERT_EQ(bdtest::runCli("export vip --db " + book +
                             " --scope broker:B1 --top-percent 20 --out " + out)
                  .exit_code,
              0);
    rows = lines(readFile(out));
    ASSERT_EQ(rows.size(), 4u);
    const auto b1 = rankedIds(scores, 1, "B1");
    for (std::size_t k = 1; k <= 3; ++k) {
        EXPECT_EQ(rows[k].substr(0, 2), std::to_string(k) + ",");
        EXPECT_EQ(idOf(rows[k]), b1[k - 1]);
    }
    EXPECT_EQ(bdtest::runCli("export vip --db " + book + " --scope team:X --out " + out).exit_code,
              1);
    EXPECT_EQ(
        bdtest::runCli("export vip --db " + book + " --scope broker:NOPE --out " + out).exit_code,
        2);
    EXPECT_EQ(bdtest::runCli("export vip --db " + book + " --top-percent 0 --out " + out).exit_code,
              1);
    // Explanations in the chosen language; anything but zh or en is a usage error.
    ASSERT_EQ(bdtest::runCli("export vip --db " + book + " --lang zh --out " + out).exit_code, 0);
    rows = lines(readFile(out));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_NE(rows[1].find("活跃概率"), std::string::npos) << rows[1];
    EXPECT_EQ(rows[1].find("p_alive"), std::string::npos) << rows[1];
    auto bad = bdtest::runCli("export vip --db " + book + " --lang fr --out " + out);
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.output.find("--lang"), std::string::npos) << bad.output;
}

TEST(CliRefresh, ABookAnotherProgramIsWritingIsWaitedForThenReportedPlainly) {
    const std::string book = makeBook("bd_cli_refresh_busy.bdbook");
    {
        // Another program holds the book for writing (a write transaction left open).
        auto other = storage::openBook(book);
        ASSERT_TRUE(other.ok());
        ASSERT_TRUE(other->exec("BEGIN IMMEDIATE").ok());
        ::setenv("BROKERDESK_WAIT", "1", 1);
        const auto t0 = std::chrono::steady_clock::now();
        auto r = bdtest::runCli("refresh --db " + book + " --as-of 2024-06-28");
        const double waited =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        ::unsetenv("BROKERDESK_WAIT");
        EXPECT_EQ(r.exit_code, 3) << r.output;
        EXPECT_NE(r.output.find("brokerdesk-cli refresh: the book " + book +
                                " is being written by another program; refresh waited 1 s"),
                  std::string::npos)
            << r.output;
        EXPECT_NE(r.output.find("without changing anything"), std::string::npos) << r.output;
        EXPECT_GE(waited, 1.0); // it did wait
        ASSERT_TRUE(other->exec("ROLLBACK").ok());
    }
    // Nothing was stored; once the other program is done, it runs.
    auto stats = bdtest::runCli("stats --db " + book);
    EXPECT_NE(stats.output.find("\"analytics_runs\": 0"), std::string::npos) << stats.output;
    EXPECT_EQ(bdtest::runCli("refresh --db " + book + " --as-of 2024-06-28").exit_code, 0);
}
