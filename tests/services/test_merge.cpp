// Duplicates, merge and mass updates (issue 18 items 6 and 7): candidates found with their
// reasons; a merge moves every row of the absorbed client, combines the rows that meet, is one
// operation, keeps the book check ok and is undone exactly (the interchange export before the
// merge and after its undo compare equal); refusals change nothing; bulk reassign and status
// are one undoable operation each.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "phrasebook/phrasebook.h"
#include "services/clientsearch.h"
#include "services/commands/command.h"
#include "services/commands/records.h"
#include "services/duplicates.h"
#include "services/massupdate.h"
#include "storage/book/clientqueries.h"
#include "storage/book/clientsummary.h"
#include "storage/book/exporter.h"
#include "storage/book/planstore.h"
#include "storage/import/importer.h"
#include "storage/schema/bookcheck.h"
#include "support/planbook.h"

using namespace bd;
using namespace bd::services;
namespace cmd = bd::services::cmd;
using bdtest::PlanBook;

namespace {

class Merge : public ::testing::Test {
  protected:
    void SetUp() override {
        const Date a = PlanBook::asOf();
        book.client("C1");
        book.client("C2", "B2");
        book.client("C3");
        // Trades: on a day both traded (one trade_days block for both) and apart.
        book.trade("C1", a.addDays(-30));
        book.trade("C1", a.addDays(-400));
        book.exec("INSERT INTO trades(trade_id, client_ref, trade_time, trade_month, "
                  "security_code, side, quantity, price, amount, commission, fees) SELECT "
                  "'X' || trade_id, " +
                  std::to_string(book.ref("C2")) +
                  ", trade_time + 60, trade_month, security_code, 2, 50, price, amount / 2, "
                  "commission / 2, fees FROM trades WHERE client_ref = " +
                  std::to_string(book.ref("C1")));
        book.trade("C2", a.addDays(-10));
        book.trade("C3", a.addDays(-5));
        // Snapshots: the same day (combined) and one of C2 alone (the latest).
        book.snapshot("C1", a.addDays(-20), 1000, 50);
        book.snapshot("C2", a.addDays(-20), 300);
        book.snapshot("C2", a.addDays(-2), 700, -10);
        // Positions: the same security on the same day (one holding) and another.
        book.position("C1", a.addDays(-20), "600000.SH");
        book.position("C2", a.addDays(-20), "600000.SH");
        book.position("C2", a.addDays(-20), "300750.SZ");
        book.exec("UPDATE positions SET cost_price = CASE client_ref WHEN " +
                  std::to_string(book.ref("C1")) +
                  " THEN 90000 ELSE 120000 END, quantity = "
                  "CASE client_ref WHEN " +
                  std::to_string(book.ref("C1")) + " THEN 300 ELSE 100 END");
        // Contacts: the same call recorded under both (a copy) and one of C2 alone.
        book.contact("C1", 3);
        book.contact("C2", 3);
        book.contact("C2", 8, Outcome::Callback);
        // A plan item of C2 that names its copy of the call.
        book.exec("INSERT INTO follow_up_tasks(client_ref, broker_id, planned_date, status, "
                  "contact_id, created_at) SELECT client_ref, 'B2', " +
                  std::to_string(a.days) + ", 1, id, 0 FROM contacts WHERE client_ref = " +
                  std::to_string(book.ref("C2")) + " ORDER BY contact_time DESC LIMIT 1");
        ASSERT_TRUE(run(cmd::TagClients{{"C1", "C2"}, "vip", "#ff0000", false}));
        ASSERT_TRUE(run(cmd::TagClients{{"C2"}, "golf", "", false}));
        ASSERT_TRUE(run(cmd::AddNote{"C2", "prefers mornings", std::nullopt}));
        ASSERT_TRUE(storage::refreshClientSummary(book.db()));
        ASSERT_TRUE(checkOk());
    }

