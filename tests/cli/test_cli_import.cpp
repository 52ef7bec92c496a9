// `brokerdesk-cli import` / `export <kind>` end to end: exit codes and messages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "support/englishwords.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

class CliImport : public ::testing::Test {
  protected:
    void SetUp() override {
        m_tmp.emplace("cli_import");
        m_dir = m_tmp->path();
        write("clients.csv",
              "client_id,name,broker_id,open_date\nC1,甲,B1,2020-01-02\nC2,乙,B1,2020-01-02\n");
    }
    void TearDown() override { m_tmp.reset(); }
    std::string write(const std::string& name, const std::string& text) {
        const std::string p = path(name);
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }
    std::string db() const { return " --db " + path("book.bdbook"); }

    std::optional<bdtest::TempDir>
        m_tmp; // unique per process and test: CTest runs them side by side
    std::filesystem::path m_dir;
};

TEST_F(CliImport, UsageErrors) {
    EXPECT_EQ(bdtest::runCli("import --help").exit_code, 0);
    EXPECT_EQ(bdtest::runCli("import" + db()).exit_code, 1); // no file
    EXPECT_EQ(bdtest::runCli("import" + db() + " --clients " + path("clients.csv") + " --lenient")
                  .exit_code,
              1);
    EXPECT_EQ(
        bdtest::runCli("import" + db() + " --clients " + path("clients.csv") + " --encoding latin1")
            .exit_code,
        1);
    // A language the problems cannot be worded in is refused, named, before anything is read.
    auto lang =
        bdtest::runCli("import" + db() + " --clients " + path("clients.csv") + " --lang fr");
    EXPECT_EQ(lang.exit_code, 1) << lang.output;
    EXPECT_NE(lang.output.find("zh or en"), std::string::npos) << lang.output;
}

