// The nightly batch on a branch server (`refresh`, `plan` with --db URI): a demo book moved in
// with `server load`, refreshed and planned there by the batch login, gives the results the
// desk's own refresh and plan give on the same book; brokers read only their clients' results;
// a desk reading while the batch writes sees the old results or the new, never half; nobody but
// the batch may run it.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <tuple>

#include "core/refusal.h"
#include "demo/demogenerator.h"
#include "services/commands/command.h"
#include "services/kpi.h"
#include "services/planrebuild.h"
#include "services/recordbook.h"
#include "services/refresh.h"
#include "services/serverbatch.h"
#include "services/serverreplica.h"
#include "storage/db/query.h"
#include "storage/pg/pgbatch.h"
#include "storage/pg/pgload.h"
#include "storage/pg/pgschema.h"
#include "storage/schema/schema.h"
#include "support/pgserver.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

using bd::ErrorCode;
using bd::storage::PgConnection;
using bd::storage::PgParams;

std::int64_t count(PgConnection& c, const std::string& sql, const PgParams& p = PgParams()) {
    return bdtest::pgCount(c, sql, p);
}

class ServerBatch : public ::testing::Test {
  protected:
    void SetUp() override {
        BD_REQUIRE_PG(m_pg);
        m_desk = (m_dir.path() / "desk.bdbook").string();
        bd::demo::DemoOptions o;
        o.clients = 600;
        o.seed = 19;
        o.history_years = 2;
        auto demo = bd::demo::createDemoBook(m_desk, o, true);
        ASSERT_TRUE(demo) << demo.error().toString();
        auto admin = m_pg.admin();
        ASSERT_TRUE(bd::storage::initServer(admin));
        {
            auto desk = bd::storage::openBook(m_desk, {.create = false});
            ASSERT_TRUE(desk);
            auto loaded = bd::storage::loadDeskBook(*desk, admin);
            ASSERT_TRUE(loaded) << loaded.error().toString();
        }
        // Two brokers of the book: A and B.
        auto brokers = admin.query("SELECT broker_id FROM clients GROUP BY 1 ORDER BY 1 LIMIT 2");
        ASSERT_TRUE(brokers && brokers->size() == 2);
        m_brokerA = brokers->text(0, 0);
        m_brokerB = brokers->text(1, 0);
        for (const auto& [who, role, broker] :
             {std::tuple{"batch", "batch", std::string()}, std::tuple{"a", "broker", m_brokerA},
              std::tuple{"b", "broker", m_brokerB}, std::tuple{"m", "manager", std::string()}}) {
            auto s = bd::storage::addServerUser(admin, {m_pg.login(who), role, broker, "", false},
                                                std::string("pw"));
            ASSERT_TRUE(s) << s.error().toString();
        }
    }
    PgConnection as(const std::string& who) {
        auto c = PgConnection::connect(m_pg.uri(m_pg.login(who), "pw"));
        EXPECT_TRUE(c) << (c ? "" : c.error().toString());
        return std::move(*c);
    }
    /// The working directory of the batch: empty again after every run.
    std::filesystem::path scratchDir() {
        const auto d = m_dir.path() / "scratch";
        std::filesystem::create_directories(d);
        return d;
    }

    bdtest::PgTestBook m_pg;
    bdtest::TempDir m_dir;
    std::string m_desk, m_brokerA, m_brokerB;
};

/// Per client id: value score, rank, VIP, CLV, churn risk, segment.
using Scores = std::map<std::string,
                        std::tuple<double, std::int64_t, int, std::int64_t, double, std::int64_t>>;
constexpr const char* kScoresSql =
    "SELECT c.client_id, s.value_score, s.value_rank, s.vip, s.clv_12m, s.churn_risk, "
    "l.segment_id FROM client_scores s JOIN clients c ON c.id = s.client_ref JOIN segment_labels "
    "l ON l.run_id = s.run_id AND l.client_ref = s.client_ref WHERE s.run_id = (SELECT max(id) "
    "FROM analytics_runs)";

TEST_F(ServerBatch, RefreshAndPlanOnTheServerGiveTheDesksScoresVipsSegmentsAndPlan) {
    // The same book refreshed and planned on a desk.
    const std::string copy = (m_dir.path() / "copy.bdbook").string();
    std::filesystem::copy_file(m_desk, copy);
    auto desk = bd::storage::openBook(copy, {.create = false});
    ASSERT_TRUE(desk);
    auto deskRun = bd::services::refreshBook(*desk);
    ASSERT_TRUE(deskRun) << deskRun.error().toString();
    bd::services::PlanOptions po;
    po.as_of = bd::Date::fromYmd(2026, 11, 23);
    auto deskPlan = bd::services::rebuildPlan(*desk, po);
    ASSERT_TRUE(deskPlan) << deskPlan.error().toString();

    auto batch = as("batch");
    bd::services::ServerBatchTimings t;
    auto run = bd::services::refreshServerBook(batch, {}, &t, scratchDir());
    ASSERT_TRUE(run) << run.error().toString();
    EXPECT_GT(t.read_ms, 0);
    auto plan = bd::services::rebuildServerPlan(batch, po, nullptr, scratchDir());
    ASSERT_TRUE(plan) << plan.error().toString();
    EXPECT_TRUE(std::filesystem::is_empty(scratchDir())) << "the working copy is removed";

    EXPECT_EQ(run->clients, 600);
    EXPECT_EQ(run->vips, deskRun->vips);
    EXPECT_EQ(run->as_of, deskRun->as_of);
    EXPECT_EQ(plan->planned, deskPlan->planned);
    EXPECT_EQ(plan->candidates, deskPlan->candidates);

    Scores onDesk, onServer;
    auto st = desk->prepare(kScoresSql);
    ASSERT_TRUE(st);
    ASSERT_TRUE(st->forEach([&](const bd::storage::Statement& r) {
        onDesk[r.text(0)] = {r.real(1),  r.int64(2), static_cast<int>(r.int64(3)),
                             r.int64(4), r.real(5),  r.int64(6)};
    }));
    auto admin = m_pg.admin();
    auto rows = admin.query(kScoresSql);
    ASSERT_TRUE(rows) << rows.error().toString();
    for (int i = 0; i < rows->size(); ++i)
        onServer[rows->text(i, 0)] = {rows->real(i, 1),  rows->int64(i, 2), rows->int32(i, 3),
                                      rows->int64(i, 4), rows->real(i, 5),  rows->int64(i, 6)};
    ASSERT_EQ(onDesk.size(), 600u);
    EXPECT_TRUE(onDesk == onServer) << "scores, ranks, VIPs, CLV, churn risk and segments";
    // The segments' profiles, the KPI history and the plan's tasks too.
    for (const std::string sql :
         {"SELECT count(*) FROM segments", "SELECT sum(size) FROM segments WHERE run_id = 1",
          "SELECT count(*) FROM kpi_months", "SELECT sum(vips) FROM kpi_months",
          "SELECT count(*) FROM follow_up_tasks",
          "SELECT count(*) FROM follow_up_tasks t JOIN clients c ON c.id = t.client_ref "
          "WHERE t.planned_date = (SELECT min(planned_date) FROM follow_up_tasks)",
          "SELECT count(*) FROM plan_dropped"}) {
        auto onD = bd::storage::queryInt(*desk, sql);
        ASSERT_TRUE(onD) << sql;
        EXPECT_EQ(count(admin, sql), *onD) << sql;
    }
    // Each bulk write is in the database's trail under the batch login.
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM row_audit WHERE table_name = 'client_scores' AND "
                    "operation = 'INSERT' AND rows = 600 AND login = $1",
                    PgParams(m_pg.login("batch"))),
              1);

    // A second night: a new run beside the first, the plan's open tasks replaced.
    auto again = bd::services::refreshServerBook(batch, {}, nullptr, scratchDir());
    ASSERT_TRUE(again) << again.error().toString();
    EXPECT_EQ(again->run_id, run->run_id + 1);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM client_scores"), 1200);
    EXPECT_EQ(count(admin, "SELECT count(DISTINCT run_id) FROM segment_labels"), 2);
    // Scores kept for the newest run only: the older runs' records stay, their scores go.
    bd::services::RefreshOptions keepOne;
    keepOne.keep_scored_runs = 1;
    auto third = bd::services::refreshServerBook(batch, keepOne, nullptr, scratchDir());
    ASSERT_TRUE(third) << third.error().toString();
    EXPECT_EQ(count(admin, "SELECT count(*) FROM client_scores"), 600);
    EXPECT_EQ(count(admin, "SELECT min(run_id) FROM client_scores"), third->run_id);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM analytics_runs"), 3);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM segment_labels"), 1800);
}

