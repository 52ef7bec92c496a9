// Settings and calendar corrections as commands: every setting of the catalogue refuses a value
// outside its range naming the range and changing nothing; an accepted change is stored, read by
// the engine, audited with before/after, announced, and undone exactly.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>

#include "phrasebook/phrasebook.h"
#include "services/booksettings.h"
#include "services/commands/command.h"
#include "services/deadlinesettings.h"
#include "services/plancalendar.h"
#include "services/portfoliosettings.h"
#include "services/valueparams.h"
#include "storage/book/planstore.h"
#include "storage/book/settings.h"
#include "support/planbook.h"

using namespace bd;
using namespace bd::services;
namespace cmd = bd::services::cmd;

namespace {

class SettingsCommand : public ::testing::Test {
  protected:
    Result<cmd::Applied> run(cmd::CommandArgs args) {
        return cmd::execute(book.db(), cmd::Command{"tester", std::move(args)});
    }
    Result<cmd::Applied> set(const std::string& key, std::optional<std::string> value) {
        return run(cmd::SaveSettings{{{key, std::move(value)}}});
    }
    std::int64_t count(const std::string& sql) { return *storage::queryInt(book.db(), sql); }
    std::vector<SettingValue> all() {
        auto v = loadBookSettings(book.db());
        EXPECT_TRUE(v) << v.error().toString();
        return v ? *v : std::vector<SettingValue>{};
    }

    bdtest::PlanBook book;
};

/// A value just outside the spec's range (or not one of its words).
std::string outside(const SettingSpec& s) {
    if (s.type == SettingType::Choice) return "lifo";
    return fmt::format("{}", s.max + (s.type == SettingType::Integer ? 1 : 0.5));
}

/// A value inside the range that differs from the default where the range allows.
std::string inside(const SettingSpec& s) {
    if (s.type == SettingType::Choice) return s.choices.back();
    if (s.type == SettingType::Integer) return fmt::format("{}", s.max);
    return fmt::format("{}", s.min + (s.max - s.min) / 4);
}

} // namespace

TEST_F(SettingsCommand, TheCatalogueHoldsEverySettingTheEngineReads) {
    for (const char* key :
         {"value.vip_percent", "value.handling_rate", "value.channel_cost.visit",
          "segments.kotler.many_share", "plan.service_desk_capacity",
          "plan.low_value_slipping_share", "plan.channel_limit.visit",
          "plan.deadline.asset_outflow", "plan.deadline.complaint", "portfolio.risk.top1_share",
          "portfolio.cost_method", "portfolio.suitability.growth_board_min_level",
          "risk_assessment.validity_months"})
        EXPECT_NE(settingSpec(key), nullptr) << key;
    const SettingSpec* months = settingSpec(kAssessmentValidityKey);
    ASSERT_NE(months, nullptr);
    EXPECT_EQ(months->type, SettingType::Integer);
    EXPECT_EQ(months->min, 1);
    EXPECT_EQ(months->max, 120);
    EXPECT_EQ(months->default_value, "24");
}

TEST_F(SettingsCommand, EverySettingRefusesAValueOutsideItsRangeNamingTheRangeAndChangesNothing) {
    const auto before = all();
    for (const SettingSpec& s : settingSpecs()) {
        auto r = set(s.key, outside(s));
        ASSERT_FALSE(r) << s.key;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput) << s.key;
        EXPECT_EQ(r.error().column_name, s.key);
        // Worded by the phrasebook: the setting's name and its range, never its key.
        ASSERT_TRUE(r.error().refusal) << s.key;
        const RefusalFact& f = r.error().refusal->fact;
        EXPECT_EQ(f.kind,
                  s.type == SettingType::Choice ? RefusalKind::NotOneOf : RefusalKind::SettingRange)
            << s.key;
        for (auto l : {phrase::Lang::En, phrase::Lang::Zh}) {
            const std::string words = phrase::refusal(r.error(), l);
            EXPECT_NE(words.find(phrase::settingName(s.key, l)), std::string::npos)
                << s.key << ": " << words;
            EXPECT_EQ(words.find(s.key), std::string::npos) << s.key << ": " << words;
        }
        if (s.type != SettingType::Choice) {
            EXPECT_EQ(f.valueOf(Arg::Low), s.min) << s.key;
            EXPECT_EQ(f.valueOf(Arg::High), s.max) << s.key;
            EXPECT_EQ(f.countOf(Arg::Bounds),
                      (s.min_open ? kLowOpen : 0) | (s.max_open ? kHighOpen : 0))
                << s.key;
        }
        auto text = set(s.key, "abc");
        ASSERT_FALSE(text) << s.key;
        EXPECT_TRUE(text.error().refusal) << s.key;
    }
    EXPECT_EQ(all(), before);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(SettingsCommand, EverySettingTakesAValueInsideItsRangeAndItsUndoRestoresIt) {
    for (const SettingSpec& s : settingSpecs()) {
        if (s.key == "segments.kotler.few_share" || s.key == "segments.kotler.low_margin_ratio")
            continue; // a quarter of their range breaks the Kotler order (tested below)
        const auto before = all();
        auto r = set(s.key, inside(s));
        ASSERT_TRUE(r) << s.key << ": " << r.error().toString();
        if (r->operation == 0) continue; // the default already
        auto now = readBookSetting(book.db(), s);
        ASSERT_TRUE(now);
        EXPECT_EQ(*now, *checkSetting(s, inside(s))) << s.key;
        ASSERT_TRUE(r->inverse) << s.key;
        auto undone = cmd::execute(book.db(), *r->inverse);
        ASSERT_TRUE(undone) << s.key << ": " << undone.error().toString();
        EXPECT_EQ(all(), before) << s.key;
    }
}

