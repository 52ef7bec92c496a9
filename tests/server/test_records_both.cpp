// The shared store suite: the same commands, the same answers, on a desk's SQLite book and on a
// branch server. Then what only a server has: logins that may not touch another broker's
// clients, the login as the actor, and two desks editing one client at once.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "services/clientlookup.h"
#include "services/household.h"
#include "services/recordbook.h"
#include "storage/pg/pgschema.h"
#include "storage/schema/schema.h"
#include "support/pgserver.h"
#include "support/tempdir.h"

namespace {

namespace cmd = bd::services::cmd;
using bd::ErrorCode;
using bd::services::RecordBook;

// The same rows for both stores (the column names are the same on both).
constexpr const char* kSeed = R"SQL(
INSERT INTO branches VALUES ('BR1', 'East');
INSERT INTO brokers VALUES ('B1', 'Zhang', 'BR1', 20), ('B2', 'Li', 'BR1', 20);
INSERT INTO clients(id, client_id, name, broker_id, branch_id, open_date, phone) VALUES
  (1, 'C1', 'one', 'B1', 'BR1', 19000, '13800000001'),
  (2, 'C2', 'two', 'B1', 'BR1', 19000, '13800000002'),
  (3, 'C3', 'three', 'B2', 'BR1', 19000, '13800000003');
INSERT INTO survey_campaigns(id, name, template_id, audience, audience_arg, launch_date,
  deadline_working_days, deadline_date, launched_at) VALUES (1, 'Q4', 1, 0, 0, 20400, 10, 20414, 0);
INSERT INTO survey_calls(campaign_id, client_ref, queue, due_date) VALUES
  (1, 1, 'B1', 20414), (1, 3, 'B2', 20414);
-- The plan of Monday 2026-12-07 (day 20794): a call for each client, C1's due by Wednesday.
INSERT INTO follow_up_tasks(id, client_ref, broker_id, planned_date, due_date, channel,
  time_window, priority, reasons, talking_points, status, attempts, created_at) VALUES
  (1, 1, 'B1', 20794, 20796, 1, '', 0.9, '', '', 0, 0, 0),
  (2, 2, 'B1', 20794, NULL, 1, '', 0.5, '', '', 0, 0, 0),
  (3, 3, 'B2', 20794, NULL, 1, '', 0.5, '', '', 0, 0, 0);
)SQL";

/// A book of either kind, seeded; book() opens it as broker B1's desk (on a server: B1's
/// login), as(B2) as broker B2's.
class Store {
  public:
    virtual ~Store() = default;
    virtual bool available() const = 0;
    virtual std::string location(const std::string& broker) const = 0;
    /// Writes as the nightly batch or the book's owner would, past the command layer.
    virtual bool write(const std::string& sql) const = 0;
    RecordBook book(const std::string& broker = "B1") const {
        auto b = RecordBook::open(location(broker));
        EXPECT_TRUE(b) << (b ? "" : b.error().toString());
        return std::move(*b);
    }
};

class SqliteStore final : public Store {
  public:
    SqliteStore() {
        m_path = (m_dir.path() / "book.bdbook").string();
        auto db = bd::storage::openBook(m_path);
        EXPECT_TRUE(db);
        if (db) {
            EXPECT_TRUE(db->exec(kSeed));
        }
    }
    bool available() const override { return true; }
    std::string location(const std::string&) const override { return m_path; }
    bool write(const std::string& sql) const override {
        auto db = bd::storage::openBook(m_path);
        return db && db->exec(sql).ok();
    }

  private:
    bdtest::TempDir m_dir;
    std::string m_path;
};

class ServerStore final : public Store {
  public:
    ServerStore() {
        if (!m_book.available()) return;
        auto admin = m_book.admin();
        auto init = bd::storage::initServer(admin);
        EXPECT_TRUE(init) << (init ? "" : init.error().toString());
        EXPECT_TRUE(admin.script(std::string("SET ROLE bd_owner;") + kSeed + "RESET ROLE;"));
        // The identities past the seeded ids, as `server load` leaves them.
        EXPECT_TRUE(admin.run("SELECT setval(pg_get_serial_sequence('clients', 'id'), 3)"));
        EXPECT_TRUE(admin.run("SELECT setval(pg_get_serial_sequence('follow_up_tasks', 'id'), 3)"));
        for (const char* broker : {"B1", "B2"}) {
            auto s = bd::storage::addServerUser(admin, {login(broker), "broker", broker, "", false},
                                                "pw-" + login(broker));
            EXPECT_TRUE(s) << (s ? "" : s.error().toString());
        }
    }
    bool available() const override { return m_book.available(); }
    std::string login(const std::string& broker) const {
        std::string b = broker;
        for (char& c : b) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return m_book.login(b);
    }
    std::string location(const std::string& broker) const override {
        return m_book.url(login(broker), "pw-" + login(broker));
    }
    bool write(const std::string& sql) const override {
        auto admin = m_book.admin();
        return admin.script("SET ROLE bd_owner;" + sql + ";RESET ROLE;").ok();
    }
    const bdtest::PgTestBook& pg() const { return m_book; }

  private:
    bdtest::PgTestBook m_book;
};

class RecordsOnBothStores : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        if (GetParam() == "sqlite")
            m_store = std::make_unique<SqliteStore>();
        else
            m_store = std::make_unique<ServerStore>();
        if (!m_store->available()) GTEST_SKIP() << "no PostgreSQL cluster for this run";
    }
    std::unique_ptr<Store> m_store;
};

bd::Result<cmd::Applied> run(RecordBook& b, cmd::CommandArgs args) {
    return b.execute(cmd::Command{"desk-user", std::move(args)});
}

TEST_P(RecordsOnBothStores, AnEditMovesTheVersionIsAuditedAndAStaleEditIsRefused) {
    auto b = m_store->book();
    auto e = run(b, cmd::EditClient{"C1", 1, {{cmd::ClientField::Phone, "13900000009"}}});
    ASSERT_TRUE(e) << e.error().toString();
    EXPECT_EQ(e->version, 2);
    auto c = b.store().loadClient("C1");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->client.phone, "13900000009");
    EXPECT_EQ(c->version, 2);
    auto stale = run(b, cmd::EditClient{"C1", 1, {{cmd::ClientField::Phone, "13900000000"}}});
    ASSERT_FALSE(stale);
    EXPECT_NE(stale.error().message.find("version 2"), std::string::npos)
        << stale.error().toString();
    bd::storage::AuditFilter f;
    f.client_ref = c->ref;
    auto rows = b.store().listAudit(f);
    ASSERT_TRUE(rows);
    // The client row, and the local correction of the trading-system field phone.
    ASSERT_EQ(rows->size(), 2u);
    int clientRows = 0;
    for (const auto& r : *rows) {
        EXPECT_EQ(r.kind, "client.edit");
        EXPECT_EQ(r.operation, e->operation);
        if (r.entity != "client") continue;
        ++clientRows;
        EXPECT_NE(r.before->find("13800000001"), std::string::npos);
        EXPECT_NE(r.after->find("13900000009"), std::string::npos);
    }
    EXPECT_EQ(clientRows, 1);
}

