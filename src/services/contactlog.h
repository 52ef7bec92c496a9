#pragma once
// Logging a contact with a client, and what it does to the plan: the open item is completed, an
// unanswered call books a retry, a promised follow-up books a call kept across rebuilds.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "core/result.h"
#include "services/surveys.h"
#include "storage/book/recordstore.h"
#include "storage/db/database.h"

namespace bd::services {

/// A contact to log.
struct ContactLog {
    std::string client_id;
    ContactChannel channel = ContactChannel::Phone;
    Outcome outcome = Outcome::Reached;
    std::optional<int> satisfaction; // 1..5
    std::string notes;
    std::optional<Date> next_follow_up; // a promised follow-up date
    std::optional<DateTime> at;         // default: now
    Direction direction = Direction::Outbound;
    /// The answers to the client's open survey call (services/surveys.h), when it answered one.
    std::optional<SurveyResponse> survey;
};

/// What logging a contact did to the plan.
struct ContactLogResult {
    std::int64_t contact_id = 0;
    std::int64_t client_ref = 0;
    std::string broker_id;                      // the client's broker, whose plan changed
    std::optional<std::int64_t> completed_task; // the open item it closed
    std::optional<std::int64_t> retry_task;     // no answer: the retry booked
    std::optional<Date> retry_date;
    ContactChannel retry_channel = ContactChannel::Unknown;
    int no_answer_streak = 0; // consecutive no-answers including this one
    bool channel_switched = false;
    std::optional<std::int64_t> promised_task; // --next: the promised call booked
    std::optional<Date> promised_date;
    std::optional<std::int64_t> survey_campaign; // the survey call the contact answered
};

/// The fields a contact must have right wherever it is stored (a channel, satisfaction 1..5):
/// a refusal naming the field otherwise.
Status checkContactLog(const ContactLog& log);

/// Records a contact and updates the plan: the client's open item is completed; no answer books
/// a retry on the next working day, on the next channel of the client's list after every two
/// consecutive failures; a next follow-up date books a promised call (kept across rebuilds), and
/// so does a "callback" outcome without a date (on the next working day). The client list's
/// summary learns the client's last contact in the same transaction. Survey answers must answer
/// an open survey call of that campaign in a reached contact; they are stored per item, the call
/// is answered (it leaves the plan), and a contact given no satisfaction of its own takes the
/// rounded mean of the item scores (so the KPI history's mean satisfaction counts the survey).
Result<ContactLogResult> logContact(storage::Database& db, const ContactLog& log);

/// What a stored contact does to the client's plan (logContact's second half; a branch server's
/// contact the same, services/commands): the client's first to-do item is completed (attempted
/// on no answer), a retry or a promised call is booked, as logContact says. `res` holds the
/// contact (id, client ref, broker) and gets what was done. `settings` gives the book that holds
/// the calendar and the service policies (a desk's own book; a copy of a server's settings); it
/// is asked only when a call is booked.
Status planAfterContact(storage::RecordStore& store,
                        const std::function<Result<storage::Database*>()>& settings,
                        const ContactLog& log, ContactChannel preferredChannel, DateTime at,
                        ContactLogResult& res);

/// A response's scores as stored: items 1.., then item 0 (the 0..10 "would you recommend").
std::vector<storage::SurveyScore> surveyScores(const SurveyResponse& r);

/// The checks of a contact's survey answers (`log.survey` set), on either store: the contact
/// reached the client, the client has an open call of the campaign (`survey`: its survey, none
/// when there is none), the scores fit the survey. The satisfaction to store: as given, else the
/// rounded mean of the item scores.
Result<std::optional<int>>
checkSurveyContact(const ContactLog& log, const std::optional<storage::SurveyTemplateRow>& survey);

} // namespace bd::services