TEST_F(ServerBatch, ABrokerReadsOnlyTheirOwnClientsScoresAndPlanItems) {
    auto batch = as("batch");
    ASSERT_TRUE(bd::services::refreshServerBook(batch, {}, nullptr, scratchDir()));
    bd::services::PlanOptions po;
    po.as_of = bd::Date::fromYmd(2026, 11, 23);
    ASSERT_TRUE(bd::services::rebuildServerPlan(batch, po, nullptr, scratchDir()));
    auto admin = m_pg.admin();
    const std::int64_t ownScores =
        count(admin,
              "SELECT count(*) FROM client_scores s JOIN clients c ON c.id = s.client_ref "
              "WHERE c.broker_id = $1",
              PgParams(m_brokerA));
    // Their clients' tasks, also those on the service desk's queue.
    const std::int64_t ownTasks =
        count(admin,
              "SELECT count(*) FROM follow_up_tasks t JOIN clients c ON c.id = t.client_ref "
              "WHERE c.broker_id = $1",
              PgParams(m_brokerA));
    ASSERT_GT(ownScores, 0);
    ASSERT_LT(ownScores, 600);
    auto a = as("a");
    EXPECT_EQ(count(a, "SELECT count(*) FROM client_scores"), ownScores);
    EXPECT_EQ(count(a, "SELECT count(*) FROM segment_labels"), ownScores);
    EXPECT_EQ(count(a, "SELECT count(*) FROM follow_up_tasks"), ownTasks);
    EXPECT_EQ(count(a, "SELECT count(*) FROM plan_tasks"), ownTasks);
    // None of broker B's: their client refs are not there, whatever the query.
    for (const std::string table : {"client_scores", "segment_labels", "follow_up_tasks",
                                    "plan_dropped", "kpi_vip_changes"}) {
        auto theirs =
            admin.query("SELECT DISTINCT t.client_ref FROM " + table +
                            " t JOIN clients c ON c.id = t.client_ref WHERE c.broker_id = "
                            "$1",
                        PgParams(m_brokerB));
        ASSERT_TRUE(theirs);
        std::string refs = "{";
        for (int i = 0; i < theirs->size(); ++i) refs += (i ? "," : "") + theirs->text(i, 0);
        EXPECT_EQ(count(a,
                        "SELECT count(*) FROM " + table + " WHERE client_ref = ANY($1::bigint[])",
                        PgParams(refs + "}")),
                  0)
            << table;
    }
    // Broker A's KPI rows are theirs only; the run records (no client's values) are shared.
    EXPECT_EQ(count(a, "SELECT count(*) FROM kpi_months WHERE scope_id <> $1", PgParams(m_brokerA)),
              0);
    EXPECT_GT(count(a, "SELECT count(*) FROM kpi_months"), 0);
    EXPECT_EQ(count(a, "SELECT count(*) FROM analytics_runs"), 1);
    // Results are the batch's to write: a broker's write is refused loudly.
    auto write = a.run("DELETE FROM client_scores");
    ASSERT_FALSE(write);
    EXPECT_EQ(write.error().code, ErrorCode::NotPermitted);
}

TEST_F(ServerBatch, ADeskReadingWhileTheBatchWritesSeesNoneOfTheRunUntilItIsWhole) {
    auto admin = m_pg.admin();
    // A reader holds segment_labels (reads go on, writes wait): the batch's write-back stops
    // there, after it has inserted the run, its scores and its segments.
    auto holder = m_pg.admin();
    ASSERT_TRUE(holder.run("BEGIN"));
    ASSERT_TRUE(holder.run("LOCK TABLE segment_labels IN SHARE MODE"));
    bd::Result<bd::services::RefreshSummary> run = bd::makeError(ErrorCode::Internal, "not run");
    auto batch = as("batch");
    const auto dir = scratchDir();
    std::thread night([&] { run = bd::services::refreshServerBook(batch, {}, nullptr, dir); });
    bool waiting = false;
    for (int i = 0; i < 1200 && !waiting; ++i) {
        waiting = count(admin, "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = "
                               "'segment_labels'::regclass") > 0;
        if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(waiting) << "the batch reached the write of segment_labels";
    // Mid-write: nothing of the run is seen.
    for (const std::string table :
         {"analytics_runs", "client_scores", "segments", "segment_labels", "kpi_months"})
        EXPECT_EQ(count(admin, "SELECT count(*) FROM " + table), 0) << table;
    ASSERT_TRUE(holder.run("COMMIT"));
    night.join();
    ASSERT_TRUE(run) << run.error().toString();
    // Committed: all of it at once.
    EXPECT_EQ(count(admin, "SELECT count(*) FROM analytics_runs"), 1);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM client_scores"), 600);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM segment_labels"), 600);
    EXPECT_GT(count(admin, "SELECT count(*) FROM kpi_months"), 0);
}

TEST_F(ServerBatch, ABrokerLoginCannotRefreshOrPlanAndNothingChanges) {
    auto a = as("a");
    auto refresh = bd::services::refreshServerBook(a, {}, nullptr, scratchDir());
    ASSERT_FALSE(refresh);
    EXPECT_EQ(refresh.error().code, ErrorCode::NotPermitted);
    EXPECT_NE(refresh.error().message.find("batch login"), std::string::npos);
    auto plan = bd::services::rebuildServerPlan(a, {}, nullptr, scratchDir());
    ASSERT_FALSE(plan);
    EXPECT_EQ(plan.error().code, ErrorCode::NotPermitted);
    auto cli = bdtest::runCli("refresh --db '" + m_pg.url(m_pg.login("b"), "pw") + "'");
    EXPECT_NE(cli.exit_code, 0);
    EXPECT_NE(cli.output.find("batch login"), std::string::npos) << cli.output;
    auto admin = m_pg.admin();
    EXPECT_EQ(count(admin, "SELECT count(*) FROM analytics_runs"), 0);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM follow_up_tasks"), 0);
    EXPECT_TRUE(std::filesystem::is_empty(scratchDir()));
}

