// `duplicates`, `merge`, `reassign` end to end: exit codes as the other commands, nothing
// changed on a refusal, the book check ok after a merge and after its undo, the exports before
// the merge and after the undo the same.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <string>

#include "support/planbook.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

/// C1 and C2 share the phone every PlanBook client has; C3 another one. Trades and snapshots
/// for the merge to move.
std::string makeBook(const bdtest::TempDir& dir) {
    const std::string path = dir.file("merge.bdbook");
    bdtest::PlanBook book(path);
    book.client("C1");
    book.client("C2");
    bdtest::PlanBook::ClientSpec c;
    c.id = "C3";
    c.phone = "13700000003";
    book.client(c);
    const bd::Date a = bdtest::PlanBook::asOf();
    book.trade("C1", a.addDays(-3));
    book.trade("C2", a.addDays(-3));
    book.trade("C2", a.addDays(-40));
    book.snapshot("C1", a.addDays(-3), 1000);
    book.snapshot("C2", a.addDays(-3), 500);
    book.contact("C2", 4);
    return path;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Every interchange export of the book, concatenated.
std::string exports(const std::string& db, const bdtest::TempDir& dir, const std::string& tag) {
    std::string all;
    for (const char* kind : {"clients", "trades", "assets", "contacts", "positions"}) {
        const std::string out = dir.file(tag + "-" + kind + ".csv");
        auto r = bdtest::runCli(std::string("export ") + kind + " --db " + db + " --out " + out);
        EXPECT_EQ(r.exit_code, 0) << r.output;
        all += readFile(out);
    }
    return all;
}

} // namespace

TEST(CliMerge, DuplicatesAreListedWithTheirReasonsInEitherLanguage) {
    bdtest::TempDir dir;
    const std::string db = makeBook(dir);
    auto r = bdtest::runCli("duplicates --db " + db);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("C1"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("C2"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("same phone (ending 5678)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("1 candidate pair"), std::string::npos) << r.output;
    auto zh = bdtest::runCli("duplicates --db " + db + " --json --lang zh");
    ASSERT_EQ(zh.exit_code, 0) << zh.output;
    EXPECT_NE(zh.output.find("\"reasons\": [\"手机号相同（尾号5678）\"]"), std::string::npos)
        << zh.output;
    EXPECT_EQ(bdtest::runCli("duplicates --db " + db + " --lang fr").exit_code, 1);
}

TEST(CliMerge, AMergeIsCheckedOkAndItsUndoLeavesTheExportsAsBefore) {
    bdtest::TempDir dir;
    const std::string db = makeBook(dir);
    const std::string before = exports(db, dir, "before");

    for (const char* bad : {"--keep C1 --absorb C1", "--keep C1 --absorb C9"}) {
        auto r = bdtest::runCli("merge --db " + db + " " + bad);
        EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.output;
    }
    EXPECT_EQ(bdtest::runCli("merge --db " + db + " --keep C1").exit_code, 1);
    EXPECT_EQ(exports(db, dir, "refused"), before);

    auto merged = bdtest::runCli("merge --db " + db + " --keep C1 --absorb C2");
    ASSERT_EQ(merged.exit_code, 0) << merged.output;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(merged.output, m, std::regex("operation (\\d+)")))
        << merged.output;
    EXPECT_NE(merged.output.find("2 trades"), std::string::npos) << merged.output;
    auto check = bdtest::runCli("check --db " + db);
    EXPECT_EQ(check.exit_code, 0) << check.output;
    EXPECT_NE(exports(db, dir, "merged"), before);
    auto again = bdtest::runCli("merge --db " + db + " --keep C3 --absorb C2");
    EXPECT_EQ(again.exit_code, 2) << again.output;
    EXPECT_NE(again.output.find("merged into C1 already"), std::string::npos) << again.output;
    // A merged client is no longer a candidate.
    EXPECT_NE(bdtest::runCli("duplicates --db " + db).output.find("0 candidate pairs"),
              std::string::npos);

    auto undo = bdtest::runCli("undo --db " + db + " --operation " + m[1].str());
    ASSERT_EQ(undo.exit_code, 0) << undo.output;
    check = bdtest::runCli("check --db " + db);
    EXPECT_EQ(check.exit_code, 0) << check.output;
    EXPECT_EQ(exports(db, dir, "undone"), before);
}

TEST(CliMerge, ReassignByListBrokerOrFilterWithAPreviewAndRefusals) {
    bdtest::TempDir dir;
    const std::string db = makeBook(dir);
    const std::string before = exports(db, dir, "before");
    auto r = bdtest::runCli("reassign --db " + db + " --to B9 --clients C1,C2");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("unknown broker"), std::string::npos) << r.output;
    EXPECT_EQ(bdtest::runCli("reassign --db " + db + " --to B2 --clients C1,C9").exit_code, 2);
    EXPECT_EQ(bdtest::runCli("reassign --db " + db + " --to B2").exit_code, 1);
    EXPECT_EQ(bdtest::runCli("reassign --db " + db + " --to B2 --filter risk=C9").exit_code, 1);
    EXPECT_EQ(exports(db, dir, "refused"), before);

    auto dry = bdtest::runCli("reassign --db " + db + " --to B2 --from-broker B1 --dry-run");
    ASSERT_EQ(dry.exit_code, 0) << dry.output;
    EXPECT_NE(dry.output.find("3 clients would be reassigned from B1 (3) to B2"), std::string::npos)
        << dry.output;
    EXPECT_EQ(exports(db, dir, "dry"), before);

    auto some = bdtest::runCli("reassign --db " + db + " --to B3 --filter broker=B1,risk=C3");
    ASSERT_EQ(some.exit_code, 0) << some.output;
    EXPECT_NE(some.output.find("3 clients reassigned to B3"), std::string::npos) << some.output;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(some.output, m, std::regex("operation (\\d+)")));
    ASSERT_EQ(bdtest::runCli("undo --db " + db + " --operation " + m[1].str()).exit_code, 0);
    EXPECT_EQ(exports(db, dir, "undone"), before);
}

