// The nightly batch keeps its working copy (services/batchcopy.h, storage/pg/pgkeptcopy.h).
// THE PROPERTY: after any sequence of changes on the server (trades imported new and changed,
// moved, removed; snapshots and positions; contacts logged, corrected and voided; client edits,
// tags, follow-up tasks; a merge and its undo; the batch's own refresh and plan; a transaction
// open during a night's read that commits after it) a refresh and a plan on the kept copy give
// exactly the results of a refresh and a plan on a fresh copy of the same server, and the kept
// copy's tables are a fresh copy's. A copy that cannot follow is made whole (another build, a
// token written by another batch machine, a server behind the copy, a first load, a server older
// than v16, a copy older than the change log's prune), and one whose night fails midway is
// removed, never left half applied. The change log (bd_rows_gone) is pruned behind the copies
// the server knows (server schema v17) and the nights stay exact.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "services/batchcopy.h"
#include "services/planrebuild.h"
#include "services/refresh.h"
#include "services/serverbatch.h"
#include "storage/pg/pgbatch.h"
#include "storage/pg/pgimport.h"
#include "storage/pg/pgkeptcopy.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgschema_v17_batch_copies.h"
#include "storage/pg/pgxidmarkers.h"
#include "storage/schema/schema.h"
#include "support/pgdemobranch.h"
#include "support/pgserver.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

using bd::ErrorCode;
using bd::storage::Database;
using bd::storage::PgConnection;
using bd::storage::PgParams;

/// A table's rows, each one string (reals to 17 digits: exact), sorted; the columns in `skip`
/// (and, when `noStamps`, every column named *_at: when a run was made) left out.
std::vector<std::string> rowsOf(Database& db, const std::string& table, const std::string& where,
                                bool noStamps) {
    std::vector<std::string> cols;
    auto info = db.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    EXPECT_TRUE(info);
    info->bind(1, table);
    EXPECT_TRUE(info->forEach([&](const bd::storage::Statement& r) {
        const std::string c = r.text(0);
        const bool stamp = c == "run_id" || (c.size() > 3 && c.ends_with("_at"));
        if (!(noStamps && stamp)) cols.push_back(c);
    }));
    std::string expr;
    for (const std::string& c : cols)
        expr += (expr.empty() ? "" : " || '|' || ") + std::string("CASE typeof(") + c +
                ") WHEN 'real' THEN printf('%!.17g', " + c + ") ELSE quote(" + c + ") END";
    std::vector<std::string> out;
    if (expr.empty()) return out;
    auto st = db.prepare("SELECT " + expr + " FROM " + table + " " + where);
    EXPECT_TRUE(st) << table << ": " << (st ? "" : st.error().toString());
    if (!st) return out;
    EXPECT_TRUE(st->forEach([&](const bd::storage::Statement& r) { out.push_back(r.text(0)); }));
    std::sort(out.begin(), out.end());
    return out;
}

std::set<std::string> tablesOf(Database& db) {
    std::set<std::string> out;
    auto st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                         "'sqlite\\_%' ESCAPE '\\'");
    EXPECT_TRUE(st);
    EXPECT_TRUE(st->forEach([&](const bd::storage::Statement& r) { out.insert(r.text(0)); }));
    // The copy's own record, and caches their readers make again (emptied by every apply).
    for (const char* t :
         {"kept_copy_state", "client_summary", "client_summary_state", "segment_scatter_cache"})
        out.erase(t);
    return out;
}

std::int64_t one(PgConnection& c, const std::string& sql, const PgParams& p = PgParams()) {
    auto r = c.query(sql, p);
    EXPECT_TRUE(r && r->size() == 1) << sql << ": " << (r ? "" : r.error().toString());
    return r && r->size() == 1 && !r->isNull(0, 0) ? r->int64(0, 0) : -1;
}

class KeptCopy : public ::testing::Test {
  protected:
    void SetUp() override {
        BD_REQUIRE_PG(m_branch);
        m_admin.emplace(m_branch.admin());
        const bdtest::PgTestBook& pg = m_branch.pg();
        auto s = bd::storage::addServerUser(*m_admin, {pg.login("batch"), "batch", "", "", false},
                                            std::string("pw"));
        ASSERT_TRUE(s) << s.error().toString();
        auto batch = PgConnection::connect(pg.uri(pg.login("batch"), "pw"));
        ASSERT_TRUE(batch) << batch.error().toString();
        m_batch.emplace(std::move(*batch));
        m_broker = m_branch.brokerA();
        m_kept.dir = m_dir.path() / "cache";
        m_plan.as_of = bd::Date::fromYmd(2026, 11, 23);
    }

    void run(const std::string& sql, const PgParams& p = PgParams()) {
        auto s = m_admin->run(sql, p);
        ASSERT_TRUE(s) << sql << ": " << s.error().toString();
    }
    std::filesystem::path scratch() {
        const auto d = m_dir.path() / "scratch";
        std::filesystem::create_directories(d);
        return d;
    }
    std::filesystem::path keptFile() {
        for (const auto& e : std::filesystem::directory_iterator(bd::services::keptCopyDir(m_kept)))
            if (e.path().extension() == ".bdbook") return e.path();
        return {};
    }
    /// A fresh copy of the server now, as the read commands make one.
    std::unique_ptr<bd::services::ScratchBook> fresh() {
        auto f = bd::services::copyForReading(*m_batch, scratch());
        EXPECT_TRUE(f) << (f ? "" : f.error().toString());
        return f ? std::move(*f) : nullptr;
    }

