// Every fact kind and every name in both languages, with no raw identifier: no snake_case word
// (a key, a feature id, an internal variable such as p_alive) in either language, and no English
// in the Chinese words beyond the tokens people read as they are (CNY, VIP, risk levels, ids).
#include <gtest/gtest.h>

#include <cctype>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/facts.h"
#include "phrasebook/phrasebook.h"

using namespace bd;
using phrase::Lang;

namespace {

const Date kDay = Date::fromYmd(2026, 11, 20);

/// The first snake_case word of `text` ("" when none).
std::string rawIdentifier(const std::string& text) {
    static const std::regex snake(R"([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)");
    std::smatch m;
    return std::regex_search(text, m, snake) ? m.str() : std::string();
}

/// The first run of Latin letters in Chinese words that is not a token read as it is.
std::string englishIn(const std::string& zh, const std::set<std::string>& allowed = {}) {
    static const std::set<std::string> kTokens{"CNY", "VIP", "R", "C"}; // R1..R5, C1..C5
    static const std::regex letters(R"([A-Za-z]+)");
    for (auto it = std::sregex_iterator(zh.begin(), zh.end(), letters);
         it != std::sregex_iterator(); ++it)
        if (!kTokens.count(it->str()) && !allowed.count(it->str())) return it->str();
    return {};
}

void expectClean(const std::string& en, const std::string& zh, const std::string& what,
                 const std::set<std::string>& allowed = {}) {
    EXPECT_FALSE(en.empty()) << what;
    EXPECT_FALSE(zh.empty()) << what;
    EXPECT_EQ(rawIdentifier(en), "") << what << ": " << en;
    EXPECT_EQ(rawIdentifier(zh), "") << what << ": " << zh;
    EXPECT_EQ(englishIn(zh, allowed), "") << what << ": " << zh;
    EXPECT_NE(en, zh) << what;
}

/// The talking points a call can carry beyond its reasons, as the planner makes them.
std::vector<Reason> talkingPoints() {
    return {
        Reason(ReasonKind::LastContact)
            .date(Arg::Last, kDay.addDays(-12))
            .count(Arg::Ago, 12)
            .channel(Arg::Channel, ContactChannel::Wechat)
            .count(Arg::Outcome, static_cast<int>(Outcome::Reached))
            .count(Arg::Score, 4),
        Reason(ReasonKind::PromiseNote)
            .date(Arg::On, kDay.addDays(3))
            .text(Arg::Note, "寄送债券基金资料"),
        Reason(ReasonKind::WorstHolding)
            .text(Arg::Code, "300750")
            .text(Arg::Security, "宁德时代")
            .money(Arg::Loss, Money::fromYuan(12345))
            .value(Arg::Change, -0.32),
        Reason(ReasonKind::RiskMismatch)
            .text(Arg::Code, "300750")
            .text(Arg::Security, "宁德时代")
            .count(Arg::Level, 4)
            .count(Arg::ClientLevel, 2),
        Reason(ReasonKind::RecentTrades)
            .date(Arg::Last, kDay.addDays(-9))
            .count(Arg::Ago, 9)
            .count(Arg::TradeDays, 14),
        Reason(ReasonKind::Policy)
            .count(Arg::Relationship, static_cast<int>(RelationshipType::Reactive))
            .count(Arg::ServedBy, static_cast<int>(ServedBy::ServiceDesk))
            .count(Arg::Every, 120),
        Reason(ReasonKind::Policy)
            .count(Arg::Relationship, static_cast<int>(RelationshipType::Basic))
            .count(Arg::ServedBy, static_cast<int>(ServedBy::Automated))
            .count(Arg::Every, 0),
    };
}

/// One reason of each kind with every argument it can have, then variants with fewer.
std::vector<Reason> sampleReasons() {
    std::vector<Reason> out;
    out.push_back(Reason(ReasonKind::Cadence)
                      .count(Arg::Every, 30)
                      .date(Arg::Last, kDay.addDays(-93))
                      .count(Arg::Ago, 93)
                      .date(Arg::Due, kDay.addDays(-63))
                      .count(Arg::Overdue, 63));
    out.push_back(Reason(ReasonKind::Cadence)
                      .count(Arg::Every, 60)
                      .date(Arg::Opened, kDay.addDays(-400))
                      .date(Arg::Due, kDay));
    out.push_back(Reason(ReasonKind::AssetOutflow)
                      .value(Arg::Change, -0.45)
                      .money(Arg::From, Money::fromYuan(1000000))
                      .money(Arg::To, Money::fromYuan(550000))
                      .date(Arg::Since, kDay.addDays(-28))
                      .money(Arg::Outflow, Money::fromYuan(400000))
                      .value(Arg::OutflowShare, 0.4));
    out.push_back(Reason(ReasonKind::AssetOutflow)
                      .value(Arg::Change, -0.3)
                      .money(Arg::From, Money::fromYuan(100))
                      .money(Arg::To, Money::fromYuan(70))
                      .value(Arg::Market, 0.02)
                      .value(Arg::Withdrawn, 0.32));
    out.push_back(Reason(ReasonKind::AssetOutflow)
                      .value(Arg::Change, -0.3)
                      .money(Arg::From, Money::fromYuan(100))
                      .money(Arg::To, Money::fromYuan(70)));
    out.push_back(Reason(ReasonKind::SlippingAway)
                      .value(Arg::PAlive, 0.42)
                      .value(Arg::PAliveMin, 0.5)
                      .count(Arg::Idle, 75)
                      .count(Arg::TradeDays, 12));
    out.push_back(Reason(ReasonKind::SlippingAway).count(Arg::Idle, 75).count(Arg::TradeDays, 12));
    out.push_back(Reason(ReasonKind::LargeLoss)
                      .value(Arg::Drawdown, 0.3)
                      .money(Arg::Loss, Money::fromYuan(200000)));
    out.push_back(Reason(ReasonKind::LargeLoss).money(Arg::Loss, Money::fromYuan(200000)));
    out.push_back(Reason(ReasonKind::Birthday)
                      .date(Arg::On, kDay.addDays(4))
                      .count(Arg::Age, 50)
                      .count(Arg::InDays, 4));
    out.push_back(
        Reason(ReasonKind::Birthday).date(Arg::On, kDay).count(Arg::Age, 1).count(Arg::InDays, 0));
    out.push_back(Reason(ReasonKind::SuitabilityMismatch).count(Arg::Count, 1));
    out.push_back(Reason(ReasonKind::SuitabilityMismatch).count(Arg::Count, 3));
    out.push_back(Reason(ReasonKind::Complaint).date(Arg::On, kDay.addDays(-3)).count(Arg::Ago, 3));
    out.push_back(
        Reason(ReasonKind::LowSatisfaction).date(Arg::On, kDay.addDays(-3)).count(Arg::Score, 2));
    out.push_back(Reason(ReasonKind::PromisedFollowUp).date(Arg::On, kDay).count(Arg::MissedBy, 2));
    out.push_back(Reason(ReasonKind::Onboarding)
                      .date(Arg::Opened, kDay.addDays(-3))
                      .count(Arg::WorkingDay, 3)
                      .date(Arg::Target, kDay));
    out.push_back(Reason(ReasonKind::NoAnswer)
                      .date(Arg::On, kDay)
                      .count(Arg::Attempt, 2)
                      .channel(Arg::Channel, ContactChannel::Wechat));
    out.push_back(Reason(ReasonKind::NoAnswer).date(Arg::On, kDay).count(Arg::Attempt, 1));
    out.push_back(Reason(ReasonKind::CallbackAsked).date(Arg::On, kDay));
    out.push_back(Reason(ReasonKind::LastContact).date(Arg::Last, kDay).count(Arg::Ago, 9));
    for (const Reason& r : talkingPoints()) out.push_back(r);
    out.push_back(Reason(ReasonKind::SurveyDue)
                      .date(Arg::On, kDay)
                      .date(Arg::Due, kDay.addDays(6))
                      .count(Arg::Item, 1));
    // Every kind with no arguments (an old plan whose words could not be read back).
    for (int k = 0; k < kReasonKindCount; ++k) out.push_back(Reason(static_cast<ReasonKind>(k)));
    // Kinds added later go last: the tests above pick samples by position.
    out.push_back(
        Reason(ReasonKind::RiskAssessmentExpiring).date(Arg::On, kDay).count(Arg::InDays, 30));
    out.push_back(Reason(ReasonKind::RiskAssessmentExpired).date(Arg::On, kDay).count(Arg::Ago, 1));
    return out;
}

/// A missed outflow deadline, planned two working days late or not planned.
DropFact deadlineMissed(bool planned) {
    DropFact d(DropKind::DeadlineMissed);
    d.count(Arg::Kind, static_cast<int>(ReasonKind::AssetOutflow))
        .date(Arg::Due, kDay)
        .count(Arg::Count, 30)
        .count(Arg::Calls, 30)
        .text(Arg::Broker, "B07");
    if (planned) d.date(Arg::On, kDay.addDays(4)).count(Arg::MissedBy, 2);
    return d;
}

} // namespace

