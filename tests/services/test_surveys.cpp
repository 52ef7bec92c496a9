// Satisfaction surveys and return visits: NPS known answers, a campaign's calls in the right
// queue with their deadline, answering one takes it off the plan, and the refusals.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "analytics/survey.h"
#include "services/commands/command.h"
#include "services/contactlog.h"
#include "services/kpi.h"
#include "services/planitems.h"
#include "services/planrebuild.h"
#include "services/surveys.h"
#include "storage/schema/tradelayout.h"
#include "support/planbook.h"

namespace {

using bd::Date;
using bd::services::cmd::Command;
using bd::services::cmd::execute;
using bdtest::PlanBook;
namespace cmd = bd::services::cmd;

/// A buy of `code` on `d` at 10:00.
void buy(PlanBook& book, const std::string& id, Date d, const std::string& code) {
    const std::int64_t secs = bd::DateTime::fromParts(d, 10, 0, 0).secs;
    auto st = book.db().prepare(
        "INSERT INTO trades(trade_id, client_ref, trade_time, trade_month, security_code, side, "
        "quantity, price, amount, commission, fees) VALUES (?1, ?2, ?3, ?4, ?5, 1, 100, 100000, "
        "10000000, 50000, 0)");
    ASSERT_TRUE(st);
    st->bindAll("T" + id + code, book.ref(id), secs, bd::storage::tradeMonthOf(secs), code);
    ASSERT_TRUE(st->run());
}

cmd::LaunchCampaign launch(std::int64_t survey, bd::services::Audience a, int days = 5) {
    cmd::LaunchCampaign c;
    c.name = "test";
    c.template_id = survey;
    c.audience = a;
    c.launch = PlanBook::asOf();
    c.deadline_working_days = days;
    return c;
}

bd::services::PlanOptions optionsAt(Date d) {
    bd::services::PlanOptions o;
    o.as_of = d;
    return o;
}

std::map<std::string, bd::services::PlanItem> planOf(PlanBook& book, const std::string& queue) {
    auto items = bd::services::loadBrokerPlan(book.db(), queue, PlanBook::asOf(),
                                              Date::fromYmd(2026, 12, 31));
    EXPECT_TRUE(items) << items.error().toString();
    std::map<std::string, bd::services::PlanItem> m;
    if (items)
        for (const auto& it : *items) m.emplace(it.client_id, it);
    return m;
}

bool hasSurvey(const bd::services::PlanItem& it) {
    return std::find(it.trigger_kinds.begin(), it.trigger_kinds.end(), "survey_due") !=
           it.trigger_kinds.end();
}

} // namespace

TEST(Surveys, NpsIsPromotersMinusDetractorsInPercentOfAnswers) {
    bd::analytics::SurveyTally t;
    // 10 answers: 5 promoters (9, 10), 3 passives (7, 8), 2 detractors (0, 6): NPS = 50 - 20.
    for (int s : {9, 10, 10, 9, 9, 7, 8, 8, 0, 6}) t.addRecommend(s);
    EXPECT_EQ(t.promoters, 5);
    EXPECT_EQ(t.passives, 3);
    EXPECT_EQ(t.detractors, 2);
    ASSERT_TRUE(t.nps());
    EXPECT_DOUBLE_EQ(*t.nps(), 30.0);
    t.addRecommend(11); // out of range: not counted
    EXPECT_EQ(t.recommendAnswers(), 10);
    EXPECT_FALSE(bd::analytics::SurveyTally{}.nps()); // no answers: no number
    bd::analytics::SurveyTally all;
    for (int s : {0, 1, 2}) all.addRecommend(s);
    EXPECT_DOUBLE_EQ(*all.nps(), -100.0);
    EXPECT_EQ(bd::loyaltyOf(6), bd::LoyaltyClass::Detractor);
    EXPECT_EQ(bd::loyaltyOf(7), bd::LoyaltyClass::Passive);
    EXPECT_EQ(bd::loyaltyOf(9), bd::LoyaltyClass::Promoter);
}

TEST(Surveys, TheBookComesWithTheTwoStandardTemplatesStoredByKind) {
    PlanBook book;
    auto t = bd::services::listSurveyTemplates(book.db());
    ASSERT_TRUE(t) << t.error().toString();
    ASSERT_EQ(t->size(), 2u);
    EXPECT_EQ((*t)[0].standard, static_cast<int>(bd::StandardSurvey::ServiceSatisfaction));
    EXPECT_EQ((*t)[1].standard, static_cast<int>(bd::StandardSurvey::ComplianceReturnVisit));
    EXPECT_EQ((*t)[0].items.size(), 4u);
    EXPECT_EQ((*t)[1].items.size(), 3u);
    for (const auto& i : (*t)[1].items) {
        EXPECT_TRUE(i.text.empty()); // a kind, never a sentence
        EXPECT_NE(i.standard_item, 0);
    }
}

