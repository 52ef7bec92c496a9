// The commands that read trades themselves (`portfolio`, `evaluate`, `export trades`), a logged
// contact's plan outcome and the import history, with --db postgresql://... : on a branch
// server they give the desk's answer on the same demo book for a manager, a broker's output
// holds only their own clients, and nothing of another broker's leaks.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/date.h"
#include "storage/pg/pgschema.h"
#include "support/pgdemobranch.h"
#include "support/run.h"

namespace {

using bdtest::runCli;

/// What the command prints on stdout alone (its timings on stderr vary from run to run).
std::string stdoutOf(const std::string& args, int* exitCode = nullptr) {
    const std::string cmd = std::string(BD_CLI_PATH) + " " + args + " 2>/dev/null";
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int status = pclose(p);
    if (exitCode) *exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

std::vector<std::string> lines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::string field(const std::string& csvLine, std::size_t index) {
    std::stringstream s(csvLine);
    std::string f;
    for (std::size_t i = 0; i <= index && std::getline(s, f, ','); ++i) {
    }
    return f;
}

class CliServerReads : public ::testing::Test {
  protected:
    void SetUp() override { BD_REQUIRE_PG_BRANCH(m_branch); }
    /// The branch's login `who` as a --db argument (quoted for the shell).
    std::string db(const std::string& who) const { return "'" + m_branch.url(who) + "'"; }
    std::string desk() const { return (m_branch.dir() / "desk.bdbook").string(); }
    std::string file(const std::string& name) const { return (m_branch.dir() / name).string(); }
    /// The client ids of `broker` on the server.
    std::set<std::string> clientsOf(const std::string& broker) const {
        auto admin = m_branch.admin();
        auto r = admin.query("SELECT client_id FROM clients WHERE broker_id = $1",
                             bd::storage::PgParams(broker));
        EXPECT_TRUE(r) << (r ? "" : r.error().toString());
        std::set<std::string> out;
        for (int i = 0; r && i < r->size(); ++i) out.insert(r->text(i, 0));
        return out;
    }
    /// Adds the batch login `login` (password "pw").
    bd::Status addBatchLogin(const std::string& login) const {
        auto admin = m_branch.admin();
        return bd::storage::addServerUser(admin, {login, "batch", "", "", false},
                                          std::string("pw"));
    }
    /// Broker A's client with the most trades.
    std::string busiestClientOfA() const {
        auto admin = m_branch.admin();
        auto r = admin.query("SELECT c.client_id FROM clients c JOIN trades t ON t.client_ref = "
                             "c.id WHERE c.broker_id = $1 GROUP BY c.client_id ORDER BY count(*) "
                             "DESC, c.client_id LIMIT 1",
                             bd::storage::PgParams(m_branch.brokerA()));
        EXPECT_TRUE(r && r->size() == 1);
        return r && r->size() == 1 ? r->text(0, 0) : std::string();
    }
    bdtest::PgDemoBranch m_branch;
};

TEST_F(CliServerReads, APortfolioOnTheServerIsTheDesksForTheManagerAndTheClientsBrokerOnly) {
    const std::string client = busiestClientOfA();
    ASSERT_FALSE(client.empty());
    const std::string args = "portfolio --client " + client + " --json --db ";
    int rc = -1;
    const std::string onDesk = stdoutOf(args + desk(), &rc);
    ASSERT_EQ(rc, 0);
    ASSERT_NE(onDesk.find("\"trade_count\": "), std::string::npos) << onDesk;
    ASSERT_EQ(onDesk.find("\"trade_count\": 0,"), std::string::npos) << "a client with trades";
    EXPECT_EQ(stdoutOf(args + db("m"), &rc), onDesk);
    EXPECT_EQ(rc, 0);
    EXPECT_EQ(stdoutOf(args + db("a"), &rc), onDesk);
    EXPECT_EQ(rc, 0);
    // The tables too (FIFO this time).
    const std::string table = "portfolio --client " + client + " --cost-method fifo --db ";
    EXPECT_EQ(stdoutOf(table + db("a")), stdoutOf(table + desk()));
    // Broker B cannot see the client: an unknown client, and nothing of its portfolio.
    auto other = runCli(args + db("b"));
    EXPECT_NE(other.exit_code, 0) << other.output;
    EXPECT_NE(other.output.find(client), std::string::npos) << other.output;
    EXPECT_EQ(other.output.find("holdings"), std::string::npos) << other.output;
    EXPECT_EQ(other.output.find("market_value"), std::string::npos) << other.output;
}

TEST_F(CliServerReads, ExportTradesIsTheDesksForTheManagerAndABrokersClientsRowsOnly) {
    ASSERT_EQ(runCli("export trades --db " + desk() + " --out " + file("desk.csv")).exit_code, 0);
    auto m = runCli("export trades --db " + db("m") + " --out " + file("m.csv"));
    ASSERT_EQ(m.exit_code, 0) << m.output;
    const auto deskRows = lines(file("desk.csv"));
    ASSERT_GT(deskRows.size(), 100u);
    EXPECT_EQ(lines(file("m.csv")), deskRows);

    auto a = runCli("export trades --db " + db("a") + " --out " + file("a.csv"));
    ASSERT_EQ(a.exit_code, 0) << a.output;
    const auto ofA = clientsOf(m_branch.brokerA());
    const auto ofB = clientsOf(m_branch.brokerB());
    ASSERT_FALSE(ofA.empty());
    ASSERT_FALSE(ofB.empty());
    // Exactly the desk's rows of A's clients, in the desk's order (client_id: column 2).
    std::vector<std::string> expected{deskRows.front()};
    for (std::size_t i = 1; i < deskRows.size(); ++i)
        if (ofA.count(field(deskRows[i], 1))) expected.push_back(deskRows[i]);
    ASSERT_GT(expected.size(), 1u);
    ASSERT_LT(expected.size(), deskRows.size());
    const auto aRows = lines(file("a.csv"));
    EXPECT_EQ(aRows, expected);
    for (std::size_t i = 1; i < aRows.size(); ++i)
        ASSERT_EQ(ofB.count(field(aRows[i], 1)), 0u) << "B's trade in A's export: " << aRows[i];
    // The export is in the server's trail under A's login.
    auto audit = m_branch.admin().query(
        "SELECT after::jsonb->>'rows' FROM audit_log WHERE kind = 'export' AND actor = $1 AND "
        "after::jsonb->>'what' = 'trades'",
        bd::storage::PgParams(m_branch.pg().login("a")));
    ASSERT_TRUE(audit) << audit.error().toString();
    ASSERT_EQ(audit->size(), 1);
    EXPECT_EQ(audit->text(0, 0), std::to_string(aRows.size() - 1));

    // Round trip: A's export imported into a desk book of A's clients gives the same rows.
    const std::string round = file("round.bdbook");
    ASSERT_EQ(runCli("init --db " + round).exit_code, 0);
    std::string files;
    for (const std::string kind : {"securities", "clients"}) {
        auto e = runCli("export " + kind + " --db " + db("a") + " --out " + file(kind + ".csv"));
        ASSERT_EQ(e.exit_code, 0) << e.output;
        files += " --" + kind + " " + file(kind + ".csv");
    }
    auto imported = runCli("import --db " + round + files + " --trades " + file("a.csv"));
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    ASSERT_EQ(runCli("export trades --db " + round + " --out " + file("round.csv")).exit_code, 0);
    EXPECT_EQ(lines(file("round.csv")), aRows);
}

TEST_F(CliServerReads, EvaluateOnTheBranchAsAManagerIsTheDesks) {
    auto admin = m_branch.admin();
    auto last = admin.query("SELECT max(trade_time) FROM trades");
    ASSERT_TRUE(last && !last->isNull(0, 0));
    int y = 0, mo = 0, d = 0;
    bd::DateTime{last->int64(0, 0)}.date().toYmd(y, mo, d);
    // A programme that started four months before the last trade, windows of three months.
    const bd::Date start = bd::addMonths(bd::Date::fromYmd(y, mo, 1), -4);
    const std::string args = "evaluate --start " + start.toString() +
                             " --months 3 --compare broker:" + m_branch.brokerB() +
                             " --resamples 200 --json --db ";
    int rc = -1;
    const std::string onDesk = stdoutOf(args + desk(), &rc);
    ASSERT_EQ(rc, 0) << runCli(args + desk()).output;
    ASSERT_NE(onDesk.find("\"comparison\": true"), std::string::npos) << onDesk;
    EXPECT_EQ(stdoutOf(args + db("m"), &rc), onDesk);
    EXPECT_EQ(rc, 0) << runCli(args + db("m")).output;
    // A broker evaluates their own clients only (no comparison group: B's clients are none of
    // theirs): the figures of A's clients as the desk's evaluation of A against B has them.
    const std::string own =
        "evaluate --start " + start.toString() + " --months 3 --resamples 0 --json --db ";
    const std::string mine = stdoutOf(own + db("a"), &rc);
    EXPECT_EQ(rc, 0) << runCli(own + db("a")).output;
    EXPECT_NE(mine.find("\"comparison_clients\": 0,"), std::string::npos) << mine;
    const std::string versus = stdoutOf(own + desk() + " --treated broker:" + m_branch.brokerA() +
                                        " --compare broker:" + m_branch.brokerB());
    const auto treated = [](const std::string& json) {
        static const std::regex kFigures("\"treated_clients\": [0-9]+|\"treated_before\": "
                                         "[^,]+, \"treated_after\": [^,]+");
        std::vector<std::string> out;
        for (auto it = std::sregex_iterator(json.begin(), json.end(), kFigures);
             it != std::sregex_iterator(); ++it)
            out.push_back(it->str());
        return out;
    };
    EXPECT_EQ(treated(mine).size(), 6u) << mine;
    EXPECT_EQ(treated(mine), treated(versus));
}

TEST_F(CliServerReads, ALoggedContactPrintsItsPlanOutcomeAsOnADesk) {
    // The nightly plan on the server, and the same plan on a copy of the desk's book.
    auto admin = m_branch.admin();
    const std::string night = m_branch.pg().login("n");
    ASSERT_TRUE(addBatchLogin(night));
    const std::string batch = "'" + m_branch.pg().url(night, "pw") + "'";
    auto planned = runCli("plan --db " + batch);
    ASSERT_EQ(planned.exit_code, 0) << planned.output;
    const std::string deskCopy = file("desk2.bdbook");
    std::filesystem::copy_file(desk(), deskCopy);
    ASSERT_EQ(runCli("plan --db " + deskCopy).exit_code, 0);
    auto open = admin.query("SELECT c.client_id FROM follow_up_tasks f JOIN clients c ON c.id = "
                            "f.client_ref WHERE c.broker_id = $1 AND f.status = 0 ORDER BY "
                            "f.planned_date, f.id LIMIT 1",
                            bd::storage::PgParams(m_branch.brokerA()));
    ASSERT_TRUE(open && open->size() == 1);
    const std::string client = open->text(0, 0);
    const std::string args = "log-contact --client " + client +
                             " --channel phone --outcome no_answer --at '" +
                             std::string("2026-12-01 10:00") + "' --db ";
    auto onDesk = runCli(args + deskCopy);
    ASSERT_EQ(onDesk.exit_code, 0) << onDesk.output;
    auto onServer = runCli(args + db("a"));
    ASSERT_EQ(onServer.exit_code, 0) << onServer.output;
    EXPECT_NE(onServer.output.find("attempted"), std::string::npos) << onServer.output;
    EXPECT_NE(onServer.output.find("retry"), std::string::npos) << onServer.output;
    // The same lines but the contact's id (the server numbers its own contacts).
    const auto tail = [](const std::string& s) { return s.substr(s.find('\n') + 1); };
    EXPECT_EQ(tail(onServer.output), tail(onDesk.output));
    // And the retry it names is the client's item on the server.
    const auto item = onServer.output.rfind("(item ");
    ASSERT_NE(item, std::string::npos) << onServer.output;
    const std::string retryId =
        onServer.output.substr(item + 6, onServer.output.find(')', item) - item - 6);
    auto retry = admin.query("SELECT count(*) FROM follow_up_tasks f JOIN clients c ON c.id = "
                             "f.client_ref WHERE c.client_id = $1 AND f.id = $2::bigint",
                             bd::storage::PgParams(client, retryId));
    ASSERT_TRUE(retry) << retry.error().toString();
    EXPECT_EQ(retry->int64(0, 0), 1);
}

TEST_F(CliServerReads, ANoteIsJournalledUnderTheLoginThatTheServerFilesItUnder) {
    const std::string client = busiestClientOfA();
    auto note = runCli("client note --client " + client + " --text 'called back' --db " + db("a"));
    ASSERT_EQ(note.exit_code, 0) << note.output;
    auto row = m_branch.admin().query(
        "SELECT n.author, a.actor, a.after::jsonb->>'author' FROM client_notes n JOIN audit_log a "
        "ON a.kind = 'note.add' AND a.entity_id = n.id::text WHERE n.text = 'called back'");
    ASSERT_TRUE(row) << row.error().toString();
    ASSERT_EQ(row->size(), 1);
    const std::string login = m_branch.pg().login("a");
    EXPECT_EQ(row->text(0, 0), login);
    EXPECT_EQ(row->text(0, 1), login);
    EXPECT_EQ(row->text(0, 2), login) << "the journal says who the note is filed under";
}

TEST_F(CliServerReads, AnImportIsRecordedInTheServersImportHistoryForManagersAndTheBatch) {
    auto admin = m_branch.admin();
    const std::string night = m_branch.pg().login("n");
    ASSERT_TRUE(addBatchLogin(night));
    const std::string batch = "'" + m_branch.pg().url(night, "pw") + "'";
    ASSERT_EQ(runCli("export securities --db " + desk() + " --out " + file("sec.csv")).exit_code,
              0);
    auto imported = runCli("import --db " + batch + " --securities " + file("sec.csv"));
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    // A strict run with a bad row imports nothing and records nothing.
    std::ofstream(file("bad.csv")) << lines(file("sec.csv")).front() << "\nX,,9,9,\n";
    auto bad = runCli("import --db " + batch + " --securities " + file("bad.csv"));
    EXPECT_NE(bad.exit_code, 0) << bad.output;

    auto log = admin.query("SELECT kind, file, encoding, rows_new, rows_unchanged, rows_rejected, "
                           "status FROM import_log");
    ASSERT_TRUE(log) << log.error().toString();
    ASSERT_EQ(log->size(), 1);
    EXPECT_EQ(log->text(0, 0), "securities");
    EXPECT_EQ(log->text(0, 1), file("sec.csv"));
    EXPECT_EQ(log->text(0, 2), "utf-8");
    EXPECT_EQ(log->int64(0, 3), 0);
    EXPECT_GT(log->int64(0, 4), 0);
    EXPECT_EQ(log->int64(0, 5), 0);
    EXPECT_EQ(log->text(0, 6), "ok");
    // Who imported it is in the database's trail.
    auto trail = admin.query("SELECT login FROM row_audit WHERE table_name = 'import_log'");
    ASSERT_TRUE(trail && trail->size() == 1);
    EXPECT_EQ(trail->text(0, 0), night);
    // A manager reads the history; a broker sees none of it and may not write it; nobody but
    // the owner changes it.
    auto seen = m_branch.as("m").query("SELECT count(*) FROM import_log");
    ASSERT_TRUE(seen) << seen.error().toString();
    EXPECT_EQ(seen->int64(0, 0), 1);
    auto broker = m_branch.as("a");
    auto hidden = broker.query("SELECT count(*) FROM import_log");
    ASSERT_TRUE(hidden) << hidden.error().toString(); // a broker's replica copies the table
    EXPECT_EQ(hidden->int64(0, 0), 0);
    EXPECT_FALSE(broker.run("INSERT INTO import_log(started_at, kind, file, status) VALUES "
                            "('2026-01-01', 'trades', 'x', 'ok')"));
    auto asBatch = bd::storage::PgConnection::connect(m_branch.pg().uri(night, "pw"));
    ASSERT_TRUE(asBatch);
    EXPECT_FALSE(asBatch->run("UPDATE import_log SET rows_new = 7"));
    EXPECT_FALSE(asBatch->run("DELETE FROM import_log"));
    auto still = admin.query("SELECT count(*), max(rows_new) FROM import_log");
    ASSERT_TRUE(still);
    EXPECT_EQ(still->int64(0, 0), 1);
    EXPECT_EQ(still->int64(0, 1), 0);
    // `stats` names the server book's schema (the one with the history), not its copy's.
    auto stats = runCli("stats --db " + db("m"));
    ASSERT_EQ(stats.exit_code, 0) << stats.output;
    EXPECT_NE(stats.output.find(
                  "\"schema_version\": " + std::to_string(bd::storage::kServerSchemaVersion) + "}"),
              std::string::npos)
        << stats.output;
    // The server's check finds the history guarded.
    auto check = runCli("server check --db '" + m_branch.pg().url("postgres") + "'");
    EXPECT_EQ(check.exit_code, 0) << check.output;
}

// Issue 19: `coverage --db URI` and its export list the login's own brokers (the copy holds
// every broker of the server): a broker their own line only, a branch manager the branch's
// brokers, one with no clients yet without a share rather than at 100%.
TEST_F(CliServerReads, CoverageAndItsExportListTheLoginsOwnBrokersAndNoShareWithoutClients) {
    const std::string a = m_branch.brokerA(), b = m_branch.brokerB();
    int code = -1;
    const std::string ofA = stdoutOf("coverage --json --db " + db("a"), &code);
    ASSERT_EQ(code, 0) << ofA;
    EXPECT_NE(ofA.find("\"id\": \"" + a + "\""), std::string::npos) << ofA;
    EXPECT_EQ(ofA.find("\"" + b + "\""), std::string::npos) << ofA;

    auto admin = m_branch.admin();
    auto branch =
        admin.query("SELECT branch_id FROM brokers WHERE broker_id = $1", bd::storage::PgParams(a));
    ASSERT_TRUE(branch && branch->size() == 1);
    const std::string br = branch->text(0, 0);
    ASSERT_TRUE(admin.run("INSERT INTO brokers (broker_id, name, branch_id) VALUES ('ZNEW01', "
                          "'New Broker', $1)",
                          bd::storage::PgParams(br)));
    ASSERT_TRUE(bd::storage::addServerUser(
        admin, {m_branch.pg().login("bm"), "manager", "", br, false}, std::string("pw")));
    const std::string ofBranch = stdoutOf("coverage --json --db " + db("bm"), &code);
    ASSERT_EQ(code, 0) << ofBranch;
    EXPECT_NE(ofBranch.find("{\"id\": \"ZNEW01\", \"branch_id\": \"" + br +
                            "\", \"clients\": 0, \"covered\": 0, \"share\": null"),
              std::string::npos)
        << ofBranch;
    auto others = admin.query("SELECT broker_id FROM brokers WHERE branch_id <> $1 AND broker_id "
                              "NOT IN (SELECT broker_id FROM clients WHERE branch_id = $1)",
                              bd::storage::PgParams(br));
    ASSERT_TRUE(others);
    for (int i = 0; i < others->size(); ++i)
        EXPECT_EQ(ofBranch.find("\"" + others->text(i, 0) + "\""), std::string::npos)
            << others->text(i, 0) << " of another branch, with no client in view";

    const std::string out = file("coverage-bm.csv");
    ASSERT_EQ(runCli("export coverage --db " + db("bm") + " --out " + out).exit_code, 0);
    bool seen = false;
    for (const auto& l : lines(out)) {
        if (l.find("ZNEW01") == std::string::npos) continue;
        seen = true;
        EXPECT_EQ(field(l, 3), "0") << l;
        EXPECT_EQ(field(l, 5), "") << "no share without clients: " << l;
    }
    EXPECT_TRUE(seen);
    const auto exported = lines(out);
    for (int i = 0; i < others->size(); ++i)
        for (const auto& l : exported)
            EXPECT_EQ(l.find(others->text(i, 0)), std::string::npos) << l;
}

} // namespace