TEST(Phrasebook, EveryReasonKindInBothLanguagesWithoutRawIdentifiers) {
    std::set<ReasonKind> worded;
    for (const Reason& r : sampleReasons()) {
        const std::string what(factKey(r.kind));
        expectClean(phrase::reason(r, Lang::En), phrase::reason(r, Lang::Zh), "reason " + what);
        expectClean(phrase::point(r, Lang::En), phrase::point(r, Lang::Zh), "point " + what);
        EXPECT_EQ(phrase::reason(r, Lang::En).find("p_alive"), std::string::npos);
        if (!r.args.empty()) worded.insert(r.kind);
    }
    EXPECT_EQ(worded.size(), static_cast<std::size_t>(kReasonKindCount - 1)); // all but Unknown
}

TEST(Phrasebook, RiskAssessmentReasonsAndTheHouseholdFactInBothLanguages) {
    const Reason soon =
        Reason(ReasonKind::RiskAssessmentExpiring).date(Arg::On, kDay).count(Arg::InDays, 30);
    EXPECT_EQ(phrase::point(soon, Lang::En), "risk assessment expires in 30 days");
    EXPECT_EQ(phrase::point(soon, Lang::Zh), "风险测评30天后到期");
    const Reason gone =
        Reason(ReasonKind::RiskAssessmentExpired).date(Arg::On, kDay).count(Arg::Ago, 1);
    EXPECT_NE(phrase::reason(gone, Lang::En).find("risk assessment expired " + kDay.toString()),
              std::string::npos);
    EXPECT_NE(phrase::reason(gone, Lang::Zh).find("风险测评已于" + kDay.toString() + "过期"),
              std::string::npos);
    // Counted to 3 days later: expiring in 27 days; expired 3 days before.
    const Reason inThirty = Reason(ReasonKind::RiskAssessmentExpiring)
                                .date(Arg::On, kDay.addDays(30))
                                .count(Arg::InDays, 30);
    const auto later = phrase::countedTo({inThirty, gone}, kDay.addDays(3));
    EXPECT_EQ(later[0].countOf(Arg::InDays), 27);
    EXPECT_EQ(later[1].countOf(Arg::Ago), 3);
    EXPECT_EQ(phrase::householdFact(3, Money::fromYuan(1234568), Lang::En),
              "member of a household of 3 with combined AUM 1,234,568.00 CNY");
    EXPECT_EQ(phrase::householdFact(3, Money::fromYuan(1234568), Lang::Zh),
              "家庭成员（共3人），家庭合计资产1,234,568.00元");
    EXPECT_EQ(phrase::name(RelationKind::Spouse, Lang::Zh), "配偶");
    EXPECT_EQ(phrase::name(RelationKind::Child, Lang::En), "child");
}
TEST(Phrasebook, SurveyWordsInBothLanguages) {
    for (int k = 1; k < kStandardSurveyCount; ++k) {
        const auto v = static_cast<StandardSurvey>(k);
        expectClean(std::string(phrase::name(v, Lang::En)), std::string(phrase::name(v, Lang::Zh)),
                    "survey " + std::to_string(k));
    }
    for (int k = 1; k < kStandardItemCount; ++k) {
        const auto v = static_cast<StandardItem>(k);
        expectClean(std::string(phrase::surveyItem(v, Lang::En)),
                    std::string(phrase::surveyItem(v, Lang::Zh)), "item " + std::to_string(k));
    }
    for (int k = 1; k < kLoyaltyClassCount; ++k) {
        const auto v = static_cast<LoyaltyClass>(k);
        expectClean(std::string(phrase::name(v, Lang::En)), std::string(phrase::name(v, Lang::Zh)),
                    "loyalty " + std::to_string(k));
    }
    for (int k = 1; k < kAudienceKindCount; ++k)
        expectClean(phrase::audience(static_cast<AudienceKind>(k), 30, Lang::En),
                    phrase::audience(static_cast<AudienceKind>(k), 30, Lang::Zh),
                    "audience " + std::to_string(k), {"VIP", "R4"});
    expectClean(std::string(phrase::recommendQuestion(Lang::En)),
                std::string(phrase::recommendQuestion(Lang::Zh)), "recommend");
    EXPECT_EQ(phrase::nps(30.0, Lang::En), "+30");
    EXPECT_EQ(phrase::nps(-12.4, Lang::En), "\u221212");
    EXPECT_EQ(phrase::nps(std::nullopt, Lang::Zh), "无");
    EXPECT_EQ(phrase::reason(Reason(ReasonKind::SurveyDue)
                                 .date(Arg::On, kDay)
                                 .date(Arg::Due, kDay.addDays(6))
                                 .count(Arg::Item, 1),
                             Lang::En),
              "survey call (campaign launched 2026-11-20) due by 2026-11-26");
}

