// A desk's read replica of a branch book (services/serverreplica.h): what a login may see,
// copied into a private file removed on close; after a write, and after another desk's change
// the server announces, a client's rows in the replica are the server's rows for that login.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <tuple>

#include "services/clientlookup.h"
#include "services/serverreplica.h"
#include "storage/book/clientqueries.h"
#include "storage/book/recordstore.h"
#include "storage/book/tradedays.h"
#include "storage/schema/tradelayout.h"
#include "support/pgdemobranch.h"

namespace {

namespace cmd = bd::services::cmd;
using bd::services::ServerReplica;
using bd::storage::PgConnection;
using bd::storage::PgParams;

std::int64_t countIn(bd::storage::Database& db, const std::string& sql) {
    auto n = bd::storage::queryInt(db, sql);
    EXPECT_TRUE(n) << sql;
    return n ? *n : -1;
}

std::int64_t serverCount(PgConnection& c, const std::string& sql, std::int64_t ref) {
    auto r = c.query(sql, PgParams(ref));
    EXPECT_TRUE(r) << sql << ": " << (r ? "" : r.error().toString());
    return r ? r->int64(0, 0) : -1;
}

std::int64_t localCount(bd::storage::Database& db, const std::string& sql, std::int64_t ref) {
    auto st = db.prepare(sql);
    EXPECT_TRUE(st) << sql;
    if (!st) return -1;
    st->bind(1, ref);
    std::int64_t n = -1;
    EXPECT_TRUE(st->first([&](const bd::storage::Statement& r) { n = r.int64(0); }));
    return n;
}

/// Per table the login's rows of client `ref` on the server and in the replica are as many.
void expectClientRowsEqual(PgConnection& server, bd::storage::Database& replica, std::int64_t ref) {
    for (const char* table :
         {"contacts", "client_tags", "client_notes", "client_corrections", "trades", "audit_log"}) {
        const std::string where = std::string(" FROM ") + table + " WHERE client_ref = ";
        EXPECT_EQ(localCount(replica, "SELECT count(*)" + where + "?1", ref),
                  serverCount(server, "SELECT count(*)" + where + "$1", ref))
            << table << " of client " << ref;
    }
    EXPECT_EQ(localCount(replica, "SELECT count(*) FROM clients WHERE id = ?1", ref),
              serverCount(server, "SELECT count(*) FROM clients WHERE id = $1", ref));
}

/// The first client of broker `broker` (its ref and id), as the administrator sees it.
std::pair<std::int64_t, std::string> firstClientOf(PgConnection& admin, const std::string& broker) {
    auto r = admin.query("SELECT id, client_id FROM clients WHERE broker_id = $1 ORDER BY id "
                         "LIMIT 1",
                         PgParams(broker));
    EXPECT_TRUE(r && r->size() == 1);
    return {r->int64(0, 0), r->text(0, 1)};
}

bd::services::ServerNews waitForNews(ServerReplica& r, std::chrono::milliseconds within) {
    const auto until = std::chrono::steady_clock::now() + within;
    bd::services::ServerNews all;
    while (std::chrono::steady_clock::now() < until) {
        auto n = r.takeNews();
        EXPECT_TRUE(n) << n.error().toString();
        if (n && !n->empty()) {
            for (auto& [t, refs] : n->clients) all.clients[t].insert(refs.begin(), refs.end());
            all.batch = n->batch;
            all.settings = n->settings;
            return all;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return all;
}

class ServerReplicaTest : public ::testing::Test {
  protected:
    void SetUp() override { BD_REQUIRE_PG_BRANCH(m_branch); }
    std::unique_ptr<ServerReplica> open(const std::string& who) {
        auto r = ServerReplica::open(m_branch.url(who), m_branch.dir());
        EXPECT_TRUE(r) << (r ? "" : r.error().toString());
        return r ? std::move(*r) : nullptr;
    }
    bdtest::PgDemoBranch m_branch;
};

TEST(ServerNews, NewsArrivingWhileEarlierNewsWaitsKeepsEveryKind) {
    // The workstation gathers a burst of news before reading it (BookSession): none may be lost.
    bd::services::ServerNews pending;
    pending.clients["contacts"] = {1, 2};
    bd::services::ServerNews more;
    more.clients["contacts"] = {3};
    more.clients["clients"] = {2};
    more.segments = true;
    more.surveys = true;
    pending.merge(more);
    EXPECT_EQ(pending.clients["contacts"], (std::set<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(pending.clients["clients"], (std::set<std::int64_t>{2}));
    EXPECT_TRUE(pending.segments);
    EXPECT_TRUE(pending.surveys);
    EXPECT_FALSE(pending.settings);
    EXPECT_FALSE(pending.batch);
    bd::services::ServerNews batch;
    batch.batch = true;
    batch.settings = true;
    pending.merge(batch);
    EXPECT_TRUE(pending.batch && pending.settings && pending.surveys);
}

TEST_F(ServerReplicaTest, ABrokersReplicaHoldsExactlyTheirClientsInAPrivateFileRemovedOnClose) {
    auto replica = open("a");
    ASSERT_TRUE(replica);
    EXPECT_EQ(replica->identity().role, "broker");
    EXPECT_EQ(replica->identity().login, m_branch.pg().login("a"));
    EXPECT_EQ(replica->identity().location.find("pw"), std::string::npos);
    const auto dir = replica->directory();
    const auto file = replica->bookPath();
    struct stat st {};
    ASSERT_EQ(::stat(dir.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    {
        auto book = replica->takeBook();
        auto admin = m_branch.admin();
        auto a = m_branch.as("a");
        for (const char* table : {"clients", "contacts", "trades", "positions", "client_tags",
                                  "client_notes", "audit_log"}) {
            auto mine = a.query(std::string("SELECT count(*) FROM ") + table);
            ASSERT_TRUE(mine);
            EXPECT_EQ(countIn(book, std::string("SELECT count(*) FROM ") + table),
                      mine->int64(0, 0))
                << table;
        }
        // The trade days (from the batch's aggregate) are those of the trades copied beside
        // them, and the replica still watches its trades as a desk book does.
        auto stored = bd::storage::loadTradeDays(book);
        auto fromTrades = bd::storage::aggregateTradeDays(book);
        ASSERT_TRUE(stored && fromTrades);
        ASSERT_EQ(stored->size(), fromTrades->size());
        for (std::size_t i = 0; i < stored->size(); ++i) {
            const auto& x = (*stored)[i];
            const auto& y = (*fromTrades)[i];
            EXPECT_EQ(std::tie(x.client_ref, x.day, x.trades, x.amount, x.commission),
                      std::tie(y.client_ref, y.day, y.trades, y.amount, y.commission));
        }
        auto missing = bd::storage::missingTradeDaysTriggers(book);
        ASSERT_TRUE(missing);
        EXPECT_TRUE(missing->empty());
        EXPECT_EQ(countIn(book, "SELECT count(*) FROM trade_days_dirty"), 0);
        auto all = admin.query("SELECT count(*) FROM clients");
        auto ofB = book.prepare("SELECT count(*) FROM clients WHERE broker_id = ?1");
        ASSERT_TRUE(ofB);
        ofB->bind(1, m_branch.brokerB());
        std::int64_t other = -1;
        ASSERT_TRUE(ofB->first([&](const bd::storage::Statement& r) { other = r.int64(0); }));
        EXPECT_EQ(other, 0) << "none of broker B's clients";
        EXPECT_LT(countIn(book, "SELECT count(*) FROM clients"), all->int64(0, 0));
    }
    replica.reset();
    EXPECT_FALSE(std::filesystem::exists(dir)) << "the replica goes with the session";
}

TEST_F(ServerReplicaTest, AReplicaHasThePlannersStatisticsOfItsTrades) {
    // Without them one client's trades (the client pane) are a scan of every trade in the
    // replica: seconds on a whole firm's (bench/server_pages.sh).
    auto replica = open("m");
    ASSERT_TRUE(replica);
    auto book = replica->takeBook();
    const std::int64_t trades = countIn(book, "SELECT count(*) FROM trades");
    ASSERT_GT(trades, 1);
    EXPECT_GT(countIn(book, "SELECT coalesce(max(CAST(stat AS INTEGER)), 0) FROM sqlite_stat1 "
                            "WHERE tbl = 'trades' AND idx = 'trades'"),
              0);
    auto stale = bd::storage::tradesStatisticsStale(book, 1);
    ASSERT_TRUE(stale);
    EXPECT_FALSE(*stale);
    EXPECT_GT(countIn(book, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'contacts'"), 0);
}

TEST_F(ServerReplicaTest, AfterAWriteTheClientsRowsInTheReplicaAreTheServers) {
    auto replica = open("a");
    ASSERT_TRUE(replica);
    auto book = replica->takeBook();
    auto admin = m_branch.admin();
    const auto [ref, id] = firstClientOf(admin, m_branch.brokerA());
    bd::services::ContactLog log;
    log.client_id = id;
    log.channel = bd::ContactChannel::Phone;
    log.direction = bd::Direction::Outbound;
    log.outcome = bd::Outcome::Reached;
    log.notes = "replica test";
    const auto before =
        localCount(book, "SELECT count(*) FROM contacts WHERE client_ref = ?1", ref);
    for (cmd::CommandArgs args :
         {cmd::CommandArgs{cmd::LogContact{log}},
          cmd::CommandArgs{cmd::AddNote{id, "a note from the replica test", std::nullopt}},
          cmd::CommandArgs{cmd::TagClients{{id}, "replica", "", false}},
          cmd::CommandArgs{
              cmd::EditClient{id, std::nullopt, {{cmd::ClientField::Phone, "13900000000"}}}}}) {
        auto r = replica->execute(book, cmd::Command{{}, args});
        ASSERT_TRUE(r) << r.error().toString();
    }
    EXPECT_EQ(localCount(book, "SELECT count(*) FROM contacts WHERE client_ref = ?1", ref),
              before + 1);
    auto detail = bd::storage::loadClientDetail(book, ref);
    ASSERT_TRUE(detail);
    EXPECT_EQ(detail->client.phone, "13900000000");
    auto a = m_branch.as("a");
    expectClientRowsEqual(a, book, ref);
    // Read back when written: the server's news of this desk's own commits is passed over,
    // not read and announced a second time.
    EXPECT_TRUE(waitForNews(*replica, std::chrono::seconds(1)).empty());
    // A client of broker B is no client of A's: refused as not permitted, nothing changed.
    const auto [otherRef, otherId] = firstClientOf(admin, m_branch.brokerB());
    bd::services::ContactLog foreign = log;
    foreign.client_id = otherId;
    auto refused = replica->execute(book, cmd::Command{{}, cmd::LogContact{foreign}});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, bd::ErrorCode::NotPermitted) << refused.error().toString();
    EXPECT_EQ(localCount(book, "SELECT count(*) FROM clients WHERE id = ?1", otherRef), 0);
}

TEST_F(ServerReplicaTest, AnotherDesksContactReachesTheManagersReplicaAsNews) {
    auto manager = open("m");
    ASSERT_TRUE(manager);
    EXPECT_EQ(manager->identity().role, "manager");
    auto book = manager->takeBook();
    auto admin = m_branch.admin();
    const auto [ref, id] = firstClientOf(admin, m_branch.brokerA());
    auto desk = bd::services::RecordBook::open(m_branch.url("a"));
    ASSERT_TRUE(desk) << desk.error().toString();
    bd::services::ContactLog log;
    log.client_id = id;
    log.channel = bd::ContactChannel::Visit;
    log.direction = bd::Direction::Outbound;
    log.outcome = bd::Outcome::Reached;
    const auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(desk->execute(cmd::Command{{}, cmd::LogContact{log}}));
    auto news = waitForNews(*manager, std::chrono::seconds(2));
    ASSERT_FALSE(news.empty()) << "no news within two seconds";
    ASSERT_EQ(news.clients.count("contacts"), 1u);
    EXPECT_TRUE(news.clients["contacts"].count(ref));
    auto changes = manager->pull(book, news);
    ASSERT_TRUE(changes) << changes.error().toString();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
    ASSERT_FALSE(changes->empty());
    const auto* contacts = std::get_if<bd::services::ContactsChange>(&changes->front());
    ASSERT_TRUE(contacts);
    EXPECT_TRUE(contacts->clients.contains(ref));
    EXPECT_EQ(contacts->added, 1);
    auto m = m_branch.as("m");
    expectClientRowsEqual(m, book, ref);
}

TEST_F(ServerReplicaTest, AMovedPlanItemComesBackIntoTheReplicaAndReachesTheManagerAsPlanNews) {
    auto admin = m_branch.admin();
    const auto [ref, id] = firstClientOf(admin, m_branch.brokerA());
    // An item of the batch's plan for A's client (the administrator writes it, as a batch would).
    auto made = admin.query("INSERT INTO follow_up_tasks(client_ref, "
                            "broker_id, planned_date, channel, priority, status, created_at) "
                            "VALUES ($1, $2, 20794, 1, 0.5, 0, 0) RETURNING id",
                            PgParams(ref, m_branch.brokerA()));
    ASSERT_TRUE(made) << made.error().toString();
    const std::int64_t task = made->int64(0, 0);
    auto desk = open("a");
    auto manager = open("m");
    ASSERT_TRUE(desk && manager);
    auto book = desk->takeBook();
    auto managerBook = manager->takeBook();
    auto moved = desk->execute(
        book, cmd::Command{{}, cmd::ReschedulePlanItem{task, bd::Date::fromYmd(2026, 12, 9)}});
    ASSERT_TRUE(moved) << moved.error().toString();
    const std::string item = "SELECT planned_date * 10 + status FROM follow_up_tasks WHERE id = ";
    EXPECT_EQ(localCount(book, item + "?1", task), 20796 * 10 + 3); // 2026-12-09, held
    auto news = waitForNews(*manager, std::chrono::seconds(2));
    ASSERT_EQ(news.clients.count("follow_up_tasks"), 1u) << "no plan news within two seconds";
    EXPECT_TRUE(news.clients["follow_up_tasks"].count(ref));
    auto changes = manager->pull(managerBook, news);
    ASSERT_TRUE(changes) << changes.error().toString();
    ASSERT_EQ(changes->size(), 1u);
    const auto* plan = std::get_if<bd::services::PlanChange>(&changes->front());
    ASSERT_TRUE(plan);
    EXPECT_TRUE(plan->clients.contains(ref));
    EXPECT_EQ(localCount(managerBook, item + "?1", task), 20796 * 10 + 3);
}

TEST_F(ServerReplicaTest, AClientReassignedAwayLeavesTheBrokersReplica) {
    auto replica = open("a");
    ASSERT_TRUE(replica);
    auto book = replica->takeBook();
    auto admin = m_branch.admin();
    const auto [ref, id] = firstClientOf(admin, m_branch.brokerA());
    ASSERT_GT(localCount(book, "SELECT count(*) FROM contacts WHERE client_ref = ?1", ref), -1);
    auto manager = bd::services::RecordBook::open(m_branch.url("m"));
    ASSERT_TRUE(manager) << manager.error().toString();
    auto moved = manager->execute(cmd::Command{
        {}, cmd::EditClient{id, std::nullopt, {{cmd::ClientField::Broker, m_branch.brokerB()}}}});
    ASSERT_TRUE(moved) << moved.error().toString();
    auto news = waitForNews(*replica, std::chrono::seconds(2));
    ASSERT_FALSE(news.empty());
    auto changes = replica->pull(book, news);
    ASSERT_TRUE(changes) << changes.error().toString();
    for (const char* sql : {"SELECT count(*) FROM clients WHERE id = ?1",
                            "SELECT count(*) FROM contacts WHERE client_ref = ?1",
                            "SELECT count(*) FROM trades WHERE client_ref = ?1",
                            "SELECT count(*) FROM positions WHERE client_ref = ?1"})
        EXPECT_EQ(localCount(book, sql, ref), 0) << sql;
}

/// The book setting `key` as the replica holds it (none: the default).
std::string settingIn(bd::storage::Database& book, const std::string& key) {
    auto st = book.prepare("SELECT value FROM settings WHERE key = ?1");
    EXPECT_TRUE(st);
    if (!st) return "?";
    st->bind(1, key);
    std::string value = "(default)";
    EXPECT_TRUE(st->first([&](const bd::storage::Statement& r) { value = r.text(0); }));
    return value;
}

TEST_F(ServerReplicaTest, TheBranchsSettingsAreInTheReplicaAndAManagersChangeReachesEveryDesk) {
    // Set on the server before the desk opens: the replica holds the branch's value.
    auto records = bd::services::RecordBook::open(m_branch.url("m"));
    ASSERT_TRUE(records) << records.error().toString();
    ASSERT_TRUE(
        records->execute(cmd::Command{{}, cmd::SaveSettings{{{"value.vip_percent", "7"}}}}));
    auto broker = open("a");
    auto manager = open("m");
    ASSERT_TRUE(broker && manager);
    auto brokerBook = broker->takeBook();
    auto managerBook = manager->takeBook();
    EXPECT_EQ(settingIn(brokerBook, "value.vip_percent"), "7");
    EXPECT_EQ(settingIn(managerBook, "value.vip_percent"), "7");

    // The manager's desk changes it: the server holds it, the manager's replica shows it at
    // once, and the broker's desk hears of it and reads the settings again.
    auto r = manager->execute(managerBook,
                              cmd::Command{{}, cmd::SaveSettings{{{"value.vip_percent", "12"}}}});
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(settingIn(managerBook, "value.vip_percent"), "12");
    auto admin = m_branch.admin();
    auto onServer = admin.query("SELECT value FROM settings WHERE key = 'value.vip_percent'");
    ASSERT_TRUE(onServer && onServer->size() == 1);
    EXPECT_EQ(onServer->text(0, 0), "12");
    auto news = waitForNews(*broker, std::chrono::seconds(2));
    ASSERT_TRUE(news.settings) << "no settings news within two seconds";
    EXPECT_TRUE(news.clients.empty()) << "a setting names no client";
    auto changes = broker->pull(brokerBook, news);
    ASSERT_TRUE(changes) << changes.error().toString();
    EXPECT_EQ(settingIn(brokerBook, "value.vip_percent"), "12");
    const bool toldValueModel =
        std::any_of(changes->begin(), changes->end(), [](const bd::services::BookChange& c) {
            const auto* s = std::get_if<bd::services::SettingsChange>(&c);
            return s && s->kind == bd::services::SettingsChange::Kind::ValueModel;
        });
    EXPECT_TRUE(toldValueModel) << "the VIP and Value pages are told";

    // A broker may not change the branch's settings: refused, the replica as the server's.
    auto refused = broker->execute(
        brokerBook, cmd::Command{{}, cmd::SaveSettings{{{"value.vip_percent", "3"}}}});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, bd::ErrorCode::NotPermitted) << refused.error().toString();
    EXPECT_EQ(settingIn(brokerBook, "value.vip_percent"), "12");
}

TEST_F(ServerReplicaTest, AMergeLeavesTheListsItsHistoryMovesInEveryReplicaAndTheUndoReturnsIt) {
    auto admin = m_branch.admin();
    // A's two first clients with trades: the second is merged into the first.
    auto two = admin.query("SELECT c.id, c.client_id FROM clients c WHERE c.broker_id = $1 AND "
                           "EXISTS (SELECT 1 FROM trades t WHERE t.client_ref = c.id) ORDER BY "
                           "c.id LIMIT 2",
                           PgParams(m_branch.brokerA()));
    ASSERT_TRUE(two && two->size() == 2);
    const std::int64_t keep = two->int64(0, 0), absorb = two->int64(1, 0);
    const std::string keepId = two->text(0, 1), absorbId = two->text(1, 1);
    auto desk = open("a");
    auto manager = open("m");
    ASSERT_TRUE(desk && manager);
    auto book = desk->takeBook();
    auto managerBook = manager->takeBook();
    const std::int64_t listed = countIn(book, "SELECT count(*) FROM clients WHERE merged_into IS "
                                              "NULL");
    const std::string trades = "SELECT count(*) FROM trades WHERE client_ref = ";
    const std::int64_t allTrades =
        serverCount(admin, trades + "$1", keep) + serverCount(admin, trades + "$1", absorb);

    auto merged = desk->execute(book, cmd::Command{{}, cmd::MergeClients{keepId, absorbId}});
    ASSERT_TRUE(merged) << merged.error().toString();
    auto a = m_branch.as("a");
    for (std::int64_t ref : {keep, absorb}) expectClientRowsEqual(a, book, ref);
    EXPECT_EQ(localCount(book, trades + "?1", keep), allTrades);
    EXPECT_EQ(localCount(book, "SELECT merged_into FROM clients WHERE id = ?1", absorb), keep);
    EXPECT_EQ(countIn(book, "SELECT count(*) FROM clients WHERE merged_into IS NULL"), listed - 1);
    // The absorbed id opens the kept client in the replica, as on a desk.
    auto local = bd::storage::sqliteRecordStore(book);
    auto found = bd::services::lookupClient(*local, absorbId);
    ASSERT_TRUE(found) << found.error().toString();
    EXPECT_EQ(found->record.ref, keep);
    auto dirty = bd::storage::dirtyTradeDayClients(book);
    ASSERT_TRUE(dirty);
    EXPECT_TRUE(dirty->empty()); // the trade days of both aggregated again
    const std::string days = "SELECT count(*) FROM trade_days WHERE client_ref = ";
    const std::int64_t keptDays = localCount(book, days + "?1", keep);

    // The manager's replica hears of it and reads both clients' history again.
    auto news = waitForNews(*manager, std::chrono::seconds(2));
    ASSERT_FALSE(news.empty()) << "no news within two seconds";
    auto changes = manager->pull(managerBook, news);
    ASSERT_TRUE(changes) << changes.error().toString();
    auto m = m_branch.as("m");
    for (std::int64_t ref : {keep, absorb}) expectClientRowsEqual(m, managerBook, ref);
    EXPECT_EQ(localCount(managerBook, trades + "?1", keep), allTrades);
    EXPECT_EQ(localCount(managerBook, days + "?1", keep), keptDays);

    auto undo = desk->execute(book, cmd::Command{{}, cmd::UndoOperation{merged->operation}});
    ASSERT_TRUE(undo) << undo.error().toString();
    for (std::int64_t ref : {keep, absorb}) expectClientRowsEqual(a, book, ref);
    EXPECT_EQ(countIn(book, "SELECT count(*) FROM clients WHERE merged_into IS NULL"), listed);
    EXPECT_EQ(localCount(book, trades + "?1", absorb), serverCount(admin, trades + "$1", absorb));
}

} // namespace