    Result<cmd::Applied> run(cmd::CommandArgs args) {
        return cmd::execute(book.db(), cmd::Command{"tester", std::move(args)});
    }
    std::int64_t count(const std::string& sql) { return *storage::queryInt(book.db(), sql); }
    std::int64_t countOf(const std::string& table, const std::string& id) {
        return count("SELECT count(*) FROM " + table +
                     " WHERE client_ref = " + std::to_string(book.ref(id)));
    }
    /// Rows of `sql` as text, one line each.
    std::string dump(const std::string& sql) {
        auto st = book.db().prepare(sql);
        EXPECT_TRUE(st);
        std::string out;
        (void)st->forEach([&](const storage::Statement& r) {
            for (int i = 0; i < r.columnCount(); ++i)
                out += (r.isNull(i) ? std::string("NULL") : r.text(i)) + "|";
            out += "\n";
        });
        return out;
    }
    /// The whole book as the interchange export writes it, and what it does not carry (plan
    /// items, tags, notes, contact ids, merge marks, trade_days, the summary).
    std::string whole() {
        std::string out;
        for (auto kind : {storage::ImportKind::Clients, storage::ImportKind::Trades,
                          storage::ImportKind::Assets, storage::ImportKind::Contacts,
                          storage::ImportKind::Positions}) {
            auto t = storage::exportInterchangeText(book.db(), kind);
            EXPECT_TRUE(t) << t.error().toString();
            out += t ? *t : "";
        }
        out += dump("SELECT id, client_ref, contact_id, broker_id, status FROM follow_up_tasks "
                    "ORDER BY id");
        out += dump("SELECT client_ref, tag FROM client_tags ORDER BY 1, 2");
        out += dump("SELECT id, client_ref, text FROM client_notes ORDER BY id");
        out += dump("SELECT id, client_ref, contact_time, channel FROM contacts ORDER BY id");
        out += dump("SELECT id, merged_into FROM clients ORDER BY id");
        out += dump("SELECT * FROM trade_days ORDER BY client_ref, block");
        out += dump("SELECT * FROM client_summary ORDER BY client_ref");
        return out;
    }
    bool checkOk() {
        auto c = storage::checkBook(book.db());
        EXPECT_TRUE(c) << c.error().toString();
        if (!c) return false;
        // The summary was fresh before and stays fresh: its rows are checked, not skipped.
        EXPECT_FALSE(c->notes.client_summary_stale);
        EXPECT_FALSE(c->notes.client_summary_unbuilt);
        EXPECT_EQ(c->notes.trade_days_dirty_clients, 0);
        for (const auto& p : c->problems)
            ADD_FAILURE() << storage::bookProblemKindName(p.kind) << " " << p.table << " "
                          << p.column << " expected " << p.expected << " found " << p.found;
        return c->ok();
    }

    PlanBook book;
};

} // namespace

TEST_F(Merge, MovesEveryRowCombinesTheRowsThatMeetAndRecordsOneOperation) {
    const auto trades1 = countOf("trades", "C1"), trades2 = countOf("trades", "C2");
    const auto auditBefore = count("SELECT count(DISTINCT operation) FROM audit_log");
    auto r = run(cmd::MergeClients{"C1", "C2"});
    ASSERT_TRUE(r) << r.error().toString();
    ASSERT_TRUE(r->merged);
    EXPECT_EQ(r->merged->trades, trades2);
    EXPECT_EQ(r->merged->snapshots, 2);
    EXPECT_EQ(r->merged->positions, 2);
    EXPECT_EQ(r->merged->contacts, 2);
    EXPECT_EQ(r->merged->tasks, 1);
    EXPECT_EQ(r->merged->tags, 2);
    EXPECT_EQ(r->merged->notes, 1);
    EXPECT_EQ(r->merged->combined, 4); // a snapshot, a position, a contact, a tag
    EXPECT_EQ(count("SELECT count(DISTINCT operation) FROM audit_log"), auditBefore + 1);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE operation = " +
                    std::to_string(r->operation) + " AND kind = 'client.merge'"),
              2);

    for (const char* table : {"trades", "assets", "positions", "contacts", "follow_up_tasks",
                              "client_tags", "client_notes"})
        EXPECT_EQ(countOf(table, "C2"), 0) << table;
    EXPECT_EQ(countOf("trades", "C1"), trades1 + trades2);
    EXPECT_EQ(countOf("assets", "C1"), 2);
    const auto day = std::to_string(PlanBook::asOf().addDays(-20).days);
    // 1,000 + 300 yuan cash; net inflow 50 + none.
    EXPECT_EQ(dump("SELECT cash, net_inflow FROM assets WHERE date = " + day),
              "13000000|500000|\n");
    // 300 at 9.0 and 100 at 12.0: 400 at 9.75.
    EXPECT_EQ(dump("SELECT quantity, cost_price FROM positions WHERE security_code = '600000.SH'"),
              "400|97500|\n");
    EXPECT_EQ(countOf("contacts", "C1"), 2); // the copy went, the callback moved
    EXPECT_EQ(count("SELECT count(*) FROM follow_up_tasks t JOIN contacts k ON k.id = "
                    "t.contact_id WHERE t.client_ref = k.client_ref"),
              1);
    EXPECT_EQ(dump("SELECT tag FROM client_tags ORDER BY tag"), "golf|\nvip|\n");
    EXPECT_EQ(count("SELECT merged_into FROM clients WHERE client_id = 'C2'"), book.ref("C1"));
    EXPECT_TRUE(checkOk());
    // The summary follows: C2's latest snapshot is now C1's.
    EXPECT_EQ(count("SELECT aum FROM client_summary WHERE client_ref = " +
                    std::to_string(book.ref("C1"))),
              7000000);
}