TEST(Phrasebook, ReasonsReadAsBeforeInEnglishAndChinese) {
    const auto rs = sampleReasons();
    EXPECT_EQ(phrase::reason(rs[0], Lang::En),
              "contact every 30 days: last contact 2026-08-19 (93 days ago), due 2026-09-18, 63 "
              "days overdue");
    EXPECT_EQ(
        phrase::reason(rs[0], Lang::Zh),
        "服务策略每30天联系一次：上次联系2026-08-19（93天前），应于2026-09-18联系，已逾期63天");
    EXPECT_EQ(phrase::point(rs[2], Lang::En),
              "AUM \u221245% since 2026-10-23, net outflow 400,000.00 CNY");
    EXPECT_EQ(phrase::point(rs[2], Lang::Zh),
              "总资产自2026-10-23以来\u221245%，净流出400,000.00元");
    EXPECT_EQ(phrase::reason(rs[2], Lang::Zh),
              "总资产自2026-10-23以来\u221245%（1,000,000.00元→550,000.00元；净流出400,000.00元（占"
              "总资产40%））");
    EXPECT_EQ(phrase::points({rs[5], rs[20]}, Lang::En),
              "activity probability 0.42 · no trade 75 days · last call 9 days ago");
    EXPECT_EQ(phrase::reason(rs[11], Lang::En),
              "suitability: 1 holding above the client's risk level");
    EXPECT_EQ(phrase::reason(rs[12], Lang::En),
              "suitability: 3 holdings above the client's risk level");
    EXPECT_EQ(phrase::reason(rs[17], Lang::En),
              "no answer on 2026-11-20 (attempt 2); 2 unanswered in a row, switching to WeChat");
    EXPECT_EQ(phrase::reason(rs[17], Lang::Zh),
              "2026-11-20未接通（第2次）；连续2次未接通，改用微信");
    EXPECT_EQ(phrase::reasons({rs[9], rs[13]}, Lang::Zh),
              "2026-11-24生日（50岁）；2026-11-17投诉（3天前）尚未回访");
}