TEST_F(CliImport, ImportReimportAndExport) {
    auto r = bdtest::runCli("import" + db() + " --clients " + path("clients.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("2 new, 0 updated, 0 unchanged, 0 rejected"), std::string::npos)
        << r.output;
    r = bdtest::runCli("import" + db() + " --clients " + path("clients.csv") + " --encoding utf-8");
    EXPECT_NE(r.output.find("0 new, 0 updated, 2 unchanged, 0 rejected"), std::string::npos)
        << r.output;
    r = bdtest::runCli("export clients" + db() + " --out " + path("out.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::ifstream in(path("out.csv"));
    std::string header;
    std::getline(in, header);
    EXPECT_EQ(
        header,
        "client_id,name,gender,birth_date,id_number,phone,email,broker_id,branch_id,open_date,"
        "risk_level,status,preferred_channel,risk_assessed_on");
}

TEST_F(CliImport, StrictRejectionPrintsEveryLocatedErrorAndExits2) {
    std::string trades =
        "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,commission\n";
    for (int i = 0; i < 60; ++i)
        trades += "T" + std::to_string(i) + ",C9,2024-01-02 09:30:00,600519.SH,buy,1,1,1,0\n";
    write("trades.csv", trades);
    auto r = bdtest::runCli("import" + db() + " --clients " + path("clients.csv") + " --trades " +
                            path("trades.csv"));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(path("trades.csv") + ":2:2: column 'client_id': unknown client"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("… and 10 more"), std::string::npos);
    EXPECT_NE(r.output.find("nothing was imported"), std::string::npos);
    auto stats = bdtest::runCli("stats" + db());
    EXPECT_NE(stats.output.find("\"clients\": 0"), std::string::npos) << stats.output;
}

// Issue 17: a bad file's problems read in the --lang, located by file, line and column (its
// header as written), the rule in the phrasebook's words; the rejects file keeps its English.
TEST_F(CliImport, ProblemsReadInChineseWithLangZh) {
    write("trades.csv",
          "成交编号,客户号,成交时间,证券代码,买卖方向,成交数量,成交价格,成交金额,佣金\n"
          "T1,C1,2024-13-01 09:30:00,600519.SH,持有,0,10,10,5\n"
          "T2,C9,2024-01-02 09:30:00,60051,买入,1,10,99,5\n");
    auto r = bdtest::runCli("import" + db() + " --clients " + path("clients.csv") + " --trades " +
                            path("trades.csv") + " --lang zh");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    const std::string file = path("trades.csv");
    for (const std::string& line : {
             file + " 第2行，第3列（成交时间）：成交时间“2024-13-01 09:30:00”不是有效的日期时间",
             file + " 第2行，第5列（买卖方向）：买卖方向“持有”无效，应为买入、卖出之一",
             file + " 第2行，第6列（成交数量）：数量“0”须大于0",
             file + " 第3行，第4列（证券代码）：证券代码“60051”不是有效的证券代码",
             file + " 第3行，第8列（成交金额）：金额“99”与数量×价格（10.00）不符",
             file + " 第3行，第2列（客户号）：客户“C9”不存在：账簿和客户文件中都没有",
         })
        EXPECT_NE(r.output.find(line), std::string::npos) << line << "\n" << r.output;
    EXPECT_EQ(r.output.find("invalid"), std::string::npos) << r.output;
    // Lenient: the rejects file's reason column stays in English (a file for the back office
    // to fix and re-import, the same whoever ran the import).
    r = bdtest::runCli("import" + db() + " --clients " + path("clients.csv") + " --trades " +
                       path("trades.csv") + " --lang zh --lenient --rejects " +
                       path("rejects.csv"));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    std::ifstream in(path("rejects.csv"));
    const std::string rejects((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    EXPECT_NE(rejects.find("unknown client (not in the book nor in the clients file)"),
              std::string::npos)
        << rejects;
}

// Issue 17: the lines around the problems (each file's counts, the columns ignored, the
// problems not printed, the run refused, the rejects written) read in the --lang; English keeps
// the words docs/formats.md quotes and scripts read.
TEST_F(CliImport, SummaryLinesReadInTheLanguageAsked) {
    std::string trades =
        "成交编号,客户号,成交时间,证券代码,买卖方向,成交数量,成交价格,成交金额,佣金,备注\n"
        "T0,C1,2024-01-02 09:30:00,600519.SH,买入,1,1,1,0,\n";
    for (int i = 1; i <= 60; ++i)
        trades += "T" + std::to_string(i) + ",C9,2024-01-02 09:30:00,600519.SH,买入,1,1,1,0,\n";
    write("trades.csv", trades);
    const std::string files =
        " --clients " + path("clients.csv") + " --trades " + path("trades.csv");
    const std::vector<std::string> paths{path("rejects.csv"), path("clients.csv"),
                                         path("trades.csv")};
    auto zh = bdtest::runCli("import" + db() + files + " --lang zh");
    EXPECT_EQ(zh.exit_code, 2) << zh.output;
    for (const std::string& line : std::vector<std::string>{
             "客户 " + path("clients.csv") + "：拒绝0行",
             "成交 " + path("trades.csv") + "：拒绝60行",
             path("trades.csv") + "：已忽略未识别的列：备注\n",
             std::string("……另有10个问题\n"),
             std::string("输入被拒绝（60个问题），未导入任何数据\n"),
         })
        EXPECT_NE(zh.output.find(line), std::string::npos) << line << "\n" << zh.output;
    EXPECT_EQ(bdtest::englishWords(zh.output, paths, {"import"}), std::vector<std::string>{})
        << zh.output;

    zh = bdtest::runCli("import" + db() + files + " --lang zh --lenient --rejects " +
                        path("rejects.csv"));
    EXPECT_EQ(zh.exit_code, 0) << zh.output;
    for (const std::string& line : std::vector<std::string>{
             "客户 " + path("clients.csv") + "：新增2行，更新0行，未变0行，拒绝0行",
             "成交 " + path("trades.csv") + "：新增1行，更新0行，未变0行，拒绝60行",
             "拒绝60行，已写入 " + path("rejects.csv") + "\n",
         })
        EXPECT_NE(zh.output.find(line), std::string::npos) << line << "\n" << zh.output;
    EXPECT_EQ(bdtest::englishWords(zh.output, paths, {"import"}), std::vector<std::string>{})
        << zh.output;

    auto en =
        bdtest::runCli("import" + db() + files + " --lenient --rejects " + path("rejects.csv"));
    EXPECT_EQ(en.exit_code, 0) << en.output;
    for (const std::string& line : std::vector<std::string>{
             "clients " + path("clients.csv") + ": 0 new, 0 updated, 2 unchanged, 0 rejected",
             "trades " + path("trades.csv") + ": 0 new, 0 updated, 1 unchanged, 60 rejected",
             "brokerdesk-cli import: " + path("trades.csv") + ": ignored unknown columns: 备注\n",
             "… and 10 more\n",
             "brokerdesk-cli import: 60 row(s) rejected, written to " + path("rejects.csv") + "\n",
         })
        EXPECT_NE(en.output.find(line), std::string::npos) << line << "\n" << en.output;
}

// Issue 17: a word a column does not take is refused with the list in the reader's language
// (the Chinese words the file may carry), a securities file's name is a security's name, and a
// file whose encoding is ambiguous says so in Chinese too. English keeps its documented format.
TEST_F(CliImport, ABadBoardWordListsTheChineseBoardsWithLangZh) {
    write("securities.csv", "证券代码,证券名称,板块\n600519.SH,贵州茅台,蓝筹\n000001.SZ,,主板\n");
    const std::string file = path("securities.csv");
    auto r = bdtest::runCli("import" + db() + " --securities " + file + " --lang zh");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    for (const std::string& line : {
             file +
                 " 第2行，第3列（板块）：板块“蓝筹”无效，应为主板、创业板、科创板、北交所、基金、"
                 "债券之一",
             file + " 第3行，第2列（证券名称）：证券名称为必填项",
         })
        EXPECT_NE(r.output.find(line), std::string::npos) << line << "\n" << r.output;
    EXPECT_EQ(r.output.find("chinext"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("姓名"), std::string::npos) << r.output;
    r = bdtest::runCli("import" + db() + " --securities " + file);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(file + ":2:3: column '板块': expected one of main, chinext, star, bse, "
                                   "fund, bond (蓝筹)"),
              std::string::npos)
        << r.output;
    // 卢伟 and 史原 in GB18030: well-formed UTF-8 as well ("¬ΰ", "ʷԭ").
    write("clients_gb.csv", "client_id,name,broker_id,open_date\n"
                            "000101,\xC2\xAC\xCE\xB0,B01,2020-01-02\n"
                            "000102,\xCA\xB7\xD4\xAD,B01,2020-01-02\n");
    const std::string gb = path("clients_gb.csv");
    r = bdtest::runCli("import" + db() + " --clients " + gb + " --lang zh");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(gb + " 第2行，第8列：无法确定文件的编码：这些字节按UTF-8读作“¬ΰ”，按"
                                 "GB18030读作“卢伟”"),
              std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find("ambiguous"), std::string::npos) << r.output;
    // The command line names its option for the encoding (the wizard has a choice of its own).
    EXPECT_NE(r.output.find("（GB18030或UTF-8） (--encoding gb18030 | --encoding utf-8)\n"),
              std::string::npos)
        << r.output;
}

TEST_F(CliImport, LenientWritesRejectsAndExits0) {
    write("trades.csv",
          "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,commission\n"
          "T1,C1,2024-01-02 09:30:00,600519.SH,buy,1,1,1,0\n"
          "T2,C9,2024-01-02 09:30:00,600519.SH,buy,1,1,1,0\n");
    auto r = bdtest::runCli("import" + db() + " --clients " + path("clients.csv") + " --trades " +
                            path("trades.csv") + " --lenient --rejects " + path("rejects.csv"));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("1 new, 0 updated, 0 unchanged, 1 rejected"), std::string::npos)
        << r.output;
    EXPECT_TRUE(std::filesystem::exists(path("rejects.csv")));
}

TEST_F(CliImport, MissingFileIsOtherFailure) {
    EXPECT_EQ(bdtest::runCli("import" + db() + " --trades " + path("nope.csv")).exit_code, 3);
}

} // namespace

namespace {

TEST_F(CliImport, AmbiguousEncodingIsRefusedWhereItIsAndImportsOnceNamed) {
    // 卢伟 and 史原 in GB18030, bytes that are also well-formed UTF-8 ("¬ΰ", "ʷԭ").
    write("gb.csv", "client_id,name,broker_id,open_date\n000101,\xC2\xAC\xCE\xB0,B1,2020-01-02\n"
                    "000102,\xCA\xB7\xD4\xAD,B1,2020-01-02\n");
    auto r = bdtest::runCli("import" + db() + " --clients " + path("gb.csv"));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(path("gb.csv") + ":2:8: the encoding is ambiguous"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("--encoding gb18030"), std::string::npos) << r.output;
    EXPECT_NE(bdtest::runCli("stats" + db()).output.find("\"clients\": 0"), std::string::npos);
    r = bdtest::runCli("import" + db() + " --clients " + path("gb.csv") + " --encoding gb18030");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = bdtest::runCli("export clients" + db() + " --out " + path("out.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::ifstream in(path("out.csv"));
    const std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(out.find("000101,卢伟,"), std::string::npos) << out;
    EXPECT_NE(out.find("000102,史原,"), std::string::npos) << out;
}

} // namespace
