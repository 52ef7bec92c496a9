// Households and relations (issue 18 item 4): RelateClients / UnrelateClients validated, audited
// and undoable; the inverse kind seen from the other client; a household is the clients
// connected through spouse, parent, child and sibling relations, with combined figures.
#include <gtest/gtest.h>

#include <string>

#include "services/commands/command.h"
#include "services/commands/records.h"
#include "services/household.h"
#include "storage/book/exporter.h"
#include "support/planbook.h"

using namespace bd;
using namespace bd::services;
namespace cmd = bd::services::cmd;

namespace {

class Households : public ::testing::Test {
  protected:
    void SetUp() override {
        for (const char* id : {"C1", "C2", "C3", "C4", "C5", "C6"}) book.client(id);
        // Figures of the value run: AUM 100k, 200k, ...; profit 1k, 2k, ...; value 10, 20, ...
        book.exec("UPDATE client_scores SET aum = client_ref * 1000000000, "
                  "profit_12m = client_ref * 10000000, value_score = client_ref * 10");
    }
    Result<cmd::Applied> run(cmd::CommandArgs args) {
        return cmd::execute(book.db(), cmd::Command{"tester", std::move(args)});
    }
    std::int64_t count(const std::string& sql) { return *storage::queryInt(book.db(), sql); }
    std::string relations() {
        std::string out;
        auto st = book.db().prepare(
            "SELECT a.client_id, b.client_id, r.kind FROM client_relations r JOIN clients a ON "
            "a.id = r.client_a JOIN clients b ON b.id = r.client_b ORDER BY 1, 2");
        EXPECT_TRUE(st);
        EXPECT_TRUE(st->forEach([&](const storage::Statement& r) {
            out += r.text(0) + ">" + r.text(1) + ":" + std::to_string(r.int64(2)) + " ";
        }));
        return out;
    }
    Household household(const std::string& id) {
        auto h = loadHousehold(book.db(), book.ref(id));
        EXPECT_TRUE(h) << h.error().toString();
        return h ? *h : Household{};
    }
    static const RelatedClient* member(const std::vector<RelatedClient>& v, const std::string& id) {
        for (const auto& m : v)
            if (m.client_id == id) return &m;
        return nullptr;
    }

    bdtest::PlanBook book;
};

} // namespace

TEST_F(Households, ARelationIsStoredOnceAsCodesAndSeenInverseFromTheOtherSide) {
    // C2 is C1's parent: from C2, C1 is its child.
    auto r = run(cmd::RelateClients{"C1", "C2", RelationKind::Parent});
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_GT(r->operation, 0);
    ASSERT_TRUE(r->inverse);
    EXPECT_EQ(relations(), "C1>C2:" + std::to_string(static_cast<int>(RelationKind::Parent)) + " ");
    const auto fromC1 = household("C1");
    const auto fromC2 = household("C2");
    ASSERT_NE(member(fromC1.members, "C2"), nullptr);
    ASSERT_NE(member(fromC2.members, "C1"), nullptr);
    EXPECT_EQ(member(fromC1.members, "C2")->kind, RelationKind::Parent);
    EXPECT_EQ(member(fromC2.members, "C1")->kind, RelationKind::Child);

    // Relating the pair the other way round with the inverse kind changes nothing.
    auto again = run(cmd::RelateClients{"C2", "C1", RelationKind::Child});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->operation, 0);
    // Another kind replaces the pair's one relation, audited with before and after.
    auto spouse = run(cmd::RelateClients{"C2", "C1", RelationKind::Spouse});
    ASSERT_TRUE(spouse);
    EXPECT_EQ(count("SELECT count(*) FROM client_relations"), 1);
    AuditFilter f;
    f.operation = spouse->operation;
    auto rows = sqliteRecordStore(book.db())->listAudit(f);
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].kind, "relation.set");
    EXPECT_EQ((*rows)[0].entity, "relation");
    EXPECT_EQ((*rows)[0].entity_id, "C1/C2");
    EXPECT_EQ(*(*rows)[0].before,
              R"({"a": "C1", "b": "C2", "a_ref": "1", "b_ref": "2", "kind": "parent"})");
    EXPECT_EQ(*(*rows)[0].after,
              R"({"a": "C2", "b": "C1", "a_ref": "2", "b_ref": "1", "kind": "spouse"})");
}

TEST_F(Households, AHouseholdIsTheClientsConnectedThroughFamilyRelationsWithCombinedFigures) {
    // C1 - spouse - C2, C2 - child C3 (C3 is C2's child), C3 - sibling - C4; C5 is C1's
    // colleague and C6 was referred: relations, not household.
    ASSERT_TRUE(run(cmd::RelateClients{"C1", "C2", RelationKind::Spouse}));
    ASSERT_TRUE(run(cmd::RelateClients{"C2", "C3", RelationKind::Child}));
    ASSERT_TRUE(run(cmd::RelateClients{"C4", "C3", RelationKind::Sibling}));
    ASSERT_TRUE(run(cmd::RelateClients{"C1", "C5", RelationKind::Colleague}));
    ASSERT_TRUE(run(cmd::RelateClients{"C5", "C6", RelationKind::Referral}));

    const auto h = household("C1");
    ASSERT_EQ(h.members.size(), 4u);
    EXPECT_EQ(h.members[0].client_id, "C1"); // the client first
    EXPECT_EQ(h.members[1].client_id, "C2");
    EXPECT_EQ(h.members[2].client_id, "C3");
    EXPECT_EQ(h.members[3].client_id, "C4");
    EXPECT_EQ(h.members[1].kind, RelationKind::Spouse);
    EXPECT_EQ(h.members[2].kind, RelationKind::Unknown); // reached through C2
    ASSERT_EQ(h.others.size(), 1u);
    EXPECT_EQ(h.others[0].client_id, "C5");
    EXPECT_EQ(h.others[0].kind, RelationKind::Colleague);
    EXPECT_FALSE(h.others[0].in_household);
    // 100k + 200k + 300k + 400k; 1k + ... + 4k; 10 + ... + 40.
    EXPECT_EQ(h.aum, Money::fromYuan(1000000));
    EXPECT_EQ(h.profit_12m, Money::fromYuan(10000));
    EXPECT_DOUBLE_EQ(h.value_score, 100.0);
    // Seen from C4, the same household; C5's has no family: only itself.
    EXPECT_EQ(household("C4").members.size(), 4u);
    EXPECT_EQ(household("C4").aum, Money::fromYuan(1000000));
    EXPECT_FALSE(household("C5").exists());
    EXPECT_EQ(household("C5").others.size(), 2u);
}

