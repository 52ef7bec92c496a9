// The plan services' refusals as facts the phrasebook words (issue 18: every refusal in the
// reader's language, naming the field and the rule): contact logging, plan items, survey
// templates and answers; a merged client's id opens the client it was merged into, and its
// audit lists both clients' history.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "phrasebook/phrasebook.h"
#include "services/clientlookup.h"
#include "services/commands/command.h"
#include "services/contactlog.h"
#include "services/planitems.h"
#include "services/surveys.h"
#include "support/planbook.h"

using namespace bd;
using namespace bd::services;
namespace cmd = bd::services::cmd;
using phrase::Lang;

namespace {

class WordedRefusals : public ::testing::Test {
  protected:
    void SetUp() override {
        bdtest::PlanBook::ClientSpec c;
        for (const char* id : {"C1", "C2"}) {
            c.id = id;
            book.client(c);
        }
    }
    Result<cmd::Applied> run(cmd::CommandArgs args) {
        return cmd::execute(book.db(), cmd::Command{"tester", std::move(args)});
    }
    std::int64_t count(const std::string& sql) { return *storage::queryInt(book.db(), sql); }
    /// A plan item of C1 in `status` (storage::TaskStatus); its id.
    std::int64_t task(int status) {
        book.exec("INSERT INTO follow_up_tasks(client_ref, broker_id, planned_date, status, "
                  "created_at) VALUES (" +
                  std::to_string(book.ref("C1")) + ", 'B1', " +
                  std::to_string(bdtest::PlanBook::asOf().days) + ", " + std::to_string(status) +
                  ", 0)");
        return count("SELECT max(id) FROM follow_up_tasks");
    }

    bdtest::PlanBook book;
};

/// Both languages, neither with a raw identifier.
void expectWorded(const Error& e, const std::string& en, const std::string& zh) {
    ASSERT_TRUE(e.refusal) << e.toString();
    EXPECT_EQ(phrase::refusal(e, Lang::En), en);
    EXPECT_EQ(phrase::refusal(e, Lang::Zh), zh);
    static const std::regex snake("[a-z]+_[a-z_]+");
    EXPECT_FALSE(std::regex_search(phrase::refusal(e, Lang::Zh), snake));
}

ContactLog contactOf(const std::string& client) {
    ContactLog log;
    log.client_id = client;
    log.outcome = Outcome::Reached;
    log.at = DateTime::fromParts(bdtest::PlanBook::asOf(), 10, 0, 0);
    return log;
}

} // namespace

