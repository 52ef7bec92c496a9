#include "demo/demosurvey.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/survey.h"
#include "demo/randomdist.h"
#include "storage/book/clientsummary.h"
#include "storage/book/planstore.h"
#include "storage/book/surveystore.h"

namespace bd::demo {
namespace {

/// The n-th weekday after `d` (the demo's calls skip weekends; holidays are not modelled).
Date weekdaysAfter(Date d, int n) {
    while (n > 0) {
        d = d.addDays(1);
        if (d.isoWeekday() <= 5) --n;
    }
    return d;
}

/// A 0..10 answer: 45% promoters, 30% passives, 25% detractors (NPS +20).
int recommendDraw(rnd::Engine& g) {
    const double u = rnd::uniform01(g);
    if (u < 0.45) return u < 0.2 ? 10 : 9;
    if (u < 0.75) return u < 0.6 ? 8 : 7;
    return static_cast<int>(rnd::between(g, 2, 6));
}

} // namespace

Result<DemoSurveySummary> addDemoSurvey(storage::Database& db, Date asOf, std::uint64_t seed) {
    constexpr int kDeadlineDays = 10;
    constexpr std::int64_t kComplianceTemplate = 2; // the standard template (schema v14)
    Date launch = asOf.addDays(-75);
    while (launch.isoWeekday() > 5) launch = launch.addDays(1);
    const Date deadline = weekdaysAfter(launch, kDeadlineDays - 1);
    const std::int64_t since = DateTime::fromParts(launch.addDays(-90), 0, 0, 0).secs;
    DemoSurveySummary out;
    storage::Transaction tx(db);
    if (!tx.began()) return tx.began().error();
    // The audience as it was on the launch day: buys after the launch do not count.
    const std::int64_t launchSecs = DateTime::fromParts(launch, 0, 0, 0).secs;
    auto buyers = storage::riskyBuyersSince(db, since, kHighRiskLevel, launchSecs);
    if (!buyers) return buyers.error();
    const std::vector<std::int64_t>& audience = *buyers;
    if (audience.empty()) return out;

    storage::SurveyCampaignRow c; // no name: lists show the template's (a manager names theirs)
    c.template_id = kComplianceTemplate;
    c.audience = static_cast<int>(AudienceKind::HighRiskBuyers);
    c.audience_arg = 90;
    c.launch_date = launch;
    c.deadline_working_days = kDeadlineDays;
    c.deadline_date = deadline;
    c.launched_at = DateTime::fromParts(launch, 9, 0, 0).secs;
    auto id = storage::insertSurveyCampaign(db, c);
    if (!id) return id.error();
    out.campaign_id = *id;

    auto clients = storage::loadPlanClients(db);
    if (!clients) return clients.error();
    std::unordered_map<std::int64_t, std::string> brokerOf;
    for (const auto& pc : *clients) brokerOf.emplace(pc.ref, pc.broker_id);
    rnd::Engine g(seed ^ 0x5EED5u);
    std::vector<storage::SurveyCallRow> calls;
    std::vector<std::int64_t> answeredRefs;
    auto fingerprint = storage::contactsFingerprint(db);
    if (!fingerprint) return fingerprint.error();
    for (std::int64_t ref : audience) {
        const std::string& broker = brokerOf[ref];
        calls.push_back({*id, ref, broker, deadline, std::nullopt});
        if (!rnd::chance(g, 0.8)) continue; // one in five never answered
        const Date day =
            weekdaysAfter(launch, static_cast<int>(rnd::between(g, 0, kDeadlineDays - 1)));
        const int recommend = recommendDraw(g);
        // Items follow the client's mood: about half the 0..10 answer, give or take one.
        std::vector<storage::SurveyScore> scores;
        int sum = 0;
        for (int item = 1; item <= 3; ++item) {
            const int s = std::clamp(
                static_cast<int>(std::lround(recommend / 2.0 + rnd::uniform(g, -1.0, 1.0))),
                kMinItemScore, kMaxItemScore);
            scores.push_back({item, s});
            sum += s;
        }
        scores.push_back({0, recommend});
        const std::int64_t at =
            DateTime::fromParts(day, 16, static_cast<int>(ref % 60), static_cast<int>(ref % 59))
                .secs;
        storage::ContactInsert k;
        k.client_ref = ref;
        k.broker_id = broker;
        k.contact_time = at;
        k.channel = static_cast<int>(ContactChannel::Phone);
        k.direction = static_cast<int>(Direction::Outbound);
        k.outcome = static_cast<int>(Outcome::Reached);
        k.satisfaction = (2 * sum + 3) / 6; // the rounded mean of the three items
        auto contactId = storage::insertContact(db, k);
        if (!contactId && contactId.error().code == ErrorCode::InvalidInput)
            continue; // a contact at that very second already
        if (!contactId) return contactId.error();
        if (auto s = storage::insertSurveyAnswers(db, *contactId, *id, ref, scores); !s)
            return s.error();
        calls.back().contact_id = *contactId;
        answeredRefs.push_back(ref);
    }
    if (auto s = storage::insertSurveyCalls(db, calls); !s) return s.error();
    for (const auto& k : calls)
        if (k.contact_id) {
            auto marked = storage::answerSurveyCall(db, k.campaign_id, k.client_ref, *k.contact_id);
            if (!marked) return marked.error();
            ++out.answered;
        }
    out.calls = static_cast<std::int64_t>(calls.size());
    if (auto s = storage::updateClientSummaryContacts(db, answeredRefs, *fingerprint); !s)
        return s.error();
    if (auto s = tx.commit(); !s) return s.error();
    return out;
}

} // namespace bd::demo