TEST_P(RecordsOnBothStores, TagsNotesAndTheirUndoRoundTrip) {
    auto b = m_store->book();
    auto tag = run(b, cmd::TagClients{{"C1", "C2"}, "vip-watch", "#ff0000", false});
    ASSERT_TRUE(tag) << tag.error().toString();
    auto note = run(b, cmd::AddNote{"C1", "prefers calls after 18:00", std::nullopt});
    ASSERT_TRUE(note) << note.error().toString();
    auto c1 = b.store().loadClient("C1");
    ASSERT_TRUE(c1);
    auto tags = b.store().tagsOf(c1->ref);
    ASSERT_TRUE(tags);
    ASSERT_EQ(tags->size(), 1u);
    EXPECT_EQ((*tags)[0].colour, "#ff0000");
    auto notes = b.store().notesOf(c1->ref);
    ASSERT_TRUE(notes);
    ASSERT_EQ(notes->size(), 1u);
    EXPECT_EQ((*notes)[0].text, "prefers calls after 18:00");

    ASSERT_TRUE(note->inverse);
    auto undo = b.execute(*note->inverse);
    ASSERT_TRUE(undo) << undo.error().toString();
    notes = b.store().notesOf(c1->ref);
    ASSERT_TRUE(notes);
    EXPECT_TRUE(notes->empty());
    auto undoTag = b.execute(*tag->inverse);
    ASSERT_TRUE(undoTag) << undoTag.error().toString();
    tags = b.store().tagsOf(c1->ref);
    ASSERT_TRUE(tags);
    EXPECT_TRUE(tags->empty());
    auto undone = b.store().undoneBy(note->operation);
    ASSERT_TRUE(undone);
    EXPECT_EQ(*undone, undo->operation);
}

// A tag's colour (one audited, undoable operation) and a broker's branch (what a reassignment
// moves a client to) read the same on both stores.
TEST_P(RecordsOnBothStores, ATagsColourIsSetAndUndoneAndABrokersBranchIsRead) {
    auto b = m_store->book();
    ASSERT_TRUE(run(b, cmd::TagClients{{"C1"}, "golf", "", false}));
    auto colour = run(b, cmd::SetTagColour{"golf", "#2e7d32"});
    ASSERT_TRUE(colour) << colour.error().toString();
    EXPECT_EQ(b.store().tagColour("golf")->value_or(""), "#2e7d32");
    ASSERT_TRUE(colour->inverse);
    auto undo = b.execute(*colour->inverse);
    ASSERT_TRUE(undo) << undo.error().toString();
    EXPECT_EQ(b.store().tagColour("golf")->value_or(""), "#808080");
    auto unknown = run(b, cmd::SetTagColour{"tennis", "#2e7d32"});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::InvalidInput);

    auto branch = b.store().brokerBranch("B1");
    ASSERT_TRUE(branch) << branch.error().toString();
    EXPECT_EQ(branch->value_or("?"), "BR1");
    auto none = b.store().brokerBranch("B9");
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none);
}

TEST_P(RecordsOnBothStores, AnAddedProspectGetsAFreshIdAndItsUndoRemovesIt) {
    auto b = m_store->book();
    auto add = run(b, cmd::AddClient{"",
                                     {{cmd::ClientField::Name, "王小明"},
                                      {cmd::ClientField::Broker, "B1"},
                                      {cmd::ClientField::Phone, "13700000000"}}});
    ASSERT_TRUE(add) << add.error().toString();
    EXPECT_GT(add->client_ref, 3);
    auto c = b.store().loadClient(add->client_id);
    ASSERT_TRUE(c) << c.error().toString();
    EXPECT_EQ(c->client.name, "王小明");
    EXPECT_EQ(c->client.status, bd::ClientStatus::Prospect);
    auto undo = b.execute(*add->inverse);
    ASSERT_TRUE(undo) << undo.error().toString();
    auto gone = b.store().loadClient(add->client_id);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().code, ErrorCode::NotFound);
    // The next client never takes the removed one's id.
    auto again = run(
        b,
        cmd::AddClient{"", {{cmd::ClientField::Name, "李四"}, {cmd::ClientField::Broker, "B1"}}});
    ASSERT_TRUE(again) << again.error().toString();
    EXPECT_GT(again->client_ref, add->client_ref);
}

TEST_P(RecordsOnBothStores, AnAddedClientTheNightsPlanReachedIsKeptByItsUndoInThePhrasebooksWords) {
    auto b = m_store->book();
    auto add = run(
        b,
        cmd::AddClient{"", {{cmd::ClientField::Name, "王小明"}, {cmd::ClientField::Broker, "B1"}}});
    ASSERT_TRUE(add) << add.error().toString();
    // The night's plan gives the new prospect a call; the undo would remove what it refers to.
    ASSERT_TRUE(m_store->write(
        "INSERT INTO follow_up_tasks(id, client_ref, broker_id, planned_date, due_date, channel, "
        "time_window, priority, reasons, talking_points, status, attempts, created_at) VALUES "
        "(9, " +
        std::to_string(add->client_ref) + ", 'B1', 20795, NULL, 1, '', 0.5, '', '', 0, 0, 0)"));
    auto undo = b.execute(*add->inverse);
    ASSERT_FALSE(undo);
    ASSERT_TRUE(undo.error().refusal) << undo.error().toString();
    EXPECT_EQ(undo.error().refusal->fact.kind, bd::RefusalKind::ClientInUse);
    EXPECT_EQ(undo.error().refusal->fact.textOf(bd::Arg::Client), add->client_id);
    EXPECT_TRUE(b.store().loadClient(add->client_id)) << "the refused undo removed nothing";
    // A relation from another broker's client (on a server the login does not see it: its
    // policy shows a relation through client_a) is a use as well.
    ASSERT_TRUE(m_store->write("DELETE FROM follow_up_tasks WHERE id = 9"));
    ASSERT_TRUE(
        m_store->write("INSERT INTO client_relations(client_a, client_b, kind) VALUES (3, " +
                       std::to_string(add->client_ref) + ", 5)"));
    auto related = b.execute(*add->inverse);
    ASSERT_FALSE(related);
    ASSERT_TRUE(related.error().refusal) << related.error().toString();
    EXPECT_EQ(related.error().refusal->fact.kind, bd::RefusalKind::ClientInUse);
    // With nothing referring to it the same undo goes through.
    ASSERT_TRUE(m_store->write("DELETE FROM client_relations WHERE client_a = 3"));
    auto again = b.execute(*add->inverse);
    ASSERT_TRUE(again) << again.error().toString();
    EXPECT_FALSE(b.store().loadClient(add->client_id));
}