TEST_F(SettingsCommand, AChangeIsAuditedWithBeforeAndAfterAndReachesTheEngine) {
    auto r = run(cmd::SaveSettings{{{"value.vip_percent", "8"},
                                    {"portfolio.cost_method", "fifo"},
                                    {"plan.deadline.complaint", "2"}}});
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(r->rows, 3);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE kind = 'settings.edit' AND entity = "
                    "'setting' AND entity_id = 'value.vip_percent' AND before IS NULL AND after = "
                    "'{\"value\": \"8\"}' AND actor = 'tester'"),
              1);
    auto params = loadValueModelParams(book.db());
    ASSERT_TRUE(params);
    EXPECT_EQ(params->vip_percent, 8.0);
    auto portfolio = loadPortfolioOptions(book.db());
    ASSERT_TRUE(portfolio);
    EXPECT_EQ(portfolio->cost_method, analytics::CostMethod::Fifo);
    auto days = loadTriggerDeadlines(book.db());
    ASSERT_TRUE(days);
    EXPECT_EQ((*days)[static_cast<std::size_t>(ReasonKind::Complaint)], 2);
    // Announced by kind: the VIP and Value pages, the client pane, the plan.
    using Kind = SettingsChange::Kind;
    std::vector<Kind> kinds;
    for (const auto& c : r->changes) kinds.push_back(std::get<SettingsChange>(c).kind);
    EXPECT_EQ(kinds, (std::vector<Kind>{Kind::PortfolioOptions, Kind::ValueModel, Kind::Planning}));

    // The second change has the first as its "before".
    auto again = set("value.vip_percent", "10");
    ASSERT_TRUE(again);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_id = 'value.vip_percent' AND "
                    "before = '{\"value\": \"8\"}' AND after = '{\"value\": \"10\"}'"),
              1);
    auto same = set("value.vip_percent", "10");
    ASSERT_TRUE(same);
    EXPECT_EQ(same->operation, 0) << "nothing changed, nothing recorded";
}

TEST_F(SettingsCommand, UndoPutsBackEveryValueOfTheOperationAndAnnouncesIt) {
    ASSERT_TRUE(set("value.vip_percent", "8"));
    auto r =
        run(cmd::SaveSettings{{{"value.vip_percent", "12"}, {"plan.channel_limit.visit", "5"}}});
    ASSERT_TRUE(r);
    auto undo = cmd::execute(book.db(), *r->inverse);
    ASSERT_TRUE(undo) << undo.error().toString();
    EXPECT_EQ(*storage::getSetting(book.db(), "value.vip_percent"),
              std::optional<std::string>("8"));
    auto limits = storage::loadChannelLimits(book.db());
    ASSERT_TRUE(limits);
    EXPECT_EQ(*limits, (std::vector<std::pair<int, int>>{{5, 3}, {6, 1}})) << "the schema's rows";
    ASSERT_FALSE(undo->changes.empty());
    EXPECT_TRUE(std::holds_alternative<SettingsChange>(undo->changes.front()));
    auto twice = cmd::execute(book.db(), *r->inverse);
    EXPECT_FALSE(twice) << "an operation is undone once";
}

TEST_F(SettingsCommand, ResettingPutsTheDefaultBackAndAChannelLimitCanBeLifted) {
    ASSERT_TRUE(set("value.vip_percent", "8"));
    ASSERT_TRUE(set("value.vip_percent", std::nullopt));
    EXPECT_EQ(*storage::getSetting(book.db(), "value.vip_percent"), std::nullopt);
    ASSERT_TRUE(set("plan.channel_limit.seminar", std::nullopt));
    auto limits = storage::loadChannelLimits(book.db());
    ASSERT_TRUE(limits);
    EXPECT_EQ(*limits, (std::vector<std::pair<int, int>>{{5, 3}}));
}

