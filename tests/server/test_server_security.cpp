// The branch book on a real PostgreSQL: `server init` builds what `server check` expects; the
// database itself keeps each broker to their own clients, lets a manager read the branch,
// refuses what a role may not do loudly, and writes an audit trail nobody can change.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "storage/pg/pgschema.h"
#include "support/pgserver.h"

namespace {

using bd::ErrorCode;
using bd::storage::PgConnection;
using bd::storage::PgParams;
using bdtest::PgTestBook;

/// A branch book with two branches, three brokers and four clients, each with a contact:
///   BR1: B1 (C1, C2), B2 (C3);  BR2: B3 (C4).
void seedBranchBook(PgConnection& admin) {
    ASSERT_TRUE(admin.script(R"SQL(
SET ROLE bd_owner;
INSERT INTO branches VALUES ('BR1', 'East'), ('BR2', 'West');
INSERT INTO brokers VALUES ('B1', 'Zhang', 'BR1', 20), ('B2', 'Li', 'BR1', 20),
  ('B3', 'Wang', 'BR2', 20);
INSERT INTO clients(id, client_id, name, broker_id, branch_id, open_date, phone) VALUES
  (1, 'C1', 'one', 'B1', 'BR1', 19000, '13800000001'),
  (2, 'C2', 'two', 'B1', 'BR1', 19000, '13800000002'),
  (3, 'C3', 'three', 'B2', 'BR1', 19000, '13800000003'),
  (4, 'C4', 'four', 'B3', 'BR2', 19000, '13800000004');
INSERT INTO contacts(client_ref, broker_id, contact_time, channel) VALUES
  (1, 'B1', 1700000000, 1), (2, 'B1', 1700000000, 1), (3, 'B2', 1700000000, 1),
  (4, 'B3', 1700000000, 1);
SELECT setval(pg_get_serial_sequence('clients', 'id'), 4);
RESET ROLE;
)SQL"));
}

struct Branch {
    PgTestBook book;
    std::string a, b, m, batch; // logins: broker B1, broker B2, manager of BR1, batch

    void setUp() {
        auto admin = book.admin();
        auto init = bd::storage::initServer(admin);
        ASSERT_TRUE(init) << init.error().toString();
        seedBranchBook(admin);
        a = book.login("a");
        b = book.login("b");
        m = book.login("m");
        batch = book.login("batch");
        for (const auto& [login, role, broker, branch] :
             {std::tuple{a, "broker", "B1", ""}, std::tuple{b, "broker", "B2", ""},
              std::tuple{m, "manager", "", "BR1"}, std::tuple{batch, "batch", "", ""}}) {
            auto s = bd::storage::addServerUser(admin, {login, role, broker, branch, false},
                                                std::string("pw-") + login);
            ASSERT_TRUE(s) << s.error().toString();
        }
    }
    PgConnection as(const std::string& login) const {
        auto c = PgConnection::connect(book.uri(login, "pw-" + login));
        EXPECT_TRUE(c) << (c ? "" : c.error().toString());
        return std::move(*c);
    }
};

std::int64_t count(PgConnection& c, const std::string& sql) {
    auto r = c.query(sql);
    EXPECT_TRUE(r) << (r ? "" : r.error().toString());
    return r ? r->int64(0, 0) : -1;
}

/// Takes a book made by `initServer` back to `version` (`undo`: the SQL that removes what the
/// later versions added), holding one client C1 of broker B1 to keep.
bd::Status backTo(bd::storage::PgConnection& admin, int version, const std::string& undo) {
    return admin.script("SET ROLE bd_owner; " + undo + "UPDATE bd_meta SET value = '" +
                        std::to_string(version) +
                        "' WHERE key = 'schema_version'; INSERT INTO brokers(broker_id) VALUES "
                        "('B1'); INSERT INTO clients(client_id, name, broker_id, open_date) "
                        "VALUES ('C1', 'one', 'B1', 19000); RESET ROLE;");
}

/// `server init` brings the book from `from` to the current version and leaves nothing for
/// `server check` to find.
void expectUpgraded(PgConnection& admin, int from) {
    auto up = bd::storage::initServer(admin);
    ASSERT_TRUE(up) << up.error().toString();
    EXPECT_EQ(up->from_version, from);
    EXPECT_EQ(up->to_version, bd::storage::kServerSchemaVersion);
    auto findings = bd::storage::checkServer(admin);
    ASSERT_TRUE(findings) << findings.error().toString();
    EXPECT_TRUE(findings->empty()) << (*findings)[0].kind << " " << (*findings)[0].subject;
}

TEST(ServerInit, CreatesTheBookAtTheCurrentVersionAndASecondRunChangesNothing) {
    PgTestBook book;
    BD_REQUIRE_PG(book);
    auto admin = book.admin();
    auto v0 = bd::storage::serverSchemaVersion(admin);
    ASSERT_TRUE(v0);
    EXPECT_EQ(*v0, 0);
    auto first = bd::storage::initServer(admin);
    ASSERT_TRUE(first) << first.error().toString();
    EXPECT_EQ(first->from_version, 0);
    EXPECT_EQ(first->to_version, bd::storage::kServerSchemaVersion);
    auto second = bd::storage::initServer(admin);
    ASSERT_TRUE(second) << second.error().toString();
    EXPECT_EQ(second->from_version, bd::storage::kServerSchemaVersion);
    auto findings = bd::storage::checkServer(admin);
    ASSERT_TRUE(findings) << findings.error().toString();
    EXPECT_TRUE(findings->empty()) << (*findings)[0].kind << " " << (*findings)[0].subject;
}

TEST(ServerInit, AVersion1BookGetsRelationsAndTheAssessmentDateKeepingItsRows) {
    PgTestBook book;
    BD_REQUIRE_PG(book);
    auto admin = book.admin();
    ASSERT_TRUE(bd::storage::initServer(admin));
    // Back to what version 1 had: no relations, no assessment date; one client to keep.
    ASSERT_TRUE(backTo(admin, 1,
                       std::string(bdtest::kDropSchemaV5Tables) + bdtest::kDropSchemaV3Tables +
                           "DROP TABLE client_relations; ALTER TABLE clients DROP COLUMN "
                           "risk_assessed_on; "));
    expectUpgraded(admin, 1);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM clients WHERE risk_assessed_on IS NULL"), 1);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM client_relations"), 0);
}

