// A branch server's row-level security seen from the CLI: `reassign --dry-run` previews what the
// login sees (a manager the desk's answer, a broker their own clients only), and every write a
// policy refuses reaches the user in the phrasebook's words, naming the client, contact or plan
// item, with nothing changed (never the database's own sentence).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "storage/pg/pgschema.h"
#include "support/pgdemobranch.h"
#include "support/run.h"

namespace {

using bd::storage::PgParams;
using bdtest::runCli;

class CliServerPolicy : public ::testing::Test {
  protected:
    void SetUp() override { BD_REQUIRE_PG_BRANCH(m_branch); }
    std::string db(const std::string& who) const { return " --db '" + m_branch.url(who) + "'"; }
    std::string desk() const { return " --db " + (m_branch.dir() / "desk.bdbook").string(); }
    /// The first value of `sql` on the server (as its administrator).
    std::string first(const std::string& sql, const PgParams& p = {}) const {
        auto admin = m_branch.admin();
        auto r = admin.query(sql, p);
        EXPECT_TRUE(r && r->size() > 0) << sql;
        return r && r->size() > 0 ? r->text(0, 0) : std::string();
    }
    /// What a refused write may not have changed: the journal, the row trail and the clients.
    std::string state() const {
        return first("SELECT (SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM "
                     "row_audit) || '/' || (SELECT string_agg(client_id || broker_id || "
                     "COALESCE(branch_id, '') || version, ',' ORDER BY id) FROM clients)");
    }
    /// `args` is refused: not permitted, in the phrasebook's words (`words`), nothing changed.
    void expectRefused(const std::string& args, const std::string& words) const {
        const std::string before = state();
        auto r = runCli(args);
        EXPECT_EQ(r.exit_code, 3) << args << ": " << r.output;
        EXPECT_NE(r.output.find(words), std::string::npos) << args << ": " << r.output;
        EXPECT_EQ(r.output.find("row-level security"), std::string::npos) << r.output;
        EXPECT_EQ(r.output.find("violates"), std::string::npos) << r.output;
        EXPECT_EQ(r.output.find("ERROR"), std::string::npos) << r.output;
        EXPECT_EQ(state(), before) << args;
    }
    std::string clientOf(const std::string& broker) const {
        return first("SELECT client_id FROM clients WHERE broker_id = $1 ORDER BY id LIMIT 1",
                     PgParams(broker));
    }
    bdtest::PgDemoBranch m_branch;
};

TEST_F(CliServerPolicy, AReassignDryRunPreviewsWhatTheLoginSeesAndChangesNothing) {
    const std::string a = m_branch.brokerA(), b = m_branch.brokerB();
    const std::string before = state();
    const std::string fromA = "reassign --to " + b + " --from-broker " + a + " --dry-run";
    auto onDesk = runCli(fromA + desk());
    ASSERT_EQ(onDesk.exit_code, 0) << onDesk.output;
    ASSERT_NE(onDesk.output.find("would be reassigned from " + a), std::string::npos)
        << onDesk.output;
    // The manager sees the branch: the desk's answer. Broker A may not give their clients
    // away: the dry run meets the refusal the reassignment itself would.
    EXPECT_EQ(runCli(fromA + db("m")).output, onDesk.output);
    expectRefused(fromA + db("a"), "not permitted: the change would take client ");
    // Named clients and a filter too.
    const std::string two = clientOf(a) + "," + clientOf(b);
    const std::string named = "reassign --to " + a + " --clients " + two + " --dry-run";
    auto deskNamed = runCli(named + desk());
    ASSERT_EQ(deskNamed.exit_code, 0) << deskNamed.output;
    EXPECT_NE(deskNamed.output.find("1 client would be reassigned from " + b + " (1)"),
              std::string::npos)
        << deskNamed.output;
    EXPECT_EQ(runCli(named + db("m")).output, deskNamed.output);
    const std::string vips = "reassign --to " + a + " --filter vip=yes --dry-run";
    EXPECT_EQ(runCli(vips + db("m")).output, runCli(vips + desk()).output);
    // Broker B sees none of A's clients: none match, and naming one is not permitted.
    auto none = runCli("reassign --to " + b + " --from-broker " + a + " --dry-run" + db("b"));
    EXPECT_EQ(none.exit_code, 0) << none.output;
    EXPECT_EQ(none.output, "no client matches; nothing changed\n");
    expectRefused(named + db("b"),
                  "not permitted: client " + clientOf(a) + " is outside this login's book");
    // Broker B's own clients to A: found, and giving them away is refused.
    expectRefused("reassign --to " + a + " --filter broker=" + b + " --dry-run" + db("b"),
                  "not permitted: the change would take client ");
    EXPECT_EQ(state(), before) << "a dry run changes nothing";
}

TEST_F(CliServerPolicy, AReassignOnTheServerMatchesTheLoginsClientsAndIsAudited) {
    const std::string a = m_branch.brokerA(), b = m_branch.brokerB();
    const std::string count = "SELECT count(*) FROM clients WHERE broker_id = $1";
    const std::string ofA = first(count, PgParams(a));
    // Broker B's --from-broker A finds nothing of A's to move.
    auto none = runCli("reassign --to " + b + " --from-broker " + a + db("b"));
    EXPECT_EQ(none.exit_code, 0) << none.output;
    EXPECT_EQ(first(count, PgParams(a)), ofA);
    // The manager moves every client of A to B, in one operation under the login.
    auto moved = runCli("reassign --to " + b + " --from-broker " + a + db("m"));
    ASSERT_EQ(moved.exit_code, 0) << moved.output;
    EXPECT_NE(moved.output.find(ofA + " clients reassigned to " + b), std::string::npos)
        << moved.output;
    EXPECT_EQ(first(count, PgParams(a)), "0");
    EXPECT_EQ(first("SELECT count(DISTINCT operation) || ' ' || min(actor) FROM audit_log WHERE "
                    "kind = 'client.reassign'"),
              "1 " + m_branch.pg().login("m"));
}

TEST_F(CliServerPolicy, EveryWriteAPolicyRefusesIsThePhrasebooksNamingWhatAndChangesNothing) {
    const std::string a = m_branch.brokerA(), b = m_branch.brokerB();
    const std::string mine = clientOf(a), theirs = clientOf(b);
    const std::string leaves = "not permitted: the change would take client " + mine + " out of";
    // A broker gives their client to another broker, by reassignment or by an edit.
    expectRefused("reassign --to " + b + " --clients " + mine + db("a"), leaves);
    expectRefused("client edit --client " + mine + " broker_id=" + b + db("a"), leaves);
    // ... or adds a client of another broker's book.
    expectRefused("client add --client P900001 name=Test broker_id=" + b + db("a"),
                  "not permitted: the change would take client P900001 out of");
    // In Chinese as well.
    expectRefused("reassign --lang zh --to " + b + " --clients " + mine + db("a"),
                  "无权操作：此修改会使客户" + mine + "移出本账号可修改的范围");
    // Another broker's client, contact and plan item.
    const std::string notMine = "not permitted: client " + theirs + " is outside this login's book";
    expectRefused("reassign --to " + a + " --clients " + theirs + db("a"), notMine);
    expectRefused("client edit --client " + theirs + " email=x@example.com" + db("a"), notMine);
    expectRefused("client note --client " + theirs + " --text x" + db("a"), notMine);
    expectRefused("log-contact --client " + theirs + " --channel phone --outcome reached" + db("a"),
                  notMine);
    const std::string contact =
        first("SELECT min(k.id) FROM contacts k JOIN clients c ON c.id = k.client_ref WHERE "
              "c.broker_id = $1",
              PgParams(b));
    expectRefused("contact void --id " + contact + " --reason x" + db("a"),
                  "not permitted: contact " + contact + " is outside this login's book");
    // A change only a manager makes.
    expectRefused("settings --set value.vip_percent=8" + db("a"),
                  "not permitted: on a branch server only a manager may do this (settings "
                  "changed)");

    // A branch manager moves a client of the branch to another branch's broker.
    const std::string branch =
        first("SELECT branch_id FROM brokers WHERE broker_id = $1", PgParams(a));
    const std::string away =
        first("SELECT broker_id FROM brokers WHERE branch_id <> $1 ORDER BY broker_id LIMIT 1",
              PgParams(branch));
    ASSERT_FALSE(away.empty()) << "the demo book has two branches";
    {
        auto admin = m_branch.admin();
        ASSERT_TRUE(bd::storage::addServerUser(
            admin, {m_branch.pg().login("bm"), "manager", "", branch, false}, std::string("pw")));
    }
    expectRefused("reassign --to " + away + " --clients " + mine + db("bm"), leaves);
    // Within the branch the same manager may.
    auto within = runCli("reassign --to " + a + " --clients " + mine + db("bm"));
    EXPECT_EQ(within.exit_code, 0) << within.output;
}

TEST_F(CliServerPolicy, APortfolioReadsOneClientAndIsTheDesksOrNotPermitted) {
    const std::string a = m_branch.brokerA();
    // A's client with the most trades and positions: every part of the report has rows.
    const std::string client =
        first("SELECT c.client_id FROM clients c JOIN trades t ON t.client_ref = c.id WHERE "
              "c.broker_id = $1 AND EXISTS (SELECT 1 FROM positions p WHERE p.client_ref = c.id) "
              "GROUP BY c.client_id ORDER BY count(*) DESC, c.client_id LIMIT 1",
              PgParams(a));
    ASSERT_FALSE(client.empty());
    for (const std::string options : {" --json", "", " --cost-method fifo --as-of 2026-06-30"}) {
        const std::string args = "portfolio --client " + client + options;
        auto onDesk = runCli(args + desk());
        ASSERT_EQ(onDesk.exit_code, 0) << onDesk.output;
        EXPECT_EQ(runCli(args + db("m")).output, onDesk.output) << options;
        EXPECT_EQ(runCli(args + db("a")).output, onDesk.output) << options;
    }
    // Broker B: not permitted, naming the client, and nothing of its portfolio.
    const std::string before = state();
    auto other = runCli("portfolio --json --client " + client + db("b"));
    EXPECT_EQ(other.exit_code, 3) << other.output;
    EXPECT_EQ(other.output, "brokerdesk-cli: not permitted: client " + client +
                                " is outside this login's book (another broker's or branch's)\n");
    // An id nobody has: unknown, as on a desk.
    auto none = runCli("portfolio --client 999999999999" + db("b"));
    EXPECT_EQ(none.exit_code, 2) << none.output;
    EXPECT_EQ(none.output, runCli("portfolio --client 999999999999" + desk()).output);
    EXPECT_EQ(state(), before);
}

TEST_F(CliServerPolicy, AClientMergedIntoAnotherBrokersClientIsNotPermittedInThePhrasebooksWords) {
    const std::string a = m_branch.brokerA(), b = m_branch.brokerB();
    const std::string mine = clientOf(a), theirs = clientOf(b);
    // The manager merges A's client into B's: A still sees the absorbed row, not the kept one.
    auto merged = runCli("merge --keep " + theirs + " --absorb " + mine + db("m"));
    ASSERT_EQ(merged.exit_code, 0) << merged.output;
    const std::string notYours = "brokerdesk-cli: not permitted: client " + mine +
                                 " is outside this login's book (another broker's or branch's)\n";
    for (const std::string command : {"portfolio --client ", "client show --client "}) {
        auto r = runCli(command + mine + db("a"));
        EXPECT_EQ(r.exit_code, 3) << command << r.output;
        EXPECT_EQ(r.output, notYours) << command;
    }
}

// A broker asking for a colleague's call list (or a colleague's client's review): the colleague
// is left out of the login's copy,
// yet exists in the book, so the refusal is "not yours" (as for a colleague's client), not
// "unknown"; a broker id that exists nowhere stays unknown, as on a desk. No file is written.
TEST_F(CliServerPolicy, AColleaguesCallListOrReviewIsNotPermittedAndAnUnknownBrokerIsUnknown) {
    const std::string a = m_branch.brokerA(), b = m_branch.brokerB();
    const std::string out = (m_branch.dir() / "calls.csv").string();
    const std::string calllist = "export calllist --date 2026-11-23 --out " + out + " --broker ";
    auto colleague = runCli(calllist + b + db("a"));
    EXPECT_EQ(colleague.exit_code, 3) << colleague.output;
    EXPECT_EQ(colleague.output, "brokerdesk-cli: not permitted: broker " + b +
                                    "'s clients are outside this login's book (another "
                                    "broker's or branch's)\n");
    auto zh = runCli(calllist + b + " --lang zh" + db("a"));
    EXPECT_EQ(zh.exit_code, 3) << zh.output;
    EXPECT_EQ(zh.output, "brokerdesk-cli: 无权操作：客户经理" + b +
                             "的客户不在本账号的客户范围内（属于其他客户经理或营业部）\n");
    EXPECT_FALSE(std::filesystem::exists(out));
    // An id the book does not know: unknown, worded as on a desk.
    auto none = runCli(calllist + "NOBODY" + db("a"));
    EXPECT_EQ(none.exit_code, 2) << none.output;
    EXPECT_EQ(none.output, runCli(calllist + "NOBODY" + desk()).output);
    EXPECT_EQ(none.output, "brokerdesk-cli: unknown broker 'NOBODY' (the service desk's queue: "
                           "service-desk)\n");
    // A colleague's client's review: not permitted, as `portfolio` says (the login's copy
    // does not hold the client, the book does).
    const std::string theirs = clientOf(b), pdf = (m_branch.dir() / "review.pdf").string();
    auto review = runCli("export review --client " + theirs + " --out " + pdf + db("a"));
    EXPECT_EQ(review.exit_code, 3) << review.output;
    EXPECT_EQ(review.output, "brokerdesk-cli: not permitted: client " + theirs +
                                 " is outside this login's book (another broker's or branch's)\n");
    EXPECT_FALSE(std::filesystem::exists(pdf));
    // The broker's own list and the manager's of any broker are theirs.
    EXPECT_EQ(runCli(calllist + a + db("a")).exit_code, 0);
    EXPECT_EQ(runCli(calllist + b + db("m")).exit_code, 0);
}

} // namespace