    /// One night on the kept copy (a refresh, then a plan), checked against the same night on a
    /// fresh copy: the same results, and afterwards the kept copy's tables are a fresh copy's.
    /// `rebuilt`: whether the copy is to be made whole this night.
    void night(const std::string& what, bool rebuilt) {
        SCOPED_TRACE(what);
        auto before = fresh();
        ASSERT_TRUE(before);
        auto freshRun = bd::services::refreshBook(before->db());
        ASSERT_TRUE(freshRun) << freshRun.error().toString();
        auto freshPlan = bd::services::rebuildPlan(before->db(), m_plan);
        ASSERT_TRUE(freshPlan) << freshPlan.error().toString();

        bd::services::ServerBatchTimings t;
        auto keptRun = bd::services::refreshServerBook(*m_batch, {}, &t, m_kept);
        ASSERT_TRUE(keptRun) << keptRun.error().toString();
        EXPECT_EQ(t.copy_rebuilt, rebuilt) << t.copy_reason;
        m_reason = t.copy_reason;
        auto keptPlan = bd::services::rebuildServerPlan(*m_batch, m_plan, &t, m_kept);
        ASSERT_TRUE(keptPlan) << keptPlan.error().toString();
        EXPECT_FALSE(t.copy_rebuilt) << "the plan follows the refresh's copy: " << t.copy_reason;

        EXPECT_EQ(keptRun->run_id, freshRun->run_id);
        EXPECT_EQ(keptRun->clients, freshRun->clients);
        EXPECT_EQ(keptRun->clients_with_trades, freshRun->clients_with_trades);
        EXPECT_EQ(keptRun->vips, freshRun->vips);
        EXPECT_EQ(keptRun->as_of, freshRun->as_of);
        EXPECT_EQ(keptRun->total_profit_12m, freshRun->total_profit_12m);
        EXPECT_EQ(keptPlan->planned, freshPlan->planned);
        EXPECT_EQ(keptPlan->candidates, freshPlan->candidates);

        auto keptBook = bd::storage::openBook(keptFile().string(), {.create = false});
        ASSERT_TRUE(keptBook) << keptBook.error().toString();
        // The results, but when they were made: scores, VIPs, segments, KPI months, plan tasks.
        for (const auto& [table, where] :
             {std::pair{"client_scores", "WHERE run_id = (SELECT max(id) FROM analytics_runs)"},
              std::pair{"analytics_results", "WHERE run_id = (SELECT max(run_id) FROM "
                                             "analytics_results)"},
              std::pair{"segment_labels", "WHERE run_id = (SELECT max(run_id) FROM segment_runs)"},
              std::pair{"segments", "WHERE run_id = (SELECT max(run_id) FROM segment_runs)"},
              std::pair{"kpi_months", ""}, std::pair{"kpi_vip_changes", ""},
              std::pair{"kpi_contacts", ""}, std::pair{"follow_up_tasks", ""},
              std::pair{"plan_tasks", ""}, std::pair{"plan_dropped", ""}}) {
            const auto a = rowsOf(*keptBook, table, where, true);
            const auto b = rowsOf(before->db(), table, where, true);
            EXPECT_EQ(a.size(), b.size()) << table;
            EXPECT_TRUE(a == b) << table << " differs";
        }
        // The kept copy is what a copy made now would be.
        auto after = fresh();
        ASSERT_TRUE(after);
        const auto tables = tablesOf(after->db());
        EXPECT_EQ(tablesOf(*keptBook), tables);
        for (const std::string& table : tables) {
            const auto a = rowsOf(*keptBook, table, "", false);
            const auto b = rowsOf(after->db(), table, "", false);
            EXPECT_EQ(a.size(), b.size()) << table;
            if (a != b) {
                ADD_FAILURE() << table << " differs from a fresh copy's";
                for (std::size_t i = 0, shown = 0; i < std::max(a.size(), b.size()) && shown < 3;
                     ++i)
                    if (i >= a.size() || i >= b.size() || a[i] != b[i]) {
                        ++shown;
                        ADD_FAILURE() << "kept:  " << (i < a.size() ? a[i] : "-")
                                      << "\nfresh: " << (i < b.size() ? b[i] : "-");
                    }
            }
        }
    }

    /// Clients of the book with trades, by id (the first n).
    std::vector<std::int64_t> clientsWithTrades(int n) {
        auto r = m_admin->query("SELECT DISTINCT client_ref FROM trades ORDER BY 1 LIMIT $1",
                                PgParams(std::int64_t{n}));
        EXPECT_TRUE(r);
        std::vector<std::int64_t> out;
        for (int i = 0; r && i < r->size(); ++i) out.push_back(r->int64(i, 0));
        return out;
    }
    /// The day's records are pruned by the next night, once the copy's snapshot saw them. A
    /// transaction of another test's database open across the night holds the snapshot's xmin
    /// back (transaction ids are the cluster's), and the prune with it: a few nights more then.
    void expectDeskRowsPruned() { expectDeskRowsPruned(m_kept); }
    void expectDeskRowsPruned(const bd::services::KeptCopyOptions& kept) {
        for (int extra = 0; deskRowsGone() > 0 && extra < 5; ++extra) {
            std::this_thread::sleep_for(std::chrono::seconds(1));
            ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, nullptr, kept));
        }
        EXPECT_EQ(deskRowsGone(), 0) << "the day's records pruned once the copy holds them";
    }
    std::int64_t deskRowsGone() {
        return one(*m_admin, "SELECT count(*) FROM bd_rows_gone WHERE tbl <> 'follow_up_tasks' "
                             "AND key IS NOT NULL");
    }
    /// A transaction id three epochs (2^32 ids each) past the server's next: one a book
    /// restored from a logical dump into a new cluster may carry.
    std::string idAhead() {
        auto next = m_admin->query("SELECT pg_snapshot_xmax(pg_current_snapshot())::text");
        EXPECT_TRUE(next);
        return next ? std::to_string(std::stoll(next->text(0, 0)) + 3 * (std::int64_t{1} << 32))
                    : std::string();
    }
    /// Two removed rows' records written by transaction `far`.
    void rowsGoneAhead(const std::string& far) {
        run("INSERT INTO bd_rows_gone (tbl, key, client_ref, xid) SELECT 'contacts', "
            "jsonb_build_array(id), client_ref, $1::xid8 FROM contacts ORDER BY id LIMIT 2",
            PgParams(far));
    }
    std::string latestTradeDay() {
        return std::to_string(one(*m_admin, "SELECT max(bd_trade_day(trade_time)) FROM trades"));
    }

    bdtest::PgDemoBranch m_branch;
    bdtest::TempDir m_dir;
    std::optional<PgConnection> m_admin, m_batch;
    bd::services::KeptCopyOptions m_kept;
    bd::services::PlanOptions m_plan;
    std::string m_broker, m_reason;
};