TEST_F(WordedRefusals, AContactIsRefusedNamingTheFieldAndNothingIsLogged) {
    ContactLog log = contactOf("C1");
    log.satisfaction = 9;
    auto r = run(cmd::LogContact{log});
    ASSERT_FALSE(r);
    expectWorded(r.error(), "satisfaction '9': expected 1 to 5", "满意度“9”超出范围，应为1至5");
    log = contactOf("NOPE");
    r = run(cmd::LogContact{log});
    ASSERT_FALSE(r);
    EXPECT_EQ(phrase::refusal(r.error(), Lang::Zh), "客户“NOPE”不存在");
    EXPECT_EQ(count("SELECT count(*) FROM contacts"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(WordedRefusals, ACorrectionToNoOutcomeNamesTheValueGiven) {
    auto logged = run(cmd::LogContact{contactOf("C1")});
    ASSERT_TRUE(logged) << logged.error().toString();
    auto r = run(cmd::CorrectContact{logged->contact->contact_id, std::nullopt, Outcome::Unknown});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().value, "0");
    expectWorded(r.error(),
                 "outcome '0': expected reached, no answer, callback, complaint or refused",
                 "结果不接受“0”，应为接通、未接通、回电、投诉或拒绝");
}

TEST_F(WordedRefusals, APlanItemDoneAlreadyIsNeitherMovedNorSkipped) {
    const std::int64_t done = task(1); // TaskStatus::Done
    auto moved = run(cmd::ReschedulePlanItem{done, bdtest::PlanBook::asOf().addDays(3)});
    ASSERT_FALSE(moved);
    const std::string id = std::to_string(done);
    expectWorded(moved.error(), "plan item " + id + " is done or skipped already",
                 "计划事项" + id + "已完成或已跳过");
    const std::int64_t open = task(0);
    auto skipped = run(cmd::SkipPlanItem{open, ""});
    ASSERT_FALSE(skipped);
    expectWorded(skipped.error(), "reason: a value is required", "原因为必填项");
    EXPECT_EQ(count("SELECT count(*) FROM follow_up_tasks WHERE status = 0"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(WordedRefusals, ASurveyTemplateAndItsAnswersAreRefusedByQuestion) {
    SurveyDraft draft;
    draft.name = "回访";
    draft.items = {"服务满意吗", " "};
    auto s = checkSurveyDraft(draft);
    ASSERT_FALSE(s);
    expectWorded(s.error(), "question 2: a value is required", "第2题为必填项");
    draft.name = "";
    s = checkSurveyDraft(draft);
    ASSERT_FALSE(s);
    expectWorded(s.error(), "survey name: a value is required", "问卷名称为必填项");

    storage::SurveyTemplateRow t;
    t.id = 3;
    t.items.resize(2);
    SurveyResponse answer;
    answer.item_scores = {5};
    answer.recommend = 9;
    s = checkSurveyResponse(answer, t);
    ASSERT_FALSE(s);
    expectWorded(s.error(), "survey 3 has 2 questions, 1 scores given",
                 "问卷3有2道题，给出了1个评分");
    answer.item_scores = {5, 7};
    s = checkSurveyResponse(answer, t);
    ASSERT_FALSE(s);
    expectWorded(s.error(), "question 2 '7': expected 1 to 5", "第2题“7”超出范围，应为1至5");
    answer.item_scores = {5, 4};
    answer.recommend = 11;
    s = checkSurveyResponse(answer, t);
    ASSERT_FALSE(s);
    expectWorded(s.error(), "recommendation score '11': expected 0 to 10",
                 "推荐意愿评分“11”超出范围，应为0至10");
}

TEST_F(WordedRefusals, AMergedClientsIdOpensTheKeptClientAndItsAuditListsBoth) {
    ASSERT_TRUE(run(cmd::AddNote{"C2", "prefers mornings", std::nullopt}));
    ASSERT_TRUE(run(cmd::AddNote{"C1", "golf on Sundays", std::nullopt}));
    ASSERT_TRUE(run(cmd::MergeClients{"C1", "C2"}));
    auto store = sqliteRecordStore(book.db());
    auto found = lookupClient(*store, "C2");
    ASSERT_TRUE(found) << found.error().toString();
    EXPECT_EQ(found->record.client.client_id, "C1");
    EXPECT_EQ(found->merged_from, std::optional<std::string>("C2"));
    EXPECT_EQ(phrase::mergedInto("C2", "C1", Lang::Zh), "客户C2已合并到C1，显示C1");
    auto own = lookupClient(*store, "C1");
    ASSERT_TRUE(own);
    EXPECT_FALSE(own->merged_from);
    EXPECT_TRUE(own->absorbed_refs.empty());
    // The audit of the merged id: C2's note, C1's note and the merge, newest first.
    auto rows = clientAudit(*store, *found, {});
    ASSERT_TRUE(rows) << rows.error().toString();
    std::set<std::string> kinds;
    std::set<std::int64_t> clients;
    for (const auto& a : *rows) {
        kinds.insert(a.kind);
        if (a.client_ref) clients.insert(*a.client_ref);
    }
    EXPECT_TRUE(kinds.count("note.add"));
    EXPECT_TRUE(kinds.count("client.merge"));
    EXPECT_EQ(clients, (std::set<std::int64_t>{book.ref("C1"), book.ref("C2")}));
    for (std::size_t i = 1; i < rows->size(); ++i) EXPECT_GT((*rows)[i - 1].id, (*rows)[i].id);
    storage::AuditFilter two;
    two.limit = 2;
    auto limited = clientAudit(*store, *found, two);
    ASSERT_TRUE(limited);
    EXPECT_EQ(limited->size(), 2u);
    auto unknown = lookupClient(*store, "C9");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(phrase::refusal(unknown.error(), Lang::En), "unknown client 'C9'");
}