TEST(Phrasebook, EveryDropKindAndReviewNoteInBothLanguages) {
    std::vector<DropFact> drops{
        DropFact(DropKind::Capacity)
            .count(Arg::Calls, 12)
            .text(Arg::Broker, "B07")
            .count(Arg::Days, 10)
            .value(Arg::Priority, 1.234)
            .channel(Arg::Channel, ContactChannel::Visit),
        DropFact(DropKind::AlreadyBooked).date(Arg::On, kDay).count(Arg::Every, 30),
        DropFact(DropKind::NotInHorizon).date(Arg::On, kDay).date(Arg::Due, kDay.addDays(-1)),
        DropFact(DropKind::Duplicate).count(Arg::Item, 4),
        deadlineMissed(true),
        deadlineMissed(false).channel(Arg::Channel, ContactChannel::Visit),
        DropFact(DropKind::SlippingShare)
            .value(Arg::Share, 0.25)
            .count(Arg::Calls, 75)
            .count(Arg::Days, 10)
            .text(Arg::Broker, "B07"),
    };
    EXPECT_EQ(phrase::drop(drops.back(), Lang::En),
              "low-value slipping-away calls take at most 25% of broker B07's capacity (75 calls "
              "in 10 working days): full");
    EXPECT_EQ(phrase::drop(drops.back(), Lang::Zh),
              "低价值客户的流失回访最多占客户经理B07容量的25%（10个工作日共75个），已排满");
    for (int k = 0; k < kDropKindCount; ++k) drops.push_back(DropFact(static_cast<DropKind>(k)));
    for (const auto& d : drops)
        expectClean(phrase::drop(d, Lang::En), phrase::drop(d, Lang::Zh),
                    "drop " + std::string(factKey(d.kind)), {"B"});

    for (int k = 0; k < kReviewNoteKindCount; ++k)
        for (int n : {1, 3}) {
            const ReviewNote note =
                ReviewNote(static_cast<ReviewNoteKind>(k)).count(Arg::Count, n).date(Arg::On, kDay);
            const std::string en = phrase::note(note, Lang::En);
            expectClean(en, phrase::note(note, Lang::Zh),
                        "note " + std::string(factKey(note.kind)));
            EXPECT_EQ(en.find("(s)"), std::string::npos) << en; // "3 sells", "1 sell"
        }
    EXPECT_EQ(phrase::note(ReviewNote(ReviewNoteKind::Oversold).count(Arg::Count, 3), Lang::Zh),
              "3笔卖出超过账内买入数量（可能在账簿起始前已建仓）；未匹配部分不计入已实现盈亏");
}