TEST(ServerInit, AVersion4BookGetsTheSettingsAndPoliciesAskingWhoOncePerStatement) {
    PgTestBook book;
    BD_REQUIRE_PG(book);
    auto admin = book.admin();
    ASSERT_TRUE(bd::storage::initServer(admin));
    // Back to version 4: no settings tables, the broker's policy calling bd_my_broker() per row.
    ASSERT_TRUE(backTo(admin, 4,
                       std::string(bdtest::kDropSchemaV5Tables) +
                           "DROP POLICY own_clients ON clients; CREATE POLICY own_clients ON "
                           "clients TO broker USING (broker_id = bd_my_broker()) WITH CHECK "
                           "(broker_id = bd_my_broker()); "));
    expectUpgraded(admin, 4);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM clients"), 1);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM survey_items WHERE template_id = 1"), 4);
    // The desk's defaults: service policies of the five types, two channel limits.
    EXPECT_EQ(count(admin, "SELECT count(*) FROM service_policies"), 5);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM channel_limits"), 2);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM pg_policies WHERE tablename = 'clients' AND "
                           "policyname = 'own_clients' AND qual LIKE '%SELECT bd_my_broker()%'"),
              1);
    // No broker or manager policy calls who-am-I bare any more.
    EXPECT_EQ(count(admin,
                    "SELECT count(*) FROM pg_policies WHERE ('broker' = ANY(roles) OR "
                    "'manager' = ANY(roles)) AND regexp_replace(COALESCE(qual, '') || "
                    "COALESCE(with_check, ''), '\\(\\s*SELECT bd_my_(role|broker|branch)\\(\\)', "
                    "'', 'g') ~ 'bd_my_(role|broker|branch)\\(\\)'"),
              0);
}

