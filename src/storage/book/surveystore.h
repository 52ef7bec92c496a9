#pragma once
// SQL of surveys and return visits (schema v14): templates and items, campaigns, the survey
// calls a launch creates, the answers contacts carry, and the audiences' set-based queries.
// Plain rows in and out; services/surveys.h validates and joins them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// One item of a template: a standard kind (phrase::surveyItem), or the text as typed.
struct SurveyItemRow {
    int position = 0;      // 1..5
    int standard_item = 0; // core StandardItem code; 0 = `text`
    std::string text;
};

struct SurveyTemplateRow {
    std::int64_t id = 0;
    std::string name; // as typed; "" for a standard template (phrase::name(StandardSurvey))
    int standard = 0; // core StandardSurvey code; 0 = a manager's
    std::int64_t created_at = 0;
    std::vector<SurveyItemRow> items; // by position
};

/// Stores a template with its items; returns its id.
Result<std::int64_t> insertSurveyTemplate(Database& db, const SurveyTemplateRow& t);
/// Every template with its items, by id.
Result<std::vector<SurveyTemplateRow>> loadSurveyTemplates(Database& db);
/// One template (none when there is no such id).
Result<std::optional<SurveyTemplateRow>> loadSurveyTemplate(Database& db, std::int64_t id);
/// The survey of the client's open call of campaign `campaignId`; none when the client has no
/// open call of it.
Result<std::optional<SurveyTemplateRow>> openCallSurvey(Database& db, std::int64_t campaignId,
                                                        std::int64_t clientRef);

struct SurveyCampaignRow {
    std::int64_t id = 0;
    std::string name;
    std::int64_t template_id = 0;
    int audience = 0; // core AudienceKind code
    std::int64_t audience_arg = 0;
    Date launch_date, deadline_date;
    int deadline_working_days = 0;
    std::int64_t launched_at = 0;
    // Progress, when read by loadSurveyCampaigns:
    std::int64_t calls = 0;    // survey calls created
    std::int64_t made = 0;     // calls whose client had a contact (any outcome) since the launch
    std::int64_t answered = 0; // calls answered (a contact carries the answers)
};
Result<std::int64_t> insertSurveyCampaign(Database& db, const SurveyCampaignRow& c);
/// Every campaign with its progress, newest first.
Result<std::vector<SurveyCampaignRow>> loadSurveyCampaigns(Database& db);

struct SurveyCallRow {
    std::int64_t campaign_id = 0;
    std::int64_t client_ref = 0;
    std::string queue; // a broker id or the service desk's queue
    Date due_date;
    std::optional<std::int64_t> contact_id; // the contact that answered it
};
Status insertSurveyCalls(Database& db, const std::vector<SurveyCallRow>& calls);
/// A campaign's calls, by client.
Result<std::vector<SurveyCallRow>> loadSurveyCalls(Database& db, std::int64_t campaignId);

/// An unanswered call as the planner and the contact dialog see it.
struct OpenSurveyCallRow {
    std::int64_t campaign_id = 0;
    std::int64_t client_ref = 0;
    std::int64_t template_id = 0;
    Date launch_date, due_date;
};
/// Unanswered calls of campaigns launched on or before `launchedBy` whose deadline is on or after
/// `deadlineFrom`, by client and deadline.
Result<std::vector<OpenSurveyCallRow>> loadOpenSurveyCalls(Database& db, Date launchedBy,
                                                           Date deadlineFrom);
/// The client's unanswered call with the earliest deadline (none when it has none).
Result<std::optional<OpenSurveyCallRow>> openSurveyCallOf(Database& db, std::int64_t clientRef);
/// Marks the call answered by `contactId`; false when it is not an open call.
Result<bool> answerSurveyCall(Database& db, std::int64_t campaignId, std::int64_t clientRef,
                              std::int64_t contactId);

/// One answer: item 1..5 scored 1..5, item 0 the 0..10 recommend question.
struct SurveyScore {
    int item = 0;
    int score = 0;
};
Status insertSurveyAnswers(Database& db, std::int64_t contactId, std::int64_t campaignId,
                           std::int64_t clientRef, const std::vector<SurveyScore>& scores);

/// One stored answer with whom it concerns (void contacts left out).
struct SurveyAnswerRow {
    std::int64_t campaign_id = 0;
    std::int64_t client_ref = 0;
    std::int64_t contact_id = 0;
    std::string broker_id; // the client's broker now
    std::int64_t contact_time = 0;
    int item = 0;
    int score = 0;
    std::optional<int> segment_id; // the client's in the segmentation asked for, if any
};
/// Every answer (of one campaign when given), by contact and item, with the client's segment
/// in segmentation run `segmentRun` when given (looked up per answer: the segments of clients
/// who never answered are not read).
Result<std::vector<SurveyAnswerRow>>
loadSurveyAnswers(Database& db, std::optional<std::int64_t> campaignId,
                  std::optional<std::int64_t> segmentRun = std::nullopt);
/// Each client's latest 0..10 answer: (client_ref, score, contact time), by client.
struct LatestRecommendRow {
    std::int64_t client_ref = 0;
    int score = 0;
    std::int64_t contact_time = 0;
};
Result<std::vector<LatestRecommendRow>> loadLatestRecommends(Database& db);
/// One client's latest 0..10 answer.
Result<std::optional<LatestRecommendRow>> latestRecommendOf(Database& db, std::int64_t clientRef);

// Audiences: client refs (closed accounts left out), by ref.
/// Clients with a contact of outcome "complaint" at or after `sinceSecs`.
Result<std::vector<std::int64_t>> complainersSince(Database& db, std::int64_t sinceSecs);
/// Clients whose account opened on or after `since`.
Result<std::vector<std::int64_t>> openedSince(Database& db, Date since);
/// Clients who bought a security rated `minLevel` or above at or after `sinceSecs` (and before
/// `beforeSecs` when given).
Result<std::vector<std::int64_t>> riskyBuyersSince(Database& db, std::int64_t sinceSecs,
                                                   int minLevel,
                                                   std::optional<std::int64_t> beforeSecs = {});

} // namespace bd::storage