TEST(Phrasebook, SegmentNamesNeverShowAFeatureId) {
    const std::vector<std::string> features{"aum",
                                            "commission_12m",
                                            "profit_12m",
                                            "clv_12m",
                                            "trades_12m",
                                            "contacts_12m",
                                            "days_since_trade",
                                            "contact_gap_days",
                                            "tenure_days",
                                            "aum_trend",
                                            "satisfaction",
                                            "net_inflow_12m",
                                            "activity",
                                            "assets",
                                            "profitability",
                                            "growth",
                                            "inactivity",
                                            "tenure",
                                            "service",
                                            "risk",
                                            "diversification",
                                            "age",
                                            "some_future_feature"};
    for (int t = 0; t < kSegmentThemeCount; ++t) {
        SegmentName n;
        n.theme = static_cast<SegmentTheme>(t);
        expectClean(phrase::segmentName(n, Lang::En), phrase::segmentName(n, Lang::Zh),
                    "theme " + std::string(factKey(n.theme)));
        for (const auto& f : features)
            for (int dir : {1, -1}) {
                n.feature = f;
                n.direction = dir;
                expectClean(phrase::segmentName(n, Lang::En), phrase::segmentName(n, Lang::Zh),
                            "theme with " + f);
            }
        n.feature.clear();
        n.number = 2;
        expectClean(phrase::segmentName(n, Lang::En), phrase::segmentName(n, Lang::Zh), "number");
    }
    // Why a book is one segment: every reason, with its figures.
    for (int r = 1; r < kUnsegmentedCount; ++r) {
        const auto why = static_cast<Unsegmented>(r);
        EXPECT_EQ(parseUnsegmented(factKey(why)), why);
        expectClean(phrase::unsegmented(why, 12, 20, 0.41, 0.7, Lang::En),
                    phrase::unsegmented(why, 12, 20, 0.41, 0.7, Lang::Zh),
                    "unsegmented " + std::string(factKey(why)));
    }
    EXPECT_EQ(phrase::unsegmented(Unsegmented::No, 12, 20, 0, 0, Lang::En), "");
    EXPECT_EQ(parseUnsegmented("something_else"), Unsegmented::No);
    EXPECT_EQ(phrase::unsegmented(Unsegmented::TooFewClients, 12, 20, 0, 0, Lang::Zh),
              "客户仅 12 名，少于细分所需的 20 名，全部客户归为一个客群。");
    EXPECT_NE(phrase::unsegmented(Unsegmented::NoStableStructure, 900, 20, 0.41, 0.7, Lang::En)
                  .find("agreement 0.41, below 0.70"),
              std::string::npos);
    // The leak of a 100,000-client book: 高资产（net_inflow_12m较高）.
    const SegmentName leak{SegmentTheme::AssetRich, "net_inflow_12m", 1, 0};
    EXPECT_EQ(phrase::segmentName(leak, Lang::Zh), "高资产（近12个月净流入较高）");
    EXPECT_EQ(phrase::segmentName(leak, Lang::En), "Asset-rich (higher net inflow, 12 months)");
    EXPECT_EQ(phrase::factorName("activity&assets", Lang::Zh), "交易活跃度与资产规模");
    EXPECT_EQ(phrase::factorName("net_inflow_12m", Lang::En), "net inflow, 12 months");
    // A name the user typed comes back as typed; a generated one from its fact.
    EXPECT_EQ(phrase::segmentName("", "我的核心客户", "My core clients", Lang::Zh), "我的核心客户");
    EXPECT_EQ(phrase::segmentName("", "我的核心客户", "", Lang::En), "我的核心客户");
    EXPECT_EQ(phrase::segmentName(encodeSegmentName(leak), "", "", Lang::Zh),
              "高资产（近12个月净流入较高）");
}

TEST(Phrasebook, EveryNameInBothLanguages) {
    for (int v = 1; v < kContactChannelCount; ++v)
        expectClean(std::string(phrase::name(static_cast<ContactChannel>(v), Lang::En)),
                    std::string(phrase::name(static_cast<ContactChannel>(v), Lang::Zh)), "channel",
                    {"SMS", "WeChat"});
    for (int v = 0; v <= 6; ++v)
        expectClean(std::string(phrase::name(static_cast<Board>(v), Lang::En)),
                    std::string(phrase::name(static_cast<Board>(v), Lang::Zh)), "board");
    for (int v = 0; v <= 4; ++v) {
        const auto t = static_cast<RelationshipType>(v);
        expectClean(std::string(phrase::name(t, Lang::En)), std::string(phrase::name(t, Lang::Zh)),
                    "relationship");
        EXPECT_EQ(phrase::relationshipTypeNamed(phrase::name(t, Lang::Zh)), t);
        EXPECT_EQ(phrase::relationshipTypeNamed(toString(t)), t);
    }
    for (int v = 0; v <= 3; ++v) {
        const auto s = static_cast<ServedBy>(v);
        expectClean(std::string(phrase::name(s, Lang::En)), std::string(phrase::name(s, Lang::Zh)),
                    "served by");
        EXPECT_EQ(phrase::servedByNamed(phrase::name(s, Lang::Zh)), s);
        EXPECT_EQ(phrase::servedByNamed("senior_broker"), ServedBy::SeniorBroker);
    }
    for (int v = 1; v <= 3; ++v)
        expectClean(std::string(phrase::name(static_cast<ClientStatus>(v), Lang::En)),
                    std::string(phrase::name(static_cast<ClientStatus>(v), Lang::Zh)), "status");
    for (int v = 1; v <= 5; ++v)
        expectClean(std::string(phrase::name(static_cast<Outcome>(v), Lang::En)),
                    std::string(phrase::name(static_cast<Outcome>(v), Lang::Zh)), "outcome");
    for (int v = 0; v < kMatchKindCount; ++v) {
        const auto k = static_cast<MatchKind>(v);
        expectClean(std::string(phrase::name(k, Lang::En)), std::string(phrase::name(k, Lang::Zh)),
                    "search match");
        EXPECT_EQ(matchKindFromKey(toKey(k)), k);
    }
    for (int v = 0; v <= 5; ++v)
        expectClean(phrase::clientRiskLevel(v, Lang::En), phrase::clientRiskLevel(v, Lang::Zh),
                    "risk level");
    EXPECT_EQ(phrase::longDate(Date::fromYmd(2026, 11, 27), Lang::Zh), "2026年11月27日 星期五");
    EXPECT_EQ(phrase::compactYuan(1250000, Lang::Zh), "125万");
    EXPECT_EQ(phrase::compactYuan(1250000, Lang::En), "1.25M");
}