TEST(ServerInit, RefusesABookOfANewerSchemaAndChangesNothing) {
    PgTestBook book;
    BD_REQUIRE_PG(book);
    auto admin = book.admin();
    ASSERT_TRUE(bd::storage::initServer(admin));
    ASSERT_TRUE(admin.run("SET ROLE bd_owner"));
    ASSERT_TRUE(admin.run("UPDATE bd_meta SET value = '99' WHERE key = 'schema_version'"));
    ASSERT_TRUE(admin.run("RESET ROLE"));
    auto again = bd::storage::initServer(admin);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::Version);
    auto need = bd::storage::requireServerBook(admin);
    ASSERT_FALSE(need);
    EXPECT_EQ(need.error().code, ErrorCode::Version);
    EXPECT_NE(need.error().message.find("99"), std::string::npos);
}

TEST(ServerInit, NeedsTheDatabaseAdministrator) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto m = br.as(br.m);
    auto init = bd::storage::initServer(m);
    ASSERT_FALSE(init);
    EXPECT_EQ(init.error().code, ErrorCode::NotPermitted);
}

TEST(ServerCheck,
     FindsRowSecurityNotForcedAnOwnerHeldByAPersonAMissingAuditTriggerAndAPublicDefiner) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto admin = br.book.admin();
    ASSERT_TRUE(admin.run("ALTER TABLE contacts NO FORCE ROW LEVEL SECURITY"));
    ASSERT_TRUE(admin.run("GRANT bd_owner TO " + br.a));
    ASSERT_TRUE(admin.run("DROP TRIGGER audit_row ON client_notes"));
    ASSERT_TRUE(admin.run("GRANT EXECUTE ON FUNCTION bd_client_exists(bigint) TO PUBLIC"));
    auto findings = bd::storage::checkServer(admin);
    ASSERT_TRUE(findings) << findings.error().toString();
    std::set<std::pair<std::string, std::string>> got;
    for (const auto& f : *findings) got.emplace(f.kind, f.subject);
    EXPECT_TRUE(got.count({"rls_not_forced", "contacts"}));
    EXPECT_TRUE(got.count({"owner_held_by_person", br.a}));
    EXPECT_TRUE(got.count({"audit_trigger_missing", "client_notes.audit_row"}));
    EXPECT_TRUE(got.count({"public_can_execute", "bd_client_exists"}));
    EXPECT_EQ(got.size(), 4u);
}

TEST(ServerPolicies, ABrokerSeesOnlyTheRowsOfTheirOwnClients) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto a = br.as(br.a);
    EXPECT_EQ(count(a, "SELECT count(*) FROM clients"), 2);
    EXPECT_EQ(count(a, "SELECT count(*) FROM contacts"), 2);
    EXPECT_EQ(count(a, "SELECT count(*) FROM clients WHERE broker_id <> 'B1'"), 0);
    auto b = br.as(br.b);
    EXPECT_EQ(count(b, "SELECT count(*) FROM clients"), 1);
    EXPECT_EQ(count(b, "SELECT count(*) FROM contacts WHERE client_ref IN (1, 2)"), 0);
    EXPECT_EQ(count(b, "SELECT count(*) FROM brokers"), 3) << "the branch's brokers are no secret";
}

TEST(ServerPolicies, AManagerReadsTheWholeBranchAndNoOtherBranch) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto m = br.as(br.m);
    EXPECT_EQ(count(m, "SELECT count(*) FROM clients"), 3);
    EXPECT_EQ(count(m, "SELECT count(*) FROM contacts"), 3);
    EXPECT_EQ(count(m, "SELECT count(*) FROM clients WHERE client_id = 'C4'"), 0);
    auto batch = br.as(br.batch);
    EXPECT_EQ(count(batch, "SELECT count(*) FROM clients"), 4);
}