TEST_F(KeptCopy, IncrementalNightsGiveExactlyTheResultsAndTablesOfAFreshCopy) {
    night("the first night makes the copy", true);
    EXPECT_EQ(m_reason, "no copy yet");
    {
        struct stat st {};
        ASSERT_EQ(::stat(bd::services::keptCopyDir(m_kept).c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 0777, 0700u) << "the copies are the user's alone";
    }
    night("nothing changed", false);

    // The nightly import: new trades on a new day, a trade changed in place, one moved to
    // another day, one removed; a day's snapshots and positions, one corrected, one removed.
    const std::string day = latestTradeDay();
    run("INSERT INTO trades (trade_id, client_ref, trade_time, security_code, side, quantity, "
        "price, amount, commission, fees, channel) SELECT 'N' || t.trade_id, t.client_ref, "
        "(" +
        day +
        " + 1) * 86400 + 36000 + (row_number() OVER ())::bigint, t.security_code, "
        "t.side, t.quantity, t.price, t.amount * 3, t.commission * 3, t.fees, t.channel FROM "
        "trades t WHERE t.trade_id IN (SELECT trade_id FROM trades ORDER BY trade_id LIMIT 40)");
    run("UPDATE trades SET amount = amount + 7777, commission = commission + 11 WHERE trade_id IN "
        "(SELECT trade_id FROM trades ORDER BY trade_id DESC LIMIT 12)");
    run("UPDATE trades SET trade_time = trade_time - 3 * 86400 WHERE trade_id IN (SELECT trade_id "
        "FROM trades ORDER BY trade_id DESC OFFSET 20 LIMIT 5)");
    run("DELETE FROM trades WHERE trade_id IN (SELECT trade_id FROM trades ORDER BY trade_id "
        "DESC OFFSET 40 LIMIT 6)");
    run("INSERT INTO assets (client_ref, date, cash, market_value, net_inflow) SELECT client_ref, "
        "date + 1, cash + 100000, market_value * 2, 0 FROM assets WHERE date = (SELECT max(date) "
        "FROM assets) ORDER BY client_ref LIMIT 50");
    run("UPDATE assets SET market_value = market_value + 5000000 WHERE (client_ref, date) IN "
        "(SELECT client_ref, date FROM assets ORDER BY date, client_ref LIMIT 5)");
    run("DELETE FROM assets WHERE (client_ref, date) IN (SELECT client_ref, date FROM assets "
        "ORDER BY date DESC, client_ref DESC OFFSET 60 LIMIT 3)");
    run("INSERT INTO positions (client_ref, date, security_code, quantity, cost_price, "
        "close_price) SELECT client_ref, date + 1, security_code, quantity * 2, cost_price, "
        "close_price FROM positions WHERE date = (SELECT max(date) FROM positions) ORDER BY "
        "client_ref, security_code LIMIT 30");
    run("UPDATE positions SET close_price = close_price + 1 WHERE (client_ref, date, "
        "security_code) IN (SELECT client_ref, date, security_code FROM positions ORDER BY "
        "client_ref, date, security_code LIMIT 4)");
    run("DELETE FROM positions WHERE (client_ref, date, security_code) IN (SELECT client_ref, "
        "date, security_code FROM positions ORDER BY client_ref DESC, date, security_code LIMIT "
        "2)");
    night("trades, snapshots and positions imported, changed, moved, removed", false);

    // The desks' day: contacts logged, corrected, voided; a client edited; tags given and taken
    // away, a new tag; a follow-up booked.
    const auto some = clientsWithTrades(6);
    ASSERT_EQ(some.size(), 6u);
    for (std::size_t i = 0; i < 4; ++i)
        run("INSERT INTO contacts (client_ref, broker_id, contact_time, channel, direction, "
            "outcome, satisfaction, notes) SELECT id, broker_id, ($2 + 1) * 86400 + 40000, 1, 1, "
            "1, 4, 'called' FROM clients WHERE id = $1",
            PgParams(some[i], std::int64_t{std::stoll(day)}));
    run("UPDATE contacts SET notes = 'corrected', outcome = 2 WHERE id = (SELECT min(id) FROM "
        "contacts)");
    run("UPDATE contacts SET void_reason = 'wrong client' WHERE id = (SELECT min(id) + 1 FROM "
        "contacts)");
    run("UPDATE clients SET name = name || ' (edited)', risk_level = 5 WHERE id = $1",
        PgParams(some[4]));
    run("INSERT INTO tags (name, colour) VALUES ('kept-night', '#112233')");
    run("INSERT INTO client_tags (client_ref, tag) VALUES ($1, 'kept-night'), ($2, 'kept-night')",
        PgParams(some[0], some[5]));
    run("DELETE FROM client_tags WHERE (client_ref, tag) IN (SELECT client_ref, tag FROM "
        "client_tags ORDER BY client_ref, tag LIMIT 1)");
    run("INSERT INTO follow_up_tasks (id, client_ref, broker_id, planned_date, channel, priority, "
        "reasons, status, created_at) SELECT (SELECT COALESCE(max(id), 0) + 1 FROM "
        "follow_up_tasks), id, broker_id, $2 + 2, 1, 9, 'promised', 0, $2 * 86400 FROM clients "
        "WHERE id = $1",
        PgParams(some[3], std::int64_t{std::stoll(day)}));
    night("contacts, client edits, tags and a follow-up", false);

    // A manager renames a segment of the newest run (server schema v11): no tracked row, no run
    // and no token moves, yet the next run carries the typed name forward.
    run("UPDATE segments SET name_zh = '家族办公室', name_en = 'Family office', name_edited = 1, "
        "name_fact = '' WHERE run_id = (SELECT max(run_id) FROM segments) AND segment_id = "
        "(SELECT min(segment_id) FROM segments WHERE run_id = (SELECT max(run_id) FROM segments))");
    night("a segment renamed", false);

    // A merge by a broker's desk, then its undo: rows move between clients.
    auto two = m_admin->query("SELECT c.client_id FROM clients c WHERE c.broker_id = $1 AND "
                              "EXISTS (SELECT 1 FROM trades t WHERE t.client_ref = c.id) ORDER "
                              "BY c.id LIMIT 2",
                              PgParams(m_broker));
    ASSERT_TRUE(two && two->size() == 2);
    const std::string url = "'" + m_branch.url("a") + "'";
    auto merged = bdtest::runCli("merge --keep " + two->text(0, 0) + " --absorb " +
                                 two->text(1, 0) + " --db " + url);
    ASSERT_EQ(merged.exit_code, 0) << merged.output;
    night("a merge", false);
    auto op = m_admin->query("SELECT max(operation) FROM audit_log WHERE kind = 'client.merge'");
    ASSERT_TRUE(op && op->size() == 1);
    auto undo = bdtest::runCli("undo --operation " + op->text(0, 0) + " --db " + url);
    ASSERT_EQ(undo.exit_code, 0) << undo.output;
    night("its undo", false);

    // Commit order: a transaction open during a night's read commits after it; the next night
    // finds its rows though their writer's id is older than the night's.
    auto late = m_branch.admin();
    ASSERT_TRUE(late.run("BEGIN"));
    ASSERT_TRUE(late.run("UPDATE trades SET amount = amount + 99999 WHERE trade_id = (SELECT "
                         "min(trade_id) FROM trades)"));
    ASSERT_TRUE(late.run("INSERT INTO contacts (client_ref, broker_id, contact_time, channel, "
                         "direction, outcome, notes) SELECT id, broker_id, 86400 * 20000, 2, 0, "
                         "1, 'late' FROM clients ORDER BY id LIMIT 1"));
    run("UPDATE clients SET name = name || '.' WHERE id = $1", PgParams(some[2]));
    night("a transaction open during the read", false);
    ASSERT_TRUE(late.run("COMMIT"));
    night("it committed after the read", false);
}

TEST_F(KeptCopy, ACopyThatCannotFollowIsMadeWholeAndSaysWhy) {
    night("the first night", true);
    // Another build's copy.
    bd::services::KeptCopyOptions other = m_kept;
    other.build = "brokerdesk-0.0.9/keptcopy-0";
    bd::services::ServerBatchTimings t;
    ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, &t, other));
    EXPECT_TRUE(t.copy_rebuilt);
    EXPECT_NE(t.copy_reason.find("build"), std::string::npos) << t.copy_reason;
    night("back to this build", true);
    EXPECT_NE(m_reason.find("build"), std::string::npos) << m_reason;

    // Another batch machine (its own cache) writes results: this one's token is not the
    // server's any more.
    bd::services::KeptCopyOptions elsewhere;
    elsewhere.dir = m_dir.path() / "other-machine";
    ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, &t, elsewhere));
    EXPECT_TRUE(t.copy_rebuilt);
    night("results written by another machine", true);
    EXPECT_NE(m_reason.find("token"), std::string::npos) << m_reason;
    // A batch of an older build writes results without a token: the newest run is not the
    // copy's.
    ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, nullptr, scratch()));
    night("results written by a batch without a copy", true);

    // The server restored behind the copy: its transactions are behind the copy's snapshot.
    {
        auto book = bd::storage::openBook(keptFile().string(), {.create = false});
        ASSERT_TRUE(book);
        ASSERT_TRUE(
            bd::storage::writeKeptCopyState(*book, {{"snapshot", "4000000000:4000000000:"}}));
    }
    night("the server behind the copy", true);
    EXPECT_NE(m_reason.find("behind"), std::string::npos) << m_reason;

    // A first load empties trades: the copy is made whole.
    auto clients = m_admin->query("SELECT client_id FROM clients ORDER BY id LIMIT 3");
    ASSERT_TRUE(clients && clients->size() == 3);
    run("DELETE FROM trades");
    std::string csv = "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,"
                      "commission,fees,channel\n";
    for (int i = 1; i <= 3; ++i)
        csv += "L" + std::to_string(i) + "," + clients->text(i - 1, 0) + ",2026-11-0" +
               std::to_string(i) + " 09:30:00,600519.SH,buy,100,10,1000,5,,online\n";
    bd::storage::ImportFiles files;
    files.trades = m_dir.write("trades.csv", csv);
    auto load = bd::storage::importToServer(*m_batch, files, {});
    ASSERT_TRUE(load) << load.error().toString();
    night("a first load", true);
    EXPECT_NE(m_reason.find("emptied"), std::string::npos) << m_reason;
    night("and the night after it", false);
}