/// The journal's operations of `kind` (a prefix ending in '.'), newest first.
std::optional<std::vector<bd::storage::AuditRow>> journalOf(RecordBook& b,
                                                            const std::string& kind) {
    bd::storage::AuditFilter f;
    f.kind = kind;
    auto rows = b.store().listAudit(f);
    EXPECT_TRUE(rows) << (rows ? "" : rows.error().toString());
    return rows ? std::optional(*rows) : std::optional<std::vector<bd::storage::AuditRow>>();
}

TEST_P(RecordsOnBothStores, AContactIsLoggedCorrectedAndVoided) {
    auto b = m_store->book();
    bd::services::ContactLog log;
    log.client_id = "C2";
    log.channel = bd::ContactChannel::Phone;
    log.outcome = bd::Outcome::Reached;
    log.direction = bd::Direction::Inbound;
    log.notes = "asked about bonds";
    log.at = bd::DateTime::fromParts(bd::Date::fromYmd(2026, 12, 1), 10, 0, 0);
    auto logged = run(b, cmd::LogContact{log});
    ASSERT_TRUE(logged) << logged.error().toString();
    const std::int64_t id = logged->contact->contact_id;
    auto fix = run(b, cmd::CorrectContact{id, std::string("asked about bond funds"), std::nullopt});
    ASSERT_TRUE(fix) << fix.error().toString();
    auto voided = run(b, cmd::VoidContact{id, "logged on the wrong client"});
    ASSERT_TRUE(voided) << voided.error().toString();
    auto c = b.store().loadContact(id);
    ASSERT_TRUE(c);
    ASSERT_TRUE(*c);
    EXPECT_EQ((*c)->notes, "asked about bond funds");
    EXPECT_EQ((*c)->direction, bd::Direction::Inbound);
    EXPECT_EQ((*c)->void_reason.value_or(""), "logged on the wrong client");
    const auto rows = journalOf(b, "contact.");
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 3u);
    EXPECT_EQ((*rows)[0].kind, "contact.void");
    EXPECT_EQ((*rows)[2].kind, "contact.log");
}

TEST_P(RecordsOnBothStores, ARelationIsSetChangedRemovedAndUndoneWithItsHousehold) {
    auto b = m_store->book();
    auto set = run(b, cmd::RelateClients{"C1", "C2", bd::RelationKind::Parent});
    ASSERT_TRUE(set) << set.error().toString();
    auto rel = b.store().relationBetween(2, 1);
    ASSERT_TRUE(rel && *rel);
    EXPECT_EQ((*rel)->client_a, 1);
    EXPECT_EQ((*rel)->kind, bd::RelationKind::Parent);
    auto h = bd::services::loadHousehold(b.store(), b.desk(), 2);
    ASSERT_TRUE(h) << h.error().toString();
    ASSERT_EQ(h->members.size(), 2u);
    EXPECT_EQ(h->members[1].client_id, "C1");
    EXPECT_EQ(h->members[1].kind, bd::RelationKind::Child);
    auto self = run(b, cmd::RelateClients{"C1", "C1", bd::RelationKind::Spouse});
    ASSERT_FALSE(self);
    EXPECT_EQ(self.error().code, ErrorCode::InvalidInput);
    auto gone = run(b, cmd::UnrelateClients{"C2", "C1"});
    ASSERT_TRUE(gone) << gone.error().toString();
    EXPECT_FALSE(*b.store().relationBetween(1, 2));
    auto undo = run(b, gone->inverse->args);
    ASSERT_TRUE(undo) << undo.error().toString();
    rel = b.store().relationBetween(1, 2);
    ASSERT_TRUE(rel && *rel);
    EXPECT_EQ((*rel)->kind, bd::RelationKind::Parent);
    auto rows = b.store().listAudit({});
    ASSERT_TRUE(rows);
    EXPECT_EQ(rows->size(), 3u); // set, remove, undo
}

/// A reached call of C1 answering campaign 1's survey (the standard one: four items, then the
/// 0..10 "would you recommend").
cmd::LogContact surveyCall(std::vector<int> items, int recommend,
                           bd::Outcome outcome = bd::Outcome::Reached) {
    cmd::LogContact c;
    c.log.client_id = "C1";
    c.log.outcome = outcome;
    c.log.survey = bd::services::SurveyResponse{1, std::move(items), recommend};
    return c;
}

TEST_P(RecordsOnBothStores, ASurveyAnswerIsCheckedStoredWithItsContactAndClosesTheCall) {
    auto b = m_store->book();
    auto open = b.store().openSurveyCall(1, 1);
    ASSERT_TRUE(open) << open.error().toString();
    ASSERT_TRUE(*open);
    EXPECT_EQ((*open)->items.size(), 4u);
    // Refused, nothing stored: a score out of range, too few scores, a call that did not reach.
    for (const cmd::LogContact& bad :
         {surveyCall({6, 4, 4, 3}, 9), surveyCall({5, 4, 4}, 9), surveyCall({5, 4, 4, 3}, 11),
          surveyCall({5, 4, 4, 3}, 9, bd::Outcome::NoAnswer)}) {
        auto r = run(b, bad);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput) << r.error().toString();
    }
    EXPECT_TRUE(b.store().listAudit({})->empty());
    auto r = run(b, surveyCall({5, 4, 4, 3}, 9));
    ASSERT_TRUE(r) << r.error().toString();
    ASSERT_TRUE(r->contact);
    EXPECT_EQ(r->contact->survey_campaign, 1);
    auto closed = b.store().openSurveyCall(1, 1);
    ASSERT_TRUE(closed);
    EXPECT_FALSE(*closed) << "the call is answered by the contact";
    // The same campaign again: no open call of it for C1.
    auto again = run(b, surveyCall({5, 4, 4, 3}, 9));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::InvalidInput);
    EXPECT_NE(again.error().message.find("no open survey call"), std::string::npos)
        << again.error().message;
    auto audit = b.store().listAudit({});
    ASSERT_TRUE(audit);
    ASSERT_EQ(audit->size(), 1u);
    EXPECT_EQ((*audit)[0].kind, "contact.log");
}

INSTANTIATE_TEST_SUITE_P(Stores, RecordsOnBothStores, ::testing::Values("sqlite", "server"),
                         [](const auto& p) { return p.param; });

// ---- What only a branch server has ------------------------------------------------------

class ServerRecords : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!m_store.available()) GTEST_SKIP() << "no PostgreSQL cluster for this run";
    }
    ServerStore m_store;
};

