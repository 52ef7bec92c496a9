#include "services/contactlog.h"

#include <algorithm>

#include "services/channelorder.h"
#include "services/commands/refusals.h"
#include "services/plancalendar.h"
#include "services/planinputs.h"
#include "services/plantext.h"
#include "services/servicepolicies.h"
#include "storage/book/clientqueries.h"
#include "storage/book/clientsummary.h"
#include "storage/book/planstore.h"
#include "storage/book/recordstore.h"
#include "storage/book/surveystore.h"

namespace bd::services {
namespace {

using plantext::storedReasons;
using storage::TaskStatus;

} // namespace

std::vector<storage::SurveyScore> surveyScores(const SurveyResponse& r) {
    std::vector<storage::SurveyScore> scores;
    for (std::size_t i = 0; i < r.item_scores.size(); ++i)
        scores.push_back({static_cast<int>(i + 1), r.item_scores[i]});
    scores.push_back({kRecommendItem, r.recommend});
    return scores;
}

Result<std::optional<int>>
checkSurveyContact(const ContactLog& log, const std::optional<storage::SurveyTemplateRow>& survey) {
    using F = RefusalFact;
    using K = RefusalKind;
    if (log.outcome != Outcome::Reached) return cmd::refused(F(K::SurveyNotReached));
    if (!survey)
        return cmd::refused(F(K::NoOpenSurveyCall)
                                .text(Arg::Client, log.client_id)
                                .count(Arg::Id, log.survey->campaign_id));
    if (auto s = checkSurveyResponse(*log.survey, *survey); !s) return s.error();
    if (log.satisfaction) return log.satisfaction;
    int sum = 0;
    for (int v : log.survey->item_scores) sum += v;
    const int n = static_cast<int>(log.survey->item_scores.size());
    return std::optional<int>((2 * sum + n) / (2 * n)); // rounded half up
}

Status checkContactLog(const ContactLog& log) {
    using F = RefusalFact;
    using K = RefusalKind;
    if (log.channel == ContactChannel::Unknown)
        return cmd::refused(F(K::Required).text(Arg::Field, "channel"));
    if (log.satisfaction && (*log.satisfaction < 1 || *log.satisfaction > 5))
        return cmd::refused(F(K::OutOfRange)
                                .text(Arg::Field, "satisfaction")
                                .text(Arg::Value, std::to_string(*log.satisfaction))
                                .count(Arg::Min, 1)
                                .count(Arg::Max, 5));
    return {};
}

Status planAfterContact(storage::RecordStore& store,
                        const std::function<Result<storage::Database*>()>& settings,
                        const ContactLog& log, ContactChannel preferredChannel, DateTime at,
                        ContactLogResult& res) {
    const std::int64_t clientRef = res.client_ref;
    const Date day = at.date();
    // The open item this contact completes: the client's earliest to-do item.
    auto task = store.firstToDoTask(clientRef);
    if (!task) return task.error();
    const bool noAnswer = log.outcome == Outcome::NoAnswer;
    if (*task) {
        storage::TaskRow done = **task;
        done.status = noAnswer ? TaskStatus::Attempted : TaskStatus::Done;
        done.contact_id = res.contact_id;
        done.attempts += 1;
        if (auto s = store.updateTask(done); !s) return s;
        res.completed_task = done.id;
    }
    // A client who asked to be called back without naming a day is called the next working day.
    const bool callbackOnly = !log.next_follow_up && log.outcome == Outcome::Callback;
    if (!noAnswer && !log.next_follow_up && !callbackOnly) return {};
    auto book = settings();
    if (!book) return book.error();
    auto cal = loadBookCalendar(**book);
    if (!cal) return cal.error();

    if (noAnswer) {
        auto policies = loadServicePolicies(**book);
        if (!policies) return policies.error();
        auto rel = store.relationshipType(clientRef);
        if (!rel) return rel.error();
        const analytics::ServicePolicy policy =
            policyFor(*policies, rel->value_or(PlanOptions{}.unsegmented_relationship_type));
        auto outcomes = store.contactOutcomes(clientRef);
        if (!outcomes) return outcomes.error();
        int streak = 0;
        for (auto it = outcomes->rbegin();
             it != outcomes->rend() && *it == static_cast<int>(Outcome::NoAnswer); ++it)
            ++streak;
        res.no_answer_streak = streak;
        const auto order = channelOrder(preferredChannel, policy.channels);
        res.retry_channel = channelAfterFailures(order, streak);
        res.channel_switched = res.retry_channel != log.channel;
        res.retry_date = cal->nextWorkingDay(day);
        storage::TaskRow retry;
        retry.client_ref = clientRef;
        retry.broker_id = res.broker_id;
        retry.planned_date = *res.retry_date;
        retry.channel = static_cast<int>(res.retry_channel);
        retry.status = TaskStatus::Held;
        retry.created_at = at.secs;
        Reason noAnswerFact(ReasonKind::NoAnswer);
        noAnswerFact.date(Arg::On, day).count(Arg::Attempt, streak);
        if (res.channel_switched && streak >= 2)
            noAnswerFact.channel(Arg::Channel, res.retry_channel);
        if (*task) {
            const storage::TaskRow& was = **task;
            std::vector<Reason> reasons = storedReasons(was.reasons);
            reasons.push_back(noAnswerFact);
            retry.due_date = was.due_date;
            retry.priority = was.priority;
            retry.time_window = was.time_window;
            retry.attempts = was.attempts + 1;
            retry.reasons = encodeFacts(reasons);
            retry.talking_points = was.talking_points;
        } else {
            retry.due_date = *res.retry_date;
            retry.priority = 1.0;
            retry.attempts = 1;
            retry.reasons = retry.talking_points = encodeFacts(std::vector<Reason>{noAnswerFact});
        }
        auto id = store.insertTask(retry);
        if (!id) return id.error();
        res.retry_task = *id;
    }

    if (log.next_follow_up || callbackOnly) {
        const Date d =
            callbackOnly ? cal->nextWorkingDay(day) : cal->workingDayOnOrAfter(*log.next_follow_up);
        storage::TaskRow p;
        p.client_ref = clientRef;
        p.broker_id = res.broker_id;
        p.planned_date = d;
        p.due_date = d;
        p.channel = static_cast<int>(log.channel);
        p.priority = *task ? (*task)->priority : 1.0;
        p.status = TaskStatus::Held;
        p.created_at = at.secs;
        const Reason why =
            callbackOnly ? Reason(ReasonKind::CallbackAsked).date(Arg::On, day)
                         : Reason(ReasonKind::PromisedFollowUp).date(Arg::On, *log.next_follow_up);
        p.reasons = p.talking_points = encodeFacts(std::vector<Reason>{why});
        auto id = store.insertTask(p);
        if (!id) return id.error();
        res.promised_task = *id;
        res.promised_date = d;
    }
    return {};
}

Result<ContactLogResult> logContact(storage::Database& db, const ContactLog& log) {
    using F = RefusalFact;
    using K = RefusalKind;
    if (auto s = checkContactLog(log); !s) return s.error();
    auto found = storage::findClientRef(db, log.client_id);
    if (!found && found.error().code != ErrorCode::NotFound) return found.error();
    if (!found)
        return cmd::refused(
            F(K::UnknownClient).text(Arg::Client, log.client_id).text(Arg::Value, log.client_id));
    const std::int64_t clientRef = *found;
    auto client = storage::loadPlanClient(db, clientRef);
    if (!client) return client.error();

    std::optional<int> satisfaction = log.satisfaction;
    if (log.survey) {
        auto survey = storage::openCallSurvey(db, log.survey->campaign_id, clientRef);
        if (!survey) return survey.error();
        auto checked = checkSurveyContact(log, *survey);
        if (!checked) return checked.error();
        satisfaction = *checked;
    }
    const DateTime at = log.at.value_or(localNow());
    ContactLogResult res;
    res.client_ref = clientRef;
    res.broker_id = (*client)->broker_id;

    storage::Transaction tx(db);
    if (!tx.began()) return tx.began().error();
    auto contactsBefore = storage::contactsFingerprint(db);
    if (!contactsBefore) return contactsBefore.error();
    storage::ContactInsert c;
    c.client_ref = clientRef;
    c.broker_id = (*client)->broker_id;
    c.contact_time = at.secs;
    c.channel = static_cast<int>(log.channel);
    c.direction = static_cast<int>(log.direction);
    c.outcome = static_cast<int>(log.outcome);
    c.satisfaction = satisfaction;
    c.notes = log.notes;
    c.next_follow_up = log.next_follow_up;
    auto contactId = storage::insertContact(db, c);
    if (!contactId) return contactId.error();
    res.contact_id = *contactId;
    auto store = storage::sqliteRecordStore(db);
    if (log.survey) {
        // As the branch server's store does (services/commands, storeContact).
        if (auto s = store->answerSurvey(*contactId, log.survey->campaign_id, clientRef,
                                         surveyScores(*log.survey));
            !s)
            return s.error();
        res.survey_campaign = log.survey->campaign_id;
    }
    if (auto s = planAfterContact(
            *store, [&]() -> Result<storage::Database*> { return &db; }, log,
            static_cast<ContactChannel>((*client)->preferred_channel), at, res);
        !s)
        return s.error();
    if (auto s = storage::updateClientSummaryContacts(db, {clientRef}, *contactsBefore); !s)
        return s.error();
    if (auto s = tx.commit(); !s) return s.error();
    return res;
}

} // namespace bd::services