TEST(Phrasebook, LabelsHaveChineseAndKeepTheirEnglish) {
    EXPECT_EQ(phrase::label("Portfolio review", Lang::Zh), "客户投资组合回顾");
    EXPECT_EQ(phrase::label("Risk|level", Lang::En), "Risk");
    EXPECT_EQ(phrase::label("Risk|level", Lang::Zh), "风险等级");
    EXPECT_EQ(phrase::label("Risk", Lang::Zh), "风险提示");
    EXPECT_FALSE(phrase::hasLabel("a label nobody wrote"));
}

TEST(Facts, EncodingRoundTripsEveryArgumentType) {
    const auto rs = sampleReasons();
    const std::string text = encodeFacts(rs);
    const auto back = decodeReasons(text);
    ASSERT_TRUE(back) << text;
    ASSERT_EQ(back->size(), rs.size());
    for (std::size_t i = 0; i < rs.size(); ++i) {
        EXPECT_EQ((*back)[i].kind, rs[i].kind) << i;
        EXPECT_EQ(phrase::reason((*back)[i], Lang::En), phrase::reason(rs[i], Lang::En)) << i;
    }
    const DropFact d = DropFact(DropKind::Capacity).text(Arg::Broker, "B\"7\\").count(Arg::Days, 2);
    const auto drops = decodeDropFacts(encodeFacts(std::vector<DropFact>{d}));
    ASSERT_TRUE(drops);
    EXPECT_EQ(drops->front(), d);
    EXPECT_FALSE(decodeReasons("kinds\nEnglish\nChinese"));
    const auto unknown = decodeReasons(R"([{"k":"from_a_later_build","zz":1,"every":3}])");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->front().kind, ReasonKind::Unknown);
    EXPECT_EQ(unknown->front().countOf(Arg::Every), 3);
    const SegmentName n{SegmentTheme::AssetRich, "assets", -1, 2};
    EXPECT_EQ(decodeSegmentName(encodeSegmentName(n)), n);
    EXPECT_FALSE(decodeSegmentName("我的核心客户"));
}

// Issue 22: a call sheet printed "投诉（19天前）" beside a last-contact column "21 天前": the
// reasons counted to the plan's date, the column to the call's. Counted to one day, they agree.
TEST(Phrasebook, ReasonsCountDaysToTheDayAsked) {
    const Date planned = Date::fromYmd(2026, 3, 2), called = planned.addDays(2);
    const Date complaint = planned.addDays(-19), due = planned.addDays(1);
    const std::vector<Reason> rs = {
        Reason(ReasonKind::Complaint).date(Arg::On, complaint).count(Arg::Ago, 19),
        Reason(ReasonKind::Cadence)
            .count(Arg::Every, 30)
            .date(Arg::Last, complaint)
            .count(Arg::Ago, 19)
            .date(Arg::Due, due),
        Reason(ReasonKind::SlippingAway).count(Arg::Idle, 40).count(Arg::TradeDays, 12),
        Reason(ReasonKind::PromisedFollowUp)
            .date(Arg::On, planned.addDays(-1))
            .count(Arg::MissedBy, 1),
        Reason(ReasonKind::Birthday)
            .date(Arg::On, planned.addDays(5))
            .count(Arg::Age, 50)
            .count(Arg::InDays, 5)};
    const auto c = phrase::countedTo(rs, called);
    EXPECT_EQ(c[0].countOf(Arg::Ago), 21);
    EXPECT_EQ(c[1].countOf(Arg::Ago), 21);
    EXPECT_EQ(c[1].countOf(Arg::Overdue), 1); // due the day after planning, called a day later
    EXPECT_EQ(c[2].countOf(Arg::Idle), 42);   // no date: moves as the dated counts do
    EXPECT_EQ(c[3].countOf(Arg::MissedBy), 3);
    EXPECT_EQ(c[4].countOf(Arg::InDays), 3);
    const std::string zh = phrase::reasons(rs, phrase::Lang::Zh, called);
    EXPECT_NE(zh.find("（21天前）"), std::string::npos) << zh;
    EXPECT_EQ(zh.find("19天前"), std::string::npos) << zh;
    EXPECT_EQ(phrase::reasons(rs, phrase::Lang::Zh, planned),
              phrase::reasons(rs, phrase::Lang::Zh));
}