TEST_F(ServerBatch, TheBatchLoginRefreshesThroughTheCommandLine) {
    auto cli = bdtest::runCli("refresh --db '" + m_pg.url(m_pg.login("batch"), "pw") + "'");
    ASSERT_EQ(cli.exit_code, 0) << cli.output;
    EXPECT_NE(cli.output.find("clients: 600"), std::string::npos) << cli.output;
    EXPECT_NE(cli.output.find("one transaction"), std::string::npos) << cli.output;
    auto plan =
        bdtest::runCli("plan --db '" + m_pg.url(m_pg.login("batch"), "pw") + "' --date 2026-11-23");
    ASSERT_EQ(plan.exit_code, 0) << plan.output;
    EXPECT_NE(plan.output.find("plan run 1"), std::string::npos) << plan.output;
}

TEST_F(ServerBatch, TheBatchFixesTheNumberOfSegmentsAuditedAndAManagerCannotThroughRefresh) {
    auto admin = m_pg.admin();
    // A manager may change settings but does not refresh: refused before anything is set.
    auto manager = bdtest::runCli("refresh --k 3 --db '" + m_pg.url(m_pg.login("m"), "pw") + "'");
    EXPECT_NE(manager.exit_code, 0);
    EXPECT_NE(manager.output.find("batch login"), std::string::npos) << manager.output;
    EXPECT_EQ(count(admin, "SELECT count(*) FROM settings WHERE key = 'segmentation.k'"), 0);
    auto cli = bdtest::runCli("refresh --k 3 --db '" + m_pg.url(m_pg.login("batch"), "pw") + "'");
    ASSERT_EQ(cli.exit_code, 0) << cli.output;
    EXPECT_EQ(count(admin, "SELECT count(*) FROM settings WHERE key = 'segmentation.k' AND "
                           "value = '3'"),
              1);
    EXPECT_EQ(count(admin, "SELECT k FROM segment_runs ORDER BY run_id DESC LIMIT 1"), 3);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM audit_log WHERE kind = 'segment.k' AND actor = $1",
                    PgParams(m_pg.login("batch"))),
              1);
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM row_audit WHERE table_name = 'settings' AND row_key = "
                    "'segmentation.k' AND login = $1",
                    PgParams(m_pg.login("batch"))),
              1);
    // Out of range: refused, as on a desk, and nothing changed.
    auto wrong =
        bdtest::runCli("refresh --k 11 --db '" + m_pg.url(m_pg.login("batch"), "pw") + "'");
    EXPECT_NE(wrong.exit_code, 0);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM segment_runs"), 1);
}

TEST_F(ServerBatch, TheCopyReadsOnASecondConnectionOfTheSameLoginAndLeavesTheScratchBookInWal) {
    // The trades are read on a second connection of the same login in the same snapshot, with
    // the password this connection was given (here in its URI, not in the environment).
    auto batch = as("batch");
    auto copy = bd::services::ScratchBook::make(scratchDir());
    ASSERT_TRUE(copy) << copy.error().toString();
    auto snap = bd::storage::copyServerBook(batch, (*copy)->db());
    ASSERT_TRUE(snap) << snap.error().toString();
    EXPECT_EQ(snap->readers, 2);
    const auto rowsOf = [&](const std::string& table) {
        for (const auto& [name, rows] : snap->rows_read)
            if (name == table) return rows;
        return std::int64_t{-1};
    };
    EXPECT_EQ(rowsOf("trades"), count(batch, "SELECT count(*) FROM trades"));
    EXPECT_EQ(rowsOf("assets"), count(batch, "SELECT count(*) FROM assets"));
    // Every trade is in its client's days in the copy.
    auto sum = bd::storage::queryInt((*copy)->db(), "SELECT count(*) FROM trade_days");
    ASSERT_TRUE(sum);
    EXPECT_GT(*sum, 0);
    // The copy is written without the WAL, which the refresh's parallel reads need afterwards.
    auto st = (*copy)->db().prepare("PRAGMA journal_mode");
    ASSERT_TRUE(st);
    auto row = st->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(st->text(0), "wal");
}

TEST(ServerInitV3, AVersion2BookGetsTheResultTablesKeepingItsRows) {
    bdtest::PgTestBook book;
    BD_REQUIRE_PG(book);
    auto admin = book.admin();
    ASSERT_TRUE(bd::storage::initServer(admin));
    // Back to version 2: none of the result tables, no temporary tables for the batch.
    ASSERT_TRUE(admin.script(
        std::string("SET ROLE bd_owner; ") + bdtest::kDropSchemaV5Tables +
        bdtest::kDropSchemaV3Tables +
        "UPDATE bd_meta SET value "
        "= '2' WHERE key = 'schema_version'; INSERT INTO brokers(broker_id) VALUES ('B1'); "
        "INSERT INTO clients(client_id, name, broker_id, open_date) VALUES ('C1', 'one', 'B1', "
        "19000); RESET ROLE;"));
    ASSERT_TRUE(admin.run("REVOKE TEMPORARY ON DATABASE " + book.database() + " FROM batch"));
    auto up = bd::storage::initServer(admin);
    ASSERT_TRUE(up) << up.error().toString();
    EXPECT_EQ(up->from_version, 2);
    EXPECT_EQ(up->to_version, bd::storage::kServerSchemaVersion);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM clients"), 1);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM client_scores"), 0);
    auto findings = bd::storage::checkServer(admin);
    ASSERT_TRUE(findings) << findings.error().toString();
    EXPECT_TRUE(findings->empty()) << (*findings)[0].kind << " " << (*findings)[0].subject;
}

} // namespace