TEST_F(KeptCopy, ANightThatFailsMidApplyRemovesTheCopyAndWritesNothing) {
    night("the first night", true);
    // New contacts and snapshots; the copy refuses contacts midway through the apply (after the
    // snapshots were applied in its transaction).
    run("INSERT INTO assets (client_ref, date, cash, market_value, net_inflow) SELECT client_ref, "
        "date + 1, cash, market_value, 0 FROM assets WHERE date = (SELECT max(date) FROM assets)");
    run("INSERT INTO contacts (client_ref, broker_id, contact_time, channel, direction, outcome) "
        "SELECT id, broker_id, 86400 * 20500, 1, 1, 1 FROM clients ORDER BY id LIMIT 3");
    {
        auto book = bd::storage::openBook(keptFile().string(), {.create = false});
        ASSERT_TRUE(book);
        ASSERT_TRUE(book->exec("CREATE TRIGGER refuse BEFORE INSERT ON contacts BEGIN SELECT "
                               "RAISE(ABORT, 'refused by the test'); END"));
    }
    const std::int64_t runs = one(*m_admin, "SELECT max(id) FROM analytics_runs");
    auto failed = bd::services::refreshServerBook(*m_batch, {}, nullptr, m_kept);
    ASSERT_FALSE(failed);
    EXPECT_NE(failed.error().toString().find("refused by the test"), std::string::npos)
        << failed.error().toString();
    EXPECT_EQ(one(*m_admin, "SELECT max(id) FROM analytics_runs"), runs) << "nothing written";
    EXPECT_TRUE(keptFile().empty()) << "the copy was removed, not left half applied";
    night("made whole again", true);
}

TEST_F(KeptCopy, TwoBatchesNeverShareACopyAndReadCommandsMakeAFreshOne) {
    auto first = bd::services::KeptCopy::open(*m_batch, m_kept);
    ASSERT_TRUE(first) << first.error().toString();
    auto second = bd::services::KeptCopy::open(*m_batch, m_kept);
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::Busy);
    auto run = bd::services::refreshServerBook(*m_batch, {}, nullptr, m_kept);
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error().code, ErrorCode::Busy);
    first->reset();
    ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, nullptr, m_kept));
    // The read commands copy afresh into their scratch directory and leave nothing.
    {
        auto read = bd::services::copyForReading(*m_batch, scratch());
        ASSERT_TRUE(read);
    }
    EXPECT_TRUE(std::filesystem::is_empty(scratch()));
    // Only the batch sets the token.
    auto broker = m_branch.as("a");
    auto set = broker.run("SELECT bd_set_batch_copy_token('0123456789abcdef0123456789abcdef')");
    EXPECT_FALSE(set);
}

TEST_F(KeptCopy, AGivenDirectoryOthersMayEnterIsRefusedAndLeftAsItWas) {
    namespace fs = std::filesystem;
    bd::services::KeptCopyOptions shared = m_kept;
    shared.dir = m_dir.path() / "shared";
    fs::create_directory(shared.dir);
    const auto open = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec;
    fs::permissions(shared.dir, open, fs::perm_options::replace);
    auto refused = bd::services::KeptCopy::open(*m_batch, shared);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::Usage);
    EXPECT_NE(refused.error().message.find("chmod 700"), std::string::npos)
        << refused.error().message;
    EXPECT_EQ(fs::status(shared.dir).permissions(), open) << "not changed behind its owner";
    EXPECT_TRUE(fs::is_empty(shared.dir));
    // Made the user's alone, it is used as it is.
    fs::permissions(shared.dir, fs::perms::owner_all, fs::perm_options::replace);
    EXPECT_TRUE(bd::services::KeptCopy::open(*m_batch, shared));
}

/// No record is left that every known copy's snapshot saw (the prune's horizon is the oldest).
void expectNothingBehindTheHorizon(PgConnection& admin) {
    EXPECT_EQ(one(admin, "SELECT count(*) FROM bd_rows_gone WHERE xid < (SELECT min(horizon) FROM "
                         "bd_batch_copies)"),
              0);
}

TEST_F(KeptCopy, TheChangeLogIsPrunedBehindTheCopyAndEveryNightStillEqualsAFreshCopy) {
    night("the first night makes the copy", true);
    EXPECT_EQ(one(*m_admin, "SELECT count(*) FROM bd_batch_copies"), 1);
    // Nights of removals and moves, picked by a fixed seed: each night the day's records are
    // pruned once the copy holds them, and the copy still equals a fresh one.
    std::mt19937 pick(17);
    const std::vector<std::pair<const char*, std::string>> changes = {
        {"trades removed", "DELETE FROM trades WHERE trade_id IN (SELECT trade_id FROM trades "
                           "ORDER BY md5(trade_id || $1) LIMIT 7)"},
        {"trades moved a day", "UPDATE trades SET trade_time = trade_time - 86400 WHERE trade_id "
                               "IN (SELECT trade_id FROM trades ORDER BY md5(trade_id || $1) "
                               "LIMIT 5)"},
        {"snapshots removed", "DELETE FROM assets WHERE (client_ref, date) IN (SELECT client_ref, "
                              "date FROM assets ORDER BY md5(client_ref::text || date || $1) "
                              "LIMIT 4)"},
        {"positions removed",
         "DELETE FROM positions WHERE (client_ref, date, security_code) IN (SELECT client_ref, "
         "date, security_code FROM positions ORDER BY md5(client_ref::text || date || "
         "security_code || $1) LIMIT 3)"},
        {"tags taken away", "DELETE FROM client_tags WHERE (client_ref, tag) IN (SELECT "
                            "client_ref, tag FROM client_tags ORDER BY md5(client_ref::text || "
                            "tag || $1) LIMIT 2)"},
        {"contacts corrected", "UPDATE contacts SET notes = 'night ' || $1 WHERE id IN (SELECT id "
                               "FROM contacts ORDER BY md5(id::text || $1) LIMIT 3)"},
    };
    for (int n = 1; n <= 4; ++n) {
        const std::string seed = std::to_string(n);
        std::string what;
        for (int k = 0; k < 3; ++k) {
            const auto& [name, sql] = changes[pick() % changes.size()];
            run(sql, PgParams(seed));
            what += std::string(what.empty() ? "" : ", ") + name;
        }
        // A removal recorded even on a night of updates only: the first listed always runs.
        run(changes[0].second, PgParams("extra" + seed));
        const std::int64_t before = deskRowsGone();
        ASSERT_GT(before, 0) << what;
        night("night " + seed + ": " + what, false);
        expectNothingBehindTheHorizon(*m_admin);
        expectDeskRowsPruned();
    }
    // One copy known; the prunes counted in the trail.
    EXPECT_EQ(one(*m_admin, "SELECT count(*) FROM bd_batch_copies"), 1);
    EXPECT_GE(one(*m_admin, "SELECT count(*) FROM row_audit WHERE table_name = 'bd_rows_gone' AND "
                            "operation = 'DELETE'"),
              1);
}

