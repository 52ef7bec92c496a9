// `brokerdesk-cli server ...` end to end, as a branch sets up: init, a desk's demo book loaded,
// logins added, then brokers working through --db postgresql://... on their own books only.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "support/pgserver.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

using bdtest::runCli;

class CliServer : public ::testing::Test {
  protected:
    void SetUp() override {
        BD_REQUIRE_PG(m_pg);
        m_desk = (m_dir.path() / "desk.bdbook").string();
        auto demo = runCli("demo --db " + m_desk + " --clients 2000 --seed 11");
        ASSERT_EQ(demo.exit_code, 0) << demo.output;
    }
    /// A libpq URI of this test's database for `user` (the administrator: no password).
    std::string uri(const std::string& user, const std::string& password = "") const {
        return "'" + m_pg.url(user, password) + "'"; // quoted for the shell
    }
    std::string passwordFile(const std::string& password) const {
        const auto path = m_dir.path() / ("pw_" + password);
        std::ofstream(path) << password << "\n";
        return path.string();
    }
    bdtest::PgTestBook m_pg;
    bdtest::TempDir m_dir;
    std::string m_desk;
};

TEST_F(CliServer, ABranchIsSetUpLoadedAndEachBrokerWorksOnlyOnTheirOwnBook) {
    const std::string admin = uri("postgres");
    auto init = runCli("server init --db " + admin);
    ASSERT_EQ(init.exit_code, 0) << init.output;
    auto load = runCli("server load --db " + admin + " --from " + m_desk);
    ASSERT_EQ(load.exit_code, 0) << load.output;
    EXPECT_NE(load.output.find("clients"), std::string::npos);
    EXPECT_NE(load.output.find("2000"), std::string::npos) << load.output;
    EXPECT_NE(load.output.find("count checked"), std::string::npos);
    auto again = runCli("server load --db " + admin + " --from " + m_desk);
    EXPECT_EQ(again.exit_code, 2) << again.output;
    EXPECT_NE(again.output.find("already holds 2000 clients"), std::string::npos) << again.output;

    const std::string ann = m_pg.login("ann"), bob = m_pg.login("bob");
    auto addA =
        runCli("server user add --db " + admin + " --login " + ann +
               " --role broker --broker-id E3101001 --password-stdin < " + passwordFile("pa"));
    ASSERT_EQ(addA.exit_code, 0) << addA.output;
    auto addB =
        runCli("server user add --db " + admin + " --login " + bob +
               " --role broker --broker-id E3201001 --password-stdin < " + passwordFile("pb"));
    ASSERT_EQ(addB.exit_code, 0) << addB.output;
    auto list = runCli("server user list --db " + admin);
    EXPECT_NE(list.output.find(ann), std::string::npos) << list.output;
    auto check = runCli("server check --db " + admin);
    EXPECT_EQ(check.exit_code, 0) << check.output;
    EXPECT_NE(check.output.find("ok:"), std::string::npos);

    // Ann edits one of her clients and logs a call; the trail names her.
    auto show = runCli("client show --db " + uri(ann, "pa") + " --client 310100000006");
    ASSERT_EQ(show.exit_code, 0) << show.output;
    auto edit = runCli("client edit --db " + uri(ann, "pa") +
                       " --client 310100000006 email=ann.client@example.com");
    ASSERT_EQ(edit.exit_code, 0) << edit.output;
    auto call = runCli("log-contact --db " + uri(ann, "pa") +
                       " --client 310100000006 --channel phone --outcome reached");
    ASSERT_EQ(call.exit_code, 0) << call.output;
    auto audit = runCli("audit --db " + uri(ann, "pa") + " --json");
    ASSERT_EQ(audit.exit_code, 0) << audit.output;
    EXPECT_NE(audit.output.find("\"actor\": \"" + ann + "\""), std::string::npos) << audit.output;
    EXPECT_NE(audit.output.find("contact.log"), std::string::npos);

    // Bob cannot read or write Ann's client, and is told so; nothing changes.
    for (std::string args :
         {"client show --client 310100000006", "client note --client 310100000006 --text x",
          "log-contact --client 310100000006 --channel phone --outcome reached"}) {
        auto r = runCli(args + " --db " + uri(bob, "pb"));
        EXPECT_NE(r.exit_code, 0) << args;
        EXPECT_NE(r.output.find("not permitted"), std::string::npos) << args << ": " << r.output;
    }
    auto wrong = runCli("client show --client 310100000006 --db " + uri(bob, "nope"));
    EXPECT_NE(wrong.exit_code, 0);
    EXPECT_NE(wrong.output.find("password authentication failed"), std::string::npos)
        << wrong.output;
    EXPECT_EQ(wrong.output.find("nope"), std::string::npos) << "the password is never echoed";

    // Ann lists candidate duplicates among her clients and merges two of them; Bob may not
    // merge them back apart, nor merge them at all; Ann's undo does.
    auto dups = runCli("duplicates --json --db " + uri(ann, "pa"));
    ASSERT_EQ(dups.exit_code, 0) << dups.output;
    EXPECT_NE(dups.output.find("\"pairs\""), std::string::npos) << dups.output;
    auto pg = m_pg.admin();
    auto two = pg.query("SELECT client_id FROM clients WHERE broker_id = 'E3101001' ORDER BY id "
                        "LIMIT 2");
    ASSERT_TRUE(two && two->size() == 2);
    const std::string merge =
        "merge --keep " + two->text(0, 0) + " --absorb " + two->text(1, 0) + " --db ";
    auto refused = runCli(merge + uri(bob, "pb"));
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_NE(refused.output.find("not permitted"), std::string::npos) << refused.output;
    auto merged = runCli(merge + uri(ann, "pa"));
    ASSERT_EQ(merged.exit_code, 0) << merged.output;
    EXPECT_NE(merged.output.find("merged into " + two->text(0, 0)), std::string::npos)
        << merged.output;
    auto op = pg.query("SELECT operation FROM audit_log WHERE kind = 'client.merge' LIMIT 1");
    ASSERT_TRUE(op && op->size() == 1);
    auto undo =
        runCli("undo --operation " + std::to_string(op->int64(0, 0)) + " --db " + uri(ann, "pa"));
    ASSERT_EQ(undo.exit_code, 0) << undo.output;
    auto still = pg.query("SELECT count(*) FROM clients WHERE merged_into IS NOT NULL");
    ASSERT_TRUE(still);
    EXPECT_EQ(still->int64(0, 0), 0);
}