TEST_F(Merge, UndoPutsEveryRowBackExactly) {
    const std::string before = whole();
    auto r = run(cmd::MergeClients{"C1", "C2"});
    ASSERT_TRUE(r) << r.error().toString();
    ASSERT_TRUE(r->inverse);
    EXPECT_NE(whole(), before);
    auto undo = cmd::execute(book.db(), *r->inverse);
    ASSERT_TRUE(undo) << undo.error().toString();
    EXPECT_EQ(whole(), before);
    EXPECT_EQ(count("SELECT count(*) FROM client_merge_rows"), 0);
    EXPECT_TRUE(checkOk());
    // Undone twice: refused. Done again (undo of the undo), then undone again: exact still.
    EXPECT_FALSE(cmd::execute(book.db(), *r->inverse));
    auto redo = cmd::execute(book.db(), *undo->inverse);
    ASSERT_TRUE(redo) << redo.error().toString();
    EXPECT_EQ(countOf("trades", "C2"), 0);
    EXPECT_TRUE(checkOk());
    ASSERT_TRUE(cmd::execute(book.db(), *redo->inverse));
    EXPECT_EQ(whole(), before);
}

TEST_F(Merge, AnUndoOvertakenByALaterChangeOfEitherClientIsRefused) {
    auto r = run(cmd::MergeClients{"C1", "C2"});
    ASSERT_TRUE(r);
    auto note = run(cmd::AddNote{"C1", "called back", std::nullopt});
    ASSERT_TRUE(note);
    const std::string before = whole();
    auto undo = cmd::execute(book.db(), *r->inverse);
    ASSERT_FALSE(undo);
    EXPECT_NE(undo.error().message.find("operation " + std::to_string(note->operation)),
              std::string::npos)
        << undo.error().message;
    EXPECT_EQ(whole(), before);
}

TEST_F(Merge, RefusalsAreLocatedAndChangeNothing) {
    const std::string before = whole();
    const auto audit = count("SELECT count(*) FROM audit_log");
    struct Case {
        std::string keep, absorb, words;
    };
    for (const Case& c : std::vector<Case>{{"C1", "C1", "into itself"},
                                           {"C1", "C9", "unknown client 'C9'"},
                                           {"C9", "C2", "unknown client 'C9'"}}) {
        auto r = run(cmd::MergeClients{c.keep, c.absorb});
        ASSERT_FALSE(r) << c.words;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
        EXPECT_NE(r.error().message.find(c.words), std::string::npos) << r.error().message;
    }
    EXPECT_EQ(whole(), before);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audit);

    ASSERT_TRUE(run(cmd::MergeClients{"C1", "C2"}));
    const std::string merged = whole();
    for (const auto& [keep, absorb] :
         std::vector<std::pair<std::string, std::string>>{{"C3", "C2"}, {"C2", "C3"}}) {
        auto r = run(cmd::MergeClients{keep, absorb});
        ASSERT_FALSE(r);
        EXPECT_NE(r.error().message.find("client C2 was merged into C1 already"), std::string::npos)
            << r.error().message;
    }
    EXPECT_EQ(whole(), merged);
}