TEST(Phrasebook, EveryRiskBadgeInBothLanguagesWithItsValueAndLimit) {
    for (const char* code : {"concentrated", "top3_concentrated", "high_hhi", "deep_drawdown",
                             "high_volatility", "growth_boards_low_tolerance", "new_flag"}) {
        const std::string en = phrase::riskBadge(code, 0.234, 0.2, Lang::En);
        const std::string zh = phrase::riskBadge(code, 0.234, 0.2, Lang::Zh);
        expectClean(en, zh, std::string("badge ") + code, {"HHI"});
        EXPECT_EQ(en.find("%1"), std::string::npos) << en;
        EXPECT_EQ(zh.find("%2"), std::string::npos) << zh;
    }
    EXPECT_EQ(phrase::riskBadge("deep_drawdown", 0.234, 0.2, Lang::En),
              "Deep drawdown 23.4% (limit 20%)");
    EXPECT_EQ(phrase::riskBadge("deep_drawdown", 0.234, 0.2, Lang::Zh),
              "回撤较深 23.4%（上限 20%）");
    EXPECT_EQ(phrase::riskBadge("high_hhi", 0.8667, 0.25, Lang::En), "High HHI 0.867 (limit 0.25)");
}

TEST(Phrasebook, AMissedDeadlineSaysWhoseDeadlineWhatFilledTheDaysAndWhenItIsPlanned) {
    EXPECT_EQ(phrase::drop(deadlineMissed(true), Lang::En),
              "deadline 2026-11-20 (assets flowed out) missed: broker B07's 30 slots up to then "
              "hold 30 calls that keep their deadlines; planned 2026-11-24, 2 working days late");
    EXPECT_EQ(
        phrase::drop(deadlineMissed(true), Lang::Zh),
        "未能在期限2026-11-20前联系（资产流出）：客户经理B07在此之前的30个名额已有30个按期联系"
        "；已排在2026-11-24，晚2个工作日");
    EXPECT_EQ(phrase::drop(deadlineMissed(false), Lang::En),
              "deadline 2026-11-20 (assets flowed out) missed: broker B07's 30 slots up to then "
              "hold 30 calls that keep their deadlines; not planned within the horizon");
    EXPECT_EQ(
        phrase::drop(deadlineMissed(false), Lang::Zh),
        "未能在期限2026-11-20前联系（资产流出）：客户经理B07在此之前的30个名额已有30个按期联系"
        "；计划期内未能安排");
}

TEST(Phrasebook, TalkingPointsTellTheFactsInBothLanguages) {
    const auto tp = talkingPoints();
    const std::vector<std::pair<std::string, std::string>> expect{
        {"last contact 12 days ago by WeChat, reached, satisfaction 4/5",
         "上次联系12天前，微信，接通，满意度4/5"},
        {"promised: 寄送债券基金资料", "约定内容：寄送债券基金资料"},
        {"biggest loser: 300750 宁德时代 \u221232% (12,345.00 CNY unrealised loss)",
         "亏损最多：宁德时代（300750）\u221232%，浮亏12,345.00元"},
        {"300750 宁德时代 is R4, above the client's C2",
         "宁德时代（300750）风险等级R4，高于客户的C2"},
        {"last trade 2026-11-11 (9 days ago), 14 trade days in 12 months",
         "最近交易2026-11-11（9天前），近12个月交易14天"},
        {"policy: Reactive, Service desk, every 120 days",
         "服务策略：被动型，客服中心，每120天联系"},
        {"policy: Basic, Automated, no proactive contact",
         "服务策略：基本型，系统自动，不主动联系"},
    };
    ASSERT_EQ(tp.size(), expect.size());
    for (std::size_t i = 0; i < tp.size(); ++i) {
        EXPECT_EQ(phrase::point(tp[i], Lang::En), expect[i].first);
        EXPECT_EQ(phrase::point(tp[i], Lang::Zh), expect[i].second);
    }
    // Never traded; a last contact whose channel is unknown reads as before.
    EXPECT_EQ(phrase::point(Reason(ReasonKind::RecentTrades), Lang::En), "never traded");
    EXPECT_EQ(phrase::point(Reason(ReasonKind::RecentTrades), Lang::Zh), "从未交易");
    // Counted to a call's day: the last trade's and the last contact's days move with it.
    const auto moved = phrase::countedTo({tp[0], tp[4]}, kDay.addDays(3));
    EXPECT_EQ(moved[0].countOf(Arg::Ago), 15);
    EXPECT_EQ(moved[1].countOf(Arg::Ago), 12);
}