TEST(ServerPolicies, ABrokersWriteToAnotherBrokersClientIsRefusedLoudly) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto b = br.as(br.b);
    auto contact = b.run("INSERT INTO contacts(client_ref, broker_id, contact_time, channel)"
                         " VALUES (1, 'B2', 1700000100, 1)");
    ASSERT_FALSE(contact);
    EXPECT_EQ(contact.error().code, ErrorCode::NotPermitted) << contact.error().toString();
    auto note = b.run("INSERT INTO client_notes(client_ref, at, author, text)"
                      " VALUES (1, 1700000100, 'x', 'y')");
    ASSERT_FALSE(note);
    EXPECT_EQ(note.error().code, ErrorCode::NotPermitted);
    // Handing one's client to another broker is refused too.
    auto give = b.run("UPDATE clients SET broker_id = 'B1' WHERE id = 3");
    ASSERT_FALSE(give);
    EXPECT_EQ(give.error().code, ErrorCode::NotPermitted);
    // An update of a row the policy hides changes nothing (the store turns this into
    // NotPermitted by asking bd_client_exists).
    auto hidden = b.query("UPDATE clients SET phone = '1' WHERE id = 1");
    ASSERT_TRUE(hidden);
    EXPECT_EQ(hidden->changed(), 0);
    EXPECT_EQ(count(b, "SELECT bd_client_exists(1)::int"), 1);
    auto admin = br.book.admin();
    EXPECT_EQ(count(admin, "SELECT count(*) FROM contacts"), 4);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM clients WHERE phone = '1'"), 0);
}

TEST(ServerPolicies, ABrokerCannotReadTheUsersOrTheDatabasesTrail) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto a = br.as(br.a);
    for (const char* sql : {"SELECT count(*) FROM bd_users", "SELECT count(*) FROM row_audit"}) {
        auto r = a.query(sql);
        ASSERT_FALSE(r) << sql;
        EXPECT_EQ(r.error().code, ErrorCode::NotPermitted);
    }
}

TEST(ServerAudit, TheDatabaseRecordsEveryWriteWithItsLoginAndNobodyCanAlterTheTrail) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto a = br.as(br.a);
    ASSERT_TRUE(a.run("UPDATE clients SET phone = '13900000001' WHERE id = 1"));
    ASSERT_TRUE(a.run("INSERT INTO audit_log(operation, kind, entity, client_ref)"
                      " VALUES (nextval('audit_operations'), 'client.edit', 'client', 1)"));
    // Nobody names the actor, the time or the id of a journal row: the server does.
    for (const char* forged :
         {"INSERT INTO audit_log(operation, actor, kind, entity) VALUES "
          "(currval('audit_operations'),"
          " 'somebody-else', 'k', 'e')",
          "INSERT INTO audit_log(operation, at, kind, entity) VALUES (currval('audit_operations'),"
          " 1, 'k', 'e')",
          "INSERT INTO audit_log(id, operation, kind, entity) OVERRIDING SYSTEM VALUE VALUES (999,"
          " currval('audit_operations'), 'k', 'e')"}) {
        auto s = a.run(forged);
        ASSERT_FALSE(s) << forged;
        EXPECT_EQ(s.error().code, ErrorCode::NotPermitted)
            << forged << ": " << s.error().toString();
    }
    auto m = br.as(br.m);
    auto rows = m.query("SELECT login, operation, before->>'phone', after->>'phone' FROM row_audit"
                        " WHERE table_name = 'clients' AND row_key = 'C1' AND login <> 'postgres'");
    ASSERT_TRUE(rows) << rows.error().toString();
    ASSERT_EQ(rows->size(), 1) << "the seeding administrator's INSERT is the other row";
    EXPECT_EQ(rows->text(0, 0), br.a);
    EXPECT_EQ(rows->text(0, 1), "UPDATE");
    EXPECT_EQ(rows->text(0, 2), "13800000001");
    EXPECT_EQ(rows->text(0, 3), "13900000001");
    // The journal names the login that wrote it, whatever the desk claimed.
    auto actor = m.query("SELECT actor FROM audit_log");
    ASSERT_TRUE(actor);
    ASSERT_EQ(actor->size(), 1);
    EXPECT_EQ(actor->text(0, 0), br.a);
    // Nobody rewrites history: not the broker, not the manager, not the batch.
    for (PgConnection* c : {&a, &m}) {
        for (const char* sql : {"UPDATE audit_log SET kind = 'x'", "DELETE FROM audit_log",
                                "UPDATE row_audit SET login = 'x'", "DELETE FROM row_audit"}) {
            auto s = c->run(sql);
            ASSERT_FALSE(s) << sql;
            EXPECT_EQ(s.error().code, ErrorCode::NotPermitted) << sql;
        }
    }
    auto batch = br.as(br.batch);
    auto s = batch.run("DELETE FROM audit_log");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::NotPermitted);
}