TEST_F(KeptCopy, ACopyOlderThanThePrunesHorizonIsMadeWholeAndSaysWhy) {
    // Two batch machines, each its own copy; the second one's is remembered, then forgotten.
    bd::services::KeptCopyOptions elsewhere;
    elsewhere.dir = m_dir.path() / "other-machine";
    bd::services::ServerBatchTimings t;
    ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, &t, elsewhere));
    EXPECT_TRUE(t.copy_rebuilt);
    night("this machine's first night", true);
    EXPECT_EQ(one(*m_admin, "SELECT count(*) FROM bd_batch_copies"), 2);
    // Remembered, it holds the prune back: its next night is made whole for the token only.
    run("DELETE FROM trades WHERE trade_id IN (SELECT trade_id FROM trades ORDER BY trade_id "
        "LIMIT 5)");
    night("a night with the other copy remembered", false);
    EXPECT_EQ(deskRowsGone(), 5) << "the other copy still needs them";
    ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, &t, elsewhere));
    EXPECT_TRUE(t.copy_rebuilt);
    EXPECT_NE(t.copy_reason.find("token"), std::string::npos) << t.copy_reason;
    night("this machine again", true);

    // Not seen for longer than the retention: forgotten by the next prune, which then removes
    // what only it needed.
    run("UPDATE bd_batch_copies SET seen_at = now() - make_interval(days => $1::int + 1) WHERE "
        "seen_at < (SELECT max(seen_at) FROM bd_batch_copies)",
        PgParams(std::int64_t{bd::storage::kBatchCopyRetentionDays}));
    run("DELETE FROM trades WHERE trade_id IN (SELECT trade_id FROM trades ORDER BY trade_id "
        "LIMIT 5)");
    night("a night that forgets the other copy", false);
    EXPECT_EQ(one(*m_admin, "SELECT count(*) FROM bd_batch_copies"), 1);
    expectNothingBehindTheHorizon(*m_admin);
    expectDeskRowsPruned();
    ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, &t, elsewhere));
    EXPECT_TRUE(t.copy_rebuilt);
    EXPECT_NE(t.copy_reason.find("pruned"), std::string::npos) << t.copy_reason;
    EXPECT_EQ(t.copy_reason.find("token"), std::string::npos) << t.copy_reason;
}

TEST_F(KeptCopy, ACopyMadeWholeKeepsItsIdSoItsOldHorizonHoldsNothingBack) {
    night("the first night", true);
    // Another build makes the copy whole; the server must not keep a second copy (and its old
    // horizon) for the retention's days.
    bd::services::KeptCopyOptions next = m_kept;
    next.build = "brokerdesk-9.9.9/keptcopy-next";
    bd::services::ServerBatchTimings t;
    ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, &t, next));
    EXPECT_TRUE(t.copy_rebuilt);
    EXPECT_NE(t.copy_reason.find("build"), std::string::npos) << t.copy_reason;
    EXPECT_EQ(one(*m_admin, "SELECT count(*) FROM bd_batch_copies"), 1);
    run("DELETE FROM trades WHERE trade_id IN (SELECT trade_id FROM trades ORDER BY trade_id "
        "LIMIT 5)");
    ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, &t, next));
    EXPECT_FALSE(t.copy_rebuilt) << t.copy_reason;
    expectDeskRowsPruned(next);
    EXPECT_EQ(one(*m_admin, "SELECT count(*) FROM bd_batch_copies"), 1);
}

TEST_F(KeptCopy, AChangeLogHeldByADeskIsPrunedTheNextNightAndTheResultsAreWritten) {
    night("the first night", true);
    run("DELETE FROM trades WHERE trade_id IN (SELECT trade_id FROM trades ORDER BY trade_id "
        "LIMIT 5)");
    const std::int64_t runs = one(*m_admin, "SELECT max(id) FROM analytics_runs");
    {
        // Something holds the log against removals (a lock a delete waits on).
        auto holder = m_branch.admin();
        ASSERT_TRUE(holder.run("BEGIN"));
        ASSERT_TRUE(holder.run("LOCK TABLE bd_rows_gone IN SHARE MODE"));
        bd::services::ServerBatchTimings t;
        ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, &t, m_kept));
        EXPECT_TRUE(t.prune_deferred);
        EXPECT_EQ(t.rows_gone_pruned, 0);
        EXPECT_LT(t.prune_ms, 10000);
        ASSERT_TRUE(holder.run("ROLLBACK"));
    }
    EXPECT_EQ(one(*m_admin, "SELECT max(id) FROM analytics_runs"), runs + 1) << "results written";
    EXPECT_EQ(deskRowsGone(), 5);
    bd::services::ServerBatchTimings t;
    ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, &t, m_kept));
    EXPECT_FALSE(t.copy_rebuilt) << t.copy_reason;
    EXPECT_FALSE(t.prune_deferred);
    expectDeskRowsPruned();
}

// A night runs as refreshServerBook and rebuildServerPlan run it (the copy brought up to date,
// computed on, written back, kept), with `between` run on the server after the copy was read
// and computed on and before the results are written: a desk's change in that gap.
void nightWithAGap(PgConnection& batch, const bd::services::KeptCopyOptions& options,
                   bd::storage::BatchResults what,
                   const std::function<bd::Status(Database&)>& compute,
                   const std::function<void()>& between, bd::storage::BatchWrite* wrote = nullptr) {
    auto kept = bd::services::KeptCopy::open(batch, options);
    ASSERT_TRUE(kept) << kept.error().toString();
    bd::services::KeptCopyNight night;
    auto snap = (*kept)->update(batch, &night);
    ASSERT_TRUE(snap) << snap.error().toString();
    EXPECT_FALSE(night.rebuilt) << night.reason;
    auto computed = compute((*kept)->db());
    ASSERT_TRUE(computed) << computed.error().toString();
    between();
    auto written = bd::storage::writeBatchResults((*kept)->db(), batch, *snap, what);
    ASSERT_TRUE(written) << written.error().toString();
    if (wrote) *wrote = *written;
    ASSERT_TRUE((*kept)->keep(snap->copy_token));
}