namespace {

TEST_F(ServerBatch, CoverageOnTheServerShowsEachLoginWhatTheyMaySee) {
    auto batch = as("batch");
    bd::services::PlanOptions po;
    po.as_of = bd::Date::fromYmd(2026, 11, 23);
    ASSERT_TRUE(bd::services::refreshServerBook(batch, {}, nullptr, scratchDir()));
    ASSERT_TRUE(bd::services::rebuildServerPlan(batch, po, nullptr, scratchDir()));
    auto a = bdtest::runCli("coverage --json --date 2026-11-23 --db '" +
                            m_pg.url(m_pg.login("a"), "pw") + "'");
    ASSERT_EQ(a.exit_code, 0) << a.output;
    const auto lineOf = [](const std::string& out, const std::string& broker) {
        const auto at = out.find("\"id\": \"" + broker + "\"");
        return at == std::string::npos ? std::string() : out.substr(at, out.find('}', at) - at);
    };
    // Broker B is a broker of the firm (the server shares the list of brokers), none of whose
    // clients broker A sees: no line of B's at 0 clients and full coverage (issue 19).
    EXPECT_TRUE(lineOf(a.output, m_brokerB).empty()) << a.output;
    // Broker A's line is the desk's, for the same book refreshed and planned on a desk.
    const std::string copy = (m_dir.path() / "copy.bdbook").string();
    std::filesystem::copy_file(m_desk, copy);
    {
        auto desk = bd::storage::openBook(copy, {.create = false});
        ASSERT_TRUE(desk);
        ASSERT_TRUE(bd::services::refreshBook(*desk));
        ASSERT_TRUE(bd::services::rebuildPlan(*desk, po));
    }
    auto onDesk = bdtest::runCli("coverage --json --date 2026-11-23 --db " + copy);
    ASSERT_EQ(onDesk.exit_code, 0) << onDesk.output;
    EXPECT_FALSE(lineOf(a.output, m_brokerA).empty()) << a.output;
    EXPECT_EQ(lineOf(a.output, m_brokerA), lineOf(onDesk.output, m_brokerA));
}

} // namespace

namespace {

namespace cmd = bd::services::cmd;

std::string fileText(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The client ids of a broker, as the administrator sees them.
std::vector<std::string> clientsOf(PgConnection& admin, const std::string& broker) {
    std::vector<std::string> out;
    auto r = admin.query("SELECT client_id FROM clients WHERE broker_id = $1", PgParams(broker));
    EXPECT_TRUE(r);
    for (int i = 0; r && i < r->size(); ++i) out.push_back(r->text(i, 0));
    return out;
}

TEST_F(ServerBatch, SettingsAManagerWritesAreUsedByTheNextRefreshAndABrokersWriteIsRefused) {
    auto batch = as("batch");
    auto before = bd::services::refreshServerBook(batch, {}, nullptr, scratchDir());
    ASSERT_TRUE(before) << before.error().toString();
    // The known answer: the same book on a desk, with a VIP share of 10 % instead of 5 %.
    const cmd::Command tenPercent{{}, cmd::SaveSettings{{{"value.vip_percent", "10"}}}};
    const std::string copy = (m_dir.path() / "copy.bdbook").string();
    std::filesystem::copy_file(m_desk, copy);
    std::int64_t deskVips = 0;
    {
        auto desk = bd::storage::openBook(copy, {.create = false});
        ASSERT_TRUE(desk);
        ASSERT_TRUE(cmd::execute(*desk, tenPercent));
        auto run = bd::services::refreshBook(*desk);
        ASSERT_TRUE(run) << run.error().toString();
        deskVips = run->vips;
    }
    ASSERT_GT(deskVips, before->vips);

    auto admin = m_pg.admin();
    const std::string vipSetting = "SELECT count(*) FROM settings WHERE key = 'value.vip_percent'";
    // A broker reads the settings but may not change them: refused, nothing written.
    auto a = bd::services::RecordBook::open(m_pg.url(m_pg.login("a"), "pw"));
    ASSERT_TRUE(a) << a.error().toString();
    auto refused = a->execute(tenPercent);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::NotPermitted) << refused.error().toString();
    EXPECT_NE(refused.error().message.find("not permitted"), std::string::npos);
    EXPECT_EQ(count(admin, vipSetting), 0);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM audit_log WHERE kind = 'settings.edit'"), 0);

    // The manager changes it: in the server's settings, in both trails under the login.
    auto m = bd::services::RecordBook::open(m_pg.url(m_pg.login("m"), "pw"));
    ASSERT_TRUE(m) << m.error().toString();
    auto saved = m->execute(tenPercent);
    ASSERT_TRUE(saved) << saved.error().toString();
    EXPECT_EQ(count(admin, "SELECT count(*) FROM settings WHERE key = 'value.vip_percent' AND "
                           "value = '10'"),
              1);
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM row_audit WHERE table_name = 'settings' AND row_key = "
                    "'value.vip_percent' AND operation = 'INSERT' AND login = $1",
                    PgParams(m_pg.login("m"))),
              1);
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM audit_log WHERE kind = 'settings.edit' AND actor = $1 "
                    "AND entity_id = 'value.vip_percent'",
                    PgParams(m_pg.login("m"))),
              1);
    // A value out of its range is refused with the key named, nothing changed.
    auto bad = m->execute({{}, cmd::SaveSettings{{{"value.vip_percent", "150"}}}});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().column_name, "value.vip_percent");

    // The next refresh on the server uses it: the desk's VIP count at 10 %.
    auto after = bd::services::refreshServerBook(batch, {}, nullptr, scratchDir());
    ASSERT_TRUE(after) << after.error().toString();
    EXPECT_EQ(after->vips, deskVips);

    // The manager's undo puts the default back on the server.
    ASSERT_TRUE(saved->inverse);
    auto undone = m->execute(*saved->inverse);
    ASSERT_TRUE(undone) << undone.error().toString();
    EXPECT_EQ(count(admin, vipSetting), 0);
    auto again = bd::services::refreshServerBook(batch, {}, nullptr, scratchDir());
    ASSERT_TRUE(again) << again.error().toString();
    EXPECT_EQ(again->vips, before->vips);
}