TEST(ServerUsers, AWrongPasswordADisabledLoginAndAnUnreachableServerEachSaySo) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto wrong = PgConnection::connect(br.book.uri(br.a, "not-the-password"));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::NotPermitted) << wrong.error().toString();
    EXPECT_EQ(wrong.error().message.find("not-the-password"), std::string::npos);

    auto admin = br.book.admin();
    ASSERT_TRUE(bd::storage::disableServerUser(admin, br.b));
    auto disabled = PgConnection::connect(br.book.uri(br.b, "pw-" + br.b));
    ASSERT_FALSE(disabled);
    EXPECT_EQ(disabled.error().code, ErrorCode::NotPermitted) << disabled.error().toString();
    auto users = bd::storage::listServerUsers(admin);
    ASSERT_TRUE(users);
    ASSERT_EQ(users->size(), 4u);
    for (const auto& u : *users) EXPECT_EQ(u.disabled, u.login == br.b) << u.login;

    auto nowhere = PgConnection::connect("host=/nonexistent/bd port=5432 dbname=x user=y");
    ASSERT_FALSE(nowhere);
    EXPECT_EQ(nowhere.error().code, ErrorCode::Unavailable) << nowhere.error().toString();
}

TEST(ServerUsers, BadLoginsAndUnknownBrokersAreRefusedAndCreateNothing) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto admin = br.book.admin();
    const auto refused = [&](const bd::storage::ServerUser& u) {
        auto s = bd::storage::addServerUser(admin, u, std::nullopt);
        EXPECT_FALSE(s) << u.login;
        if (!s) {
            EXPECT_EQ(s.error().code, ErrorCode::InvalidInput) << s.error().toString();
        }
    };
    refused({br.book.login("x"), "broker", "B9", "", false}); // unknown broker
    refused({br.book.login("y"), "broker", "", "", false});   // a broker without one
    refused({br.book.login("z"), "owner", "", "", false});    // no such role
    refused({"Robert'); DROP TABLE clients;--", "manager", "", "", false});
    refused({br.a, "manager", "", "", false}); // exists already
    EXPECT_EQ(count(admin, "SELECT count(*) FROM bd_users"), 4);
    EXPECT_EQ(count(admin, "SELECT count(*) FROM pg_roles WHERE rolname LIKE '" +
                               br.book.database() + "\\_%'"),
              4);
}

TEST(ServerUrl, PasswordsAreNeverShownInALocation) {
    EXPECT_EQ(bd::storage::redactedLocation("postgresql://ann:secret@db.branch/book"),
              "postgresql://ann@db.branch/book");
    EXPECT_EQ(bd::storage::redactedLocation("postgresql://db/book?password=secret&sslmode=require"),
              "postgresql://db/book?password=...&sslmode=require");
    EXPECT_EQ(bd::storage::redactedLocation("host=db user=ann password=secret dbname=book"),
              "host=db user=ann password=... dbname=book");
    EXPECT_TRUE(bd::storage::isServerLocation("postgres://h/d"));
    EXPECT_FALSE(bd::storage::isServerLocation("/home/ann/book.bdbook"));
}

