#pragma once
// Satisfaction surveys and return visits (回访, issue 21 item 4): checking a template, naming
// and resolving a campaign's audience (the queue each call goes to: the client's broker, or the
// service desk when its segment's policy says so), the survey call a contact answers, and the
// results — NPS and mean item score by segment, broker and month, and each client's loyalty.
// Writes go through the command layer (services/commands: CreateSurvey, LaunchCampaign, answers
// with LogContact); this header reads and checks.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analytics/survey.h"
#include "core/date.h"
#include "core/result.h"
#include "core/survey.h"
#include "storage/book/surveystore.h"
#include "storage/db/database.h"

namespace bd::services {

using storage::OpenSurveyCallRow;
using storage::SurveyCampaignRow;
using storage::SurveyItemRow;
using storage::SurveyTemplateRow;

/// A template as a manager types it: a name and 1..5 item texts (stored as typed).
struct SurveyDraft {
    std::string name;
    std::vector<std::string> items;
};
/// InvalidInput naming the field and the rule: no name, no item or more than five, an empty item.
Status checkSurveyDraft(const SurveyDraft& draft);

/// Whom a campaign asks: a kind and its argument (a segment id, or days back).
struct Audience {
    AudienceKind kind = AudienceKind::Unknown;
    std::int64_t arg = 0;
};
/// "segment:3", "vip", "complainers:30", "new:30", "high-risk:90" (days default to 30, 30 and
/// 90); Usage error listing the forms otherwise.
Result<Audience> parseAudience(std::string_view text);
/// The form parseAudience reads.
std::string audienceKey(const Audience& a);

/// A client of an audience and the queue its survey call goes to.
struct AudienceMember {
    std::int64_t client_ref = 0;
    std::string client_id;
    std::string queue; // the broker id, or kServiceDeskQueue
};
/// The open clients of an audience on `asOf`, by ref. InvalidInput for an unknown segment or a
/// days argument out of 1..3650.
Result<std::vector<AudienceMember>> resolveAudience(storage::Database& db, const Audience& a,
                                                    Date asOf);

/// Days after its deadline a campaign's unanswered calls stop entering the plan (it is closed).
inline constexpr int kSurveyLapseDays = 30;

/// The campaign's deadline: `workingDays` working days after the launch's first working day.
Result<Date> surveyDeadline(storage::Database& db, Date launch, int workingDays);
inline constexpr int kMinSurveyDeadlineDays = 1, kMaxSurveyDeadlineDays = 60;

/// The survey a contact with the client would answer now: its open call with the earliest
/// deadline and the template's items (none when the client has no open survey call).
struct OpenSurvey {
    OpenSurveyCallRow call;
    SurveyTemplateRow survey;
    std::string campaign_name;
};
Result<std::optional<OpenSurvey>> openSurveyFor(storage::Database& db, std::int64_t clientRef);

/// Answers as a contact carries them: one 1..5 score per item in order, and the 0..10
/// "would you recommend" answer.
struct SurveyResponse {
    std::int64_t campaign_id = 0;
    std::vector<int> item_scores;
    int recommend = -1;
};
/// InvalidInput naming the item and the range when a score is out of range or the count differs
/// from the template's items.
Status checkSurveyResponse(const SurveyResponse& r, const SurveyTemplateRow& t);

/// Survey results of one group.
struct SurveyGroup {
    std::string key;  // segment id, broker id, or "YYYY-MM"
    std::string name; // the broker's name ("" for other groups, or a broker without one)
    analytics::SurveyTally tally;
};
struct SurveyResults {
    analytics::SurveyTally total;
    std::vector<SurveyGroup> by_segment; // the client's segment in the newest segmentation
    std::vector<SurveyGroup> by_broker;  // the client's broker now
    std::vector<SurveyGroup> by_month;   // the month the answer was given, oldest first
};
/// Every answer (one campaign's when given), grouped. A client without a segment counts in the
/// total and by broker and month only.
Result<SurveyResults> surveyResults(storage::Database& db,
                                    std::optional<std::int64_t> campaignId = {});

/// A client's loyalty beside its value: the class of its latest 0..10 answer, else none (the
/// branch-level NPS is shown instead).
struct ClientLoyalty {
    std::optional<int> recommend;
    std::optional<Date> answered_on;
    LoyaltyClass loyalty = LoyaltyClass::Unknown;
    std::optional<double> branch_nps; // every client's latest answer
    std::int64_t branch_answers = 0;
};
Result<ClientLoyalty> clientLoyalty(storage::Database& db, std::int64_t clientRef);
/// Every answering client's loyalty class (latest answer), by ref; and the branch NPS over them.
struct LoyaltyMap {
    std::unordered_map<std::int64_t, LoyaltyClass> by_client;
    analytics::SurveyTally branch;
};
Result<LoyaltyMap> loadLoyalty(storage::Database& db);

/// Templates and campaigns with their progress (calls, made, answered), for lists.
Result<std::vector<SurveyTemplateRow>> listSurveyTemplates(storage::Database& db);
Result<std::vector<SurveyCampaignRow>> listSurveyCampaigns(storage::Database& db);

} // namespace bd::services