TEST_F(SettingsCommand, RulesAcrossSettingsAreCheckedAndRefuseTheWholeCommand) {
    // Kotler: few_share must stay below many_share.
    auto r =
        run(cmd::SaveSettings{{{"value.vip_percent", "9"}, {"segments.kotler.few_share", "0.5"}}});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(*storage::getSetting(book.db(), "value.vip_percent"), std::nullopt)
        << "all or nothing";
    ASSERT_TRUE(r.error().refusal);
    EXPECT_EQ(phrase::refusal(r.error(), phrase::Lang::En),
              "share of a segment of few clients must be less than share of a segment of many "
              "clients");
    EXPECT_EQ(phrase::refusal(r.error(), phrase::Lang::Zh),
              "客户少的客户群占比上限须小于客户多的客户群占比下限");
    auto weights =
        run(cmd::SaveSettings{{{"value.weight_profit", "0"}, {"value.weight_clv", "0"}}});
    ASSERT_FALSE(weights);
    EXPECT_EQ(phrase::refusal(weights.error(), phrase::Lang::Zh),
              "价值评分中已实现利润的权重与价值评分中预期价值的权重不能同时为0");
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
    auto unknown = set("value.nonsense", "1");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().column_name, "value.nonsense");
}

TEST_F(SettingsCommand, TheAssessmentValidityIsSettableAndRead) {
    auto months = loadAssessmentValidityMonths(book.db());
    ASSERT_TRUE(months);
    EXPECT_EQ(*months, 24);
    auto zero = set(std::string(kAssessmentValidityKey), "0");
    ASSERT_FALSE(zero);
    EXPECT_EQ(zero.error().message,
              "risk assessment validity (months) '0': expected a whole number from 1 to 120");
    EXPECT_EQ(phrase::refusal(zero.error(), phrase::Lang::Zh),
              "风险测评有效期（月）“0”超出范围：须为1至120之间的整数");
    EXPECT_FALSE(set(std::string(kAssessmentValidityKey), "12.5"));
    ASSERT_TRUE(set(std::string(kAssessmentValidityKey), "36"));
    months = loadAssessmentValidityMonths(book.db());
    ASSERT_TRUE(months);
    EXPECT_EQ(*months, 36);
}

TEST_F(SettingsCommand, ACalendarCorrectionIsAuditedChangesWorkingDaysAndIsUndone) {
    const Date tuesday = Date::fromYmd(2026, 3, 10); // an ordinary trading day
    auto before = loadBookCalendar(book.db());
    ASSERT_TRUE(before);
    ASSERT_TRUE(before->isTradingDay(tuesday));
    auto r = run(cmd::CorrectCalendar{
        {{tuesday, CalendarDayKind::MarketClosed, "exchange system upgrade"}}, "user"});
    ASSERT_TRUE(r) << r.error().toString();
    auto cal = loadBookCalendar(book.db());
    ASSERT_TRUE(cal);
    EXPECT_FALSE(cal->isTradingDay(tuesday));
    EXPECT_TRUE(cal->isWorkingDay(tuesday));
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE kind = 'calendar.correct' AND entity "
                    "= 'calendar_day' AND entity_id = '2026-03-10' AND before IS NULL"),
              1);
    ASSERT_EQ(r->changes.size(), 1u);
    EXPECT_EQ(std::get<SettingsChange>(r->changes[0]).kind, SettingsChange::Kind::Calendar);
    ASSERT_TRUE(cmd::execute(book.db(), *r->inverse));
    cal = loadBookCalendar(book.db());
    ASSERT_TRUE(cal);
    EXPECT_TRUE(cal->isTradingDay(tuesday));
    EXPECT_EQ(count("SELECT count(*) FROM calendar_days"), 0);
}