TEST_F(KeptCopy, AClientAndAContactRemovedBetweenTheReadAndTheWriteLeaveNoResultsOfThem) {
    night("the first night", true);
    // During the day a broker adds a client (no trades yet: the add may still be undone) and
    // logs calls, one of them to the new client.
    run("INSERT INTO clients (client_id, name, broker_id, branch_id, open_date) SELECT 'GAP1', "
        "'added by mistake', broker_id, branch_id, (SELECT max(date) FROM assets) FROM clients "
        "WHERE broker_id = $1 ORDER BY id LIMIT 1",
        PgParams(m_broker));
    const std::int64_t gone = one(*m_admin, "SELECT id FROM clients WHERE client_id = 'GAP1'");
    const auto some = clientsWithTrades(1);
    ASSERT_EQ(some.size(), 1u);
    run("INSERT INTO contacts (client_ref, broker_id, contact_time, channel, direction, outcome, "
        "notes) SELECT id, broker_id, (SELECT max(date) FROM assets) * 86400 + 40000, 1, 1, 1, "
        "'logged by mistake' FROM clients WHERE id = $1",
        PgParams(some[0]));
    const std::int64_t contact = one(*m_admin, "SELECT max(id) FROM contacts");

    bd::storage::BatchWrite wrote;
    // The night reads them and computes; before it writes, the add is undone and the call
    // removed (as the administrator would).
    const auto removeThem = [&] {
        run("DELETE FROM contacts WHERE id = $1", PgParams(contact));
        run("DELETE FROM clients WHERE id = $1", PgParams(gone));
    };
    nightWithAGap(
        *m_batch, m_kept, bd::storage::BatchResults::Refresh,
        [](Database& db) -> bd::Status {
            auto r = bd::services::refreshBook(db, {});
            return r ? bd::Status{} : bd::Status(r.error());
        },
        removeThem, &wrote);
    EXPECT_EQ(wrote.clients_removed, 1);
    for (const char* table : {"analytics_results", "client_scores", "segment_labels"})
        EXPECT_EQ(one(*m_admin,
                      std::string("SELECT count(*) FROM ") + table + " WHERE client_ref = $1",
                      PgParams(gone)),
                  0)
            << table << ": no result of a client gone before the write";
    EXPECT_GT(one(*m_admin, "SELECT count(*) FROM client_scores WHERE run_id = (SELECT max(id) "
                            "FROM analytics_runs WHERE kind = 'value')"),
              0)
        << "the other clients' results written";

    // The same gap in the plan's night: a client added, then gone before the plan is written;
    // and a call logged against a plan item (the item names it), removed too.
    const std::int64_t item = one(*m_admin, "SELECT min(id) FROM follow_up_tasks");
    ASSERT_GT(item, 0);
    run("INSERT INTO contacts (client_ref, broker_id, contact_time, channel, direction, outcome, "
        "notes) SELECT f.client_ref, c.broker_id, (SELECT max(date) FROM assets) * 86400 + 41000, "
        "1, 1, 1, 'a call on the item, logged by mistake' FROM follow_up_tasks f JOIN clients c ON "
        "c.id = f.client_ref WHERE f.id = $1",
        PgParams(item));
    const std::int64_t itemsCall = one(*m_admin, "SELECT max(id) FROM contacts");
    // The call completed the item (Done): a rebuild keeps it.
    run("UPDATE follow_up_tasks SET contact_id = $2, status = 1 WHERE id = $1",
        PgParams(item, itemsCall));
    run("INSERT INTO clients (client_id, name, broker_id, branch_id, open_date) SELECT 'GAP2', "
        "'added by mistake too', broker_id, branch_id, (SELECT max(date) FROM assets) FROM "
        "clients WHERE broker_id = $1 ORDER BY id LIMIT 1",
        PgParams(m_broker));
    const std::int64_t gone2 = one(*m_admin, "SELECT id FROM clients WHERE client_id = 'GAP2'");
    nightWithAGap(
        *m_batch, m_kept, bd::storage::BatchResults::Plan,
        [&](Database& db) -> bd::Status {
            auto r = bd::services::rebuildPlan(db, m_plan);
            if (!r) return r.error();
            auto named = db.prepare("SELECT count(*) FROM follow_up_tasks WHERE contact_id = ?1");
            if (!named) return named.error();
            named->bind(1, itemsCall);
            auto n = named->first([&] {
                EXPECT_EQ(named->int64(0), 1) << "the night read the "
                                                 "item's call";
            });
            return n ? bd::Status{} : bd::Status(n.error());
        },
        [&] {
            run("DELETE FROM clients WHERE id = $1", PgParams(gone2));
            run("UPDATE follow_up_tasks SET contact_id = NULL WHERE contact_id = $1",
                PgParams(itemsCall));
            run("DELETE FROM contacts WHERE id = $1", PgParams(itemsCall));
        },
        &wrote);
    EXPECT_EQ(wrote.clients_removed, 1);
    EXPECT_EQ(one(*m_admin,
                  "SELECT count(*) FROM follow_up_tasks WHERE id = $1 AND contact_id "
                  "IS NULL",
                  PgParams(item)),
              1)
        << "the item stays, its removed call taken off it";
    for (const char* table : {"follow_up_tasks", "plan_dropped"})
        EXPECT_EQ(one(*m_admin,
                      std::string("SELECT count(*) FROM ") + table + " WHERE client_ref = $1",
                      PgParams(gone2)),
                  0)
            << table;
    EXPECT_GT(one(*m_admin, "SELECT count(*) FROM follow_up_tasks"), 0);

    // The next night follows: its results and its copy are a fresh copy's.
    night("the night after", false);
}