TEST_F(Merge, RelationsMoveWhenTheBookHasThemAndComeBackWithTheUndo) {
    // The relations table (schema v11 of the households work) as that version makes it; a book
    // without it merges as above.
    book.exec("CREATE TABLE IF NOT EXISTS client_relations (client_a INTEGER NOT NULL "
              "REFERENCES clients(id), client_b INTEGER NOT NULL REFERENCES clients(id), kind "
              "INTEGER NOT NULL, CHECK (client_a <> client_b), PRIMARY KEY (client_a, client_b)) "
              "WITHOUT ROWID; CREATE UNIQUE INDEX IF NOT EXISTS client_relations_pair ON "
              "client_relations(min(client_a, client_b), max(client_a, client_b));");
    book.client("C4");
    book.client("C5");
    const auto r = [&](const char* id) { return std::to_string(book.ref(id)); };
    // C2-C1 (the two merged), C4-C2 (C1 has C4 already), C2-C5 (moves).
    book.exec("INSERT INTO client_relations(client_a, client_b, kind) VALUES (" + r("C2") + ", " +
              r("C1") + ", 1), (" + r("C1") + ", " + r("C4") + ", 2), (" + r("C4") + ", " +
              r("C2") + ", 3), (" + r("C2") + ", " + r("C5") + ", 4)");
    ASSERT_TRUE(storage::refreshClientSummary(book.db())); // two clients more
    const std::string before = whole() + dump("SELECT * FROM client_relations ORDER BY 1, 2");
    auto m = run(cmd::MergeClients{"C1", "C2"});
    ASSERT_TRUE(m) << m.error().toString();
    EXPECT_EQ(m->merged->relations, 3);
    EXPECT_EQ(m->merged->combined, 6); // the four above and two relations
    EXPECT_EQ(dump("SELECT client_b, kind FROM client_relations WHERE client_a = " + r("C1") +
                   " ORDER BY 1"),
              r("C4") + "|2|\n" + r("C5") + "|4|\n");
    EXPECT_EQ(count("SELECT count(*) FROM client_relations"), 2);
    EXPECT_TRUE(checkOk());
    ASSERT_TRUE(cmd::execute(book.db(), *m->inverse));
    EXPECT_EQ(whole() + dump("SELECT * FROM client_relations ORDER BY 1, 2"), before);
}

TEST(Duplicates, PairsAreFoundWithTheirReasonsAndASharedPlaceholderIsSkipped) {
    PlanBook book;
    auto add = [&](const std::string& id, const std::string& phone, const std::string& idNumber,
                   Date open) {
        PlanBook::ClientSpec c;
        c.id = id;
        c.phone = phone;
        c.id_number = idNumber;
        c.open = open;
        return book.client(c);
    };
    const Date old = Date::fromYmd(2018, 1, 1), young = Date::fromYmd(2022, 1, 1);
    const std::string idA = PlanBook::idNumber(Date::fromYmd(1980, 5, 6));
    add("A1", "13900000001", idA, young);
    add("A2", "13900000001", idA, old); // same phone and ID number: kept, the older account
    add("B1", "13900000002", "", old);
    add("B2", "13900000003", "", old);
    book.exec("UPDATE clients SET name = '张伟', birth_date = " +
              std::to_string(Date::fromYmd(1975, 3, 4).days) + " WHERE client_id IN ('B1', 'B2')");
    for (int i = 0; i < 12; ++i) add("P" + std::to_string(i), "13800000000", "", old);
    add("M1", "13900000009", "", old);
    add("M2", "13900000009", "", old);
    ASSERT_TRUE(cmd::execute(book.db(), cmd::Command{"t", cmd::MergeClients{"M1", "M2"}}));

    auto list = findDuplicates(book.db());
    ASSERT_TRUE(list) << list.error().toString();
    EXPECT_EQ(list->large_groups, 1);  // the twelve sharing a placeholder phone
    ASSERT_EQ(list->pairs.size(), 2u); // the merged pair is gone
    const DuplicatePair& a = list->pairs[0];
    EXPECT_EQ(a.keep.client_id, "A2");
    EXPECT_EQ(a.absorb.client_id, "A1");
    ASSERT_EQ(a.reasons.size(), 2u);
    EXPECT_EQ(a.reasons[0].kind, DuplicateKind::SameIdNumber);
    EXPECT_EQ(a.reasons[0].tail, idA.substr(14));
    EXPECT_EQ(a.reasons[1].kind, DuplicateKind::SamePhone);
    EXPECT_EQ(phrase::duplicateReasons(a.reasons, phrase::Lang::En),
              "same ID number (ending " + idA.substr(14) + "); same phone (ending 0001)");
    EXPECT_EQ(phrase::duplicateReason(a.reasons[1], phrase::Lang::Zh), "手机号相同（尾号0001）");
    const DuplicatePair& b = list->pairs[1];
    EXPECT_EQ(b.keep.client_id, "B1");
    ASSERT_EQ(b.reasons.size(), 1u);
    EXPECT_EQ(phrase::duplicateReason(b.reasons[0], phrase::Lang::Zh),
              "姓名和出生日期相同（张伟，1975-03-04）");
    EXPECT_EQ(phrase::duplicateReason(b.reasons[0], phrase::Lang::En),
              "same name and birth date (张伟, 1975-03-04)");
}