TEST(Surveys, LaunchPutsOneCallPerClientInItsBrokersOrTheServiceDesksPlanByTheDeadline) {
    PlanBook book;
    book.client("MINE");
    book.contact("MINE", 2); // contacted: no cadence call, only the survey
    book.client("DESK");
    book.contact("DESK", 2);
    book.segmentOf("DESK", 1, 1); // reactive: the service desk serves it
    book.client("OTHER", "B2");
    book.contact("OTHER", 2);
    book.segmentOf("OTHER", 2, 3);
    // Segment 0 is MINE's only; segment 1 DESK's.
    auto applied = execute(book.db(), {"mgr", launch(1, {bd::AudienceKind::Segment, 0})});
    ASSERT_TRUE(applied) << applied.error().toString();
    EXPECT_EQ(applied->survey_calls, 1);
    auto desk = execute(book.db(), {"mgr", launch(1, {bd::AudienceKind::Segment, 1})});
    ASSERT_TRUE(desk) << desk.error().toString();
    EXPECT_EQ(desk->desk_calls, 1);

    auto calls = bd::storage::loadSurveyCalls(book.db(), applied->campaign_id);
    ASSERT_TRUE(calls);
    ASSERT_EQ(calls->size(), 1u);
    EXPECT_EQ((*calls)[0].queue, "B1");
    // Launched Friday 2026-11-20: working day 1 is that day, the 5th is Thursday 26th.
    EXPECT_EQ((*calls)[0].due_date, Date::fromYmd(2026, 11, 26));
    auto deskCalls = bd::storage::loadSurveyCalls(book.db(), desk->campaign_id);
    ASSERT_TRUE(deskCalls);
    EXPECT_EQ((*deskCalls)[0].queue, std::string(bd::kServiceDeskQueue));

    ASSERT_TRUE(bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf())));
    auto b1 = planOf(book, "B1");
    ASSERT_TRUE(b1.contains("MINE"));
    EXPECT_TRUE(hasSurvey(b1.at("MINE")));
    ASSERT_TRUE(b1.at("MINE").due);
    EXPECT_LE(*b1.at("MINE").due, Date::fromYmd(2026, 11, 26));
    EXPECT_FALSE(b1.contains("DESK"));
    auto deskPlan = planOf(book, std::string(bd::kServiceDeskQueue));
    ASSERT_TRUE(deskPlan.contains("DESK"));
    EXPECT_TRUE(hasSurvey(deskPlan.at("DESK")));
    EXPECT_FALSE(planOf(book, "B2").contains("OTHER")); // not in either audience
    // The audit trail holds the launch.
    auto count = bd::storage::queryInt(
        book.db(), "SELECT count(*) FROM audit_log WHERE kind = 'survey.launch'");
    ASSERT_TRUE(count);
    EXPECT_EQ(*count, 2);
}