TEST_F(ServerRecords, ABrokerCannotReadOrWriteAnotherBrokersClientAndIsToldSo) {
    auto b2 = m_store.book("B2");
    auto read = b2.store().loadClient("C1");
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, ErrorCode::NotPermitted) << read.error().toString();
    auto unknown = b2.store().loadClient("C999");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    for (cmd::CommandArgs args :
         {cmd::CommandArgs{cmd::EditClient{"C1", std::nullopt, {{cmd::ClientField::Phone, "1"}}}},
          cmd::CommandArgs{cmd::AddNote{"C1", "x", std::nullopt}},
          cmd::CommandArgs{cmd::TagClients{{"C1"}, "t", "", false}}}) {
        auto r = run(b2, args);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::NotPermitted) << r.error().toString();
    }
    bd::services::ContactLog log;
    log.client_id = "C1";
    auto contact = run(b2, cmd::LogContact{log});
    ASSERT_FALSE(contact);
    EXPECT_EQ(contact.error().code, ErrorCode::NotPermitted) << contact.error().toString();
    // Nor can B2 hand its own client to B1.
    auto give = run(b2, cmd::EditClient{"C3", std::nullopt, {{cmd::ClientField::Broker, "B1"}}});
    ASSERT_FALSE(give);
    EXPECT_EQ(give.error().code, ErrorCode::NotPermitted) << give.error().toString();
    auto admin = m_store.pg().admin();
    auto changed = admin.query("SELECT count(*) FROM audit_log");
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->int64(0, 0), 0) << "nothing refused left a trace of a change";
}

TEST_F(ServerRecords, ABrokerSeesARelationWithItsClientAAndRelatesOnlyClientsItSees) {
    auto b1 = m_store.book("B1");
    auto b2 = m_store.book("B2");
    // B2 cannot relate B1's client, nor its own to B1's: refused, nothing written.
    for (cmd::CommandArgs args :
         {cmd::CommandArgs{cmd::RelateClients{"C1", "C3", bd::RelationKind::Spouse}},
          cmd::CommandArgs{cmd::RelateClients{"C3", "C1", bd::RelationKind::Spouse}}}) {
        auto r = run(b2, args);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::NotPermitted) << r.error().toString();
    }
    ASSERT_TRUE(run(b1, cmd::RelateClients{"C1", "C2", bd::RelationKind::Sibling}));
    auto seen = b2.store().relationsOf(1);
    ASSERT_TRUE(seen);
    EXPECT_TRUE(seen->empty()); // client A is B1's: B2 does not see the row
    auto admin = m_store.pg().admin();
    auto checks = bd::storage::checkServer(admin);
    ASSERT_TRUE(checks) << checks.error().toString();
    EXPECT_TRUE(checks->empty()) << (*checks)[0].kind << " " << (*checks)[0].subject;
    auto trail = admin.query("SELECT count(*) FROM row_audit WHERE table_name = "
                             "'client_relations'");
    ASSERT_TRUE(trail);
    EXPECT_EQ(trail->int64(0, 0), 1);
}
TEST_F(ServerRecords, TheActorIsTheLoginWhateverTheDeskClaims) {
    auto b1 = m_store.book("B1");
    auto e = b1.execute(cmd::Command{"someone-else", cmd::AddNote{"C1", "hello", std::nullopt}});
    ASSERT_TRUE(e) << e.error().toString();
    auto rows = b1.store().listAudit({});
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].actor, m_store.login("B1"));
}

TEST_F(ServerRecords, TwoDesksEditingOneClientTheSecondIsToldBothValues) {
    auto desk1 = m_store.book("B1");
    auto desk2 = m_store.book("B1");
    auto seen1 = desk1.store().loadClient("C2");
    auto seen2 = desk2.store().loadClient("C2");
    ASSERT_TRUE(seen1 && seen2);
    auto first = run(
        desk1, cmd::EditClient{"C2", seen1->version, {{cmd::ClientField::Email, "a@example.com"}}});
    ASSERT_TRUE(first) << first.error().toString();
    auto second = run(
        desk2, cmd::EditClient{"C2", seen2->version, {{cmd::ClientField::Email, "b@example.com"}}});
    ASSERT_FALSE(second);
    EXPECT_NE(second.error().message.find("a@example.com"), std::string::npos)
        << second.error().toString();
    auto now = desk2.store().loadClient("C2");
    ASSERT_TRUE(now);
    EXPECT_EQ(now->client.email, "a@example.com");
}

TEST_F(ServerRecords, ADeskWhoseConnectionDroppedReconnectsForItsNextCommand) {
    auto b1 = m_store.book("B1");
    // Twice, so that the session has the command's statements prepared (PgConnection).
    for (const char* text : {"before the cut", "before the cut, again"}) {
        auto before = run(b1, cmd::AddNote{"C1", text, std::nullopt});
        ASSERT_TRUE(before) << before.error().toString();
    }
    // The server ends the desk's session (as a restart or a network cut would).
    auto admin = m_store.pg().admin();
    ASSERT_TRUE(
        admin.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
                  bd::storage::PgParams(m_store.login("B1"))));
    auto lost = b1.store().loadClient("C1");
    ASSERT_FALSE(lost);
    EXPECT_EQ(lost.error().code, ErrorCode::Unavailable) << lost.error().toString();
    auto second = run(b1, cmd::AddNote{"C1", "after the cut", std::nullopt});
    ASSERT_TRUE(second) << second.error().toString();
    auto c1 = b1.store().loadClient("C1");
    ASSERT_TRUE(c1);
    auto notes = b1.store().notesOf(c1->ref);
    ASSERT_TRUE(notes);
    EXPECT_EQ(notes->size(), 3u);
}

TEST_F(ServerRecords, ADeskIsToldOfAnotherDesksChangeWithinTwoSeconds) {
    // The manager's desk listens; broker B1's desk logs a call on C1.
    auto admin = m_store.pg().admin();
    ASSERT_TRUE(bd::storage::addServerUser(admin, {m_store.login("m"), "manager", "", "", false},
                                           "pw-" + m_store.login("m")));
    auto manager = bd::storage::PgConnection::connect(
        m_store.pg().uri(m_store.login("m"), "pw-" + m_store.login("m")));
    ASSERT_TRUE(manager) << manager.error().toString();
    ASSERT_TRUE(manager->run("LISTEN bd_book"));
    auto b1 = m_store.book("B1");
    bd::services::ContactLog log;
    log.client_id = "C1";
    log.channel = bd::ContactChannel::Visit;
    log.outcome = bd::Outcome::Reached;
    const auto t0 = std::chrono::steady_clock::now();
    auto logged = run(b1, cmd::LogContact{log});
    ASSERT_TRUE(logged) << logged.error().toString();
    std::vector<bd::storage::PgConnection::Notification> got;
    while (got.empty() && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2)) {
        auto n = manager->waitForNotifications(200);
        ASSERT_TRUE(n) << n.error().toString();
        got = *n;
    }
    ASSERT_FALSE(got.empty()) << "no notification within two seconds";
    EXPECT_EQ(got[0].channel, "bd_book");
    EXPECT_EQ(got[0].payload, "contacts:1");
    // Ids only: nothing a policy hides travels in the payload.
    EXPECT_EQ(got[0].payload.find("C1"), std::string::npos);
}