class MassUpdate : public ::testing::Test {
  protected:
    void SetUp() override {
        for (const char* id : {"C1", "C2", "C3"}) book.client(id);
    }
    Result<cmd::Applied> run(cmd::CommandArgs args) {
        return cmd::execute(book.db(), cmd::Command{"tester", std::move(args)});
    }
    std::string clients() {
        auto t = storage::exportInterchangeText(book.db(), storage::ImportKind::Clients);
        return t ? *t : "";
    }
    std::int64_t count(const std::string& sql) { return *storage::queryInt(book.db(), sql); }
    PlanBook book;
};

TEST_F(MassUpdate, AReassignIsOneOperationAndIsUndone) {
    const std::string before = clients();
    auto r = run(cmd::ReassignClients{{"C1", "C2"}, "B3"});
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(r->clients.size(), 2u);
    EXPECT_EQ(count("SELECT count(*) FROM clients WHERE broker_id = 'B3'"), 2);
    EXPECT_EQ(count("SELECT count(DISTINCT operation) FROM audit_log WHERE kind = "
                    "'client.reassign'"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity = 'client' AND operation = " +
                    std::to_string(r->operation)),
              2);
    ASSERT_TRUE(r->inverse);
    ASSERT_TRUE(cmd::execute(book.db(), *r->inverse));
    EXPECT_EQ(clients(), before);
    EXPECT_EQ(count("SELECT count(*) FROM client_corrections"), 0);
}

// Issue 18: a broker of another branch takes the client's branch with it (one client row holds
// both, so the undo puts both back); the preview counts the clients changing branch.
TEST_F(MassUpdate, AReassignToAnotherBranchMovesTheClientsBranchAndTheUndoPutsBothBack) {
    book.exec("UPDATE clients SET branch_id = 'BR1' WHERE client_id IN ('C1', 'C2')");
    const std::string before = clients();
    const std::vector<std::int64_t> refs{book.ref("C1"), book.ref("C2"), book.ref("C3")};
    auto toB3 = previewReassign(book.db(), refs, "B3");
    ASSERT_TRUE(toB3) << toB3.error().toString();
    EXPECT_EQ(toB3->changing, 3);
    EXPECT_EQ(toB3->changing_branch, 3); // C3 has no branch of its own: its broker's goes
    auto toB2 = previewReassign(book.db(), refs, "B2");
    ASSERT_TRUE(toB2);
    EXPECT_EQ(toB2->changing_branch, 0); // B2 works in BR1 too

    auto r = run(cmd::ReassignClients{{"C1", "C2", "C3"}, "B3"});
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(count("SELECT count(*) FROM clients WHERE broker_id = 'B3' AND branch_id = 'BR2'"),
              2);
    EXPECT_EQ(count("SELECT count(*) FROM clients WHERE client_id = 'C3' AND broker_id = 'B3' "
                    "AND COALESCE(branch_id, '') = ''"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity = 'client' AND operation = " +
                    std::to_string(r->operation) + " AND after LIKE '%BR2%'"),
              2);
    ASSERT_TRUE(cmd::execute(book.db(), *r->inverse));
    EXPECT_EQ(clients(), before);
    EXPECT_EQ(count("SELECT count(*) FROM client_corrections"), 0);
}

TEST_F(MassUpdate, ABadReassignOrStatusIsRefusedAndChangesNothing) {
    const std::string before = clients();
    auto broker = run(cmd::ReassignClients{{"C1", "C2"}, "B9"});
    ASSERT_FALSE(broker);
    EXPECT_EQ(broker.error().column_name, "broker_id");
    EXPECT_NE(broker.error().message.find("unknown broker"), std::string::npos);
    auto client = run(cmd::ReassignClients{{"C1", "C9"}, "B2"});
    ASSERT_FALSE(client);
    EXPECT_NE(client.error().message.find("unknown client 'C9'"), std::string::npos);
    auto status = run(cmd::SetClientsStatus{{"C1", "C2"}, "asleep"});
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().column_name, "status");
    EXPECT_FALSE(run(cmd::SetClientsStatus{{}, "dormant"}));
    EXPECT_EQ(clients(), before);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(MassUpdate, SettingTheStatusOfManyIsOneUndoableOperation) {
    const std::string before = clients();
    auto r = run(cmd::SetClientsStatus{{"C1", "C2", "C3"}, "dormant"});
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(r->clients.size(), 3u);
    EXPECT_EQ(count("SELECT count(*) FROM clients WHERE status = " +
                    std::to_string(static_cast<int>(ClientStatus::Dormant))),
              3);
    // Already dormant: nothing to do, no operation.
    auto again = run(cmd::SetClientsStatus{{"C1"}, "dormant"});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->operation, 0);
    ASSERT_TRUE(cmd::execute(book.db(), *r->inverse));
    EXPECT_EQ(clients(), before);
}

