// The branch server's change tracking (server schema v14, storage/pg/pgchanges.h): in one
// snapshot, what changed in the client records since an earlier snapshot, exactly: each kind of
// change reported once and nothing else; a transaction open during the earlier snapshot that
// commits after it is still found (commit order, not id order); a merge and its undo report
// every client-day and row they moved; a table emptied, a snapshot from before the tracking or
// from another history says "copy whole" (a first load too: its rows carry no writer); a person
// cannot set a row's writer; `server check` knows the tracking.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "demo/demogenerator.h"
#include "storage/pg/pgchanges.h"
#include "storage/pg/pgimport.h"
#include "storage/pg/pgload.h"
#include "storage/pg/pgschema.h"
#include "storage/schema/schema.h"
#include "support/pgserver.h"
#include "support/run.h"
#include "support/tempdir.h"

namespace {

using bd::storage::ChangesReset;
using bd::storage::PgConnection;
using bd::storage::PgParams;
using bd::storage::PgTransaction;
using bd::storage::ServerChanges;
using bd::storage::TableChanges;

using Day = std::tuple<std::int64_t, std::int64_t>; // client_ref, day

class ServerChangeTracking : public ::testing::Test {
  protected:
    void SetUp() override {
        BD_REQUIRE_PG(m_pg);
        const std::string desk = (m_dir.path() / "desk.bdbook").string();
        bd::demo::DemoOptions o;
        o.clients = 200;
        o.seed = 23;
        o.history_years = 1;
        auto demo = bd::demo::createDemoBook(desk, o, true);
        ASSERT_TRUE(demo) << demo.error().toString();
        m_admin = m_pg.admin();
        ASSERT_TRUE(bd::storage::initServer(*m_admin));
        {
            auto book = bd::storage::openBook(desk, {.create = false});
            ASSERT_TRUE(book);
            auto loaded = bd::storage::loadDeskBook(*book, *m_admin);
            ASSERT_TRUE(loaded) << loaded.error().toString();
        }
        auto broker = m_admin->query("SELECT broker_id FROM clients GROUP BY 1 ORDER BY 1 LIMIT 1");
        ASSERT_TRUE(broker && broker->size() == 1);
        m_broker = broker->text(0, 0);
        for (const auto& [who, role, id] :
             {std::tuple{"batch", "batch", std::string()}, std::tuple{"a", "broker", m_broker}}) {
            auto s = bd::storage::addServerUser(*m_admin, {m_pg.login(who), role, id, "", false},
                                                std::string("pw"));
            ASSERT_TRUE(s) << s.error().toString();
        }
        auto batch = PgConnection::connect(m_pg.uri(m_pg.login("batch"), "pw"));
        ASSERT_TRUE(batch) << batch.error().toString();
        m_batch = std::move(*batch);
    }