TEST_F(ServerRecords, ALoginThatIsNoUserOfThisBookIsToldSoWhenItOpensIt) {
    auto admin = m_store.pg().admin();
    const std::string stranger = m_store.login("stranger");
    ASSERT_TRUE(admin.run("CREATE ROLE " + stranger + " LOGIN PASSWORD 'pw' IN ROLE broker"));
    auto b = RecordBook::open(m_store.pg().url(stranger, "pw"));
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().code, ErrorCode::NotPermitted);
    EXPECT_NE(b.error().message.find("server user add"), std::string::npos) << b.error().toString();
}

} // namespace

namespace {

TEST_F(ServerRecords, ABrokerAnswersTheSurveyCallsOfTheirOwnClientsOnly) {
    auto b2 = m_store.book("B2");
    // C1 is B1's: B2 may not log its answers (nor see its call).
    auto r = run(b2, surveyCall({5, 4, 4, 3}, 9));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::NotPermitted) << r.error().toString();
    auto hidden = b2.store().openSurveyCall(1, 1);
    ASSERT_TRUE(hidden);
    EXPECT_FALSE(*hidden);
    cmd::LogContact own = surveyCall({3, 3, 2, 2}, 6);
    own.log.client_id = "C3";
    auto mine = run(b2, own);
    ASSERT_TRUE(mine) << mine.error().toString();
    auto admin = m_store.pg().admin();
    auto rows = admin.query("SELECT count(*), sum(score) FROM survey_answers WHERE client_ref = 3");
    ASSERT_TRUE(rows);
    EXPECT_EQ(rows->int64(0, 0), 5);
    EXPECT_EQ(rows->int64(0, 1), 16);
    // The satisfaction stored is the rounded mean of the items (2.5 -> 3), as on a desk.
    auto sat = admin.query("SELECT satisfaction FROM contacts WHERE client_ref = 3");
    ASSERT_TRUE(sat);
    EXPECT_EQ(sat->int64(0, 0), 3);
    auto trail = admin.query("SELECT count(*) FROM row_audit WHERE table_name IN "
                             "('survey_answers', 'survey_calls') AND login = $1",
                             bd::storage::PgParams(m_store.login("B2")));
    ASSERT_TRUE(trail);
    EXPECT_EQ(trail->int64(0, 0), 6);
}

// ---- The broker's day on either store: plan items moved, skipped, completed, booked -------

bd::storage::TaskRow taskOf(RecordBook& b, std::int64_t id) {
    auto t = b.store().loadTask(id);
    EXPECT_TRUE(t) << (t ? "" : t.error().toString());
    return t ? *t : bd::storage::TaskRow{};
}

/// The first value of the first row of `sql` on the server, as a number.
std::int64_t firstValue(bd::storage::PgConnection& c, const std::string& sql) {
    auto r = c.query(sql);
    EXPECT_TRUE(r && !r->empty()) << (r ? "no row" : r.error().toString());
    return r && !r->empty() ? r->int64(0, 0) : -1;
}

bd::services::ContactLog callOn(const std::string& client, bd::Outcome outcome) {
    bd::services::ContactLog log;
    log.client_id = client;
    log.channel = bd::ContactChannel::Phone;
    log.outcome = outcome;
    log.at = bd::DateTime::fromParts(bd::Date::fromYmd(2026, 12, 7), 10, 0, 0);
    return log;
}

TEST_P(RecordsOnBothStores, APlanItemIsMovedToAWorkingDayAndSkippedWithItsReasonEachAudited) {
    auto b = m_store->book();
    // Saturday 12 December: the item moves to Monday the 14th and is kept across rebuilds.
    auto moved = run(b, cmd::ReschedulePlanItem{1, bd::Date::fromYmd(2026, 12, 12)});
    ASSERT_TRUE(moved) << moved.error().toString();
    EXPECT_EQ(*moved->rescheduled_to, bd::Date::fromYmd(2026, 12, 14));
    EXPECT_EQ(taskOf(b, 1).planned_date, bd::Date::fromYmd(2026, 12, 14));
    EXPECT_EQ(taskOf(b, 1).status, bd::storage::TaskStatus::Held);
    auto skipped = run(b, cmd::SkipPlanItem{2, "client abroad until January"});
    ASSERT_TRUE(skipped) << skipped.error().toString();
    EXPECT_EQ(taskOf(b, 2).status, bd::storage::TaskStatus::Skipped);
    EXPECT_EQ(taskOf(b, 2).skip_reason, "client abroad until January");
    // A skipped item is no longer to do; an unknown one is named.
    auto again = run(b, cmd::SkipPlanItem{2, "twice"});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::InvalidInput) << again.error().toString();
    auto unknown = run(b, cmd::ReschedulePlanItem{99, bd::Date::fromYmd(2026, 12, 8)});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::InvalidInput) << unknown.error().toString();
    const auto rows = journalOf(b, "plan.");
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0].kind, "plan.skip");
    EXPECT_EQ((*rows)[0].entity, "task");
    EXPECT_EQ((*rows)[0].entity_id, "2");
    EXPECT_NE((*rows)[0].after.value_or("").find("client abroad"), std::string::npos);
    EXPECT_EQ((*rows)[1].kind, "plan.reschedule");
    EXPECT_EQ((*rows)[1].client_ref.value_or(0), 1);
    EXPECT_NE((*rows)[1].after.value_or("").find("2026-12-14"), std::string::npos);
    EXPECT_FALSE(moved->inverse); // as on a desk: a plan change is moved again, not undone
}