TEST(Surveys, AnsweringTheSurveyInTheContactTakesTheCallOffThePlanAndCountsInTheResults) {
    PlanBook book;
    book.client("MINE");
    book.contact("MINE", 2);
    auto applied = execute(book.db(), {"mgr", launch(1, {bd::AudienceKind::Segment, 0})});
    ASSERT_TRUE(applied) << applied.error().toString();
    ASSERT_TRUE(bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf())));
    ASSERT_TRUE(planOf(book, "B1").contains("MINE"));

    auto open = bd::services::openSurveyFor(book.db(), book.ref("MINE"));
    ASSERT_TRUE(open && *open);
    EXPECT_EQ((*open)->call.campaign_id, applied->campaign_id);
    EXPECT_EQ((*open)->survey.items.size(), 4u);

    bd::services::ContactLog log;
    log.client_id = "MINE";
    log.at = bd::DateTime::fromParts(PlanBook::asOf(), 11, 0, 0);
    log.survey = bd::services::SurveyResponse{applied->campaign_id, {5, 4, 4, 3}, 9};
    auto logged = execute(book.db(), {"b1", cmd::LogContact{log}});
    ASSERT_TRUE(logged) << logged.error().toString();
    ASSERT_TRUE(logged->contact->survey_campaign);
    ASSERT_TRUE(logged->contact->completed_task); // the survey call itself

    // Answered: no open call, and the next plan has no survey call for the client.
    auto after = bd::services::openSurveyFor(book.db(), book.ref("MINE"));
    ASSERT_TRUE(after);
    EXPECT_FALSE(*after);
    ASSERT_TRUE(bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf().addDays(3))));
    EXPECT_FALSE(planOf(book, "B1").contains("MINE"));
    // The contact took the mean item score as its satisfaction: (5+4+4+3)/4 = 4.
    auto sat = bd::storage::queryInt(book.db(), "SELECT satisfaction FROM contacts WHERE id = " +
                                                    std::to_string(logged->contact->contact_id));
    EXPECT_EQ(*sat, 4);

    auto r = bd::services::surveyResults(book.db(), applied->campaign_id);
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(r->total.promoters, 1);
    EXPECT_EQ(r->total.respondents, 1);
    EXPECT_DOUBLE_EQ(*r->total.nps(), 100.0);
    EXPECT_DOUBLE_EQ(*r->total.meanItemScore(), 4.0);
    ASSERT_EQ(r->by_broker.size(), 1u);
    EXPECT_EQ(r->by_broker[0].key, "B1");
    ASSERT_EQ(r->by_month.size(), 1u);
    EXPECT_EQ(r->by_month[0].key, "2026-11");
    ASSERT_EQ(r->by_segment.size(), 1u);
    auto loyalty = bd::services::clientLoyalty(book.db(), book.ref("MINE"));
    ASSERT_TRUE(loyalty);
    EXPECT_EQ(loyalty->loyalty, bd::LoyaltyClass::Promoter);
    EXPECT_EQ(loyalty->recommend, 9);

    // The KPI history counts the answer as the month's loyalty and its satisfaction.
    book.trade("MINE", PlanBook::asOf().addDays(-40)); // a history to start from
    bd::services::KpiUpdateOptions k;
    k.as_of = PlanBook::asOf();
    ASSERT_TRUE(bd::services::updateKpiHistory(book.db(), k));
    auto board = bd::services::loadKpiBoard(book.db(), bd::kpiMonthOf(PlanBook::asOf()));
    ASSERT_TRUE(board) << board.error().toString();
    ASSERT_TRUE(board->firm);
    EXPECT_EQ(board->firm->now.promoters, 1);
    EXPECT_EQ(board->firm->now.detractors, 0);
    EXPECT_DOUBLE_EQ(board->firm->now.nps(), 100.0);
    EXPECT_GE(board->firm->now.satisfaction_count, 1);

    // A second answer to the same call is refused: the call is no longer open.
    log.at = bd::DateTime::fromParts(PlanBook::asOf(), 15, 0, 0);
    auto again = execute(book.db(), {"b1", cmd::LogContact{log}});
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().message.find("no open survey call"), std::string::npos);
}

TEST(Surveys, ScoresOutOfRangeOrOfTheWrongCountAreRefusedAndNothingIsWritten) {
    PlanBook book;
    book.client("MINE");
    auto applied = execute(book.db(), {"mgr", launch(2, {bd::AudienceKind::Segment, 0})});
    ASSERT_TRUE(applied) << applied.error().toString();
    bd::services::ContactLog log;
    log.client_id = "MINE";
    log.at = bd::DateTime::fromParts(PlanBook::asOf(), 11, 0, 0);
    for (const auto& bad : {bd::services::SurveyResponse{applied->campaign_id, {5, 6, 4}, 9},
                            bd::services::SurveyResponse{applied->campaign_id, {5, 4}, 9},
                            bd::services::SurveyResponse{applied->campaign_id, {5, 4, 0}, 9},
                            bd::services::SurveyResponse{applied->campaign_id, {5, 4, 4}, 11}}) {
        log.survey = bad;
        auto r = execute(book.db(), {"b1", cmd::LogContact{log}});
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, bd::ErrorCode::InvalidInput) << r.error().message;
    }
    EXPECT_EQ(*bd::storage::queryInt(book.db(), "SELECT count(*) FROM contacts"), 0);
    EXPECT_EQ(*bd::storage::queryInt(book.db(), "SELECT count(*) FROM survey_answers"), 0);
}