TEST_F(ServerBatch, ABrokersReadsAndExportsOnTheServerListOnlyTheirClientsAndAreAudited) {
    auto batch = as("batch");
    bd::services::PlanOptions po;
    po.as_of = bd::Date::fromYmd(2026, 11, 23);
    ASSERT_TRUE(bd::services::refreshServerBook(batch, {}, nullptr, scratchDir()));
    ASSERT_TRUE(bd::services::rebuildServerPlan(batch, po, nullptr, scratchDir()));
    auto admin = m_pg.admin();
    const auto mine = clientsOf(admin, m_brokerA), theirs = clientsOf(admin, m_brokerB);
    ASSERT_FALSE(mine.empty());
    ASSERT_FALSE(theirs.empty());
    const std::string db = " --db '" + m_pg.url(m_pg.login("a"), "pw") + "'";
    const auto seesOnly = [&](const std::string& text) {
        for (const std::string& id : theirs)
            if (text.find(id) != std::string::npos) return "broker B's client " + id;
        for (const std::string& id : mine)
            if (text.find(id) != std::string::npos) return std::string();
        return std::string("none of broker A's clients");
    };

    const auto vip = m_dir.path() / "vip.csv";
    auto v =
        bdtest::runCli("export vip --scope firm --top-percent 50" + db + " --out " + vip.string());
    ASSERT_EQ(v.exit_code, 0) << v.output;
    EXPECT_EQ(seesOnly(fileText(vip)), "");
    const auto calls = m_dir.path() / "calls.csv";
    auto c = bdtest::runCli("export calllist --broker " + m_brokerA +
                            " --date 2026-11-23 --days 10" + db + " --out " + calls.string());
    ASSERT_EQ(c.exit_code, 0) << c.output;
    EXPECT_EQ(seesOnly(fileText(calls)), "");
    // Another broker's call list is not broker A's to export: broker A's copy knows no other
    // broker (issue 19), so it is refused naming the broker, and no file is written.
    const auto other = m_dir.path() / "other.csv";
    auto o = bdtest::runCli("export calllist --broker " + m_brokerB +
                            " --date 2026-11-23 --days 10" + db + " --out " + other.string());
    EXPECT_NE(o.exit_code, 0) << o.output;
    EXPECT_NE(o.output.find(m_brokerB), std::string::npos) << o.output;
    EXPECT_FALSE(std::filesystem::exists(other));

    // Each export is in the server's audit trail under the login, with what it wrote.
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM audit_log WHERE kind = 'export' AND actor = $1 AND "
                    "(after::jsonb ->> 'what') = 'vip' AND (after::jsonb ->> 'file') = $2",
                    PgParams(m_pg.login("a"), vip.string())),
              1);
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM audit_log WHERE kind = 'export' AND actor = $1 AND "
                    "(after::jsonb ->> 'what') = 'calllist'",
                    PgParams(m_pg.login("a"))),
              1); // the refused one wrote nothing

    // stats and kpi: the broker's own book.
    auto st = bdtest::runCli("stats" + db);
    ASSERT_EQ(st.exit_code, 0) << st.output;
    EXPECT_NE(st.output.find("\"clients\": " + std::to_string(mine.size()) + ","),
              std::string::npos)
        << st.output;
    EXPECT_EQ(st.output.find("\"trades\": 0,"), std::string::npos) << st.output;
    auto k = bdtest::runCli("kpi --broker " + m_brokerA + db);
    EXPECT_EQ(k.exit_code, 0) << k.output;
    auto s = bdtest::runCli("settings" + db);
    ASSERT_EQ(s.exit_code, 0) << s.output;
    EXPECT_NE(s.output.find("value.vip_percent"), std::string::npos) << s.output;
    auto w = bdtest::runCli("settings --set value.vip_percent=8" + db);
    EXPECT_EQ(w.exit_code, 3) << w.output;
    EXPECT_NE(w.output.find("not permitted"), std::string::npos) << w.output;

    // The other settings commands: every login lists, a manager changes (audited), a broker not.
    for (const std::string read : {"deadlines", "policy", "calendar --year 2026"}) {
        auto r = bdtest::runCli(read + db);
        EXPECT_EQ(r.exit_code, 0) << read << ": " << r.output;
    }
    const std::string proactive = "SELECT cadence_days FROM service_policies WHERE "
                                  "relationship_type = 3";
    auto p = bdtest::runCli("policy --type proactive --cadence-days 20" + db);
    EXPECT_EQ(p.exit_code, 3) << p.output;
    EXPECT_EQ(count(admin, proactive), 30);
    const std::string manager = " --db '" + m_pg.url(m_pg.login("m"), "pw") + "'";
    auto pm = bdtest::runCli("policy --type proactive --cadence-days 20" + manager);
    EXPECT_EQ(pm.exit_code, 0) << pm.output;
    EXPECT_EQ(count(admin, proactive), 20);
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM row_audit WHERE table_name = 'service_policies' AND "
                    "operation = 'UPDATE' AND login = $1",
                    PgParams(m_pg.login("m"))),
              1);
    auto dm = bdtest::runCli("deadlines --set complaint=2" + manager);
    EXPECT_EQ(dm.exit_code, 0) << dm.output;
    EXPECT_EQ(count(admin, "SELECT count(*) FROM settings WHERE key = 'plan.deadline.complaint' "
                           "AND value = '2'"),
              1);
}

/// The names of segment `id` in the newest segmentation, and its edited mark ("" when absent).
std::tuple<std::string, std::string, int> newestSegment(PgConnection& c, int id) {
    auto r = c.query("SELECT name_zh, name_en, name_edited FROM segments WHERE run_id = "
                     "(SELECT max(run_id) FROM segment_runs) AND segment_id = $1",
                     PgParams(id));
    EXPECT_TRUE(r && r->size() == 1) << "segment " << id;
    if (!r || r->size() != 1) return {};
    return {r->text(0, 0), r->text(0, 1), r->int32(0, 2)};
}
std::tuple<std::string, std::string, int> newestSegment(bd::storage::Database& db, int id) {
    auto st = db.prepare("SELECT name_zh, name_en, name_edited FROM segments WHERE run_id = "
                         "(SELECT max(run_id) FROM segment_runs) AND segment_id = ?1");
    EXPECT_TRUE(st);
    std::tuple<std::string, std::string, int> out;
    if (!st) return out;
    st->bind(1, id);
    auto found = st->first([&](const bd::storage::Statement& r) {
        out = {r.text(0), r.text(1), static_cast<int>(r.int64(2))};
    });
    EXPECT_TRUE(found && *found) << "segment " << id << " in the replica";
    return out;
}

/// The newest segmentation's first segment on the server, after a refresh by the batch.
int firstSegment(PgConnection& admin) {
    auto r = admin.query("SELECT min(segment_id) FROM segments WHERE run_id = (SELECT "
                         "max(run_id) FROM segment_runs)");
    EXPECT_TRUE(r && r->size() == 1 && !r->isNull(0, 0));
    return r && r->size() == 1 ? r->int32(0, 0) : -1;
}

TEST_F(ServerBatch, AManagerRenamesASegmentAuditedAndKeptByTheRefreshABrokerIsRefused) {
    auto batch = as("batch");
    ASSERT_TRUE(bd::services::refreshServerBook(batch, {}, nullptr, scratchDir()));
    auto admin = m_pg.admin();
    const int seg = firstSegment(admin);
    const auto before = newestSegment(admin, seg);
    ASSERT_EQ(std::get<2>(before), 0) << "a refresh's own name is not an edited one";
    const cmd::Command rename{{}, cmd::RenameSegment{seg, "稳健客户", "Steady clients"}};
    const std::string renameRows = "SELECT count(*) FROM row_audit WHERE table_name = 'segments'"
                                   " AND operation = 'UPDATE' AND row_key = $1 AND login = $2";

    // A broker may not rename: refused as not permitted, nothing changed, nothing in the trail.
    auto a = bd::services::RecordBook::open(m_pg.url(m_pg.login("a"), "pw"));
    ASSERT_TRUE(a) << a.error().toString();
    auto refused = a->execute(rename);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::NotPermitted) << refused.error().toString();
    EXPECT_EQ(newestSegment(admin, seg), before);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM audit_log WHERE kind = 'segment.rename'"), 0);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM row_audit WHERE table_name = 'segments' AND "
                           "operation = 'UPDATE'"),
              0);

    // The manager renames it: on the server, marked edited, in both trails under the login.
    auto m = bd::services::RecordBook::open(m_pg.url(m_pg.login("m"), "pw"));
    ASSERT_TRUE(m) << m.error().toString();
    auto renamed = m->execute(rename);
    ASSERT_TRUE(renamed) << renamed.error().toString();
    EXPECT_EQ(newestSegment(admin, seg),
              std::make_tuple(std::string("稳健客户"), std::string("Steady clients"), 1));
    EXPECT_EQ(count(admin, renameRows, PgParams(std::to_string(seg), m_pg.login("m"))), 1);
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM audit_log WHERE kind = 'segment.rename' AND actor = $1 "
                    "AND entity = 'segment' AND entity_id = $2",
                    PgParams(m_pg.login("m"), std::to_string(seg))),
              1);
    // Bad input: an unknown segment, an empty name; refused, nothing more in the trail.
    auto unknown = m->execute({{}, cmd::RenameSegment{9999, "某", "Some"}});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound) << unknown.error().toString();
    auto empty = m->execute({{}, cmd::RenameSegment{seg, "", "Nameless"}});
    ASSERT_FALSE(empty);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM audit_log WHERE kind = 'segment.rename'"), 1);

    // The next nightly refresh keeps the name, as a desk's refresh keeps a user's.
    const auto runs = count(admin, "SELECT max(run_id) FROM segment_runs");
    ASSERT_TRUE(bd::services::refreshServerBook(batch, {}, nullptr, scratchDir()));
    EXPECT_GT(count(admin, "SELECT max(run_id) FROM segment_runs"), runs);
    EXPECT_EQ(newestSegment(admin, seg),
              std::make_tuple(std::string("稳健客户"), std::string("Steady clients"), 1));
}