TEST_F(Households, RemovingARelationSplitsTheHouseholdAndUndoPutsItBack) {
    ASSERT_TRUE(run(cmd::RelateClients{"C1", "C2", RelationKind::Spouse}));
    ASSERT_TRUE(run(cmd::RelateClients{"C2", "C3", RelationKind::Parent}));
    const std::string before = relations();
    auto removed = run(cmd::UnrelateClients{"C3", "C2"}); // either way round
    ASSERT_TRUE(removed) << removed.error().toString();
    EXPECT_EQ(household("C1").members.size(), 2u);
    ASSERT_TRUE(removed->inverse);
    auto undo = run(removed->inverse->args);
    ASSERT_TRUE(undo) << undo.error().toString();
    EXPECT_EQ(relations(), before);
    EXPECT_EQ(household("C1").members.size(), 3u);
    // An undo already done is refused.
    EXPECT_FALSE(run(removed->inverse->args));
}

TEST_F(Households, UndoOfARelateRemovesItAndOfAChangePutsTheOldKindBack) {
    auto first = run(cmd::RelateClients{"C1", "C2", RelationKind::Sibling});
    ASSERT_TRUE(first);
    auto undo = run(first->inverse->args);
    ASSERT_TRUE(undo) << undo.error().toString();
    EXPECT_EQ(relations(), "");
    auto again = run(cmd::RelateClients{"C1", "C2", RelationKind::Sibling});
    ASSERT_TRUE(again);
    auto changed = run(cmd::RelateClients{"C1", "C2", RelationKind::Colleague});
    ASSERT_TRUE(changed);
    // The older relate is overtaken by the change: refused.
    EXPECT_FALSE(run(again->inverse->args));
    ASSERT_TRUE(run(changed->inverse->args));
    EXPECT_EQ(relations(),
              "C1>C2:" + std::to_string(static_cast<int>(RelationKind::Sibling)) + " ");
}

TEST_F(Households, RefusedRelationsChangeNothing) {
    ASSERT_TRUE(run(cmd::RelateClients{"C1", "C2", RelationKind::Spouse}));
    const std::string before = relations();
    const auto audit = count("SELECT count(*) FROM audit_log");

    auto self = run(cmd::RelateClients{"C1", "C1", RelationKind::Spouse});
    ASSERT_FALSE(self);
    EXPECT_EQ(self.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(self.error().column_name, "to");
    EXPECT_NE(self.error().message.find("itself"), std::string::npos);

    auto unknownKind = run(cmd::RelateClients{"C1", "C3", RelationKind::Unknown});
    ASSERT_FALSE(unknownKind);
    EXPECT_EQ(unknownKind.error().column_name, "kind");
    auto outOfRange = run(cmd::RelateClients{"C1", "C3", static_cast<RelationKind>(42)});
    ASSERT_FALSE(outOfRange);
    EXPECT_EQ(outOfRange.error().column_name, "kind");

    auto unknownClient = run(cmd::RelateClients{"C1", "NOPE", RelationKind::Sibling});
    ASSERT_FALSE(unknownClient);
    EXPECT_NE(unknownClient.error().message.find("unknown client 'NOPE'"), std::string::npos);

    auto notRelated = run(cmd::UnrelateClients{"C1", "C3"});
    ASSERT_FALSE(notRelated);
    EXPECT_NE(notRelated.error().message.find("not related"), std::string::npos);

    EXPECT_EQ(relations(), before);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audit);
    // The table itself refuses a pair twice (either way round) and a client with itself.
    EXPECT_FALSE(book.db().exec("INSERT INTO client_relations VALUES (2, 1, 1)"));
    EXPECT_FALSE(book.db().exec("INSERT INTO client_relations VALUES (3, 3, 1)"));
}

TEST_F(Households, AnAddedClientWithARelationIsNotRemovedByAnUndo) {
    auto added = run(
        cmd::AddClient{"P9", {{cmd::ClientField::Name, "New"}, {cmd::ClientField::Broker, "B1"}}});
    ASSERT_TRUE(added) << added.error().toString();
    ASSERT_TRUE(run(cmd::RelateClients{"C1", "P9", RelationKind::Spouse}));
    auto undo = run(added->inverse->args);
    ASSERT_FALSE(undo);
    EXPECT_EQ(count("SELECT count(*) FROM clients WHERE client_id = 'P9'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM client_relations"), 1);
}
