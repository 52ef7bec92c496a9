// Server schema v15: the nightly batch's per-client results (client scores, segment labels) in
// one partition per run (storage/pg/pgschema_v15_run_partitions.cpp, pgbatch.cpp). A partition
// shows a broker only their clients' rows, read through its parent or by its own name; pruning
// keeps the newest runs' partitions and counts the dropped rows in the trail; a v14 book's
// results survive its upgrade; `server check` is clean on a new and an upgraded book and reports
// a partition left without forced row-level security, a policy or with a write grant.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "services/refresh.h"
#include "services/serverbatch.h"
#include "storage/pg/pgschema.h"
#include "support/pgdemobranch.h"

namespace {

using bd::storage::PgConnection;
using bd::storage::PgParams;

std::string text(PgConnection& c, const std::string& sql) {
    auto r = c.query(sql);
    EXPECT_TRUE(r) << sql << ": " << (r ? "" : r.error().toString());
    return r && !r->empty() && !r->isNull(0, 0) ? r->text(0, 0) : std::string();
}

/// Every row of a result table, in key order, as one digest.
std::string digest(PgConnection& c, const std::string& table) {
    return text(c, "SELECT md5(string_agg(t::text, '|' ORDER BY t.run_id, t.client_ref)) FROM " +
                       table + " t");
}

/// The partitions of a table, by name.
std::set<std::string> partitionsOf(PgConnection& c, const std::string& table) {
    std::set<std::string> out;
    auto r = c.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                     "WHERE i.inhparent = $1::regclass",
                     PgParams(table));
    EXPECT_TRUE(r);
    for (int i = 0; r && i < r->size(); ++i) out.insert(r->text(i, 0));
    return out;
}

std::set<std::pair<std::string, std::string>> findings(PgConnection& admin) {
    auto f = bd::storage::checkServer(admin);
    EXPECT_TRUE(f) << (f ? "" : f.error().toString());
    std::set<std::pair<std::string, std::string>> out;
    if (f)
        for (const auto& x : *f) out.emplace(x.kind, x.subject);
    return out;
}

/// The demo book's clients (two brokers at least).
constexpr int kClients = 600;

class ServerRunPartitions : public ::testing::Test {
  protected:
    /// A branch book of `version` with the demo book and the logins a, b, m and a batch login.
    void setUpBook(int version) {
        m_branch = std::make_unique<bdtest::PgDemoBranch>(kClients, version);
        BD_REQUIRE_PG_BRANCH(*m_branch);
        auto admin = m_branch->admin();
        auto s = bd::storage::addServerUser(
            admin, {m_branch->pg().login("batch"), "batch", "", "", false}, std::string("pw"));
        ASSERT_TRUE(s) << s.error().toString();
        m_brokerA = m_branch->brokerA();
        m_ready = true;
    }
    PgConnection as(const std::string& who) { return m_branch->as(who); }
    std::int64_t refresh(int keepScoredRuns = 10) {
        auto batch = as("batch");
        const auto dir = m_branch->dir() / "scratch";
        std::filesystem::create_directories(dir);
        bd::services::RefreshOptions o;
        o.keep_scored_runs = keepScoredRuns;
        auto run = bd::services::refreshServerBook(batch, o, nullptr, dir);
        EXPECT_TRUE(run) << (run ? "" : run.error().toString());
        return run ? run->run_id : -1;
    }
    /// Broker A's clients' rows of a table, counted as the administrator.
    std::int64_t ownRows(PgConnection& admin, const std::string& table) {
        return bdtest::pgCount(
            admin,
            "SELECT count(*) FROM " + table +
                " t JOIN clients c ON c.id = t.client_ref WHERE c.broker_id = $1",
            PgParams(m_brokerA));
    }

    std::unique_ptr<bdtest::PgDemoBranch> m_branch;
    std::string m_brokerA;
    bool m_ready = false;
};

