// End to end: `brokerdesk-cli plan`, `export calllist`, `log-contact` and `coverage` on the
// hand-built plan book (tests/support/planbook.h) written to a temp file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include "support/englishwords.h"
#include "support/planbook.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

std::string tempPath(const std::string& name) {
    return (bdtest::scratchDir() / ("bd_cli_plan_" + name)).string();
}

/// The one-client-per-trigger book at a fresh temp path, plus a client whose name is a formula
/// and what `more` adds.
std::string makeBook(const std::string& name,
                     const std::function<void(bdtest::PlanBook&)>& more = {}) {
    const std::string path = tempPath(name + ".bdbook");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    bdtest::PlanBook book(path);
    book.addOnePerTrigger();
    bdtest::PlanBook::ClientSpec evil;
    evil.id = "EVIL";
    evil.name = "=HYPERLINK(\"http://x\")";
    evil.phone = "13900001111";
    book.client(evil);
    book.contact("EVIL", 45); // cadence overdue
    if (more) more(book);
    return path;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(CliPlan, HelpForEachCommand) {
    for (const char* cmd : {"plan", "log-contact", "coverage", "deadlines"}) {
        auto r = bdtest::runCli(std::string(cmd) + " --help");
        EXPECT_EQ(r.exit_code, 0) << r.output;
        EXPECT_NE(r.output.find("--db"), std::string::npos) << cmd;
    }
    auto r = bdtest::runCli("export --help");
    EXPECT_NE(r.output.find("calllist"), std::string::npos);
    EXPECT_NE(r.output.find("--lang"), std::string::npos);
}

TEST(CliPlan, PlanPrintsDaysAndReasons) {
    const std::string db = makeBook("summary");
    auto r = bdtest::runCli("plan --db " + db + " --date 2026-11-20");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("2026-11-20 .. 2026-12-03"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("planned 11"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("2026-11-20 Fri"), std::string::npos);
    EXPECT_NE(r.output.find("holdings above the client's risk level 1;"), std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find("suitability_mismatch"), std::string::npos) << r.output; // no ids

    // With capacity 1 a day for 2 days: the promise for 11-25 is not due within the horizon,
    // 2 of the other 10 are planned and 8 dropped, each listed with its reason. Three deadlines
    // fall in the horizon (outflow and complaint on day 1, large loss by day 2): the outflow and
    // the loss keep theirs, the complaint misses its deadline (one call a day) and is dropped so.
    r = bdtest::runCli("plan --db " + db + " --date 2026-11-20 --days 2 --capacity 1");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("with a reason to call 10 · planned 2 "), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("deadlines in the horizon 3 · met 2 · missed 1 (complaint not yet "
                            "followed up 1)"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("dropped by reason: capacity 7; deadline missed 1;"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("deadline 2026-11-20 (complaint not yet followed up) missed"),
              std::string::npos)
        << r.output;
    r = bdtest::runCli("plan --db " + db +
                       " --date 2026-11-20 --days 2 --capacity 1 "
                       "--deadline complaint=0");
    EXPECT_EQ(r.exit_code, 2) << r.output; // out of range: refused, the range named
    EXPECT_NE(r.output.find("1 to 60"), std::string::npos) << r.output;
    r = bdtest::runCli("plan --db " + db + " --date 2026-11-20 --days 2 --capacity 1");
    EXPECT_NE(r.output.find("8 of 8"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("higher-priority calls fill broker B1"), std::string::npos);

    r = bdtest::runCli("plan --db " + db + " --days 0");
    EXPECT_EQ(r.exit_code, 1);
    r = bdtest::runCli("plan --db " + db + " --date 2026-13-01");
    EXPECT_EQ(r.exit_code, 1);
}

TEST(CliPlan, CallListCsvIsExcelSafe) {
    const std::string db = makeBook("csv");
    ASSERT_EQ(bdtest::runCli("plan --db " + db + " --date 2026-11-20").exit_code, 0);
    const std::string out = tempPath("csv.csv");
    std::filesystem::remove(out);
    auto r = bdtest::runCli("export calllist --db " + db +
                            " --broker B1 --date 2026-11-20 --days 10 --mask --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const std::string csv = readFile(out);
    ASSERT_GE(csv.size(), 3u);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(csv.substr(3, csv.find("\r\n") - 3),
              "date,priority,client_id,name,phone,channel,time_window,reasons,value_tier,"
              "last_contact,segment_name,talking_points");
    EXPECT_EQ(csv.find('\n'), csv.find("\r\n") + 1); // CRLF line ends
    EXPECT_NE(csv.find("138****5678"), std::string::npos);
    EXPECT_EQ(csv.find("13812345678"), std::string::npos);
    EXPECT_NE(csv.find("139****1111"), std::string::npos);
    EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << csv;
    EXPECT_NE(csv.find("promised to follow up on 2026-11-25"), std::string::npos);
    EXPECT_NE(csv.find("High value"), std::string::npos);
    std::size_t lines = 0;
    for (std::size_t p = csv.find("\r\n"); p != std::string::npos; p = csv.find("\r\n", p + 2))
        ++lines;
    EXPECT_EQ(lines, 12u); // header + 11 calls

    // Chinese, unmasked, one day only.
    const std::string zh = tempPath("csv_zh.csv");
    r = bdtest::runCli("export calllist --db " + db +
                       " --broker B1 --date 2026-11-25 --lang zh --out " + zh);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const std::string csvZh = readFile(zh);
    EXPECT_NE(csvZh.find("日期,优先级,客户号"), std::string::npos);
    EXPECT_NE(csvZh.find("已约定2026-11-25跟进"), std::string::npos);
    EXPECT_NE(csvZh.find("13812345678"), std::string::npos);
    EXPECT_EQ(csvZh.find("2026-11-20,"), std::string::npos); // other days are not on it
}

TEST(CliPlan, CallListXlsxAndPdf) {
    const std::string db = makeBook("xlsx");
    const std::string out = tempPath("list.xlsx");
    std::filesystem::remove(out);
    // No plan yet: the export plans the book first.
    auto r = bdtest::runCli("export calllist --db " + db +
                            " --broker B1 --date 2026-11-20 --days 10 --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const std::string x = readFile(out);
    ASSERT_GE(x.size(), 4u);
    EXPECT_EQ(x.substr(0, 4), std::string("PK\x03\x04", 4));

    const std::string pdf = tempPath("list.pdf");
    std::filesystem::remove(pdf);
    r = bdtest::runCli("export calllist --db " + db + " --broker B1 --date 2026-11-20 --out " +
                       pdf);
    if (r.exit_code == 0) {
        EXPECT_EQ(readFile(pdf).substr(0, 5), "%PDF-");
    } else {
        EXPECT_EQ(r.exit_code, 1);
        EXPECT_NE(r.output.find("PDF output not available"), std::string::npos) << r.output;
    }

    // A broker the book does not know: the phrasebook's UnknownBroker, naming the service
    // desk's queue as the id to give instead, in the reader's language.
    r = bdtest::runCli("export calllist --db " + db + " --broker NOPE --out " + out);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_EQ(r.output,
              "brokerdesk-cli: unknown broker 'NOPE' (the service desk's queue: service-desk)\n");
    r = bdtest::runCli("export calllist --db " + db + " --broker NOPE --lang zh --out " + out);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_EQ(r.output, "brokerdesk-cli: 客户经理“NOPE”不存在（服务台队列的编号为service-desk）\n");
    r = bdtest::runCli("export calllist --db " + db + " --broker B1 --out " + tempPath("x.txt"));
    EXPECT_EQ(r.exit_code, 1);
    r = bdtest::runCli("export calllist --db " + db + " --broker B1 --lang fr --out " + out);
    EXPECT_EQ(r.exit_code, 1);
}

// The notes a call list's export gives about the plan it reads are the phrasebook's, in the
// list's language: a book never planned is planned first; days the stored plan does not cover
// are named, with the command that plans them.
TEST(CliPlan, ACallListsNotesOnThePlanAreInItsLanguage) {
    const std::string db = makeBook("notes");
    const std::string out = tempPath("notes.csv");
    auto r = bdtest::runCli("export calllist --db " + db +
                            " --broker B1 --date 2026-11-20 --lang zh --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("尚无计划：已按2026-11-20排定"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("no plan yet"), std::string::npos) << r.output;
    r = bdtest::runCli("export calllist --db " + db +
                       " --broker B1 --date 2027-03-01 --lang zh --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("提示：现有计划（按2026-11-20排定）只覆盖2026-11-20至"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("请运行 brokerdesk-cli plan"), std::string::npos) << r.output;
    r = bdtest::runCli("export calllist --db " + db + " --broker B1 --date 2027-03-01 --out " +
                       out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("note: the stored plan (as of 2026-11-20) covers 2026-11-20 .. "),
              std::string::npos)
        << r.output;
}

TEST(CliPlan, LogContactNoAnswerTwiceSwitchesChannel) {
    const std::string db = makeBook("log");
    ASSERT_EQ(bdtest::runCli("plan --db " + db + " --date 2026-11-20").exit_code, 0);
    auto r = bdtest::runCli("log-contact --db " + db +
                            " --client CAD --channel phone --outcome no_answer --at "
                            "'2026-11-20 10:00'");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("retry 2026-11-23 by phone"), std::string::npos) << r.output;
    r = bdtest::runCli("log-contact --db " + db +
                       " --client CAD --channel phone --outcome no_answer --at '2026-11-23 "
                       "10:00'");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("retry 2026-11-24 by wechat (channel switched)"), std::string::npos)
        << r.output;

    const std::string out = tempPath("log.csv");
    r = bdtest::runCli("export calllist --db " + db + " --broker B1 --date 2026-11-24 --out " +
                       out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const std::string csv = readFile(out);
    EXPECT_NE(csv.find("CAD,Client CAD,13812345678,WeChat"), std::string::npos) << csv;

    r = bdtest::runCli("log-contact --db " + db +
                       " --client CAD --channel wechat --outcome reached --satisfaction 5 "
                       "--next 2026-12-05 --notes 'happy again' --at '2026-11-24 09:00'");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("completed"), std::string::npos);
    EXPECT_NE(r.output.find("promised follow-up booked on 2026-12-07"), std::string::npos)
        << r.output;

    r = bdtest::runCli("log-contact --db " + db +
                       " --client NOPE --channel phone --outcome "
                       "reached");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    r = bdtest::runCli("log-contact --db " + db + " --client CAD --channel fax --outcome reached");
    EXPECT_EQ(r.exit_code, 1) << r.output;
}

TEST(CliPlan, DeadlinesListSetAndReset) {
    const std::string db = makeBook("deadlines");
    auto r = bdtest::runCli("deadlines --db " + db);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("asset_outflow"), std::string::npos) << r.output;
    r = bdtest::runCli("deadlines --db " + db + " --set large_loss=3,birthday=1");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(
        r.output.find("large_loss             large loss                           2       3"),
        std::string::npos)
        << r.output;
    r = bdtest::runCli("deadlines --db " + db + " --set birthday=21");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("0 to 20"), std::string::npos) << r.output;
    r = bdtest::runCli("deadlines --db " + db + " --set outflow=1");
    EXPECT_EQ(r.exit_code, 1) << r.output; // names the kinds
    EXPECT_NE(r.output.find("asset_outflow"), std::string::npos) << r.output;
    r = bdtest::runCli("deadlines --db " + db + " --reset all");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(
        r.output.find("large_loss             large loss                           2       2"),
        std::string::npos)
        << r.output;
}

// Issue 17: `deadlines --lang zh` heads its table and says how each deadline counts in Chinese;
// the kinds' keys stay (--set takes them); English reads as before.
TEST(CliPlan, DeadlinesReadInTheLanguageAsked) {
    const std::string db = makeBook("deadlines_lang");
    auto en = bdtest::runCli("deadlines --db " + db);
    ASSERT_EQ(en.exit_code, 0) << en.output;
    EXPECT_EQ(en.output.rfind(
                  "kind" + std::string(50, ' ') + "default current  counted as (allowed)\n", 0),
              0u)
        << en.output;
    EXPECT_NE(en.output.find("by working day N of the plan (1..60; 1 = the first day)"),
              std::string::npos)
        << en.output;
    EXPECT_NE(en.output.find("working days after its date ("), std::string::npos) << en.output;
    auto zh = bdtest::runCli("deadlines --db " + db + " --lang zh");
    ASSERT_EQ(zh.exit_code, 0) << zh.output;
    for (const std::string words :
         {"类型", "计算方式（允许范围）", "计划的第N个工作日之前（1..60；1＝第一天）",
          "其日期之后的工作日数（"})
        EXPECT_NE(zh.output.find(words), std::string::npos) << words << "\n" << zh.output;
    // Each line's first word is the kind's key; the rest reads in Chinese.
    std::string rest;
    for (std::size_t at = 0; at < zh.output.size();) {
        const auto end = zh.output.find('\n', at);
        const std::string line = zh.output.substr(at, end - at);
        rest += line.substr(std::min(line.size(), line.find(' '))) + "\n";
        at = end == std::string::npos ? zh.output.size() : end + 1;
    }
    EXPECT_EQ(bdtest::englishWords(rest), std::vector<std::string>{}) << zh.output;
    EXPECT_EQ(bdtest::runCli("deadlines --db " + db + " --lang fr").exit_code, 1);
}

TEST(CliPlan, CoverageTableAndJson) {
    const std::string path = tempPath("coverage.bdbook");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    {
        bdtest::PlanBook book(path);
        bdtest::PlanBook::ClientSpec c;
        c.id = "A1";
        book.client(c);
        book.contact("A1", 5);
        c.id = "V1";
        c.vip = true;
        c.name = "王五";
        book.client(c);
        book.contact("V1", 45);
    }
    auto r = bdtest::runCli("coverage --db " + path + " --date 2026-11-20");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("50.0%"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("neglected VIPs (1)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("V1"), std::string::npos);

    r = bdtest::runCli("coverage --db " + path + " --date 2026-11-20 --json");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("\"total\": {\"id\": \"total\", \"clients\": 2, \"covered\": 1, "
                            "\"share\": 0.5000"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("\"client_id\": \"V1\", \"name\": \"王五\""), std::string::npos);
    EXPECT_NE(r.output.find("\"days_since\": 45"), std::string::npos);
}

// Issue 17: with --lang zh the coverage report reads in Chinese (headings, the total, the
// neglected VIPs, the deadlines the plan misses); English keeps its words, which scripts read.
TEST(CliPlan, CoverageReadsInTheLanguageAsked) {
    const std::string db = makeBook("coverage_lang", [](bdtest::PlanBook& book) {
        bdtest::PlanBook::ClientSpec v;
        v.id = "V1";
        v.name = "王五";
        v.vip = true;
        book.client(v);
        book.contact("V1", 45);
    });
    // One call a day for two days: the complaint's deadline is missed.
    ASSERT_EQ(
        bdtest::runCli("plan --db " + db + " --date 2026-11-20 --days 2 --capacity 1").exit_code,
        0);
    auto en = bdtest::runCli("coverage --db " + db + " --date 2026-11-20");
    ASSERT_EQ(en.exit_code, 0) << en.output;
    for (const std::string& line : std::vector<std::string>{
             "coverage as of 2026-11-20 (clients with a proactive cadence; covered = contacted, "
             "or opened, within the cadence; deadlines = deadlines the newest plan misses)\n",
             "broker        clients  covered   share  overdue   VIPs  neglected deadlines\n",
             "branch        clients  covered   share  overdue   VIPs  neglected deadlines\n",
             "\ntotal     ",
             "\nneglected VIPs (1), most overdue first:\n",
             "  V1           王五             broker B1       cadence  30 d, last contact "
             "2026-10-06 "
             "(45 days ago)\n",
             "\ndeadlines the plan of 2026-11-20 misses (1), earliest first:\n  COMP ",
         })
        EXPECT_NE(en.output.find(line), std::string::npos) << line << "\n" << en.output;

    auto zh = bdtest::runCli("coverage --db " + db + " --date 2026-11-20 --lang zh");
    ASSERT_EQ(zh.exit_code, 0) << zh.output;
    for (const std::string& line : std::vector<std::string>{
             "截至2026-11-20的联系覆盖",
             "客户经理",
             "营业部",
             "合计",
             "未按期联系的VIP（1位）",
             "联系周期  30天，上次联系 2026-10-06（45天前）",
             "2026-11-20的计划错过的期限（1项）",
         })
        EXPECT_NE(zh.output.find(line), std::string::npos) << line << "\n" << zh.output;
    const std::vector<std::string> ids{"=HYPERLINK(\"http://x\")",
                                       "CAD",
                                       "COMP",
                                       "LOSS",
                                       "OUT",
                                       "PROM",
                                       "QUIET",
                                       "SAT",
                                       "BDAY",
                                       "NEW",
                                       "SLIP",
                                       "SUIT",
                                       "EVIL"};
    // The fixture names its clients "Client <id>": data, not words of the report.
    EXPECT_EQ(bdtest::englishWords(zh.output, ids, {"Client"}), std::vector<std::string>{})
        << zh.output;

    auto bad = bdtest::runCli("coverage --db " + db + " --lang fr");
    EXPECT_EQ(bad.exit_code, 1) << bad.output;
    EXPECT_NE(bad.output.find("zh or en"), std::string::npos) << bad.output;
}

} // namespace

// Every reason and channel of a Chinese call list is in Chinese: no English sentence, no key.
TEST(CliPlan, ChineseCallListHasNoEnglishWords) {
    const std::string db = makeBook("zh_words");
    ASSERT_EQ(bdtest::runCli("plan --db " + db + " --date 2026-11-20").exit_code, 0);
    const std::string out = tempPath("zh_words.csv");
    auto r = bdtest::runCli("export calllist --db " + db +
                            " --broker B1 --date 2026-11-20 --days 10 --lang zh --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const std::string csv = readFile(out);
    // Fields of each CRLF line (RFC 4180 quoting).
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 3; i < csv.size(); ++i) { // after the BOM
        const char c = csv[i];
        if (quoted && c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
            field += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (!quoted && c == '\r') {
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
            ++i; // the \n
        } else {
            field += c;
        }
    }
    rows.pop_back(); // after the last CRLF
    ASSERT_EQ(rows.size(), 12u);
    const std::regex latin("[A-Za-z]+");
    for (std::size_t k = 1; k < rows.size(); ++k) {
        ASSERT_EQ(rows[k].size(), 12u);
        for (std::size_t col : {5u, 7u}) { // channel, reasons
            EXPECT_FALSE(std::regex_search(rows[k][col], latin)) << rows[k][col];
            EXPECT_FALSE(rows[k][col].empty());
        }
        // Talking points: Chinese words (a security's code or name may be Latin, not a key).
        EXPECT_NE(rows[k][11].find("服务策略"), std::string::npos) << rows[k][11];
        EXPECT_FALSE(std::regex_search(rows[k][11], std::regex("[a-z]+_[a-z]+"))) << rows[k][11];
    }
}