TEST_F(ServerBatch, AManagersRenameOfASegmentReachesEveryDesksReplica) {
    auto batch = as("batch");
    ASSERT_TRUE(bd::services::refreshServerBook(batch, {}, nullptr, scratchDir()));
    auto admin = m_pg.admin();
    const int seg = firstSegment(admin);
    auto broker = bd::services::ServerReplica::open(m_pg.url(m_pg.login("a"), "pw"), m_dir.path());
    auto manager = bd::services::ServerReplica::open(m_pg.url(m_pg.login("m"), "pw"), m_dir.path());
    ASSERT_TRUE(broker && manager);
    auto brokerBook = (*broker)->takeBook();
    auto managerBook = (*manager)->takeBook();
    EXPECT_EQ(newestSegment(brokerBook, seg), newestSegment(admin, seg));

    // The manager's desk renames it: its replica shows the name at once.
    auto r =
        (*manager)->execute(managerBook, cmd::Command{{}, cmd::RenameSegment{seg, "核心", "Core"}});
    ASSERT_TRUE(r) << r.error().toString();
    const auto renamed = std::make_tuple(std::string("核心"), std::string("Core"), 1);
    EXPECT_EQ(newestSegment(managerBook, seg), renamed);

    // The broker's desk hears of it within two seconds and reads the names again.
    bd::services::ServerNews news;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!news.segments && std::chrono::steady_clock::now() < until) {
        auto n = (*broker)->takeNews();
        ASSERT_TRUE(n) << n.error().toString();
        news.segments = n->segments;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(news.segments) << "no segment news within two seconds";
    EXPECT_TRUE(news.clients.empty()) << "a segment's name names no client";
    auto changes = (*broker)->pull(brokerBook, news);
    ASSERT_TRUE(changes) << changes.error().toString();
    EXPECT_EQ(newestSegment(brokerBook, seg), renamed);
    const bd::services::BookChange told =
        bd::services::AnalyticsChange{bd::services::AnalyticsChange::Kind::SegmentNames, {seg}};
    EXPECT_NE(std::find(changes->begin(), changes->end(), told), changes->end())
        << "the Segments page is told";
}

// --- surveys on a server (server schema v12) ---------------------------------------------------

/// A manager's template: two items of their own.
cmd::Command newSurvey() {
    return {{}, cmd::CreateSurvey{{"开户回访", {"服务态度", "办理效率"}}}};
}
/// A campaign of `survey` to every client opened in the last ten years, launched today.
cmd::Command launchOf(std::int64_t survey) {
    cmd::LaunchCampaign c;
    c.name = "年终回访";
    c.template_id = survey;
    c.audience = {bd::AudienceKind::NewAccounts, 3650};
    return {{}, c};
}
/// The survey tables' rows on the server (templates, items, campaigns, calls).
std::vector<std::int64_t> surveyRows(PgConnection& admin) {
    std::vector<std::int64_t> out;
    for (const char* t : {"survey_templates", "survey_items", "survey_campaigns", "survey_calls"})
        out.push_back(count(admin, std::string("SELECT count(*) FROM ") + t));
    return out;
}
constexpr const char* kTrailRows = "SELECT count(*) FROM row_audit WHERE table_name = $1 AND "
                                   "operation = 'INSERT' AND login = $2";

TEST_F(ServerBatch, AManagerCreatesAndLaunchesSurveysAuditedABrokerIsRefused) {
    auto admin = m_pg.admin();
    const auto before = surveyRows(admin);

    // A broker may do neither: refused as not permitted in the phrasebook's words, nothing
    // changed, nothing in either trail.
    auto a = bd::services::RecordBook::open(m_pg.url(m_pg.login("a"), "pw"));
    ASSERT_TRUE(a) << a.error().toString();
    for (const cmd::Command& c : {newSurvey(), launchOf(1)}) {
        auto refused = a->execute(c);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::NotPermitted) << refused.error().toString();
        ASSERT_TRUE(refused.error().refusal) << refused.error().toString();
        EXPECT_EQ(refused.error().refusal->fact.kind, bd::RefusalKind::ManagersOnly);
    }
    EXPECT_EQ(surveyRows(admin), before);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM audit_log WHERE kind LIKE 'survey.%'"), 0);
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM row_audit WHERE table_name LIKE 'survey%' AND login = $1",
                    PgParams(m_pg.login("a"))),
              0);

    // The manager creates a template: on the server, in both trails under the login.
    const std::string m = m_pg.login("m");
    auto manager = bd::services::RecordBook::open(m_pg.url(m, "pw"));
    ASSERT_TRUE(manager) << manager.error().toString();
    auto made = manager->execute(newSurvey());
    ASSERT_TRUE(made) << made.error().toString();
    EXPECT_EQ(count(admin, "SELECT count(*) FROM survey_items WHERE template_id = $1",
                    PgParams(made->survey_id)),
              2);
    EXPECT_EQ(count(admin, kTrailRows, PgParams("survey_templates", m)), 1);
    EXPECT_EQ(count(admin, kTrailRows, PgParams("survey_items", m)), 2);
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM audit_log WHERE kind = 'survey.create' AND actor = $1 "
                    "AND entity_id = $2",
                    PgParams(m, std::to_string(made->survey_id))),
              1);

    // ... and launches it: the audience worked out as on a desk, the campaign and its calls
    // written and audited under the login.
    auto launched = manager->execute(launchOf(made->survey_id));
    ASSERT_TRUE(launched) << launched.error().toString();
    EXPECT_GT(launched->survey_calls, 0);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM survey_calls WHERE campaign_id = $1",
                    PgParams(launched->campaign_id)),
              launched->survey_calls);
    EXPECT_EQ(count(admin, kTrailRows, PgParams("survey_campaigns", m)), 1);
    EXPECT_EQ(count(admin, kTrailRows, PgParams("survey_calls", m)), launched->survey_calls);
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM audit_log WHERE kind = 'survey.launch' AND actor = $1 "
                    "AND entity_id = $2",
                    PgParams(m, std::to_string(launched->campaign_id))),
              1);

    // Bad input: an unknown template, an unknown segment; refused, nothing more written.
    const auto now = surveyRows(admin);
    auto unknown = manager->execute(launchOf(9999));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().refusal ? unknown.error().refusal->fact.kind : bd::RefusalKind{},
              bd::RefusalKind::UnknownSurvey);
    cmd::Command nobody = launchOf(made->survey_id);
    std::get<cmd::LaunchCampaign>(nobody.args).audience = {bd::AudienceKind::Segment, 9999};
    auto empty = manager->execute(nobody);
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().refusal ? empty.error().refusal->fact.kind : bd::RefusalKind{},
              bd::RefusalKind::UnknownSegment);
    EXPECT_EQ(surveyRows(admin), now);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM audit_log WHERE kind LIKE 'survey.%'"), 2);
}