TEST_F(ServerRunPartitions, ARunsPartitionShowsABrokerOnlyTheirClientsThroughItsParentOrByName) {
    setUpBook(bd::storage::kServerSchemaVersion);
    if (!m_ready) return;
    const std::int64_t run = refresh();
    auto admin = m_branch->admin();
    for (const std::string table : {"client_scores", "segment_labels"}) {
        ASSERT_EQ(text(admin, "SELECT relkind FROM pg_class WHERE oid = '" + table + "'::regclass"),
                  "p")
            << table;
        const auto parts = partitionsOf(admin, table);
        ASSERT_EQ(parts.size(), 1u) << table;
        const std::string part = *parts.begin();
        EXPECT_EQ(bdtest::pgCount(admin, "SELECT count(*) FROM " + part), kClients) << part;
        const std::int64_t own = ownRows(admin, part);
        ASSERT_GT(own, 0);
        ASSERT_LT(own, kClients);
        auto a = as("a");
        EXPECT_EQ(bdtest::pgCount(a, "SELECT count(*) FROM " + table), own) << table;
        EXPECT_EQ(bdtest::pgCount(a, "SELECT count(*) FROM " + part), own)
            << part << " read by name";
        EXPECT_EQ(bdtest::pgCount(a, "SELECT count(*) FROM " + part +
                                         " t WHERE t.client_ref NOT IN (SELECT id FROM clients)"),
                  0);
        // Nobody but the owner writes a partition; the batch's functions are the batch's.
        EXPECT_FALSE(a.run("DELETE FROM " + part));
        EXPECT_FALSE(as("batch").run("DELETE FROM " + part));
        EXPECT_FALSE(
            a.run("SELECT bd_batch_drop_runs($1, ARRAY[$2::bigint])", PgParams(table, run)));
        EXPECT_FALSE(as("m").run("SELECT bd_batch_new_run($1, 999)", PgParams(table)));
        EXPECT_EQ(bdtest::pgCount(admin, "SELECT count(*) FROM " + table), kClients) << table;
    }
    // Written as before: one INSERT of the run's rows in the trail, under the batch login.
    EXPECT_EQ(
        bdtest::pgCount(admin,
                        "SELECT count(*) FROM row_audit WHERE table_name = 'client_scores' AND "
                        "operation = 'INSERT' AND rows = $2 AND login = $1",
                        PgParams(m_branch->pg().login("batch"), kClients)),
        1);
    EXPECT_TRUE(findings(admin).empty());
}

TEST_F(ServerRunPartitions, PruningDropsThePartitionsOfAllButTheNewestRunsAndCountsTheirRows) {
    setUpBook(bd::storage::kServerSchemaVersion);
    if (!m_ready) return;
    const std::int64_t first = refresh();
    const std::int64_t second = refresh();
    auto admin = m_branch->admin();
    EXPECT_EQ(partitionsOf(admin, "client_scores").size(), 2u);
    const std::int64_t third = refresh(2);
    ASSERT_EQ(third, second + 1);
    ASSERT_EQ(second, first + 1);
    EXPECT_EQ(partitionsOf(admin, "client_scores"),
              (std::set<std::string>{"client_scores_run_" + std::to_string(second),
                                     "client_scores_run_" + std::to_string(third)}));
    EXPECT_EQ(bdtest::pgCount(admin, "SELECT count(*) FROM client_scores"), 2 * kClients);
    EXPECT_EQ(bdtest::pgCount(admin, "SELECT min(run_id) FROM client_scores"), second);
    EXPECT_EQ(bdtest::pgCount(admin, "SELECT count(*) FROM pg_class WHERE relname = $1",
                              PgParams("client_scores_run_" + std::to_string(first))),
              0)
        << "dropped, not only detached";
    EXPECT_EQ(
        bdtest::pgCount(admin,
                        "SELECT count(*) FROM row_audit WHERE table_name = 'client_scores' AND "
                        "operation = 'DELETE' AND rows = $2 AND login = $1",
                        PgParams(m_branch->pg().login("batch"), kClients)),
        1);
    // The segment labels keep their ten runs: three here.
    EXPECT_EQ(partitionsOf(admin, "segment_labels").size(), 3u);
    EXPECT_EQ(bdtest::pgCount(admin, "SELECT count(*) FROM segment_labels"), 3 * kClients);
    EXPECT_TRUE(findings(admin).empty());
}