TEST(ServerPolicies, AJournalRowOnAnotherBrokersClientOrAnotherOperationIsRefused) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto a = br.as(br.a);
    ASSERT_TRUE(a.run("SELECT nextval('audit_operations')"));
    for (const char* forged :
         {// client 3 is B2's: no history planted on it
          "INSERT INTO audit_log(operation, kind, entity, client_ref, undoes) VALUES "
          "(currval('audit_operations'), 'client.edit', 'client', 3, 1)",
          // an operation this session did not draw
          "INSERT INTO audit_log(operation, kind, entity) VALUES "
          "(currval('audit_operations') + 5, 'client.edit', 'client')"}) {
        auto s = a.run(forged);
        ASSERT_FALSE(s) << forged;
        EXPECT_EQ(s.error().code, ErrorCode::NotPermitted)
            << forged << ": " << s.error().toString();
    }
    // No temporary table either, with which a trigger could call the trail's own functions.
    auto temp = a.run("CREATE TEMP TABLE clients(client_id text)");
    ASSERT_FALSE(temp);
    EXPECT_EQ(temp.error().code, ErrorCode::NotPermitted) << temp.error().toString();
    auto call = a.run("SELECT bd_audit_bulk()");
    ASSERT_FALSE(call);
    EXPECT_EQ(call.error().code, ErrorCode::NotPermitted) << call.error().toString();
}

TEST(ServerPolicies, WhatABrokerWritesIsFiledUnderWhoTheyAre) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto a = br.as(br.a);
    // A contact credited to another broker, a note signed by someone else: filed as A's.
    ASSERT_TRUE(a.run("INSERT INTO contacts(client_ref, broker_id, contact_time, channel)"
                      " VALUES (1, 'B2', 1700000200, 1)"));
    ASSERT_TRUE(a.run("INSERT INTO client_notes(client_ref, at, author, text)"
                      " VALUES (1, 1700000200, 'somebody-else', 'x')"));
    auto admin = br.book.admin();
    auto contact = admin.query("SELECT broker_id FROM contacts WHERE contact_time = 1700000200");
    ASSERT_TRUE(contact);
    EXPECT_EQ(contact->text(0, 0), "B1");
    auto note = admin.query("SELECT author FROM client_notes");
    ASSERT_TRUE(note);
    EXPECT_EQ(note->text(0, 0), br.a);
    // A client moved to another branch (shown to that branch's manager) is refused.
    auto move = a.run("UPDATE clients SET branch_id = 'BR2' WHERE id = 1");
    ASSERT_FALSE(move);
    EXPECT_EQ(move.error().code, ErrorCode::NotPermitted) << move.error().toString();
    // Nor can a desk take the ids other desks are about to get.
    auto squat = a.run("INSERT INTO clients(id, client_id, name, broker_id, open_date)"
                       " VALUES (1000, 'CX', 'x', 'B1', 19000)");
    ASSERT_FALSE(squat);
    EXPECT_EQ(squat.error().code, ErrorCode::NotPermitted) << squat.error().toString();
    ASSERT_TRUE(a.run("INSERT INTO clients(client_id, name, broker_id, open_date)"
                      " VALUES ('CY', 'y', 'B1', 19000)"));
}

TEST(ServerPolicies, AManagerReadsTheTrailsOfTheirBranchOnly) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto m = br.as(br.m);
    // The seed wrote a row for each client; C4 is in the other branch.
    EXPECT_EQ(count(m, "SELECT count(*) FROM row_audit WHERE table_name = 'clients'"), 3);
    EXPECT_EQ(count(m, "SELECT count(*) FROM row_audit WHERE row_key = 'C4'"), 0);
    EXPECT_EQ(count(m, "SELECT count(*) FROM row_audit WHERE table_name = 'bd_users'"), 0)
        << "only a manager of the whole firm reads the users' trail";
}