TEST_F(ServerBatch, ABranchManagerLaunchesToTheBranchsClientsOnly) {
    auto admin = m_pg.admin();
    auto branch =
        admin.query("SELECT branch_id FROM brokers WHERE broker_id = $1", PgParams(m_brokerA));
    ASSERT_TRUE(branch && branch->size() == 1);
    const std::string br = branch->text(0, 0);
    const auto inBranch = [](const char* p) {
        return std::string("(c.branch_id = ") + p +
               " OR c.broker_id IN (SELECT broker_id FROM brokers WHERE branch_id = " + p + "))";
    };
    ASSERT_LT(count(admin, "SELECT count(*) FROM clients c WHERE " + inBranch("$1"), PgParams(br)),
              count(admin, "SELECT count(*) FROM clients"))
        << "the demo book has more than one branch";
    ASSERT_TRUE(bd::storage::addServerUser(admin, {m_pg.login("bm"), "manager", "", br, false},
                                           std::string("pw")));
    auto bm = bd::services::RecordBook::open(m_pg.url(m_pg.login("bm"), "pw"));
    ASSERT_TRUE(bm) << bm.error().toString();
    auto launched = bm->execute(launchOf(1));
    ASSERT_TRUE(launched) << launched.error().toString();
    EXPECT_GT(launched->survey_calls, 0);
    const std::string calls = "SELECT count(*) FROM survey_calls k JOIN clients c ON c.id = "
                              "k.client_ref WHERE k.campaign_id = $1";
    EXPECT_EQ(
        count(admin, calls + " AND NOT " + inBranch("$2"), PgParams(launched->campaign_id, br)), 0)
        << "a call of a client outside the branch";
    EXPECT_EQ(count(admin, calls + " AND " + inBranch("$2"), PgParams(launched->campaign_id, br)),
              launched->survey_calls);

    // The firm's manager's launch of the same audience asks more clients.
    auto m = bd::services::RecordBook::open(m_pg.url(m_pg.login("m"), "pw"));
    ASSERT_TRUE(m) << m.error().toString();
    auto firm = m->execute(launchOf(1));
    ASSERT_TRUE(firm) << firm.error().toString();
    EXPECT_GT(firm->survey_calls, launched->survey_calls);
}

// High-risk buyers are found in the trades themselves, which a plain working copy of the
// server holds only as per-day sums: a launch from the CLI (no replica) reads the trades too,
// and calls the clients a desk's launch on the same book calls.
TEST_F(ServerBatch, AHighRiskAudienceLaunchedWithoutAReplicaIsTheDesks) {
    cmd::LaunchCampaign c;
    c.name = "高风险回访";
    c.template_id = 1;
    c.audience = {bd::AudienceKind::HighRiskBuyers, 3650};
    c.launch = bd::Date::fromYmd(2026, 12, 1);
    const cmd::Command launch{{}, c};
    const auto copy = (m_dir.path() / "risk.bdbook").string();
    std::filesystem::copy_file(m_desk, copy);
    auto desk = bd::services::RecordBook::open(copy);
    ASSERT_TRUE(desk) << desk.error().toString();
    auto onDesk = desk->execute(launch);
    ASSERT_TRUE(onDesk) << onDesk.error().toString();
    ASSERT_GT(onDesk->survey_calls, 0) << "the demo book has high-risk buyers";
    auto m = bd::services::RecordBook::open(m_pg.url(m_pg.login("m"), "pw"));
    ASSERT_TRUE(m) << m.error().toString();
    auto onServer = m->execute(launch);
    ASSERT_TRUE(onServer) << onServer.error().toString();
    EXPECT_EQ(onServer->survey_calls, onDesk->survey_calls);
}

/// The results of `campaign` as `who` sees them (a working copy of what the login sees).
bd::services::SurveyResults resultsAs(PgConnection& c, std::int64_t campaign) {
    auto copy = bd::services::copyForReading(c);
    EXPECT_TRUE(copy) << (copy ? "" : copy.error().toString());
    if (!copy) return {};
    auto r = bd::services::surveyResults((*copy)->db(), campaign);
    EXPECT_TRUE(r) << (r ? "" : r.error().toString());
    return r ? *r : bd::services::SurveyResults{};
}

TEST_F(ServerBatch, ACampaignLaunchedOnTheServerIsAnsweredByABrokerAndCountedPerLogin) {
    auto m = bd::services::RecordBook::open(m_pg.url(m_pg.login("m"), "pw"));
    ASSERT_TRUE(m) << m.error().toString();
    auto survey = m->execute(newSurvey());
    ASSERT_TRUE(survey) << survey.error().toString();
    auto launched = m->execute(launchOf(survey->survey_id));
    ASSERT_TRUE(launched) << launched.error().toString();
    auto admin = m_pg.admin();
    auto mine = admin.query("SELECT c.client_id FROM survey_calls k JOIN clients c ON c.id = "
                            "k.client_ref WHERE k.campaign_id = $1 AND c.broker_id = $2 ORDER BY "
                            "1 LIMIT 1",
                            PgParams(launched->campaign_id, m_brokerA));
    ASSERT_TRUE(mine && mine->size() == 1) << "broker A has a call of the campaign";

    // Broker A answers the call with a contact, as on a desk.
    auto a = bd::services::RecordBook::open(m_pg.url(m_pg.login("a"), "pw"));
    ASSERT_TRUE(a) << a.error().toString();
    bd::services::ContactLog log;
    log.client_id = mine->text(0, 0);
    log.survey = bd::services::SurveyResponse{launched->campaign_id, {4, 5}, 9};
    auto answered = a->execute({{}, cmd::LogContact{log}});
    ASSERT_TRUE(answered) << answered.error().toString();
    ASSERT_TRUE(answered->contact);
    EXPECT_EQ(answered->contact->survey_campaign, launched->campaign_id);

    // Counted in the manager's results and broker A's, not in broker B's.
    auto manager = as("m"), brokerA = as("a"), brokerB = as("b");
    const auto ofManager = resultsAs(manager, launched->campaign_id);
    EXPECT_EQ(ofManager.total.respondents, 1);
    EXPECT_EQ(ofManager.total.promoters, 1);
    ASSERT_EQ(ofManager.by_broker.size(), 1u);
    EXPECT_EQ(ofManager.by_broker[0].key, m_brokerA);
    EXPECT_EQ(resultsAs(brokerA, launched->campaign_id).total.respondents, 1);
    EXPECT_EQ(resultsAs(brokerB, launched->campaign_id).total.respondents, 0);

    // The same through the CLI, for the manager and for broker B.
    const std::string results = " --campaign " + std::to_string(launched->campaign_id) + " --json";
    const auto db = [&](const char* who) { // quoted for the shell
        return "'" + m_pg.url(m_pg.login(who), "pw") + "'";
    };
    auto cli = bdtest::runCli("survey results --db " + db("m") + results);
    EXPECT_EQ(cli.exit_code, 0) << cli.output;
    EXPECT_NE(cli.output.find("\"total\": {\"respondents\": 1, \"promoters\": 1"),
              std::string::npos)
        << cli.output;
    auto other = bdtest::runCli("survey results --db " + db("b") + results);
    EXPECT_EQ(other.exit_code, 0) << other.output;
    EXPECT_NE(other.output.find("\"total\": {\"respondents\": 0,"), std::string::npos)
        << other.output;
}