// A logical restore (pg_dump, pg_restore into a new cluster) carries the transaction ids the
// book recorded while the cluster's counter starts again low: they are ahead of the server.
// Simulated by moving them ahead by three epochs (2^32 ids each). The tracking then seems not
// begun (a copy made whole every night) and the prune's horizon is out of reach. `server check`
// reports each place, worded with what to do; `server check --repair` resets them, audited;
// then the nights follow the server again and the change log is pruned again.
TEST_F(KeptCopy, TransactionIdsAheadOfTheServerAreReportedRepairedAndTheNightsFollowAgain) {
    night("the first night", true);
    run("DELETE FROM trades WHERE trade_id IN (SELECT trade_id FROM trades ORDER BY trade_id "
        "LIMIT 4)");
    night("a night of removals (the prune's horizon recorded)", false);
    ASSERT_GT(one(*m_admin, "SELECT count(*) FROM bd_meta WHERE key = 'rows_gone_pruned_before'"),
              0);

    const std::string far = idAhead();
    ASSERT_FALSE(far.empty());
    const PgParams ahead(far);
    run("UPDATE bd_meta SET value = $1 WHERE key IN ('changes_tracked_from', "
        "'rows_gone_pruned_before')",
        ahead);
    run("INSERT INTO bd_batch_copies (copy_id, login, horizon, seen_at) VALUES "
        "('00000000000000000000000000000abc', 'old-cluster', $1::xid8, now())",
        ahead);
    rowsGoneAhead(far);
    // A merge's transaction (bigint, as txid_current() gives it).
    run("INSERT INTO client_merges (operation, keep, absorb, txid) SELECT 990001, min(id), "
        "max(id), $1::bigint FROM clients",
        ahead);
    // The rows' writers as the dump carried them (their own trigger would mark them now).
    ASSERT_TRUE(m_admin->script(
        "SET session_replication_role = replica; UPDATE clients SET bd_xid = '" + far +
        "'::xid8 WHERE id IN (SELECT id FROM clients ORDER BY id LIMIT 5); UPDATE trades SET "
        "bd_xid = '" +
        far +
        "'::xid8 WHERE trade_id IN (SELECT trade_id FROM trades ORDER BY trade_id LIMIT 7); "
        "RESET session_replication_role;"));
    // Every batch (the plan right after the refresh too) makes its copy whole again.
    for (int n = 0; n < 2; ++n) {
        bd::services::ServerBatchTimings t;
        ASSERT_TRUE(bd::services::refreshServerBook(*m_batch, {}, &t, m_kept));
        EXPECT_TRUE(t.copy_rebuilt);
        EXPECT_NE(t.copy_reason.find("predates"), std::string::npos) << t.copy_reason;
        ASSERT_TRUE(bd::services::rebuildServerPlan(*m_batch, m_plan, &t, m_kept));
        EXPECT_TRUE(t.copy_rebuilt) << "the plan's too";
    }

    // The check finds each place, located, with the figures.
    auto found = bd::storage::checkServer(*m_admin);
    ASSERT_TRUE(found) << found.error().toString();
    std::map<std::string, bd::ServerFinding> byPlace;
    for (const auto& f : *found) {
        EXPECT_EQ(f.kind, "xid_marker_ahead") << f.subject;
        byPlace[f.subject] = f;
    }
    for (const char* place :
         {"bd_meta.changes_tracked_from", "bd_meta.rows_gone_pruned_before", "clients.bd_xid",
          "trades.bd_xid", "bd_rows_gone.xid", "bd_batch_copies.horizon", "client_merges.txid"})
        EXPECT_EQ(byPlace.count(place), 1u) << place;
    EXPECT_EQ(byPlace["clients.bd_xid"].rows, 5);
    EXPECT_EQ(byPlace["trades.bd_xid"].rows, 7);
    EXPECT_EQ(byPlace["bd_rows_gone.xid"].rows, 2);
    EXPECT_EQ(byPlace["clients.bd_xid"].marker, far);

    // The command line words them (through the phrasebook) and says what to do.
    const std::string admin = "'" + m_branch.pg().url("postgres") + "'";
    auto check = bdtest::runCli("server check --db " + admin);
    EXPECT_EQ(check.exit_code, 2) << check.output;
    EXPECT_NE(check.output.find("xid_marker_ahead: clients.bd_xid: 5 rows hold ids ahead of "
                                "this server: transaction ids up to " +
                                far),
              std::string::npos)
        << check.output;
    EXPECT_NE(check.output.find("xid_marker_ahead: bd_meta.changes_tracked_from: transaction " +
                                far + " is ahead of this server"),
              std::string::npos)
        << check.output;
    EXPECT_NE(check.output.find("server check --repair"), std::string::npos) << check.output;
    auto zh = bdtest::runCli("server check --lang zh --db " + admin);
    EXPECT_NE(zh.output.find("clients.bd_xid：5 行记录的事务号超前于本服务器"), std::string::npos)
        << zh.output;

    // The repair resets them in one transaction, counted in the trail, and the check is clean.
    const std::int64_t audited = one(*m_admin, "SELECT count(*) FROM row_audit");
    // Refused while others are connected (this test's administrator and batch): nothing reset.
    auto refused = bdtest::runCli("server check --repair --db " + admin);
    EXPECT_NE(refused.exit_code, 0) << refused.output;
    EXPECT_NE(refused.output.find("before the desks and the nightly batch connect, or give "
                                  "--force"),
              std::string::npos)
        << refused.output;
    EXPECT_EQ(one(*m_admin, "SELECT count(*) FROM clients WHERE bd_xid >= $1::xid8", ahead), 5);
    auto repair = bdtest::runCli("server check --repair --force --db " + admin);
    EXPECT_EQ(repair.exit_code, 0) << repair.output;
    EXPECT_NE(repair.output.find("repair: clients.bd_xid reset (5 rows)"), std::string::npos)
        << repair.output;
    EXPECT_NE(repair.output.find("ok:"), std::string::npos) << repair.output;
    auto clean = bd::storage::checkServer(*m_admin);
    ASSERT_TRUE(clean);
    EXPECT_TRUE(clean->empty());
    EXPECT_EQ(one(*m_admin, "SELECT count(*) FROM clients WHERE bd_xid >= $1::xid8", ahead), 0);
    EXPECT_EQ(one(*m_admin, "SELECT count(*) FROM bd_batch_copies WHERE copy_id = "
                            "'00000000000000000000000000000abc'"),
              0);
    EXPECT_EQ(one(*m_admin, "SELECT txid FROM client_merges WHERE operation = 990001"), 0)
        << "no transaction's id: bd_merge_moving matches none";
    EXPECT_EQ(one(*m_admin,
                  "SELECT rows FROM row_audit WHERE id > $1 AND table_name = 'clients' "
                  "AND operation = 'UPDATE'",
                  PgParams(audited)),
              5)
        << "the writers' reset counted once, not row by row";
    EXPECT_EQ(one(*m_admin,
                  "SELECT count(*) FROM row_audit WHERE id > $1 AND table_name = "
                  "'bd_meta'",
                  PgParams(audited)),
              2)
        << "bd_meta's two values, each by its trigger";
    EXPECT_EQ(one(*m_admin,
                  "SELECT count(*) FROM row_audit WHERE id > $1 AND table_name = "
                  "'bd_batch_copies' AND operation = 'DELETE'",
                  PgParams(audited)),
              1);
    auto again = bdtest::runCli("server check --repair --force --db " + admin);
    EXPECT_EQ(again.exit_code, 0) << again.output;
    EXPECT_NE(again.output.find("nothing reset"), std::string::npos) << again.output;

    // The copy is made whole once (it predates the tracking's new start), then follows the
    // server night by night, and the change log is pruned again.
    night("the night after the repair", true);
    run("DELETE FROM trades WHERE trade_id IN (SELECT trade_id FROM trades ORDER BY trade_id "
        "LIMIT 3)");
    run("UPDATE clients SET name = name || '.' WHERE id = (SELECT min(id) FROM clients)");
    night("a night of changes after the repair", false);
    expectDeskRowsPruned();
}

// Only rows' markers ahead (the tracking's start is not): their writers and records reset, a
// kept copy made before may lack what they stood for, so the tracking starts again at the
// repair all the same and the copy is made whole once.
TEST_F(KeptCopy, RowMarkersAloneAheadStillRestartTheTrackingSoTheCopyIsMadeWholeOnce) {
    night("the first night", true);
    const std::string far = idAhead();
    ASSERT_FALSE(far.empty());
    rowsGoneAhead(far);
    ASSERT_TRUE(m_admin->script("SET session_replication_role = replica; UPDATE clients SET "
                                "bd_xid = '" +
                                far +
                                "'::xid8 WHERE id IN (SELECT id FROM clients ORDER BY id LIMIT "
                                "3); RESET session_replication_role;"));
    auto reset = bd::storage::resetXidMarkersAhead(*m_admin, {.force = true});
    ASSERT_TRUE(reset) << reset.error().toString();
    EXPECT_EQ(reset->places.size(), 2u);
    ASSERT_FALSE(reset->tracked_from.empty());
    auto from = m_admin->query("SELECT value FROM bd_meta WHERE key = 'changes_tracked_from'");
    ASSERT_TRUE(from && from->size() == 1);
    EXPECT_EQ(from->text(0, 0), reset->tracked_from);
    night("the night after the repair", true);
    night("the next night", false);
    // A run that finds nothing changes nothing, the tracking's start included.
    auto again = bd::storage::resetXidMarkersAhead(*m_admin, {.force = true});
    ASSERT_TRUE(again) << again.error().toString();
    EXPECT_TRUE(again->places.empty());
    EXPECT_TRUE(again->tracked_from.empty());
    night("a night after a repair that found nothing", false);
}