TEST(ServerPolicies, ALoginOfAnotherBookOrADisabledOneSeesNothing) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    // A second book on the same server, with a client of its own.
    auto admin = br.book.admin();
    const std::string other = br.book.database() + "_2";
    ASSERT_TRUE(admin.run("CREATE DATABASE " + other));
    {
        auto c = PgConnection::connect(br.book.uri("postgres", "", other));
        ASSERT_TRUE(c);
        ASSERT_TRUE(bd::storage::initServer(*c));
        ASSERT_TRUE(c->script("SET ROLE bd_owner; INSERT INTO brokers VALUES ('X1', 'x', NULL, 1);"
                              "INSERT INTO clients(client_id, name, broker_id, open_date)"
                              " VALUES ('SECRET', 'victim', 'X1', 19000); RESET ROLE;"));
    }
    auto intruder = PgConnection::connect(br.book.uri(br.m, "pw-" + br.m, other));
    ASSERT_FALSE(intruder) << "a manager of one book connected to another";
    EXPECT_EQ(intruder.error().code, ErrorCode::NotPermitted) << intruder.error().toString();
    // Even with the door open, an entry-less person's login sees nothing.
    ASSERT_TRUE(admin.run("GRANT CONNECT ON DATABASE " + other + " TO " + br.m + ", " + br.batch));
    {
        auto c = PgConnection::connect(br.book.uri(br.m, "pw-" + br.m, other));
        ASSERT_TRUE(c) << c.error().toString();
        EXPECT_EQ(count(*c, "SELECT count(*) FROM clients"), 0);
    }
    // A batch login bypasses row-level security (its own book's import COPYs): the door is
    // what keeps it out, and `server check` of the other book reports it once opened.
    {
        auto c = PgConnection::connect(br.book.uri("postgres", "", other));
        ASSERT_TRUE(c);
        auto findings = bd::storage::checkServer(*c);
        ASSERT_TRUE(findings) << findings.error().toString();
        std::set<std::pair<std::string, std::string>> got;
        for (const auto& f : *findings) got.emplace(f.kind, f.subject);
        EXPECT_EQ(got, (std::set<std::pair<std::string, std::string>>{
                           {"person_bypasses_rls", br.batch}}));
    }
    (void)admin.run("DROP DATABASE " + other + " WITH (FORCE)");
    // A manager disabled while their session is open sees nothing from that moment.
    auto m = br.as(br.m);
    EXPECT_EQ(count(m, "SELECT count(*) FROM clients"), 3);
    ASSERT_TRUE(admin.run("SET ROLE bd_owner"));
    ASSERT_TRUE(admin.run("UPDATE bd_users SET disabled = true WHERE login = $1", PgParams(br.m)));
    ASSERT_TRUE(admin.run("RESET ROLE"));
    EXPECT_EQ(count(m, "SELECT count(*) FROM clients"), 0);
}