    std::int64_t one(const std::string& sql, const PgParams& p = PgParams()) {
        auto r = m_admin->query(sql, p);
        EXPECT_TRUE(r && r->size() == 1) << sql << ": " << (r ? "" : r.error().toString());
        return r && r->size() == 1 ? r->int64(0, 0) : -1;
    }
    void run(const std::string& sql, const PgParams& p = PgParams()) {
        auto s = m_admin->run(sql, p);
        ASSERT_TRUE(s) << sql << ": " << s.error().toString();
    }
    /// The batch's snapshot now, as a copy made now would record it.
    std::string snapshot() {
        auto tx = PgTransaction::begin(*m_batch, PgTransaction::Isolation::RepeatableRead);
        EXPECT_TRUE(tx);
        auto s = bd::storage::currentSnapshot(*m_batch);
        EXPECT_TRUE(s) << s.error().toString();
        EXPECT_TRUE(tx->commit());
        return s ? *s : std::string();
    }
    /// What changed since `since`, read by the batch in a snapshot of its own.
    ServerChanges changes(const std::string& since) {
        auto tx = PgTransaction::begin(*m_batch, PgTransaction::Isolation::RepeatableRead);
        EXPECT_TRUE(tx);
        auto c = bd::storage::changesSince(*m_batch, since);
        EXPECT_TRUE(c) << c.error().toString();
        EXPECT_TRUE(tx->commit());
        return c ? std::move(*c) : ServerChanges{};
    }
    /// The client-days reported, each checked against the trades summed here independently.
    std::set<Day> checkedDays(const ServerChanges& c) {
        std::set<Day> out;
        for (const auto& d : c.trade_days) {
            auto sums = m_admin->query(
                "SELECT count(*), COALESCE(sum(amount), 0), COALESCE(sum(commission), 0) FROM "
                "trades WHERE client_ref = $1 AND floor(trade_time / 86400.0) = $2",
                PgParams(d.client_ref, d.day));
            EXPECT_TRUE(sums);
            if (!sums) continue;
            EXPECT_EQ(d.trades, sums->int64(0, 0)) << d.client_ref << " " << d.day;
            EXPECT_EQ(d.amount, sums->int64(0, 1)) << d.client_ref << " " << d.day;
            EXPECT_EQ(d.commission, sums->int64(0, 2)) << d.client_ref << " " << d.day;
            out.emplace(d.client_ref, d.day);
        }
        EXPECT_EQ(out.size(), c.trade_days.size()) << "each client-day once";
        return out;
    }
    static const TableChanges& table(const ServerChanges& c, const std::string& name) {
        static const TableChanges none;
        for (const auto& t : c.tables)
            if (t.table == name) return t;
        ADD_FAILURE() << "no changes of " << name;
        return none;
    }
    /// Column `col` of the changed rows (or, with `gone`, of the removed keys), joined by '|'
    /// with column `col2` when given.
    static std::set<std::string> values(const TableChanges& t, bool gone, int col, int col2 = -1) {
        const bd::storage::PgRows& rows = gone ? t.gone : t.rows;
        std::set<std::string> out;
        for (int i = 0; i < rows.size(); ++i)
            out.insert(rows.text(i, col) + (col2 < 0 ? "" : "|" + rows.text(i, col2)));
        return out;
    }
    static std::size_t changedRows(const ServerChanges& c) {
        std::size_t n = c.trade_days.size();
        for (const auto& t : c.tables) n += static_cast<std::size_t>(t.rows.size() + t.gone.size());
        return n;
    }