// The repair does not wait on a lock for ever: the nightly batch writing (its results lock
// held) makes it stop after its lock timeout, saying so, with nothing reset.
TEST_F(KeptCopy, TheRepairStopsWhenALockIsNotGrantedInTime) {
    night("the first night", true);
    const std::string far = idAhead();
    ASSERT_FALSE(far.empty());
    rowsGoneAhead(far);
    auto holder = m_branch.admin();
    ASSERT_TRUE(holder.run("BEGIN"));
    ASSERT_TRUE(
        holder.run("SELECT pg_advisory_xact_lock($1)", PgParams(bd::storage::kBatchResultsLock)));
    const auto t0 = std::chrono::steady_clock::now();
    auto reset = bd::storage::resetXidMarkersAhead(*m_admin, {.force = true});
    const auto waited = std::chrono::steady_clock::now() - t0;
    ASSERT_TRUE(holder.run("ROLLBACK"));
    ASSERT_FALSE(reset);
    EXPECT_EQ(reset.error().code, ErrorCode::NotPermitted);
    EXPECT_NE(reset.error().message.find("did not get its locks within 5 s"), std::string::npos)
        << reset.error().message;
    EXPECT_LT(waited, std::chrono::seconds(30));
    EXPECT_EQ(
        one(*m_admin, "SELECT count(*) FROM bd_rows_gone WHERE xid >= $1::xid8", PgParams(far)), 2)
        << "nothing reset";
    // Without --force it is refused at once while other sessions are connected.
    auto refused = bd::storage::resetXidMarkersAhead(*m_admin);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("--force"), std::string::npos)
        << refused.error().message;
}

// `server check` by a login that may not read the change log (a broker): the places it cannot
// read are skipped and named, the rest of the check runs.
TEST_F(KeptCopy, ACheckByALoginThatMayNotReadTheChangeLogNamesWhatItSkipped) {
    // An auditor: a login that is no superuser, reading past the policies (BYPASSRLS), granted
    // the book's logins and settings but not the change log.
    const bdtest::PgTestBook& pg = m_branch.pg();
    const std::string login = pg.login("auditor");
    run("CREATE ROLE " + bd::storage::quoteIdentifier(*m_admin, login) +
        " LOGIN BYPASSRLS PASSWORD 'pw'");
    run("GRANT CONNECT ON DATABASE " + bd::storage::quoteIdentifier(*m_admin, m_admin->database()) +
        " TO " + bd::storage::quoteIdentifier(*m_admin, login));
    run("GRANT SELECT ON bd_users, bd_meta TO " + bd::storage::quoteIdentifier(*m_admin, login));
    auto auditor = PgConnection::connect(pg.uri(login, "pw"));
    ASSERT_TRUE(auditor) << auditor.error().toString();
    auto found = bd::storage::checkServer(*auditor);
    ASSERT_TRUE(found) << found.error().toString();
    bool named = false;
    for (const auto& f : *found)
        if (f.kind == "xid_markers_unchecked")
            named = f.subject.find("bd_rows_gone") != std::string::npos;
    EXPECT_TRUE(named);
}

TEST_F(KeptCopy, TheApplyLeavesTheCopysForeignKeysAsItFoundThem) {
    night("the first night", true);
    for (const bool on : {false, true}) {
        SCOPED_TRACE(on ? "on" : "off");
        run("INSERT INTO contacts (client_ref, broker_id, contact_time, channel, direction, "
            "outcome) SELECT id, broker_id, 86400 * 20500 + $1, 1, 1, 1 FROM clients ORDER BY id "
            "LIMIT 1",
            PgParams(std::int64_t{on ? 1 : 0}));
        auto book = bd::storage::openBook(keptFile().string(), {.create = false});
        ASSERT_TRUE(book);
        ASSERT_TRUE(book->exec(on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF"));
        auto applied = bd::storage::applyServerChanges(*m_batch, *book);
        ASSERT_TRUE(applied) << applied.error().toString();
        EXPECT_TRUE(applied->rebuild_reason.empty()) << applied->rebuild_reason;
        EXPECT_GE(applied->rows_written, 1);
        EXPECT_EQ(*bd::storage::queryInt(*book, "PRAGMA foreign_keys"), on ? 1 : 0);
    }
}

TEST_F(KeptCopy, OnlyTheBatchRecordsItsCopiesAndPrunesTheChangeLog) {
    auto broker = m_branch.as("a");
    EXPECT_FALSE(broker.run("SELECT bd_note_batch_copy('0123456789abcdef0123456789abcdef', "
                            "pg_current_snapshot())"));
    EXPECT_FALSE(broker.run("SELECT bd_prune_rows_gone(14)"));
    EXPECT_FALSE(broker.query("SELECT count(*) FROM bd_batch_copies"));
    // Nor the batch a snapshot the server has not reached, or a retention under a day.
    EXPECT_FALSE(m_batch->run("SELECT bd_note_batch_copy('0123456789abcdef0123456789abcdef', "
                              "'4000000000:4000000000:')"));
    EXPECT_FALSE(m_batch->run("SELECT bd_prune_rows_gone(0)"));
    EXPECT_FALSE(m_batch->run("DELETE FROM bd_rows_gone"));
}

TEST(KeptCopyOnAnOlderServer, AVersion15ServerMakesTheCopyWholeNamingItsVersion) {
    bdtest::PgDemoBranch branch(600, 15);
    BD_REQUIRE_PG_BRANCH(branch);
    auto admin = branch.admin();
    const bdtest::PgTestBook& pg = branch.pg();
    auto s = bd::storage::addServerUser(admin, {pg.login("batch"), "batch", "", "", false},
                                        std::string("pw"));
    ASSERT_TRUE(s) << s.error().toString();
    auto batch = PgConnection::connect(pg.uri(pg.login("batch"), "pw"));
    ASSERT_TRUE(batch) << batch.error().toString();
    bd::services::KeptCopyOptions kept;
    kept.dir = branch.dir() / "cache";
    bd::services::ServerBatchTimings t;
    ASSERT_TRUE(bd::services::refreshServerBook(*batch, {}, &t, kept));
    EXPECT_EQ(t.copy_reason, "no copy yet");
    for (int n = 0; n < 2; ++n) {
        auto r = bd::services::refreshServerBook(*batch, {}, &t, kept);
        ASSERT_TRUE(r) << r.error().toString();
        EXPECT_TRUE(t.copy_rebuilt);
        EXPECT_NE(t.copy_reason.find("version 15"), std::string::npos) << t.copy_reason;
        EXPECT_NE(t.copy_reason.find("version 16"), std::string::npos) << t.copy_reason;
        EXPECT_EQ(t.copy_reason.find("token"), std::string::npos) << t.copy_reason;
    }
}

} // namespace