TEST_F(ServerRunPartitions, AVersion14BooksResultsSurviveItsUpgradeAndItsNextRunPrunesThem) {
    setUpBook(14);
    if (!m_ready) return;
    // Two nights on the v14 book (its results written as before: delete and insert).
    const std::int64_t first = refresh();
    const std::int64_t second = refresh();
    auto admin = m_branch->admin();
    ASSERT_EQ(text(admin, "SELECT relkind FROM pg_class WHERE oid = 'client_scores'::regclass"),
              "r");
    const std::string scores = digest(admin, "client_scores"),
                      labels = digest(admin, "segment_labels");
    ASSERT_FALSE(scores.empty());
    ASSERT_EQ(bdtest::pgCount(admin, "SELECT count(*) FROM client_scores"), 2 * kClients);
    const std::int64_t own = ownRows(admin, "client_scores");

    auto up = bd::storage::initServer(admin);
    ASSERT_TRUE(up) << up.error().toString();
    EXPECT_EQ(up->from_version, 14);
    EXPECT_EQ(up->to_version, bd::storage::kServerSchemaVersion);
    EXPECT_EQ(digest(admin, "client_scores"), scores);
    EXPECT_EQ(digest(admin, "segment_labels"), labels);
    for (const std::string table : {"client_scores", "segment_labels"}) {
        EXPECT_EQ(text(admin, "SELECT relkind FROM pg_class WHERE oid = '" + table + "'::regclass"),
                  "p");
        EXPECT_EQ(partitionsOf(admin, table),
                  (std::set<std::string>{table + "_run_" + std::to_string(first),
                                         table + "_run_" + std::to_string(second)}));
        EXPECT_EQ(bdtest::pgCount(admin, "SELECT count(*) FROM pg_class WHERE relname = $1",
                                  PgParams(table + "_v14")),
                  0);
    }
    // The keys, the index by client and the audit triggers are the parent's again.
    EXPECT_EQ(bdtest::pgCount(admin, "SELECT count(*) FROM pg_constraint WHERE conrelid = "
                                     "'client_scores'::regclass AND contype IN ('p', 'f')"),
              3);
    EXPECT_EQ(bdtest::pgCount(admin,
                              "SELECT count(*) FROM pg_indexes WHERE tablename = 'client_scores' "
                              "AND indexname IN ('client_scores_pkey', 'client_scores_by_client')"),
              2);
    EXPECT_TRUE(findings(admin).empty());
    auto a = as("a");
    EXPECT_EQ(bdtest::pgCount(a, "SELECT count(*) FROM client_scores"), own);
    EXPECT_EQ(bdtest::pgCount(a, "SELECT count(*) FROM client_scores_run_" + std::to_string(first)),
              own / 2);
    // The next night writes a partition and drops the migrated ones past the kept run.
    const std::int64_t third = refresh(1);
    EXPECT_EQ(partitionsOf(admin, "client_scores"),
              (std::set<std::string>{"client_scores_run_" + std::to_string(third)}));
    EXPECT_EQ(bdtest::pgCount(admin, "SELECT count(*) FROM client_scores"), kClients);
    EXPECT_EQ(bdtest::pgCount(admin, "SELECT count(*) FROM segment_labels"), 3 * kClients);
    EXPECT_TRUE(findings(admin).empty());
}

TEST_F(ServerRunPartitions, ServerCheckReportsAPartitionWithoutForcedSecurityAPolicyOrWithWrites) {
    setUpBook(bd::storage::kServerSchemaVersion);
    if (!m_ready) return;
    const std::string part = "client_scores_run_" + std::to_string(refresh());
    auto admin = m_branch->admin();
    ASSERT_TRUE(findings(admin).empty());
    ASSERT_TRUE(admin.run("ALTER TABLE " + part + " NO FORCE ROW LEVEL SECURITY"));
    ASSERT_TRUE(admin.run("DROP POLICY with_client ON " + part));
    ASSERT_TRUE(admin.run("GRANT INSERT ON " + part + " TO batch"));
    EXPECT_EQ(findings(admin), (std::set<std::pair<std::string, std::string>>{
                                   {"rls_not_forced", part},
                                   {"partition_policy_missing", part + ".with_client"},
                                   {"partition_writable", part}}));
}

TEST_F(ServerRunPartitions, APruneThatADesksLongReadHoldsUpWaitsBrieflyAndLeavesItToTheNextNight) {
    setUpBook(bd::storage::kServerSchemaVersion);
    if (!m_ready) return;
    const auto runs = [](std::initializer_list<std::int64_t> ids) {
        std::set<std::string> out;
        for (std::int64_t id : ids) out.insert("client_scores_run_" + std::to_string(id));
        return out;
    };
    const std::int64_t first = refresh(2), second = refresh(2);
    // A desk's long read of the scores (its replica's copy) holds the table while the next
    // night runs: the night's results go in; its prune gives up waiting, the old run stays.
    auto desk = as("a");
    ASSERT_TRUE(desk.run("BEGIN ISOLATION LEVEL REPEATABLE READ"));
    ASSERT_GT(bdtest::pgCount(desk, "SELECT count(*) FROM client_scores"), 0);
    auto admin = m_branch->admin();
    const std::int64_t third = refresh(2);
    ASSERT_GT(third, second);
    EXPECT_EQ(partitionsOf(admin, "client_scores"), runs({first, second, third}));
    ASSERT_TRUE(desk.run("COMMIT"));
    // The next night prunes what was left.
    const std::int64_t fourth = refresh(2);
    EXPECT_EQ(partitionsOf(admin, "client_scores"), runs({third, fourth}));
    EXPECT_TRUE(findings(admin).empty());
}

TEST_F(ServerRunPartitions, ServerCheckReportsAPartitionWhosePolicyLagsBehindItsParents) {
    setUpBook(bd::storage::kServerSchemaVersion);
    if (!m_ready) return;
    const std::string part = "client_scores_run_" + std::to_string(refresh());
    auto admin = m_branch->admin();
    ASSERT_TRUE(findings(admin).empty());
    // A later version tightens the parent's policy (here: managers no longer read the scores)
    // and forgets the partitions: their copies still let managers in.
    ASSERT_TRUE(admin.run("ALTER POLICY with_client ON client_scores TO broker"));
    EXPECT_EQ(findings(admin), (std::set<std::pair<std::string, std::string>>{
                                   {"partition_policy_missing", part + ".with_client"}}));
}

} // namespace
