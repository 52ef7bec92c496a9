// `client`, `contact`, `audit`, `undo` and `log-contact --direction` end to end: exit codes,
// nothing changed on a refusal, every write and export in the audit trail, undo exact.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/planbook.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

std::string makeBook(const bdtest::TempDir& dir) {
    const std::string path = dir.file("record.bdbook");
    bdtest::PlanBook book(path);
    bdtest::PlanBook::ClientSpec c;
    c.id = "C1";
    c.name = "Hu Xiaorong";
    book.client(c);
    c.id = "C2";
    c.name = "Wang Wu";
    book.client(c);
    return path;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST(CliClient, EditIsValidatedAuditedAndUndoneExactly) {
    bdtest::TempDir dir;
    const std::string db = makeBook(dir);
    ASSERT_EQ(bdtest::runCli("export clients --db " + db + " --out " + dir.file("a.csv")).exit_code,
              0);

    auto bad =
        bdtest::runCli("client edit --db " + db + " --client C1 id_number=110105194912310021");
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
    // The field in words and the rule (a refusal's English words), and in Chinese with --lang zh.
    EXPECT_NE(bad.output.find("client C1: ID number"), std::string::npos) << bad.output;
    EXPECT_NE(bad.output.find("checksum"), std::string::npos) << bad.output;
    bad = bdtest::runCli("client edit --db " + db +
                         " --client C1 id_number=110105194912310021 --lang zh");
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
    EXPECT_NE(bad.output.find("客户C1：身份证号"), std::string::npos) << bad.output;
    bad = bdtest::runCli("client edit --db " + db + " --client C1 broker_id=NOPE");
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
    EXPECT_NE(bad.output.find("unknown broker"), std::string::npos) << bad.output;
    EXPECT_EQ(bdtest::runCli("client edit --db " + db + " --client C1 colour=red").exit_code, 1);

    auto ok = bdtest::runCli("client edit --db " + db +
                             " --client C1 --version 1 phone=13911112222 risk_level=C5");
    ASSERT_EQ(ok.exit_code, 0) << ok.output;
    EXPECT_NE(ok.output.find("now version 2"), std::string::npos) << ok.output;
    auto stale =
        bdtest::runCli("client edit --db " + db + " --client C1 --version 1 phone=13900000000");
    EXPECT_EQ(stale.exit_code, 2) << stale.output;
    EXPECT_NE(stale.output.find("13911112222"), std::string::npos) << stale.output;
    EXPECT_NE(stale.output.find("13900000000"), std::string::npos) << stale.output;

    auto show = bdtest::runCli("client show --db " + db + " --client C1");
    EXPECT_EQ(show.exit_code, 0);
    EXPECT_NE(show.output.find("13911112222  (corrected locally)"), std::string::npos)
        << show.output;

    auto audit = bdtest::runCli("audit --db " + db + " --client C1 --kind client.edit --json");
    ASSERT_EQ(audit.exit_code, 0) << audit.output;
    EXPECT_NE(audit.output.find("\"before\": {\"phone\": \"13812345678\", \"risk_level\": "
                                "\"C3\"}"),
              std::string::npos)
        << audit.output;
    const auto opAt = audit.output.find("\"operation\": ");
    ASSERT_NE(opAt, std::string::npos);
    const std::string op = audit.output.substr(opAt + 13, audit.output.find(',', opAt) - opAt - 13);

    auto undo = bdtest::runCli("undo --db " + db + " --operation " + op);
    ASSERT_EQ(undo.exit_code, 0) << undo.output;
    auto again = bdtest::runCli("undo --db " + db + " --operation " + op);
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_NE(again.output.find("undone already"), std::string::npos) << again.output;
    ASSERT_EQ(bdtest::runCli("export clients --db " + db + " --out " + dir.file("b.csv")).exit_code,
              0);
    EXPECT_EQ(readFile(dir.file("a.csv")), readFile(dir.file("b.csv")));

    // Both exports are in the trail.
    auto exports = bdtest::runCli("audit --db " + db + " --kind export");
    EXPECT_EQ(exports.exit_code, 0);
    EXPECT_NE(exports.output.find("b.csv"), std::string::npos) << exports.output;
    EXPECT_NE(exports.output.find("\"rows\": \"2\""), std::string::npos) << exports.output;
}

TEST(CliClient, ProspectsTagsNotesAndAnInboundContact) {
    bdtest::TempDir dir;
    const std::string db = makeBook(dir);
    auto add = bdtest::runCli("client add --db " + db + " name=Prospect broker_id=B2");
    ASSERT_EQ(add.exit_code, 0) << add.output;
    EXPECT_NE(add.output.find("client P000001 added"), std::string::npos) << add.output;
    EXPECT_EQ(bdtest::runCli("client add --db " + db + " name=X").exit_code, 2);

    auto tag = bdtest::runCli("client tag --db " + db +
                              " --client C1,C2 --tag golf --colour "
                              "'#00ff00'");
    ASSERT_EQ(tag.exit_code, 0) << tag.output;
    EXPECT_NE(tag.output.find("3 changes"), std::string::npos) << tag.output;
    EXPECT_EQ(bdtest::runCli("client tag --db " + db + " --client C1,C9 --tag x").exit_code, 2);
    ASSERT_EQ(
        bdtest::runCli("client note --db " + db + " --client C2 --text 'likes tea'").exit_code, 0);
    auto show = bdtest::runCli("client show --db " + db + " --client C2 --json");
    EXPECT_NE(show.output.find("\"name\": \"golf\""), std::string::npos) << show.output;
    EXPECT_NE(show.output.find("likes tea"), std::string::npos) << show.output;

    auto logged = bdtest::runCli("log-contact --db " + db +
                                 " --client C1 --channel phone --outcome reached --direction "
                                 "inbound --notes 'asked about fees'");
    ASSERT_EQ(logged.exit_code, 0) << logged.output;
    EXPECT_EQ(bdtest::runCli("log-contact --db " + db +
                             " --client C1 --channel phone --outcome reached --direction sideways")
                  .exit_code,
              1);
    EXPECT_EQ(bdtest::runCli("contact void --db " + db + " --id 1").exit_code, 2);
    EXPECT_EQ(
        bdtest::runCli("contact void --db " + db + " --id 1 --reason 'wrong client'").exit_code, 0);
    auto audit = bdtest::runCli("audit --db " + db + " --client C1");
    EXPECT_NE(audit.output.find("contact.log"), std::string::npos) << audit.output;
    EXPECT_NE(audit.output.find("contact.void"), std::string::npos) << audit.output;
    EXPECT_NE(audit.output.find("tag.set"), std::string::npos) << audit.output;
}

// PIPL: the trail keeps an ID number whole (an undo needs it); a listing shows it masked.
TEST(CliClient, TheAuditListingMasksIdNumbers) {
    bdtest::TempDir dir;
    const std::string db = makeBook(dir);
    auto ok =
        bdtest::runCli("client edit --db " + db + " --client C1 id_number=11010519491231002X");
    ASSERT_EQ(ok.exit_code, 0) << ok.output;
    for (const char* json : {"", " --json"}) {
        auto audit = bdtest::runCli("audit --db " + db + " --client C1" + json);
        ASSERT_EQ(audit.exit_code, 0) << audit.output;
        EXPECT_EQ(audit.output.find("11010519491231002X"), std::string::npos) << audit.output;
        EXPECT_NE(audit.output.find("110***********002X"), std::string::npos) << audit.output;
    }
}

TEST(CliClient, RelateUnrelateAndShowTheHousehold) {
    bdtest::TempDir dir;
    const std::string db = makeBook(dir);
    auto bad = bdtest::runCli("client relate --db " + db + " --client C1 --to C2 --kind cousin");
    EXPECT_EQ(bad.exit_code, 1) << bad.output;
    EXPECT_NE(bad.output.find("--kind expects spouse"), std::string::npos) << bad.output;
    bad = bdtest::runCli("client relate --db " + db + " --client C1 --to C1 --kind spouse");
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
    EXPECT_NE(bad.output.find("itself"), std::string::npos) << bad.output;
    bad = bdtest::runCli("client relate --db " + db + " --client C1 --to C9 --kind spouse");
    EXPECT_EQ(bad.exit_code, 2) << bad.output;

    auto ok = bdtest::runCli("client relate --db " + db + " --client C1 --to C2 --kind parent");
    ASSERT_EQ(ok.exit_code, 0) << ok.output;
    EXPECT_NE(ok.output.find("C2 is now C1's parent"), std::string::npos) << ok.output;
    // From C2, C1 is its child; both are one household.
    auto show = bdtest::runCli("client show --db " + db + " --client C2");
    ASSERT_EQ(show.exit_code, 0) << show.output;
    EXPECT_NE(show.output.find("household (2 clients"), std::string::npos) << show.output;
    EXPECT_NE(show.output.find("C1           child      Hu Xiaorong"), std::string::npos)
        << show.output;
    auto audit = bdtest::runCli("audit --db " + db + " --kind relation.set");
    EXPECT_NE(audit.output.find("relation C1/C2"), std::string::npos) << audit.output;

    auto gone = bdtest::runCli("client unrelate --db " + db + " --client C2 --to C1");
    ASSERT_EQ(gone.exit_code, 0) << gone.output;
    show = bdtest::runCli("client show --db " + db + " --client C2");
    EXPECT_EQ(show.output.find("household"), std::string::npos) << show.output;
    EXPECT_EQ(bdtest::runCli("client unrelate --db " + db + " --client C2 --to C1").exit_code, 2);
}
