// End to end: `refresh` prints the segments, `export segments` writes one row per segment with
// its profile, `export scores` fills every client's segment, `policy` lists and edits.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/run.h"
#include "support/tempdir.h"

namespace {

/// The file's books and exports in a directory of this process's own, removed at exit: CTest
/// runs each test in a process of its own, side by side, and each builds the suite's book.
std::string tempPath(const std::string& name) {
    static const bdtest::TempDir dir("cli_segments");
    return dir.file(name);
}

std::vector<std::vector<std::string>> readCsv(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (rows.empty() && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3); // BOM
        // The fields checked here never contain quotes; quoted fields are unquoted simply.
        std::vector<std::string> row;
        std::string field;
        bool quoted = false;
        for (char c : line) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                row.push_back(field);
                field.clear();
            } else {
                field += c;
            }
        }
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    ADD_FAILURE() << "no column " << name;
    return 0;
}

/// A refreshed 400-client demo book shared by the tests.
class CliSegments : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        s_book = new std::string(tempPath("bd_cli_segments.bdbook"));
        for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(*s_book + s);
        auto demo = bdtest::runCli("demo --db " + *s_book + " --clients 400 --seed 3");
        ASSERT_EQ(demo.exit_code, 0) << demo.output;
        auto r = bdtest::runCli("refresh --db " + *s_book);
        ASSERT_EQ(r.exit_code, 0) << r.output;
        s_refreshOutput = new std::string(r.output);
    }
    static void TearDownTestSuite() {
        delete s_book;
        delete s_refreshOutput;
    }
    static std::string* s_book;
    static std::string* s_refreshOutput;
};
std::string* CliSegments::s_book = nullptr;
std::string* CliSegments::s_refreshOutput = nullptr;

TEST_F(CliSegments, ExportSegmentsHasOneRowPerSegmentWithProfile) {
    const std::string out = tempPath("bd_cli_segments.csv");
    auto r = bdtest::runCli("export segments --headers ids --db " + *s_book + " --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto rows = readCsv(out);
    ASSERT_GE(rows.size(), 3u); // header + at least 2 segments
    const auto& h = rows[0];
    const std::vector<std::string> leading{
        "segment_id",   "segment_name",    "segment_name_zh",   "clients",     "share_of_clients",
        "share_of_aum", "share_of_profit", "relationship_type", "cadence_days"};
    ASSERT_GE(h.size(), leading.size());
    for (std::size_t i = 0; i < leading.size(); ++i) EXPECT_EQ(h[i], leading[i]);
    for (const char* mean : {"mean_aum", "mean_commission_12m", "mean_profit_12m", "mean_clv_12m",
                             "mean_trades_12m", "mean_tenure_days"})
        column(h, mean);
    const std::map<std::string, std::string> cadence{{"basic", "365"},
                                                     {"reactive", "120"},
                                                     {"accountable", "60"},
                                                     {"proactive", "30"},
                                                     {"partnership", "14"}};
    long clients = 0;
    double profitShare = 0;
    std::set<std::string> ids;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        ASSERT_EQ(row.size(), h.size());
        ids.insert(row[0]);
        EXPECT_FALSE(row[1].empty());
        clients += std::stol(row[3]);
        profitShare += std::stod(row[6]);
        ASSERT_TRUE(cadence.count(row[7])) << row[7];
        EXPECT_EQ(row[8], cadence.at(row[7])); // default policy of the segment's type
        EXPECT_FALSE(row[column(h, "mean_aum")].empty());
    }
    EXPECT_EQ(ids.size(), rows.size() - 1);
    EXPECT_EQ(clients, 400);
    EXPECT_NEAR(profitShare, 1.0, 1e-3);

    // refresh printed the same segments.
    for (std::size_t i = 1; i < rows.size(); ++i)
        EXPECT_NE(s_refreshOutput->find(rows[i][1]), std::string::npos) << *s_refreshOutput;
    EXPECT_NE(s_refreshOutput->find("segmentation"), std::string::npos);
}

TEST_F(CliSegments, ExportScoresFillsTheSegmentColumns) {
    const std::string segOut = tempPath("bd_cli_segments2.csv");
    ASSERT_EQ(bdtest::runCli("export segments --headers ids --db " + *s_book + " --out " + segOut)
                  .exit_code,
              0);
    std::map<std::string, std::pair<std::string, std::string>> segs; // id -> (name, type)
    for (const auto& row : readCsv(segOut)) segs[row[0]] = {row[1], row[7]};

    const std::string out = tempPath("bd_cli_segment_scores.csv");
    auto r = bdtest::runCli("export scores --headers ids --db " + *s_book + " --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto rows = readCsv(out);
    ASSERT_EQ(rows.size(), 401u);
    const auto& h = rows[0];
    const std::size_t id = column(h, "segment_id"), name = column(h, "segment_name"),
                      type = column(h, "relationship_type");
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        ASSERT_TRUE(segs.count(row[id])) << "client row " << i << " segment '" << row[id] << "'";
        EXPECT_EQ(row[name], segs[row[id]].first);
        EXPECT_EQ(row[type], segs[row[id]].second);
    }
}

TEST_F(CliSegments, PolicyListsAndEdits) {
    auto list = bdtest::runCli("policy --db " + *s_book);
    ASSERT_EQ(list.exit_code, 0) << list.output;
    for (const char* t : {"basic", "reactive", "accountable", "proactive", "partnership"})
        EXPECT_NE(list.output.find(t), std::string::npos) << list.output;

    auto edit = bdtest::runCli("policy --db " + *s_book +
                               " --type reactive --cadence-days 90 --channels wechat,phone");
    ASSERT_EQ(edit.exit_code, 0) << edit.output;
    EXPECT_NE(edit.output.find("90 d"), std::string::npos) << edit.output;
    EXPECT_NE(edit.output.find("wechat,phone"), std::string::npos) << edit.output;
    auto again = bdtest::runCli("policy --db " + *s_book + " --type 被动型");
    EXPECT_NE(again.output.find("90 d"), std::string::npos) << again.output;

    EXPECT_EQ(bdtest::runCli("policy --db " + *s_book + " --type vip").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("policy --db " + *s_book + " --cadence-days 5").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("policy --db " + *s_book + " --type basic --channels fax").exit_code,
              2);
    auto reset = bdtest::runCli("policy --db " + *s_book + " --type reactive --reset");
    ASSERT_EQ(reset.exit_code, 0) << reset.output;
    EXPECT_NE(reset.output.find("120 d"), std::string::npos) << reset.output;
}

TEST(CliSegmentsEmpty, ExportSegmentsBeforeRefreshSaysWhatToDo) {
    const std::string book = tempPath("bd_cli_segments_empty.bdbook");
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(book + s);
    ASSERT_EQ(bdtest::runCli("init --db " + book).exit_code, 0);
    auto r = bdtest::runCli("export segments --db " + book + " --out " +
                            tempPath("bd_cli_segments_empty.csv"));
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("refresh"), std::string::npos) << r.output;
}

} // namespace