TEST_F(CliServer, ABookThatIsNoBranchBookAndAFileGivenAsServerAreRefusedClearly) {
    auto notInit = runCli("client show --client X --db " + uri("postgres"));
    EXPECT_NE(notInit.exit_code, 0);
    EXPECT_NE(notInit.output.find("server init"), std::string::npos) << notInit.output;
    // The read commands and exports work on a branch book: on this database they say so.
    for (const std::string args : {"stats", "export clients --out x.csv", "settings"}) {
        auto read = runCli(args + " --db " + uri("postgres"));
        EXPECT_NE(read.exit_code, 0) << args << ": " << read.output;
        EXPECT_NE(read.output.find("server init"), std::string::npos) << read.output;
    }
    // A command that reads a desk's book only names what works on a server instead.
    auto desk = runCli("backup --out x.bdbook --db " + uri("postgres"));
    EXPECT_EQ(desk.exit_code, 1) << desk.output;
    EXPECT_NE(desk.output.find("docs/deployment.md"), std::string::npos) << desk.output;
    // The file check points at the server's own check, rather than failing to open a file.
    auto check = runCli("check --db " + uri("postgres"));
    EXPECT_EQ(check.exit_code, 1) << check.output;
    EXPECT_NE(check.output.find("server check"), std::string::npos) << check.output;
    auto file = runCli("server init --db " + m_desk);
    EXPECT_EQ(file.exit_code, 1) << file.output;
    EXPECT_NE(file.output.find("postgresql://"), std::string::npos) << file.output;
    // --force without --repair would do nothing: refused before anything is read.
    auto force = runCli("server check --force --db " + uri("postgres"));
    EXPECT_EQ(force.exit_code, 1) << force.output;
    EXPECT_NE(force.output.find("--force goes with --repair"), std::string::npos) << force.output;
}

TEST_F(CliServer, TheNightlyBatchImportsTheDemoBooksFilesOnceAndABrokerMayNot) {
    const std::string admin = uri("postgres");
    ASSERT_EQ(runCli("server init --db " + admin).exit_code, 0);
    const std::string night = m_pg.login("night"), ann = m_pg.login("ann");
    ASSERT_EQ(runCli("server user add --db " + admin + " --login " + night +
                     " --role batch --password-stdin < " + passwordFile("pn"))
                  .exit_code,
              0);
    std::string files;
    for (const std::string kind :
         {"securities", "clients", "trades", "assets", "contacts", "positions"}) {
        const std::string out = (m_dir.path() / (kind + ".csv")).string();
        auto e = runCli("export " + kind + " --db " + m_desk + " --out " + out);
        ASSERT_EQ(e.exit_code, 0) << e.output;
        files += " --" + kind + " " + out;
    }
    auto first = runCli("import --db " + uri(night, "pn") + files);
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_NE(first.output.find("clients"), std::string::npos);
    EXPECT_NE(first.output.find("2000 new, 0 updated, 0 unchanged, 0 rejected"), std::string::npos)
        << first.output;
    auto again = runCli("import --db " + uri(night, "pn") + files);
    ASSERT_EQ(again.exit_code, 0) << again.output;
    EXPECT_EQ(again.output.find(" 1 new"), std::string::npos) << again.output;
    EXPECT_NE(again.output.find("0 new, 0 updated, 2000 unchanged, 0 rejected"), std::string::npos)
        << again.output;
    // A broker of the book is not the batch: told so, nothing read.
    auto add =
        runCli("server user add --db " + admin + " --login " + ann +
               " --role broker --broker-id E3101001 --password-stdin < " + passwordFile("pa"));
    ASSERT_EQ(add.exit_code, 0) << add.output;
    auto broker = runCli("import --db " + uri(ann, "pa") + files);
    EXPECT_NE(broker.exit_code, 0);
    EXPECT_NE(broker.output.find("is run by a batch login"), std::string::npos) << broker.output;
}

} // namespace