    bdtest::PgTestBook m_pg;
    bdtest::TempDir m_dir;
    std::optional<PgConnection> m_admin, m_batch;
    std::string m_broker;
};

TEST_F(ServerChangeTracking, EachKindOfChangeIsReportedOnceAndNothingElse) {
    run("INSERT INTO tags(name, colour) VALUES ('t0', '#654321')");
    run("INSERT INTO client_tags(client_ref, tag) SELECT max(id), 't0' FROM clients");
    const std::string s0 = snapshot();
    auto none = changes(s0);
    EXPECT_EQ(none.reset, ChangesReset::None);
    EXPECT_EQ(changedRows(none), 0u);
    EXPECT_EQ(none.tables.size(), 6u) << "every tracked table but trades";

    // Four clients with trades: X gets a new trade on a day of its own, Y's trade moves to
    // another day, Z's is removed, W's changes its commission on the same day.
    auto four = m_admin->query("SELECT client_ref, min(trade_id) FROM trades GROUP BY 1 ORDER BY 1 "
                               "LIMIT 4");
    ASSERT_TRUE(four && four->size() == 4);
    const std::int64_t x = four->int64(0, 0), y = four->int64(1, 0), z = four->int64(2, 0),
                       w = four->int64(3, 0);
    const std::int64_t newTime = one("SELECT max(trade_time) + 3 * 86400 FROM trades");
    const auto timeOf = [&](int i) {
        return one("SELECT trade_time FROM trades WHERE trade_id = $1", PgParams(four->text(i, 1)));
    };
    const std::int64_t yTime = timeOf(1), zTime = timeOf(2), wTime = timeOf(3);
    const std::int64_t yNewTime = newTime + 86400;
    run("INSERT INTO trades(trade_id, client_ref, trade_time, security_code, side, quantity, "
        "price, amount, commission) SELECT 'T19-NEW', $1, $2, security_code, side, quantity, "
        "price, amount, commission FROM trades WHERE trade_id = $3",
        PgParams(x, newTime, four->text(0, 1)));
    run("UPDATE trades SET trade_time = $2 WHERE trade_id = $1",
        PgParams(four->text(1, 1), yNewTime));
    run("DELETE FROM trades WHERE trade_id = $1", PgParams(four->text(2, 1)));
    run("UPDATE trades SET commission = commission + 7 WHERE trade_id = $1",
        PgParams(four->text(3, 1)));
    // Contacts: one logged, one voided. A client edited. A tag given, another taken away. A
    // snapshot corrected, a holding removed.
    run("INSERT INTO contacts(client_ref, broker_id, contact_time, channel) SELECT id, broker_id, "
        "$2, 1 FROM clients WHERE id = $1",
        PgParams(x, newTime));
    const std::int64_t logged = one("SELECT max(id) FROM contacts");
    const std::int64_t voided = one("SELECT min(id) FROM contacts");
    run("UPDATE contacts SET void_reason = 'wrong client' WHERE id = $1", PgParams(voided));
    run("UPDATE clients SET name = name || ' II', version = version + 1 WHERE id = $1",
        PgParams(y));
    run("INSERT INTO tags(name, colour) VALUES ('t19', '#123456')");
    run("INSERT INTO client_tags(client_ref, tag) VALUES ($1, 't19')", PgParams(x));
    auto untag = m_admin->query("SELECT client_ref, tag FROM client_tags WHERE tag <> 't19' "
                                "ORDER BY 1, 2 LIMIT 1");
    ASSERT_TRUE(untag && untag->size() == 1);
    run("DELETE FROM client_tags WHERE client_ref = $1 AND tag = $2",
        PgParams(untag->text(0, 0), untag->text(0, 1)));
    auto asset = m_admin->query("SELECT client_ref, date FROM assets ORDER BY 1, 2 LIMIT 1");
    ASSERT_TRUE(asset && asset->size() == 1);
    run("UPDATE assets SET cash = cash + 1 WHERE client_ref = $1 AND date = $2",
        PgParams(asset->text(0, 0), asset->text(0, 1)));
    auto held = m_admin->query("SELECT client_ref, date, security_code FROM positions "
                               "ORDER BY 1, 2, 3 LIMIT 1");
    ASSERT_TRUE(held && held->size() == 1);
    run("DELETE FROM positions WHERE client_ref = $1 AND date = $2 AND security_code = $3",
        PgParams(held->text(0, 0), held->text(0, 1), held->text(0, 2)));

    const ServerChanges c = changes(s0);
    ASSERT_EQ(c.reset, ChangesReset::None);
    EXPECT_NE(c.snapshot, s0);
    const auto day = [](std::int64_t t) { return t / 86400; };
    EXPECT_EQ(checkedDays(c), (std::set<Day>{{x, day(newTime)},
                                             {y, day(yTime)},
                                             {y, day(yNewTime)},
                                             {z, day(zTime)},
                                             {w, day(wTime)}}));
    // Only the moved and the removed trade are recorded as gone (not the one changed in place).
    EXPECT_EQ(one("SELECT count(*) FROM bd_rows_gone WHERE tbl = 'trades'"), 2);

    const TableChanges& contacts = table(c, "contacts");
    EXPECT_EQ(values(contacts, false, 0),
              (std::set<std::string>{std::to_string(logged), std::to_string(voided)}));
    EXPECT_EQ(contacts.gone.size(), 0);
    const TableChanges& clients = table(c, "clients");
    EXPECT_EQ(values(clients, false, 0), std::set<std::string>{std::to_string(y)});
    const TableChanges& tags = table(c, "client_tags");
    EXPECT_EQ(values(tags, false, 0, 1), std::set<std::string>{std::to_string(x) + "|t19"});
    EXPECT_EQ(values(tags, true, 0, 1),
              std::set<std::string>{untag->text(0, 0) + "|" + untag->text(0, 1)});
    const TableChanges& assets = table(c, "assets");
    EXPECT_EQ(values(assets, false, 0, 1),
              std::set<std::string>{asset->text(0, 0) + "|" + asset->text(0, 1)});
    EXPECT_EQ(assets.gone.size(), 0);
    const TableChanges& positions = table(c, "positions");
    EXPECT_EQ(positions.rows.size(), 0);
    ASSERT_EQ(positions.gone.size(), 1);
    EXPECT_EQ(positions.gone.text(0, 2), held->text(0, 2));
    EXPECT_EQ(positions.gone.text(0, 3), held->text(0, 0)) << "the row's client";
    EXPECT_EQ(table(c, "follow_up_tasks").rows.size(), 0);
    for (const auto& t : c.tables)
        EXPECT_EQ(std::count(t.columns.begin(), t.columns.end(), "bd_xid"), 0) << t.table;
    // A changed row comes whole, in the columns named.
    ASSERT_EQ(clients.rows.size(), 1);
    const auto name = std::find(clients.columns.begin(), clients.columns.end(), "name");
    ASSERT_NE(name, clients.columns.end());
    EXPECT_NE(clients.rows.text(0, static_cast<int>(name - clients.columns.begin())).find(" II"),
              std::string::npos);

    // Since the snapshot these were read in, nothing.
    EXPECT_EQ(changedRows(changes(c.snapshot)), 0u);
}

TEST_F(ServerChangeTracking, ATransactionOpenDuringTheCopyThatCommitsAfterItIsStillFound) {
    const std::int64_t client = one("SELECT min(id) FROM clients");
    const std::string s0 = snapshot();
    // Early begins and writes first (the lower id and transaction id), Late begins after it and
    // commits before the copy; Early commits after the copy was made.
    auto early = m_pg.admin();
    auto late = m_pg.admin();
    ASSERT_TRUE(early.run("BEGIN"));
    ASSERT_TRUE(early.run("INSERT INTO contacts(client_ref, broker_id, contact_time, channel) "
                          "SELECT id, broker_id, 1900000000, 2 FROM clients WHERE id = $1",
                          PgParams(client)));
    ASSERT_TRUE(late.run("BEGIN"));
    ASSERT_TRUE(late.run("INSERT INTO contacts(client_ref, broker_id, contact_time, channel) "
                         "SELECT id, broker_id, 1900000100, 3 FROM clients WHERE id = $1",
                         PgParams(client)));
    ASSERT_TRUE(late.run("COMMIT"));
    const std::string copy = snapshot();
    ASSERT_TRUE(early.run("COMMIT"));
    const std::int64_t earlyId = one("SELECT id FROM contacts WHERE contact_time = 1900000000");
    const std::int64_t lateId = one("SELECT id FROM contacts WHERE contact_time = 1900000100");
    ASSERT_LT(earlyId, lateId) << "the case a 'newer than the newest id seen' reader misses";

    EXPECT_EQ(values(table(changes(copy), "contacts"), false, 0),
              std::set<std::string>{std::to_string(earlyId)});
    EXPECT_EQ(values(table(changes(s0), "contacts"), false, 0),
              (std::set<std::string>{std::to_string(earlyId), std::to_string(lateId)}));
}

TEST_F(ServerChangeTracking, AMergeAndItsUndoReportEveryClientDayAndRowTheyMoved) {
    // Two of the broker's clients with trades: the second is merged into the first.
    auto two = m_admin->query("SELECT c.id, c.client_id FROM clients c WHERE c.broker_id = $1 "
                              "AND EXISTS (SELECT 1 FROM trades t WHERE t.client_ref = c.id) "
                              "ORDER BY c.id LIMIT 2",
                              PgParams(m_broker));
    ASSERT_TRUE(two && two->size() == 2);
    const std::int64_t keep = two->int64(0, 0), absorb = two->int64(1, 0);
    const auto daysOf = [&](std::int64_t ref) {
        std::set<Day> out;
        auto r = m_admin->query("SELECT DISTINCT floor(trade_time / 86400.0)::bigint FROM trades "
                                "WHERE client_ref = $1",
                                PgParams(ref));
        EXPECT_TRUE(r);
        for (int i = 0; r && i < r->size(); ++i) out.emplace(ref, r->int64(i, 0));
        return out;
    };
    const std::set<Day> absorbDays = daysOf(absorb);
    std::set<Day> movedTo;
    for (const auto& [ref, d] : absorbDays) movedTo.emplace(keep, d);
    const std::int64_t absorbContacts =
        one("SELECT count(*) FROM contacts WHERE client_ref = $1", PgParams(absorb));
    ASSERT_GT(absorbContacts, 0);

    const std::string s0 = snapshot();
    const std::string url = "'" + m_pg.url(m_pg.login("a"), "pw") + "'";
    auto merged = bdtest::runCli("merge --keep " + two->text(0, 1) + " --absorb " +
                                 two->text(1, 1) + " --db " + url);
    ASSERT_EQ(merged.exit_code, 0) << merged.output;
    const ServerChanges m = changes(s0);
    ASSERT_EQ(m.reset, ChangesReset::None);
    // Every day of the absorbed client is gone from it (0 trades) and summed again for the kept.
    std::set<Day> expected = absorbDays;
    expected.insert(movedTo.begin(), movedTo.end());
    EXPECT_EQ(checkedDays(m), expected);
    for (const auto& d : m.trade_days)
        if (d.client_ref == absorb) {
            EXPECT_EQ(d.trades, 0);
        }
    // The absorbed client's contacts moved: written under the kept client, gone from the other.
    const TableChanges& contacts = table(m, "contacts");
    EXPECT_EQ(static_cast<std::int64_t>(contacts.gone.size()), absorbContacts);
    EXPECT_EQ(values(contacts, true, 3), std::set<std::string>{std::to_string(absorb)});
    EXPECT_EQ(values(table(m, "clients"), false, 0), std::set<std::string>{std::to_string(absorb)});

    auto op = m_admin->query("SELECT max(operation) FROM audit_log WHERE kind = 'client.merge'");
    ASSERT_TRUE(op && op->size() == 1 && !op->isNull(0, 0));
    auto undo = bdtest::runCli("undo --operation " + op->text(0, 0) + " --db " + url);
    ASSERT_EQ(undo.exit_code, 0) << undo.output;
    const ServerChanges u = changes(m.snapshot);
    EXPECT_EQ(checkedDays(u), expected) << "the same days, back as they were";
    for (const auto& d : u.trade_days)
        if (d.client_ref == keep) {
            EXPECT_EQ(absorbDays.count({absorb, d.day}), 1u);
        }
    EXPECT_EQ(daysOf(absorb), absorbDays);
    EXPECT_EQ(static_cast<std::int64_t>(values(table(u, "contacts"), false, 0).size()),
              absorbContacts);
}

TEST_F(ServerChangeTracking, AnEmptiedTableAnUntrackedOrForeignSnapshotMeanCopyWhole) {
    const std::string s0 = snapshot();
    // The server's transactions are behind the snapshot: another history (a restore).
    EXPECT_EQ(changes("999999999:999999999:").reset, ChangesReset::ServerBehind);
    run("TRUNCATE client_tags");
    const ServerChanges emptied = changes(s0);
    EXPECT_EQ(emptied.reset, ChangesReset::TableEmptied);
    EXPECT_EQ(emptied.reset_table, "client_tags");
    EXPECT_TRUE(emptied.tables.empty());
    EXPECT_EQ(changes(emptied.snapshot).reset, ChangesReset::None) << "once copied whole again";

    // Not in a snapshot transaction: the caller's mistake, said so.
    auto outside = bd::storage::changesSince(*m_batch, s0);
    ASSERT_FALSE(outside);
    EXPECT_EQ(outside.error().code, bd::ErrorCode::Internal);
    // No snapshot at all: refused by the server, nothing read.
    auto tx = PgTransaction::begin(*m_batch, PgTransaction::Isolation::RepeatableRead);
    ASSERT_TRUE(tx);
    EXPECT_FALSE(bd::storage::changesSince(*m_batch, "not a snapshot"));
}

// A first load truncates the table in its transaction (recorded: the table emptied), so its rows
// carry no writer (nothing stamped nor indexed, storage/pg/pgimport.cpp): a copy made before it
// is told to copy whole, and one made after it sees what is written to those rows later.
TEST_F(ServerChangeTracking, AFirstLoadWritesNoWriterAndACopyBeforeItIsMadeWhole) {
    auto clients = m_admin->query("SELECT client_id FROM clients ORDER BY id LIMIT 2");
    ASSERT_TRUE(clients && clients->size() == 2);
    const std::string before = snapshot();
    run("DELETE FROM trades");
    std::string csv = "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,"
                      "commission,fees,channel\n";
    for (int i = 1; i <= 3; ++i)
        csv += "L" + std::to_string(i) + "," + clients->text(i < 3 ? 0 : 1, 0) + ",2024-01-0" +
               std::to_string(i) + " 09:30:00,600519.SH,buy,100,10,1000,5,,online\n";
    bd::storage::ImportFiles files;
    files.trades = m_dir.write("trades.csv", csv);
    auto load = bd::storage::importToServer(*m_batch, files, {});
    ASSERT_TRUE(load) << load.error().toString();
    ASSERT_TRUE(load->committed);
    EXPECT_EQ(one("SELECT count(*) FROM trades"), 3);
    EXPECT_EQ(one("SELECT count(*) FROM trades WHERE bd_xid IS NOT NULL"), 0);

    const ServerChanges whole = changes(before);
    EXPECT_EQ(whole.reset, ChangesReset::TableEmptied);
    EXPECT_EQ(whole.reset_table, "trades");
    EXPECT_TRUE(whole.trade_days.empty());

    // A copy made after the load: a loaded row changed and another removed are both found.
    const std::string after = snapshot();
    run("UPDATE trades SET quantity = 200, amount = 2000 WHERE trade_id = 'L2'");
    run("DELETE FROM trades WHERE trade_id = 'L3'");
    const std::int64_t l2Client = one("SELECT client_ref FROM trades WHERE trade_id = 'L2'");
    const std::int64_t l2Day =
        one("SELECT bd_trade_day(trade_time) FROM trades WHERE trade_id = 'L2'");
    const std::int64_t l3Client =
        one("SELECT id FROM clients WHERE client_id = $1", PgParams(clients->text(1, 0)));
    const ServerChanges later = changes(after);
    EXPECT_EQ(later.reset, ChangesReset::None);
    EXPECT_EQ(checkedDays(later), (std::set<Day>{{l2Client, l2Day}, {l3Client, l2Day + 1}}));
    EXPECT_EQ(changedRows(later), 2u) << "the two client-days and nothing else";
}

TEST(ServerChangeTrackingSince, ASnapshotFromBeforeTheTrackingBeganMeansCopyWhole) {
    bdtest::PgTestBook pg;
    BD_REQUIRE_PG(pg);
    auto admin = pg.admin();
    std::string before;
    {
        auto tx = PgTransaction::begin(admin, PgTransaction::Isolation::RepeatableRead);
        ASSERT_TRUE(tx);
        auto s = bd::storage::currentSnapshot(admin);
        ASSERT_TRUE(s) << s.error().toString();
        before = *s;
        ASSERT_TRUE(tx->commit());
    }
    ASSERT_TRUE(bd::storage::initServer(admin));
    auto tx = PgTransaction::begin(admin, PgTransaction::Isolation::RepeatableRead);
    ASSERT_TRUE(tx);
    auto c = bd::storage::changesSince(admin, before);
    ASSERT_TRUE(c) << c.error().toString();
    EXPECT_EQ(c->reset, ChangesReset::BeforeTracking);
    auto now = bd::storage::changesSince(admin, c->snapshot);
    ASSERT_TRUE(now) << now.error().toString();
    EXPECT_EQ(now->reset, ChangesReset::None);
}

TEST_F(ServerChangeTracking, APersonCannotSetTheWriterAndTheirRemovalsAreRecorded) {
    const std::int64_t mine =
        one("SELECT min(id) FROM clients WHERE broker_id = $1", PgParams(m_broker));
    run("INSERT INTO tags(name, colour) VALUES ('t0', '#654321')");
    run("INSERT INTO client_tags(client_ref, tag) VALUES ($1, 't0')", PgParams(mine));
    const std::string s0 = snapshot();
    auto a = PgConnection::connect(m_pg.uri(m_pg.login("a"), "pw"));
    ASSERT_TRUE(a) << a.error().toString();
    // A writer of the distant past would hide the row from every later read of changes.
    ASSERT_TRUE(a->run("INSERT INTO contacts(client_ref, broker_id, contact_time, channel, bd_xid) "
                       "VALUES ($1, $2, 1900000200, 1, '3')",
                       PgParams(mine, m_broker)));
    const std::int64_t logged = one("SELECT id FROM contacts WHERE contact_time = 1900000200");
    ASSERT_TRUE(a->run("UPDATE contacts SET notes = 'called back', bd_xid = '3' WHERE id = $1",
                       PgParams(logged)));
    EXPECT_GT(
        one("SELECT count(*) FROM contacts WHERE id = $1 AND bd_xid > '3'::xid8", PgParams(logged)),
        0);
    // Her removal of her client's tag is recorded, though she may not write the records.
    auto tag = m_admin->query("SELECT tag FROM client_tags WHERE client_ref = $1 ORDER BY 1 "
                              "LIMIT 1",
                              PgParams(mine));
    ASSERT_TRUE(tag && tag->size() == 1);
    auto removed = a->query("DELETE FROM client_tags WHERE client_ref = $1 AND tag = $2",
                            PgParams(mine, tag->text(0, 0)));
    ASSERT_TRUE(removed) << removed.error().toString();
    EXPECT_EQ(removed->changed(), 1);
    EXPECT_FALSE(a->query("SELECT count(*) FROM bd_rows_gone")) << "a person reads none of it";
    EXPECT_FALSE(a->run("INSERT INTO bd_rows_gone(tbl) VALUES ('clients')"));

    const ServerChanges c = changes(s0);
    EXPECT_EQ(values(table(c, "contacts"), false, 0),
              std::set<std::string>{std::to_string(logged)});
    EXPECT_EQ(values(table(c, "client_tags"), true, 0, 1),
              std::set<std::string>{std::to_string(mine) + "|" + tag->text(0, 0)});
}

TEST_F(ServerChangeTracking, ServerCheckKnowsTheTracking) {
    auto clean = bd::storage::checkServer(*m_admin);
    ASSERT_TRUE(clean) << clean.error().toString();
    for (const auto& f : *clean) ADD_FAILURE() << f.kind << ": " << f.subject;
    run("DROP TRIGGER bd_gone_update ON contacts");
    run("ALTER TABLE trades ALTER COLUMN bd_xid DROP DEFAULT");
    auto found = bd::storage::checkServer(*m_admin);
    ASSERT_TRUE(found) << found.error().toString();
    std::set<std::string> kinds;
    for (const auto& f : *found) kinds.insert(f.kind + " " + f.subject);
    EXPECT_EQ(kinds, (std::set<std::string>{"tracking_trigger_missing contacts.bd_gone_update",
                                            "tracking_column_missing trades.bd_xid"}));
}

} // namespace