TEST_P(RecordsOnBothStores, ACallCompletesThePlannedItemANoAnswerBooksARetryAPromiseACall) {
    auto b = m_store->book();
    auto missed = run(b, cmd::LogContact{callOn("C1", bd::Outcome::NoAnswer)});
    ASSERT_TRUE(missed) << missed.error().toString();
    const auto& m = *missed->contact;
    EXPECT_EQ(m.completed_task.value_or(0), 1);
    EXPECT_EQ(taskOf(b, 1).status, bd::storage::TaskStatus::Attempted);
    EXPECT_EQ(taskOf(b, 1).contact_id.value_or(0), m.contact_id);
    // The retry: the next working day, the item's deadline and priority, one attempt made.
    ASSERT_TRUE(m.retry_task);
    EXPECT_EQ(m.retry_date, bd::Date::fromYmd(2026, 12, 8));
    EXPECT_EQ(m.no_answer_streak, 1);
    const auto retry = taskOf(b, *m.retry_task);
    EXPECT_EQ(retry.status, bd::storage::TaskStatus::Held);
    EXPECT_EQ(retry.planned_date, bd::Date::fromYmd(2026, 12, 8));
    EXPECT_EQ(retry.due_date, bd::Date::fromYmd(2026, 12, 9));
    EXPECT_EQ(retry.broker_id, "B1");
    EXPECT_EQ(retry.attempts, 1);
    EXPECT_DOUBLE_EQ(retry.priority, 0.9);
    // Reached the next day, with a follow-up promised for Sunday: the retry is done and the
    // promise booked on the next working day.
    auto reached = callOn("C1", bd::Outcome::Reached);
    reached.at = bd::DateTime::fromParts(bd::Date::fromYmd(2026, 12, 8), 9, 30, 0);
    reached.next_follow_up = bd::Date::fromYmd(2026, 12, 13);
    auto done = run(b, cmd::LogContact{reached});
    ASSERT_TRUE(done) << done.error().toString();
    const auto& d = *done->contact;
    EXPECT_EQ(d.completed_task, m.retry_task);
    EXPECT_EQ(taskOf(b, *m.retry_task).status, bd::storage::TaskStatus::Done);
    ASSERT_TRUE(d.promised_task);
    EXPECT_EQ(d.promised_date, bd::Date::fromYmd(2026, 12, 14));
    EXPECT_EQ(taskOf(b, *d.promised_task).status, bd::storage::TaskStatus::Held);
    EXPECT_FALSE(d.retry_task);
    // The first call of a client completes its item; a second, with nothing left to do and no
    // call asked for, changes no item.
    auto firstOfDay = run(b, cmd::LogContact{callOn("C2", bd::Outcome::Reached)});
    ASSERT_TRUE(firstOfDay) << firstOfDay.error().toString();
    EXPECT_EQ(firstOfDay->contact->completed_task.value_or(0), 2);
    auto complaint = callOn("C2", bd::Outcome::Complaint);
    complaint.at = bd::DateTime::fromParts(bd::Date::fromYmd(2026, 12, 7), 11, 0, 0);
    auto other = run(b, cmd::LogContact{complaint});
    ASSERT_TRUE(other) << other.error().toString();
    EXPECT_FALSE(other->contact->completed_task);
    EXPECT_FALSE(other->contact->retry_task);
    EXPECT_FALSE(other->contact->promised_task);
}

// ---- ... and on a server, only on the clients the login may see ---------------------------

TEST_F(ServerRecords, ABrokerMovesOnlyTheirOwnClientsItemsAndTheTrailNamesTheLogin) {
    auto b2 = m_store.book("B2");
    // Item 1 is C1's, B1's client: refused as not permitted, never "0 rows changed".
    for (cmd::CommandArgs args :
         {cmd::CommandArgs{cmd::ReschedulePlanItem{1, bd::Date::fromYmd(2026, 12, 8)}},
          cmd::CommandArgs{cmd::SkipPlanItem{1, "not mine"}}}) {
        auto r = run(b2, args);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::NotPermitted) << r.error().toString();
    }
    auto admin = m_store.pg().admin();
    EXPECT_EQ(firstValue(admin, "SELECT status FROM follow_up_tasks WHERE id = 1"), 0);
    EXPECT_EQ(firstValue(admin, "SELECT planned_date FROM follow_up_tasks WHERE id = 1"), 20794);
    EXPECT_EQ(firstValue(admin, "SELECT count(*) FROM audit_log"), 0);
    // Nor can B2 write a plan item of B1's client past the command layer.
    auto sneak = bd::storage::PgConnection::connect(m_store.location("B2"));
    ASSERT_TRUE(sneak) << sneak.error().toString();
    auto forged = sneak->run("INSERT INTO follow_up_tasks(client_ref, broker_id, planned_date, "
                             "created_at) VALUES (1, 'B2', 20795, 0)");
    ASSERT_FALSE(forged);
    EXPECT_EQ(forged.error().code, ErrorCode::NotPermitted) << forged.error().toString();

    // B1 moves its own item and misses a call: the database's trail names B1's login.
    auto b1 = m_store.book("B1");
    ASSERT_TRUE(run(b1, cmd::ReschedulePlanItem{1, bd::Date::fromYmd(2026, 12, 8)}));
    auto missed = run(b1, cmd::LogContact{callOn("C2", bd::Outcome::NoAnswer)});
    ASSERT_TRUE(missed) << missed.error().toString();
    auto trail = admin.query("SELECT operation, login, row_key FROM row_audit WHERE table_name = "
                             "'follow_up_tasks' AND rows = 1 AND (before IS NOT NULL OR after IS "
                             "NOT NULL) ORDER BY id");
    ASSERT_TRUE(trail);
    ASSERT_EQ(trail->size(), 3); // item 1 moved, item 2 attempted, the retry booked
    for (int i = 0; i < trail->size(); ++i) EXPECT_EQ(trail->text(i, 1), m_store.login("B1")) << i;
    EXPECT_EQ(trail->text(0, 0), "UPDATE");
    EXPECT_EQ(trail->text(0, 2), "1");
    EXPECT_EQ(trail->text(2, 0), "INSERT");
    EXPECT_EQ(trail->text(2, 2), std::to_string(*missed->contact->retry_task));
    auto actors = admin.query("SELECT DISTINCT actor FROM audit_log");
    ASSERT_TRUE(actors);
    ASSERT_EQ(actors->size(), 1);
    EXPECT_EQ(actors->text(0, 0), m_store.login("B1"));
    // The retry is B1's (the client's broker), whatever a desk would claim.
    auto retry = admin.query("SELECT broker_id, status FROM follow_up_tasks WHERE id = $1",
                             bd::storage::PgParams(*missed->contact->retry_task));
    ASSERT_TRUE(retry);
    EXPECT_EQ(retry->text(0, 0), "B1");
    EXPECT_EQ(retry->int64(0, 1), static_cast<int>(bd::storage::TaskStatus::Held));
    auto checks = bd::storage::checkServer(admin);
    ASSERT_TRUE(checks) << checks.error().toString();
    EXPECT_TRUE(checks->empty()) << (*checks)[0].kind << " " << (*checks)[0].subject;
}

TEST_F(ServerRecords, AManagerSkipsAnItemInTheBranchAndADeskIsToldOfIt) {
    auto admin = m_store.pg().admin();
    ASSERT_TRUE(bd::storage::addServerUser(admin, {m_store.login("m"), "manager", "", "BR1", false},
                                           "pw-" + m_store.login("m")));
    auto listener = bd::storage::PgConnection::connect(m_store.location("B2"));
    ASSERT_TRUE(listener) << listener.error().toString();
    ASSERT_TRUE(listener->run("LISTEN bd_book"));
    auto manager =
        RecordBook::open(m_store.pg().url(m_store.login("m"), "pw-" + m_store.login("m")));
    ASSERT_TRUE(manager) << manager.error().toString();
    auto skipped = run(*manager, cmd::SkipPlanItem{3, "moved to the service desk"});
    ASSERT_TRUE(skipped) << skipped.error().toString();
    auto row = admin.query("SELECT status, skip_reason FROM follow_up_tasks WHERE id = 3");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->int64(0, 0), static_cast<int>(bd::storage::TaskStatus::Skipped));
    EXPECT_EQ(row->text(0, 1), "moved to the service desk");
    auto n = listener->waitForNotifications(2000);
    ASSERT_TRUE(n) << n.error().toString();
    ASSERT_FALSE(n->empty());
    EXPECT_EQ((*n)[0].payload, "follow_up_tasks:3");
}