TEST(Surveys, TemplatesNeedOneToFiveItemsWithText) {
    PlanBook book;
    auto none = execute(book.db(), {"mgr", cmd::CreateSurvey{{"Empty", {}}}});
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("number of questions '0': expected 1 to 5"),
              std::string::npos)
        << none.error().message;
    auto six =
        execute(book.db(), {"mgr", cmd::CreateSurvey{{"Six", {"a", "b", "c", "d", "e", "f"}}}});
    ASSERT_FALSE(six);
    EXPECT_EQ(six.error().code, bd::ErrorCode::InvalidInput);
    auto blank = execute(book.db(), {"mgr", cmd::CreateSurvey{{"Blank", {"a", " "}}}});
    ASSERT_FALSE(blank);
    EXPECT_NE(blank.error().message.find("question 2"), std::string::npos);
    auto ok = execute(book.db(), {"mgr", cmd::CreateSurvey{{"Visit", {"服务态度如何？", "x"}}}});
    ASSERT_TRUE(ok) << ok.error().toString();
    auto t = bd::storage::loadSurveyTemplate(book.db(), ok->survey_id);
    ASSERT_TRUE(t && *t);
    EXPECT_EQ((*t)->items[0].text, "服务态度如何？"); // stored as typed
}

TEST(Surveys, AnAudienceOfNobodyIsRefusedWithAClearStatementAndNothingLaunched) {
    PlanBook book;
    book.client("OLD"); // opened 2020, never complained, bought nothing risky
    book.client("SAFE");
    buy(book, "SAFE", PlanBook::asOf().addDays(-3), "600000.SH"); // R2
    for (const bd::services::Audience& a :
         {bd::services::Audience{bd::AudienceKind::Complainers, 30},
          bd::services::Audience{bd::AudienceKind::NewAccounts, 30},
          bd::services::Audience{bd::AudienceKind::HighRiskBuyers, 90},
          bd::services::Audience{bd::AudienceKind::Vips, 0}}) {
        auto r = execute(book.db(), {"mgr", launch(1, a)});
        ASSERT_FALSE(r) << bd::services::audienceKey(a);
        EXPECT_EQ(r.error().code, bd::ErrorCode::InvalidInput);
        EXPECT_NE(r.error().message.find("nobody to survey"), std::string::npos)
            << r.error().message;
    }
    auto unknown = execute(book.db(), {"mgr", launch(1, {bd::AudienceKind::Segment, 7})});
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("no segment 7"), std::string::npos);
    EXPECT_EQ(*bd::storage::queryInt(book.db(), "SELECT count(*) FROM survey_campaigns"), 0);
    EXPECT_EQ(*bd::storage::queryInt(book.db(), "SELECT count(*) FROM survey_calls"), 0);
}

TEST(Surveys, AudiencesFindComplainersNewAccountsAndBuyersOfHighRiskProducts) {
    PlanBook book;
    book.client("COMPLAINED");
    book.contact("COMPLAINED", 10, bd::Outcome::Complaint);
    PlanBook::ClientSpec fresh;
    fresh.id = "FRESH";
    fresh.open = PlanBook::asOf().addDays(-5);
    book.client(fresh);
    book.client("RISKY");
    buy(book, "RISKY", PlanBook::asOf().addDays(-3), "300750.SZ"); // R4
    PlanBook::ClientSpec vip;
    vip.id = "VIP";
    vip.vip = true;
    book.client(vip);
    const auto ids = [&](bd::services::Audience a) {
        auto m = bd::services::resolveAudience(book.db(), a, PlanBook::asOf());
        EXPECT_TRUE(m) << m.error().toString();
        std::set<std::string> out;
        if (m)
            for (const auto& x : *m) out.insert(x.client_id);
        return out;
    };
    EXPECT_EQ(ids({bd::AudienceKind::Complainers, 30}), std::set<std::string>{"COMPLAINED"});
    EXPECT_TRUE(ids({bd::AudienceKind::Complainers, 5}).empty());
    EXPECT_EQ(ids({bd::AudienceKind::NewAccounts, 30}), std::set<std::string>{"FRESH"});
    EXPECT_EQ(ids({bd::AudienceKind::HighRiskBuyers, 90}), std::set<std::string>{"RISKY"});
    EXPECT_EQ(ids({bd::AudienceKind::Vips, 0}), std::set<std::string>{"VIP"});
    auto parsed = bd::services::parseAudience("high-risk");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->arg, 90);
    EXPECT_FALSE(bd::services::parseAudience("everyone"));
    EXPECT_FALSE(bd::services::parseAudience("segment"));
}