TEST_F(SettingsCommand, BadCalendarCorrectionsAreRefusedAndChangeNothing) {
    const Date tuesday = Date::fromYmd(2026, 3, 10), saturday = Date::fromYmd(2026, 3, 14);
    EXPECT_FALSE(run(cmd::CorrectCalendar{{{tuesday, CalendarDayKind::Holiday, ""}}, "user"}))
        << "a person's correction needs a reason";
    EXPECT_FALSE(
        run(cmd::CorrectCalendar{{{tuesday, CalendarDayKind::AdjustedWorkday, "swap"}}, "user"}))
        << "an adjusted workday is a weekend day";
    EXPECT_FALSE(
        run(cmd::CorrectCalendar{{{saturday, CalendarDayKind::AdjustedWorkday, "swap"},
                                  {saturday.addDays(1), CalendarDayKind::MarketClosed, "closed"}},
                                 "user"}))
        << "a market closure is a weekday; all or nothing";
    EXPECT_EQ(count("SELECT count(*) FROM calendar_days"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
    ASSERT_TRUE(run(cmd::CorrectCalendar{
        {{saturday, CalendarDayKind::AdjustedWorkday, "worked in lieu"}}, "user"}));
    auto cal = loadBookCalendar(book.db());
    ASSERT_TRUE(cal);
    EXPECT_TRUE(cal->isWorkingDay(saturday));
    EXPECT_FALSE(cal->isTradingDay(saturday));
}

TEST_F(SettingsCommand, ABrokersCapacityIsASettingAuditedAndUndone) {
    auto r = set("plan.broker_capacity.B1", "12");
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(count("SELECT daily_capacity FROM brokers WHERE broker_id = 'B1'"), 12);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_id = "
                    "'plan.broker_capacity.B1' AND before IS NULL AND after = '{\"value\": "
                    "\"12\"}'"),
              1);
    auto capacities = loadBrokerCapacities(book.db());
    ASSERT_TRUE(capacities);
    ASSERT_EQ(capacities->size(), 3u);
    EXPECT_EQ((*capacities)[0], (SettingValue{"plan.broker_capacity.B1", "12"}));
    EXPECT_EQ((*capacities)[1].value, std::nullopt) << "0: the plan's default";
    auto tooMany = set("plan.broker_capacity.B1", "501");
    ASSERT_FALSE(tooMany);
    EXPECT_NE(tooMany.error().message.find("a whole number from 0 to 500"), std::string::npos);
    auto nobody = set("plan.broker_capacity.B9", "5");
    ASSERT_FALSE(nobody);
    EXPECT_EQ(nobody.error().code, ErrorCode::InvalidInput);
    ASSERT_TRUE(cmd::execute(book.db(), *r->inverse));
    EXPECT_EQ(count("SELECT daily_capacity FROM brokers WHERE broker_id = 'B1'"), 0);
}

TEST_F(SettingsCommand, AVipShareOutOfRangeIsRefusedInBothLanguagesNamingTheOpenBound) {
    auto r = set("value.vip_percent", "0");
    ASSERT_FALSE(r);
    EXPECT_EQ(phrase::refusal(r.error(), phrase::Lang::En),
              "VIP share of clients '0': expected greater than 0% and at most 100%");
    EXPECT_EQ(phrase::refusal(r.error(), phrase::Lang::Zh),
              "VIP比例“0”超出范围：须在0%与100%之间（不含0%）");
    auto cost = set("value.channel_cost.visit", "-5");
    ASSERT_FALSE(cost);
    EXPECT_EQ(phrase::refusal(cost.error(), phrase::Lang::Zh),
              "每次拜访联系的成本“-5”超出范围：须在0元与1,000,000元之间");
    auto method = set("portfolio.cost_method", "lifo");
    ASSERT_FALSE(method);
    EXPECT_EQ(phrase::refusal(method.error(), phrase::Lang::En),
              "cost method 'lifo': expected average cost or first in, first out");
    EXPECT_EQ(*storage::getSetting(book.db(), "value.vip_percent"), std::nullopt);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(SettingsCommand, AStoredValueOutsideItsRangeIsRefusedWhenTheEngineReadsIt) {
    // A book written before a range was tightened: the engine's read names the setting.
    ASSERT_TRUE(storage::setSetting(book.db(), "portfolio.risk.top1_share", "1.5"));
    auto o = loadPortfolioOptions(book.db());
    ASSERT_FALSE(o);
    EXPECT_EQ(phrase::refusal(o.error(), phrase::Lang::Zh),
              "第一大持仓占比预警线“1.5”超出范围：须在0与1之间");
    ASSERT_TRUE(storage::setSetting(book.db(), "plan.deadline.complaint", "99"));
    auto d = loadTriggerDeadlines(book.db());
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().refusal->fact.kind, RefusalKind::SettingRange);
    EXPECT_EQ(d.error().column_name, "plan.deadline.complaint");
}

TEST_F(SettingsCommand, AnUnknownCalendarDayKindNamesTheKindOfDay) {
    const Date tuesday = Date::fromYmd(2026, 3, 10);
    auto r = run(cmd::CorrectCalendar{{{tuesday, CalendarDayKind::Unknown, "x"}}, "user"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().column_name, "day_kind");
    EXPECT_EQ(phrase::refusal(r.error(), phrase::Lang::En),
              "kind of day '2026-03-10': expected holiday, adjusted workday or market closed");
    EXPECT_EQ(phrase::refusal(r.error(), phrase::Lang::Zh),
              "日期类型不接受“2026-03-10”，应为节假日、调休工作日或休市");
}