// ---- Merging two clients, and the undo --------------------------------------------------

TEST_P(RecordsOnBothStores, AMergeMovesTheHistoryHidesTheAbsorbedClientAndItsUndoPutsItBack) {
    auto b = m_store->book();
    ASSERT_TRUE(run(b, cmd::TagClients{{"C1", "C2"}, "both", "", false}));
    ASSERT_TRUE(run(b, cmd::TagClients{{"C2"}, "second", "", false}));
    ASSERT_TRUE(run(b, cmd::AddNote{"C2", "moved house", std::nullopt}));
    auto call = run(b, cmd::LogContact{callOn("C2", bd::Outcome::Reached)});
    ASSERT_TRUE(call) << call.error().toString();

    auto merged = run(b, cmd::MergeClients{"C1", "C2"});
    ASSERT_TRUE(merged) << merged.error().toString();
    ASSERT_TRUE(merged->merged);
    EXPECT_EQ(merged->merged->tags, 2);
    EXPECT_EQ(merged->merged->notes, 1);
    EXPECT_EQ(merged->merged->contacts, 1);
    EXPECT_EQ(merged->merged->tasks, 1);    // C2's plan item, completed by the call
    EXPECT_EQ(merged->merged->combined, 1); // the tag both wore, once
    auto into = b.store().mergedInto(2);
    ASSERT_TRUE(into) << into.error().toString();
    EXPECT_EQ(*into, std::optional<std::int64_t>(1));
    // C2's id opens C1, which now holds C2's history.
    auto found = bd::services::lookupClient(b.store(), "C2");
    ASSERT_TRUE(found) << found.error().toString();
    EXPECT_EQ(found->record.client.client_id, "C1");
    EXPECT_EQ(found->merged_from, std::optional<std::string>("C2"));
    auto tags = b.store().tagsOf(1);
    ASSERT_TRUE(tags);
    EXPECT_EQ(tags->size(), 2u);
    auto notes = b.store().notesOf(1);
    ASSERT_TRUE(notes);
    ASSERT_EQ(notes->size(), 1u);
    EXPECT_EQ((*notes)[0].text, "moved house");
    auto outcomes = b.store().contactOutcomes(1);
    ASSERT_TRUE(outcomes);
    EXPECT_EQ(outcomes->size(), 1u);
    // Merged already: a second merge of C2 is refused.
    EXPECT_FALSE(run(b, cmd::MergeClients{"C1", "C2"}));

    auto undo = run(b, cmd::UndoOperation{merged->operation});
    ASSERT_TRUE(undo) << undo.error().toString();
    into = b.store().mergedInto(2);
    ASSERT_TRUE(into);
    EXPECT_FALSE(*into);
    tags = b.store().tagsOf(1);
    ASSERT_TRUE(tags);
    ASSERT_EQ(tags->size(), 1u);
    EXPECT_EQ((*tags)[0].name, "both");
    tags = b.store().tagsOf(2);
    ASSERT_TRUE(tags);
    EXPECT_EQ(tags->size(), 2u);
    notes = b.store().notesOf(2);
    ASSERT_TRUE(notes);
    EXPECT_EQ(notes->size(), 1u);
    outcomes = b.store().contactOutcomes(2);
    ASSERT_TRUE(outcomes);
    EXPECT_EQ(outcomes->size(), 1u);
    outcomes = b.store().contactOutcomes(1);
    ASSERT_TRUE(outcomes);
    EXPECT_TRUE(outcomes->empty());
    auto task = b.store().loadTask(2);
    ASSERT_TRUE(task) << task.error().toString();
    EXPECT_EQ(task->client_ref, 2);
    EXPECT_EQ(task->contact_id, call->contact->contact_id);
}

/// The trades, snapshots and positions of C1 and C2 (and C3, B2's), for the server's seed.
constexpr const char* kHistory = R"SQL(
INSERT INTO securities(security_code, name) VALUES ('600000', 'SPDB');
INSERT INTO trades(trade_id, client_ref, trade_time, security_code, side, quantity, price, amount,
  commission) VALUES ('T1', 1, 1700000000, '600000', 0, 100, 1000, 100000, 5),
  ('T2', 2, 1700000100, '600000', 0, 300, 1100, 330000, 5),
  ('T3', 3, 1700000200, '600000', 0, 100, 1000, 100000, 5);
INSERT INTO assets(client_ref, date, cash, market_value, net_inflow) VALUES
  (1, 20000, 500, 1000, NULL), (2, 20000, 70, 300, 10), (2, 20001, 80, 310, NULL);
INSERT INTO positions(client_ref, date, security_code, quantity, cost_price, close_price) VALUES
  (1, 20000, '600000', 100, 1000, 1050), (2, 20000, '600000', 300, 1100, 1050);
)SQL";

/// Every row of the clients' history on the server, as text (what an undo must restore).
std::string historyOf(bd::storage::PgConnection& admin) {
    std::string out;
    for (const char* sql :
         {"SELECT string_agg(trade_id || ':' || client_ref, ',' ORDER BY trade_id) FROM trades",
          "SELECT string_agg(concat_ws(':', client_ref, date, cash, market_value, net_inflow), ','"
          " ORDER BY client_ref, date) FROM assets",
          "SELECT string_agg(concat_ws(':', client_ref, date, security_code, quantity, cost_price,"
          " close_price), ',' ORDER BY client_ref, date) FROM positions",
          "SELECT string_agg(concat_ws(':', id, COALESCE(merged_into, 0)), ',' ORDER BY id) FROM "
          "clients"}) {
        auto r = admin.query(sql);
        EXPECT_TRUE(r) << r.error().toString();
        out += (r && !r->isNull(0, 0) ? r->text(0, 0) : std::string("-")) + "|";
    }
    return out;
}