TEST_F(ServerBatch, AManagersNewCampaignReachesAnotherDesksReplica) {
    auto broker = bd::services::ServerReplica::open(m_pg.url(m_pg.login("a"), "pw"), m_dir.path());
    auto manager = bd::services::ServerReplica::open(m_pg.url(m_pg.login("m"), "pw"), m_dir.path());
    ASSERT_TRUE(broker && manager);
    auto brokerBook = (*broker)->takeBook();
    auto managerBook = (*manager)->takeBook();

    // The manager's desk creates and launches (the audience from its replica): its replica
    // holds both at once.
    auto survey = (*manager)->execute(managerBook, newSurvey());
    ASSERT_TRUE(survey) << survey.error().toString();
    auto launched = (*manager)->execute(managerBook, launchOf(survey->survey_id));
    ASSERT_TRUE(launched) << launched.error().toString();
    const auto campaigns = [](bd::storage::Database& db, std::int64_t id) {
        auto n = bd::storage::queryInt(db, "SELECT count(*) FROM survey_campaigns WHERE id = " +
                                               std::to_string(id));
        return n ? *n : -1;
    };
    const auto callsIn = [](bd::storage::Database& db, std::int64_t id) {
        auto n = bd::storage::queryInt(db, "SELECT count(*) FROM survey_calls WHERE campaign_id "
                                           "= " +
                                               std::to_string(id));
        return n ? *n : -1;
    };
    EXPECT_EQ(campaigns(managerBook, launched->campaign_id), 1);
    EXPECT_EQ(callsIn(managerBook, launched->campaign_id), launched->survey_calls);
    EXPECT_EQ(campaigns(brokerBook, launched->campaign_id), 0);

    // The broker's desk hears of it within two seconds and reads its surveys again: the
    // campaign, and the calls of its own clients only.
    bd::services::ServerNews news;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!news.surveys && std::chrono::steady_clock::now() < until) {
        auto n = (*broker)->takeNews();
        ASSERT_TRUE(n) << n.error().toString();
        news.merge(*n);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(news.surveys) << "no survey news within two seconds";
    auto changes = (*broker)->pull(brokerBook, news);
    ASSERT_TRUE(changes) << changes.error().toString();
    EXPECT_EQ(campaigns(brokerBook, launched->campaign_id), 1);
    auto admin = m_pg.admin();
    const auto ofA = count(admin,
                           "SELECT count(*) FROM survey_calls k JOIN clients c ON c.id = "
                           "k.client_ref WHERE k.campaign_id = $1 AND c.broker_id = $2",
                           PgParams(launched->campaign_id, m_brokerA));
    EXPECT_GT(ofA, 0);
    EXPECT_LT(ofA, launched->survey_calls);
    EXPECT_EQ(callsIn(brokerBook, launched->campaign_id), ofA);
    const bd::services::BookChange told =
        bd::services::SettingsChange{bd::services::SettingsChange::Kind::Surveys};
    EXPECT_NE(std::find(changes->begin(), changes->end(), told), changes->end())
        << "the Surveys page is told";
}

// The KPI history the batch stored, read by a branch manager and a broker: the firm's rows are
// hidden from them, yet their own rows name the months, and their board is headed by their
// branch's line or their own, with the figures the firm's manager sees for it.
TEST_F(ServerBatch, ABranchManagerAndABrokerReadTheStoredKpiHistoryHeadedByTheirOwnLine) {
    auto batch = as("batch");
    ASSERT_TRUE(bd::services::refreshServerBook(batch, {}, nullptr, scratchDir()));
    auto admin = m_pg.admin();
    auto branch =
        admin.query("SELECT branch_id FROM brokers WHERE broker_id = $1", PgParams(m_brokerA));
    ASSERT_TRUE(branch && branch->size() == 1);
    const std::string br = branch->text(0, 0);
    ASSERT_TRUE(bd::storage::addServerUser(admin, {m_pg.login("bm"), "manager", "", br, false},
                                           std::string("pw")));
    const auto boardOf = [&](const std::string& who) -> bd::Result<bd::services::KpiBoard> {
        auto c = as(who);
        auto copy = bd::services::copyForReading(c, scratchDir());
        if (!copy) return copy.error();
        return bd::services::loadKpiBoard((*copy)->db());
    };
    auto firm = boardOf("m");
    ASSERT_TRUE(firm) << firm.error().toString();
    ASSERT_TRUE(firm->firm);
    EXPECT_EQ(bd::services::kpiHeadline(*firm), &*firm->firm);

    auto bm = boardOf("bm");
    ASSERT_TRUE(bm) << bm.error().toString();
    EXPECT_EQ(bm->month, firm->month);
    EXPECT_FALSE(bm->firm);
    ASSERT_EQ(bm->branches.size(), 1U);
    const auto* top = bd::services::kpiHeadline(*bm);
    ASSERT_NE(top, nullptr);
    EXPECT_EQ(top->id, br);
    const auto seen = std::find_if(firm->branches.begin(), firm->branches.end(),
                                   [&](const auto& l) { return l.id == br; });
    ASSERT_NE(seen, firm->branches.end());
    EXPECT_EQ(top->now.clients, seen->now.clients);
    EXPECT_EQ(top->now.commission, seen->now.commission);
    // The branch report lists the branch and its brokers, and no firm row.
    const auto table = bd::services::kpiReportTable(*bm, bd::phrase::Lang::En);
    EXPECT_EQ(table.rows.size(), 1 + bm->brokers.size());

    auto a = boardOf("a");
    ASSERT_TRUE(a) << a.error().toString();
    EXPECT_EQ(a->month, firm->month);
    EXPECT_FALSE(a->firm);
    EXPECT_TRUE(a->branches.empty());
    ASSERT_EQ(a->brokers.size(), 1U);
    ASSERT_NE(bd::services::kpiHeadline(*a), nullptr);
    EXPECT_EQ(bd::services::kpiHeadline(*a)->id, m_brokerA);
}

} // namespace