// The batch login bypasses row-level security, so that an import COPYs into a table (its
// policy grants it every row anyway). `server check` accepts that on an enabled login in the
// batch group alone, and reports it on any other login; `server init` gives it to batch logins
// added before, and disabling a login takes it away.
TEST(ServerUsers, OnlyABatchLoginBypassesRowSecurity) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    auto admin = br.book.admin();
    const auto bypasses = [&](const std::string& login) {
        return count(admin, "SELECT count(*) FROM pg_roles WHERE rolbypassrls AND rolname = '" +
                                login + "'") == 1;
    };
    EXPECT_TRUE(bypasses(br.batch));
    EXPECT_FALSE(bypasses(br.a));
    EXPECT_FALSE(bypasses(br.m));
    const auto findings = [&]() {
        std::set<std::pair<std::string, std::string>> got;
        auto f = bd::storage::checkServer(admin);
        EXPECT_TRUE(f) << (f ? "" : f.error().toString());
        if (f)
            for (const auto& x : *f) got.emplace(x.kind, x.subject);
        return got;
    };
    EXPECT_TRUE(findings().empty());
    // A person given the bypass, and a batch login that is also a broker: both reported.
    ASSERT_TRUE(admin.run("ALTER ROLE " + br.a + " BYPASSRLS"));
    ASSERT_TRUE(admin.run("GRANT broker TO " + br.batch));
    using Found = std::set<std::pair<std::string, std::string>>;
    EXPECT_EQ(findings(),
              (Found{{"person_bypasses_rls", br.a}, {"person_bypasses_rls", br.batch}}));
    ASSERT_TRUE(admin.run("REVOKE broker FROM " + br.batch));
    ASSERT_TRUE(admin.run("ALTER ROLE " + br.a + " NOBYPASSRLS"));
    EXPECT_TRUE(findings().empty());
    // A batch login of before: `server init` (the book already current) gives it the bypass.
    ASSERT_TRUE(admin.run("ALTER ROLE " + br.batch + " NOBYPASSRLS"));
    auto init = bd::storage::initServer(admin);
    ASSERT_TRUE(init) << init.error().toString();
    EXPECT_TRUE(bypasses(br.batch));
    // Disabled: no login and no bypass.
    ASSERT_TRUE(bd::storage::disableServerUser(admin, br.batch));
    EXPECT_FALSE(bypasses(br.batch));
    EXPECT_TRUE(findings().empty());
}

} // namespace

// A desk's recurring statements are prepared once per session, so the server parses and plans
// them (row-level security's policies included) once instead of at every call. Each login still
// sees only its own rows, call after call; a session made again after a cut prepares afresh.
TEST(ServerSessions, ARecurringStatementIsPreparedOnceAndStillSeesOnlyTheLoginsRows) {
    Branch br;
    BD_REQUIRE_PG(br.book);
    br.setUp();
    const std::string sql = "SELECT count(*) FROM clients WHERE client_id >= $1";
    const auto seen = [&](PgConnection& c) {
        auto r = c.query(sql, PgParams("C"));
        EXPECT_TRUE(r) << (r ? "" : r.error().toString());
        return r ? r->int64(0, 0) : -1;
    };
    const auto prepared = [&](PgConnection& c) {
        return count(c,
                     "SELECT count(*) FROM pg_prepared_statements WHERE statement = '" + sql + "'");
    };
    auto a = br.as(br.a);
    EXPECT_EQ(seen(a), 2); // broker B1: C1, C2
    EXPECT_EQ(prepared(a), 0);
    EXPECT_EQ(seen(a), 2);
    EXPECT_EQ(prepared(a), 1);
    EXPECT_EQ(seen(a), 2);
    EXPECT_EQ(prepared(a), 1);
    auto m = br.as(br.m);
    EXPECT_EQ(seen(m), 3); // the manager of BR1: C1, C2, C3
    EXPECT_EQ(seen(m), 3);
    EXPECT_EQ(prepared(m), 1);
    auto admin = br.book.admin();
    ASSERT_TRUE(
        admin.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
                  PgParams(br.a)));
    auto lost = a.query(sql, PgParams("C"));
    ASSERT_FALSE(lost);
    EXPECT_EQ(lost.error().code, ErrorCode::Unavailable) << lost.error().toString();
    // What the user reads names no statement (the log has it).
    EXPECT_EQ(lost.error().toString().find("SELECT"), std::string::npos) << lost.error().toString();
    ASSERT_TRUE(a.reconnect());
    EXPECT_EQ(prepared(a), 0);
    EXPECT_EQ(seen(a), 2);
    EXPECT_EQ(seen(a), 2);
    EXPECT_EQ(prepared(a), 1);
}