TEST_F(ServerRecords, ABrokerMergesTwoOwnClientsTheTrailNamesTheLoginAndTheUndoIsExact) {
    auto admin = m_store.pg().admin();
    ASSERT_TRUE(admin.script(std::string("SET ROLE bd_owner;") + kHistory + "RESET ROLE;"));
    const std::string before = historyOf(admin);

    // B2 may not merge B1's clients, nor its own into one of B1's: not permitted, nothing
    // changed, nothing in either trail.
    auto b2 = m_store.book("B2");
    for (cmd::CommandArgs args : {cmd::CommandArgs{cmd::MergeClients{"C1", "C2"}},
                                  cmd::CommandArgs{cmd::MergeClients{"C1", "C3"}},
                                  cmd::CommandArgs{cmd::MergeClients{"C3", "C1"}}}) {
        auto r = run(b2, args);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::NotPermitted) << r.error().toString();
    }
    // Nor past the command layer, with an operation of its own.
    auto sneak = bd::storage::PgConnection::connect(m_store.location("B2"));
    ASSERT_TRUE(sneak) << sneak.error().toString();
    for (const char* sql : {"SELECT * FROM bd_merge_clients(3, 1, nextval('audit_operations'))",
                            "SELECT * FROM bd_merge_clients(1, 2, nextval('audit_operations'))",
                            "UPDATE trades SET client_ref = 3 WHERE client_ref = 1"}) {
        auto forged = sneak->run(sql);
        ASSERT_FALSE(forged) << sql;
        EXPECT_EQ(forged.error().code, ErrorCode::NotPermitted) << forged.error().toString();
    }
    EXPECT_EQ(historyOf(admin), before);
    EXPECT_EQ(firstValue(admin, "SELECT count(*) FROM audit_log"), 0);
    EXPECT_EQ(firstValue(admin, "SELECT count(*) FROM row_audit WHERE login = '" +
                                    m_store.login("B2") + "'"),
              0);

    auto b1 = m_store.book("B1");
    const std::string since =
        std::to_string(firstValue(admin, "SELECT COALESCE(max(id), 0) FROM row_audit"));
    auto merged = run(b1, cmd::MergeClients{"C1", "C2"});
    ASSERT_TRUE(merged) << merged.error().toString();
    EXPECT_EQ(merged->merged->trades, 1);
    EXPECT_EQ(merged->merged->snapshots, 2);
    EXPECT_EQ(merged->merged->positions, 1);
    EXPECT_EQ(merged->merged->combined, 2); // a snapshot and a position met C1's
    EXPECT_EQ(firstValue(admin, "SELECT client_ref FROM trades WHERE trade_id = 'T2'"), 1);
    EXPECT_EQ(firstValue(admin, "SELECT cash FROM assets WHERE client_ref = 1 AND date = 20000"),
              570);
    EXPECT_EQ(firstValue(admin, "SELECT net_inflow FROM assets WHERE client_ref = 1 AND "
                                "date = 20000"),
              10);
    // 100 at 10.00 and 300 at 11.00: 400 at 10.75.
    EXPECT_EQ(firstValue(admin, "SELECT quantity * 10000 + cost_price FROM positions WHERE "
                                "client_ref = 1"),
              400 * 10000 + 1075);
    EXPECT_EQ(firstValue(admin, "SELECT count(*) FROM assets WHERE client_ref = 2"), 0);
    // The trail names B1's login: the absorbed client's row, the moved trades counted.
    auto trail = admin.query("SELECT DISTINCT login FROM row_audit WHERE id > " + since);
    ASSERT_TRUE(trail);
    ASSERT_EQ(trail->size(), 1);
    EXPECT_EQ(firstValue(admin, "SELECT count(DISTINCT table_name) FROM row_audit WHERE "
                                "table_name IN ('clients', 'trades', 'assets', 'positions', "
                                "'client_merges', 'client_merge_rows') AND id > " +
                                    since),
              6);
    EXPECT_EQ(trail->text(0, 0), m_store.login("B1"));
    EXPECT_EQ(firstValue(admin, "SELECT rows FROM row_audit WHERE table_name = 'trades' AND "
                                "operation = 'UPDATE'"),
              1);
    EXPECT_EQ(firstValue(admin, "SELECT count(*) FROM row_audit WHERE table_name = 'clients' AND"
                                " operation = 'UPDATE' AND row_key = 'C2'"),
              1);
    auto actors = admin.query("SELECT DISTINCT actor, kind FROM audit_log");
    ASSERT_TRUE(actors);
    ASSERT_EQ(actors->size(), 1);
    EXPECT_EQ(actors->text(0, 0), m_store.login("B1"));
    EXPECT_EQ(actors->text(0, 1), "client.merge");

    auto undo = run(b1, cmd::UndoOperation{merged->operation});
    ASSERT_TRUE(undo) << undo.error().toString();
    EXPECT_EQ(historyOf(admin), before);
    EXPECT_EQ(firstValue(admin, "SELECT count(*) FROM client_merge_rows"), 0);
    // Done again (the undo's undo) and taken back again: exact still.
    auto redo = run(b1, cmd::UndoOperation{undo->operation});
    ASSERT_TRUE(redo) << redo.error().toString();
    EXPECT_EQ(firstValue(admin, "SELECT merged_into FROM clients WHERE id = 2"), 1);
    ASSERT_TRUE(run(b1, cmd::UndoOperation{redo->operation}));
    EXPECT_EQ(historyOf(admin), before);
    auto checks = bd::storage::checkServer(admin);
    ASSERT_TRUE(checks) << checks.error().toString();
    EXPECT_TRUE(checks->empty()) << (*checks)[0].kind << " " << (*checks)[0].subject;
}

TEST_F(ServerRecords, AManagerMergesTwoBrokersClientsOfTheBranchAndTheCallsStayTheirBrokers) {
    auto admin = m_store.pg().admin();
    ASSERT_TRUE(bd::storage::addServerUser(admin, {m_store.login("m"), "manager", "", "BR1", false},
                                           "pw-" + m_store.login("m")));
    auto b2 = m_store.book("B2");
    auto call = run(b2, cmd::LogContact{callOn("C3", bd::Outcome::Reached)});
    ASSERT_TRUE(call) << call.error().toString();
    auto manager =
        RecordBook::open(m_store.pg().url(m_store.login("m"), "pw-" + m_store.login("m")));
    ASSERT_TRUE(manager) << manager.error().toString();
    auto merged = run(*manager, cmd::MergeClients{"C1", "C3"});
    ASSERT_TRUE(merged) << merged.error().toString();
    auto contact = admin.query("SELECT client_ref, broker_id FROM contacts WHERE id = $1",
                               bd::storage::PgParams(call->contact->contact_id));
    ASSERT_TRUE(contact);
    EXPECT_EQ(contact->int64(0, 0), 1);
    EXPECT_EQ(contact->text(0, 1), "B2"); // B2 made the call
    // C3 stays B2's row, marked merged into C1.
    auto seen = b2.store().loadClient("C3");
    ASSERT_TRUE(seen) << seen.error().toString();
    auto into = b2.store().mergedInto(seen->ref);
    ASSERT_TRUE(into);
    EXPECT_EQ(*into, std::optional<std::int64_t>(1));
    auto undo = run(*manager, cmd::UndoOperation{merged->operation});
    ASSERT_TRUE(undo) << undo.error().toString();
    EXPECT_EQ(firstValue(admin, "SELECT client_ref FROM contacts WHERE id = " +
                                    std::to_string(call->contact->contact_id)),
              3);
}

} // namespace