TEST(Phrasebook, TheServiceDesksQueueIsNamedNotShownAsAnId) {
    EXPECT_EQ(phrase::queueName(kServiceDeskQueue, Lang::Zh), "客服中心");
    EXPECT_EQ(phrase::queueName(kServiceDeskQueue, Lang::En), "Service desk");
    EXPECT_EQ(phrase::queueName("B07", Lang::Zh), "B07");
    EXPECT_EQ(phrase::owner(kServiceDeskQueue, Lang::En), "the service desk");
    EXPECT_EQ(phrase::owner("B07", Lang::Zh), "客户经理B07");
}

TEST(Phrasebook, CalendarDayNamesShowOneLanguage) {
    using phrase::calendarDayName;
    EXPECT_EQ(calendarDayName("春节 Spring Festival", phrase::Lang::Zh), "春节");
    EXPECT_EQ(calendarDayName("春节 Spring Festival", phrase::Lang::En), "Spring Festival");
    EXPECT_EQ(calendarDayName("国庆节、中秋节 National Day & Mid-Autumn", phrase::Lang::Zh),
              "国庆节、中秋节");
    EXPECT_EQ(calendarDayName("元旦 New Year [provisional]", phrase::Lang::Zh), "元旦（暂定）");
    EXPECT_EQ(calendarDayName("元旦 New Year [provisional]", phrase::Lang::En),
              "New Year (provisional)");
    // A user's own words are theirs, in either language.
    EXPECT_EQ(calendarDayName("台风停市", phrase::Lang::En), "台风停市");
    EXPECT_EQ(calendarDayName("Typhoon closure", phrase::Lang::Zh), "Typhoon closure");
    EXPECT_EQ(calendarDayName("台风 停市", phrase::Lang::En), "台风 停市");
    EXPECT_EQ(calendarDayName("", phrase::Lang::Zh), "");
}

TEST(Phrasebook, EveryBuiltInCalendarNameIsSplitIntoBothLanguages) {
    const Calendar& cal = Calendar::builtinChina();
    ASSERT_FALSE(cal.entries().empty());
    for (const auto& e : cal.entries()) {
        const std::string zh = phrase::calendarDayName(e.name, phrase::Lang::Zh);
        const std::string en = phrase::calendarDayName(e.name, phrase::Lang::En);
        EXPECT_NE(zh, en) << e.name;
        for (unsigned char c : en) EXPECT_LT(c, 0x80) << e.name;            // no Chinese in English
        for (unsigned char c : zh) EXPECT_FALSE(std::isalpha(c)) << e.name; // no English in Chinese
    }
}

// The CLI's notes on the plan a call list reads, in both languages; on a branch server the
// nightly batch plans, so the note names it instead of the command a desk runs.
TEST(Phrasebook, ACallListsNotesOnItsPlan) {
    EXPECT_EQ(phrase::planMadeForCallList(42, kDay, Lang::En),
              "no plan yet: planned 42 calls as of 2026-11-20");
    EXPECT_EQ(phrase::planMadeForCallList(1, kDay, Lang::En),
              "no plan yet: planned 1 call as of 2026-11-20");
    EXPECT_EQ(phrase::planMadeForCallList(42, kDay, Lang::Zh),
              "尚无计划：已按2026-11-20排定42个联系事项");
    const Date last = Date::fromYmd(2026, 12, 3), later = Date::fromYmd(2026, 12, 4);
    EXPECT_EQ(phrase::planCoversOnly(kDay, kDay, last, false, Lang::En),
              "note: the stored plan (as of 2026-11-20) covers 2026-11-20 .. 2026-12-03; run "
              "`brokerdesk-cli plan` to plan other days");
    EXPECT_EQ(phrase::planCoversOnly(kDay, kDay, last, true, Lang::En),
              "note: the stored plan (as of 2026-11-20) covers 2026-11-20 .. 2026-12-03; the "
              "branch's nightly batch plans other days");
    EXPECT_EQ(phrase::planCoversOnly(kDay, kDay, later, true, Lang::Zh),
              "提示：现有计划（按2026-11-20排定）只覆盖2026-11-20至2026-12-04；其他日期由营业部夜间"
              "批处理排定");
    EXPECT_EQ(englishIn(phrase::planCoversOnly(kDay, kDay, later, true, Lang::Zh)), "");
}