// Issue 18: a client absorbed by a merge is listed no more (the Clients table, the plan's and
// coverage's clients, search); its id, searched whole, finds the client it was merged into.
// Its undo lists it again.
TEST_F(Merge, AnAbsorbedClientIsListedNoMoreAndItsIdFindsTheKeptClient) {
    storage::ClientQuery byId;
    byId.sort = storage::ClientSortKey::ClientId;
    const auto ids = [&] {
        auto page = storage::fetchClientPage(book.db(), byId, std::nullopt);
        EXPECT_TRUE(page);
        std::string out;
        for (const auto& r : *page) out += r.client_id + " ";
        return out;
    };
    const auto planned = [&] {
        auto rows = storage::loadPlanClients(book.db());
        EXPECT_TRUE(rows);
        std::string out;
        for (const auto& r : *rows) out += r.client_id + " ";
        return out;
    };
    ASSERT_EQ(ids(), "C1 C2 C3 ");
    const std::string plannedBefore = planned();
    auto merged = run(cmd::MergeClients{"C1", "C2"});
    ASSERT_TRUE(merged) << merged.error().toString();
    EXPECT_EQ(ids(), "C1 C3 ");
    EXPECT_EQ(*storage::countClients(book.db(), storage::ClientQuery{}), 2);
    EXPECT_EQ(planned().find("C2"), std::string::npos) << planned();

    auto index = buildClientSearchIndex(book.db());
    ASSERT_TRUE(index) << index.error().toString();
    EXPECT_EQ(index->size(), 2u);
    const auto found = index->search("c2");
    ASSERT_EQ(found.hits.size(), 1u);
    EXPECT_EQ(found.hits[0].client_id, "C1");
    EXPECT_EQ(found.hits[0].match, MatchKind::ClientId);

    ASSERT_TRUE(cmd::execute(book.db(), *merged->inverse));
    EXPECT_EQ(ids(), "C1 C2 C3 ");
    EXPECT_EQ(planned(), plannedBefore);
    auto again = buildClientSearchIndex(book.db());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->search("C2").hits.at(0).client_id, "C2");
}

// Issue 18: a tag's colour is one audited, undoable operation; an unknown tag or a colour that
// is not #rrggbb is refused, changing nothing.
TEST_F(MassUpdate, ATagsColourIsOneUndoableOperation) {
    ASSERT_TRUE(run(cmd::TagClients{{"C1", "C2"}, "golf", "", false}));
    auto store = sqliteRecordStore(book.db());
    auto r = run(cmd::SetTagColour{"golf", "#2e7d32"});
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(store->tagColour("golf")->value_or(""), "#2e7d32");
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE kind = 'tag.colour' AND entity = 'tag'"),
              1);
    ASSERT_TRUE(r->inverse);
    ASSERT_TRUE(cmd::execute(book.db(), *r->inverse));
    EXPECT_EQ(store->tagColour("golf")->value_or(""), "#808080");

    const auto audit = count("SELECT count(*) FROM audit_log");
    auto unknown = run(cmd::SetTagColour{"tennis", "#2e7d32"});
    ASSERT_FALSE(unknown);
    ASSERT_TRUE(unknown.error().refusal);
    EXPECT_EQ(unknown.error().refusal->fact.kind, RefusalKind::UnknownTag);
    auto bad = run(cmd::SetTagColour{"golf", "green"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().column_name, "colour");
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audit);
}

// Issue 18: a refusal is a fact the reader's language words: the same refusal in English (the
// message) and in Chinese, naming the client.
TEST_F(Merge, ARefusalCarriesItsFactForEitherLanguage) {
    auto r = run(cmd::MergeClients{"C1", "C1"});
    ASSERT_FALSE(r);
    ASSERT_TRUE(r.error().refusal);
    EXPECT_EQ(r.error().refusal->fact.kind, RefusalKind::MergeIntoItself);
    EXPECT_EQ(r.error().message, "client C1 cannot be merged into itself");
    EXPECT_EQ(phrase::refusal(r.error(), phrase::Lang::Zh), "客户C1不能与自身合并");
}