TEST(CliMerge, AMergedClientsIdOpensTheKeptClientAndItsAuditListsBoth) {
    bdtest::TempDir dir;
    const std::string db = makeBook(dir);
    ASSERT_EQ(bdtest::runCli("client note --db " + db + " --client C2 --text early").exit_code, 0);
    ASSERT_EQ(bdtest::runCli("merge --db " + db + " --keep C1 --absorb C2").exit_code, 0);
    auto show = bdtest::runCli("client show --db " + db + " --client C2");
    ASSERT_EQ(show.exit_code, 0) << show.output;
    EXPECT_NE(show.output.find("client C2 was merged into C1; showing C1"), std::string::npos)
        << show.output;
    EXPECT_NE(show.output.find("client C1 (version"), std::string::npos) << show.output;
    auto zh = bdtest::runCli("client show --db " + db + " --client C2 --lang zh --json");
    ASSERT_EQ(zh.exit_code, 0) << zh.output;
    EXPECT_NE(zh.output.find("客户C2已合并到C1，显示C1"), std::string::npos) << zh.output;
    EXPECT_NE(zh.output.find("\"merged_from\": \"C2\""), std::string::npos) << zh.output;
    // The audit of the merged id: C2's note (before the merge) and the merge into C1.
    auto audit = bdtest::runCli("audit --db " + db + " --client C2");
    ASSERT_EQ(audit.exit_code, 0) << audit.output;
    EXPECT_NE(audit.output.find("note.add"), std::string::npos) << audit.output;
    EXPECT_NE(audit.output.find("client.merge"), std::string::npos) << audit.output;
    EXPECT_EQ(bdtest::runCli("client show --db " + db + " --client C9").exit_code, 2);
}
