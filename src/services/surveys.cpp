#include "services/surveys.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>

#include "core/text.h"
#include "services/commands/refusals.h"
#include "services/plancalendar.h"
#include "services/planinputs.h"
#include "storage/book/planstore.h"
#include "storage/book/segmentstore.h"

namespace bd::services {
namespace {

using F = RefusalFact;
using K = RefusalKind;

/// `field`'s value outside min..max.
Error outOfRange(const char* field, std::int64_t value, std::int64_t min, std::int64_t max) {
    return cmd::refused(F(K::OutOfRange)
                            .text(Arg::Field, field)
                            .text(Arg::Value, std::to_string(value))
                            .count(Arg::Min, min)
                            .count(Arg::Max, max));
}

constexpr std::int64_t kMaxAudienceDays = 3650;

std::string monthKey(std::int64_t secs) {
    int y = 0, m = 0, d = 0;
    DateTime{secs}.date().toYmd(y, m, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return buf;
}

std::vector<SurveyGroup> groups(const std::map<std::string, analytics::SurveyTally>& m) {
    std::vector<SurveyGroup> out;
    out.reserve(m.size());
    for (const auto& [k, t] : m) out.push_back({k, {}, t});
    return out;
}

} // namespace

Status checkSurveyDraft(const SurveyDraft& draft) {
    if (trim(draft.name).empty())
        return cmd::refused(F(K::Required).text(Arg::Field, "survey_name"));
    if (draft.items.empty() || draft.items.size() > static_cast<std::size_t>(kMaxSurveyItems))
        return outOfRange("items", static_cast<std::int64_t>(draft.items.size()), 1,
                          kMaxSurveyItems);
    for (std::size_t i = 0; i < draft.items.size(); ++i)
        if (trim(draft.items[i]).empty())
            return cmd::refused(F(K::Required)
                                    .text(Arg::Field, "item")
                                    .count(Arg::Item, static_cast<std::int64_t>(i + 1)));
    return {};
}

Result<Audience> parseAudience(std::string_view text) {
    const auto colon = text.find(':');
    const std::string_view kind = trim(text.substr(0, colon));
    const std::string_view argText =
        colon == std::string_view::npos ? std::string_view{} : trim(text.substr(colon + 1));
    Audience a;
    std::int64_t fallback = 30;
    if (kind == "segment")
        a.kind = AudienceKind::Segment, fallback = -1;
    else if (kind == "vip" || kind == "vips")
        a.kind = AudienceKind::Vips, fallback = 0;
    else if (kind == "complainers")
        a.kind = AudienceKind::Complainers;
    else if (kind == "new")
        a.kind = AudienceKind::NewAccounts;
    else if (kind == "high-risk")
        a.kind = AudienceKind::HighRiskBuyers, fallback = 90;
    else
        return makeError(ErrorCode::Usage,
                         "unknown audience '" + std::string(text) +
                             "': expected segment:ID, vip, complainers[:DAYS], new[:DAYS] or "
                             "high-risk[:DAYS]");
    if (argText.empty()) {
        if (fallback < 0)
            return makeError(ErrorCode::Usage, "audience 'segment' needs a segment id: segment:ID");
        a.arg = fallback;
        return a;
    }
    auto [p, ec] = std::from_chars(argText.data(), argText.data() + argText.size(), a.arg);
    if (ec != std::errc() || p != argText.data() + argText.size() || a.kind == AudienceKind::Vips)
        return makeError(ErrorCode::Usage,
                         "audience '" + std::string(text) + "': expected a whole number after ':'");
    return a;
}

std::string audienceKey(const Audience& a) {
    const std::string n = std::to_string(a.arg);
    switch (a.kind) {
    case AudienceKind::Segment:
        return "segment:" + n;
    case AudienceKind::Vips:
        return "vip";
    case AudienceKind::Complainers:
        return "complainers:" + n;
    case AudienceKind::NewAccounts:
        return "new:" + n;
    case AudienceKind::HighRiskBuyers:
        return "high-risk:" + n;
    case AudienceKind::Unknown:
        break;
    }
    return "unknown";
}

Result<std::vector<AudienceMember>> resolveAudience(storage::Database& db, const Audience& a,
                                                    Date asOf) {
    const bool byDays = a.kind == AudienceKind::Complainers ||
                        a.kind == AudienceKind::NewAccounts ||
                        a.kind == AudienceKind::HighRiskBuyers;
    if (byDays && (a.arg < 1 || a.arg > kMaxAudienceDays))
        return outOfRange("audience_days", a.arg, 1, kMaxAudienceDays);
    // Who serves each client (its segment's policy) decides the queue, as the planner routes.
    PlanOptions options;
    options.as_of = asOf;
    auto in = loadCoverageInputs(db, options);
    if (!in) return in.error();
    std::set<std::int64_t> wanted;
    const auto add = [&](const Result<std::vector<std::int64_t>>& refs) -> Status {
        if (!refs) return refs.error();
        wanted.insert(refs->begin(), refs->end());
        return {};
    };
    const std::int64_t since =
        DateTime::fromParts(asOf.addDays(-static_cast<int>(a.arg)), 0, 0, 0).secs;
    switch (a.kind) {
    case AudienceKind::Segment: {
        auto segments = storage::loadLatestSegments(db);
        if (!segments) return segments.error();
        bool known = false;
        for (const auto& s : *segments)
            if (s.segment_id == a.arg) {
                known = true;
                wanted.insert(s.ref);
            }
        if (!known)
            return cmd::refused(
                F(K::UnknownSegment).count(Arg::Id, a.arg).text(Arg::Value, std::to_string(a.arg)));
        break;
    }
    case AudienceKind::Vips:
        for (const auto& s : in->client_signals)
            if (s.vip) wanted.insert(s.client_ref);
        break;
    case AudienceKind::Complainers:
        if (auto s = add(storage::complainersSince(db, since)); !s) return s.error();
        break;
    case AudienceKind::NewAccounts:
        if (auto s = add(storage::openedSince(db, asOf.addDays(-static_cast<int>(a.arg)))); !s)
            return s.error();
        break;
    case AudienceKind::HighRiskBuyers:
        if (auto s = add(storage::riskyBuyersSince(db, since, kHighRiskLevel)); !s)
            return s.error();
        break;
    case AudienceKind::Unknown:
        return cmd::refused(F(K::Required).text(Arg::Field, "audience"));
    }
    std::vector<AudienceMember> out;
    for (const auto& s : in->client_signals) // open clients only, by ref
        if (wanted.contains(s.client_ref))
            out.push_back(
                {s.client_ref, s.client_id,
                 routesToServiceDesk(s.served_by) ? std::string(kServiceDeskQueue) : s.broker_id});
    return out;
}

Result<Date> surveyDeadline(storage::Database& db, Date launch, int workingDays) {
    if (workingDays < kMinSurveyDeadlineDays || workingDays > kMaxSurveyDeadlineDays)
        return outOfRange("deadline_days", workingDays, kMinSurveyDeadlineDays,
                          kMaxSurveyDeadlineDays);
    auto cal = loadBookCalendar(db);
    if (!cal) return cal.error();
    // Working day 1 is the launch's first working day, as an event's deadline counts.
    return cal->addWorkingDays(cal->workingDayOnOrAfter(launch), workingDays - 1);
}

Result<std::optional<OpenSurvey>> openSurveyFor(storage::Database& db, std::int64_t clientRef) {
    auto call = storage::openSurveyCallOf(db, clientRef);
    if (!call) return call.error();
    if (!*call) return std::optional<OpenSurvey>{};
    auto t = storage::loadSurveyTemplate(db, (*call)->template_id);
    if (!t) return t.error();
    if (!*t)
        return makeError(ErrorCode::Internal,
                         "survey template " + std::to_string((*call)->template_id) + " is gone");
    auto campaigns = storage::loadSurveyCampaigns(db);
    if (!campaigns) return campaigns.error();
    OpenSurvey o{**call, **t, {}};
    for (const auto& c : *campaigns)
        if (c.id == o.call.campaign_id) o.campaign_name = c.name;
    return std::optional<OpenSurvey>{std::move(o)};
}

Status checkSurveyResponse(const SurveyResponse& r, const SurveyTemplateRow& t) {
    if (r.item_scores.size() != t.items.size())
        return cmd::refused(F(K::AnswerCount)
                                .count(Arg::Id, t.id)
                                .count(Arg::Count, static_cast<std::int64_t>(t.items.size()))
                                .text(Arg::Value, std::to_string(r.item_scores.size())));
    for (std::size_t i = 0; i < r.item_scores.size(); ++i)
        if (r.item_scores[i] < kMinItemScore || r.item_scores[i] > kMaxItemScore)
            return cmd::refused(F(K::OutOfRange)
                                    .text(Arg::Field, "item")
                                    .count(Arg::Item, static_cast<std::int64_t>(i + 1))
                                    .text(Arg::Value, std::to_string(r.item_scores[i]))
                                    .count(Arg::Min, kMinItemScore)
                                    .count(Arg::Max, kMaxItemScore));
    if (r.recommend < kMinRecommendScore || r.recommend > kMaxRecommendScore)
        return outOfRange("recommend", r.recommend, kMinRecommendScore, kMaxRecommendScore);
    return {};
}

Result<SurveyResults> surveyResults(storage::Database& db, std::optional<std::int64_t> campaignId) {
    // Each answer comes with its client's segment: the segments of the clients who never
    // answered (most of a large book) are not read.
    auto segmentRun = storage::latestSegmentRunId(db);
    if (!segmentRun) return segmentRun.error();
    auto answers = storage::loadSurveyAnswers(db, campaignId, *segmentRun);
    if (!answers) return answers.error();
    std::map<std::string, analytics::SurveyTally> bySegment, byBroker, byMonth;
    std::map<int, analytics::SurveyTally> bySegmentId;
    SurveyResults out;
    std::int64_t lastContact = 0;
    for (const auto& a : *answers) {
        analytics::SurveyTally one;
        if (a.item == kRecommendItem)
            one.addRecommend(a.score);
        else
            one.addItem(a.score);
        if (a.contact_id != lastContact) one.respondents = 1; // rows come by contact
        lastContact = a.contact_id;
        out.total += one;
        byBroker[a.broker_id] += one;
        byMonth[monthKey(a.contact_time)] += one;
        if (a.segment_id) bySegmentId[*a.segment_id] += one;
    }
    for (const auto& [id, t] : bySegmentId) out.by_segment.push_back({std::to_string(id), {}, t});
    out.by_broker = groups(byBroker);
    auto brokers = storage::loadPlanBrokers(db);
    if (!brokers) return brokers.error();
    for (auto& g : out.by_broker)
        for (const auto& b : *brokers)
            if (b.broker_id == g.key) g.name = b.name;
    out.by_month = groups(byMonth);
    return out;
}

Result<LoyaltyMap> loadLoyalty(storage::Database& db) {
    auto latest = storage::loadLatestRecommends(db);
    if (!latest) return latest.error();
    LoyaltyMap out;
    out.by_client.reserve(latest->size());
    for (const auto& r : *latest) {
        out.by_client.emplace(r.client_ref, loyaltyOf(r.score));
        out.branch.addRecommend(r.score);
    }
    return out;
}

Result<ClientLoyalty> clientLoyalty(storage::Database& db, std::int64_t clientRef) {
    auto all = loadLoyalty(db);
    if (!all) return all.error();
    ClientLoyalty out;
    out.branch_nps = all->branch.nps();
    out.branch_answers = all->branch.recommendAnswers();
    auto mine = storage::latestRecommendOf(db, clientRef);
    if (!mine) return mine.error();
    if (*mine) {
        out.recommend = (*mine)->score;
        out.answered_on = DateTime{(*mine)->contact_time}.date();
        out.loyalty = loyaltyOf((*mine)->score);
    }
    return out;
}

Result<std::vector<SurveyTemplateRow>> listSurveyTemplates(storage::Database& db) {
    return storage::loadSurveyTemplates(db);
}

Result<std::vector<SurveyCampaignRow>> listSurveyCampaigns(storage::Database& db) {
    return storage::loadSurveyCampaigns(db);
}

} // namespace bd::services
