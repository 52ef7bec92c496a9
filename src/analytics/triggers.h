#pragma once
// Follow-up triggers: why a client should be contacted now, by when, and how urgently.
// Plain data in (ClientSignals, filled by a service adapter from the book and the value/segment
// results) and plain data out (CallItem per client), so the engine never touches storage.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/enums.h"
#include "core/facts.h"
#include "core/money.h"

namespace bd::analytics {

/// Why a client should be called (core/facts.h): the triggers fire Cadence (the relationship
/// policy's interval is due), AssetOutflow (AUM fell beyond the threshold, net of market moves),
/// SlippingAway (p_alive low, or an active client stopped trading), LargeLoss (drawdown or
/// period loss), Birthday, SuitabilityMismatch (holdings above the client's risk level),
/// Complaint (unanswered), LowSatisfaction (no contact since), PromisedFollowUp and Onboarding
/// (day-3 / day-30 calls), RiskAssessmentExpiring (within 30 days), RiskAssessmentExpired and
/// SurveyDue (a survey campaign's call); the plan adds NoAnswer and CallbackAsked.
using TriggerKind = ReasonKind;

/// How a trigger kind's deadline is counted. An event (an outflow, a complaint, ...) must be
/// called by the N-th working day of the plan, its first day being working day 1 (so 1 = on the
/// first day); a dated trigger (a promise, a birthday, a cadence, an onboarding call) by N
/// working days after its own date (0 = on the day).
struct DeadlineRule {
    ReasonKind kind = ReasonKind::Unknown;
    bool dated = false;
    int default_days = 0;
    int min_days = 0, max_days = 0; // the allowed range of a setting
};

/// The deadline rule of every trigger kind (docs/scheduling.md, "Deadlines"); defined in
/// triggers.cpp so a default can change without rebuilding everything that plans.
std::span<const DeadlineRule> deadlineRules();

/// The rule of a trigger kind; nullptr for a kind that is not a trigger.
const DeadlineRule* deadlineRule(ReasonKind kind);

/// Deadline days per ReasonKind (indexed by its code).
using DeadlineDays = std::array<int, kReasonKindCount>;
/// The rules' defaults.
DeadlineDays defaultDeadlineDays();

/// Thresholds and weights; every default is documented in docs/scheduling.md.
struct TriggerConfig {
    // Urgency weight per kind (the base urgency of one trigger).
    double weight_cadence = 1.0;
    double weight_outflow = 2.5;
    double weight_slipping = 2.0;
    double weight_loss = 2.0;
    double weight_birthday = 0.8;
    double weight_suitability = 1.8;
    double weight_complaint = 3.0;
    double weight_low_satisfaction = 1.5;
    double weight_promised = 2.0;
    double weight_onboarding = 1.5;
    double weight_risk_assessment_expiring = 1.2;
    double weight_risk_assessment_expired = 1.8;
    double weight_survey = 1.2;
    /// Further triggers of the same client add this share of their urgency to the largest one.
    double extra_trigger_share = 0.25;

    // Value factor: floor + (1 - floor) * value_percentile, times vip_boost for VIPs.
    double value_floor = 0.2;
    double vip_boost = 1.5;
    /// A client below this percentile of value in the broker's book (and not a VIP) is low-value
    /// (CallItem::low_value); an unknown percentile is not.
    double low_value_percentile = 0.5;

    int horizon_working_days = 10;   // cadence/promise triggers fire when due within the horizon
    double outflow_threshold = 0.20; // AUM down >= 20% (net of market) since previous snapshot
    double p_alive_threshold = 0.5;
    int inactive_days = 60;            // no trade for this many days ...
    int active_min_trade_days_12m = 6; // ... after at least this many trade days in 12 months
    double drawdown_threshold = 0.20;
    Money loss_threshold = Money::fromYuan(100000);
    int birthday_lookahead_days = 7;
    int low_satisfaction_max = 2; // scores 1..2 of 5 count as low
    int low_satisfaction_window_days = 60;
    int onboarding_first_working_day = 3;
    int onboarding_second_working_day = 30;
    /// An account opened fewer days ago than this is onboarding, never slipping away.
    int new_account_days = 90;
    /// A risk assessment expiring within this many days (inclusive) is RiskAssessmentExpiring.
    int risk_assessment_warning_days = 30;
    /// Deadlines per trigger kind (deadlineRules()): a trigger's due date is its deadline.
    DeadlineDays deadline_days = defaultDeadlineDays();
};

/// Everything the triggers look at for one client (dates absent = unknown / never).
struct ClientSignals {
    std::int64_t client_ref = 0; // stable id: ties break on it
    std::string client_id;
    std::string broker_id;

    double value_score = 0.0;
    double value_percentile = -1.0; // 0..1 within the broker's book; < 0 = unknown (0.5 used)
    bool vip = false;
    std::string value_tier; // display only (e.g. "VIP", "A")

    std::optional<double> p_alive;
    int cadence_days = 0; // from the relationship policy; 0 = no proactive cadence

    Date open_date;
    std::optional<Date> birth_date;
    std::optional<Date> last_contact; // latest contact of any kind
    std::optional<Date> last_trade;
    int trade_days_12m = 0;

    // Assets: previous and current snapshot, net inflow between them, market move if known.
    std::optional<Money> aum_previous;
    std::optional<Money> aum_current;
    std::optional<Date> aum_previous_date;
    std::optional<Money> net_inflow;     // deposits minus withdrawals between the snapshots
    std::optional<double> market_return; // the client's holdings' return over the same period

    std::optional<double> drawdown;   // fraction below the running peak, e.g. 0.25
    std::optional<Money> period_loss; // positive = money lost in the last period

    std::vector<Date> promised_follow_ups; // next_follow_up dates from contacts
    std::optional<Date> last_complaint;
    std::optional<Date> last_satisfaction_date;
    int last_satisfaction = 0; // 1..5, 0 unknown
    int suitability_mismatches = 0;
    /// The first day the client's risk assessment is no longer valid (its date + the book's
    /// validity, services/riskassessment.h); none: no assessment date, no trigger.
    std::optional<Date> risk_assessment_expires;
    /// An unanswered survey call of a launched campaign (the earliest deadline when several):
    /// from its launch date, by its deadline (the campaign's, plus the SurveyDue setting).
    struct SurveyCall {
        std::int64_t campaign_id = 0;
        Date launched, deadline;
    };
    std::optional<SurveyCall> survey;

    ContactChannel preferred_channel = ContactChannel::Unknown;
    std::string contact_hours; // "09:30-11:30,14:00-17:00"; empty = office hours

    /// Who serves the client (its relationship policy). The service desk's and automated
    /// clients' items go to the desk's queue (kServiceDeskQueue), never to the broker; an
    /// automated (basic) client gets no outbound call at all: only what the client asked for
    /// (a complaint, low satisfaction, a promised follow-up) is planned.
    ServedBy served_by = ServedBy::Broker;
    RelationshipType relationship = RelationshipType::Accountable; // for the Policy point

    // Facts for the talking points (CallItem::talking_points); absent = not told.
    ContactChannel last_contact_channel = ContactChannel::Unknown;
    Outcome last_contact_outcome = Outcome::Unknown;
    std::optional<int> last_contact_satisfaction; // of the last contact itself, 1..5
    /// What was promised, by promised_follow_ups' position ("" or missing = no notes).
    std::vector<std::string> promise_notes;
    struct Holding {
        std::string code, name;
        Money loss;        // unrealised, positive = money lost
        double change = 0; // against cost, e.g. -0.32
        int level = 0;     // R level of an unsuitable holding
        int client_level = 0;
    };
    std::optional<Holding> worst_holding; // the holding that lost most (a loss only)
    std::optional<Holding> unsuitable;    // the first holding above the client's level
};

/// A dormant client without assets: opened at least new_account_days ago, AUM known and zero,
/// no trade day in 12 months. The planner never gives such a client a broker's cadence (the
/// service desk's reactivation policy instead, services/planinputs.cpp).
bool dormantWithoutAssets(const ClientSignals& c, Date asOf, const TriggerConfig& cfg);

/// One reason to contact a client.
struct Trigger {
    TriggerKind kind = TriggerKind::Unknown;
    Date earliest; // not before this day
    Date due;      // its deadline: must happen by this day (TriggerConfig::deadline_days)
    double urgency = 0.0;
    Reason reason; // its kind with its data (the phrasebook words it, in full or as a point)
};

/// All reasons for one client, merged into one call.
struct CallItem {
    std::int64_t client_ref = 0;
    std::string client_id;
    std::string broker_id; // who calls: the client's broker, or kServiceDeskQueue
    ServedBy served_by = ServedBy::Broker;
    Date earliest;
    Date due; // the earliest due date of its triggers (maybe past: an overdue cadence)
    /// The earliest deadline still ahead (on or after the plan's first day) and whose it is;
    /// none when every deadline has passed. The planner meets these before anything else.
    std::optional<Date> deadline;
    ReasonKind deadline_kind = ReasonKind::Unknown;
    double value_factor = 0.0;
    double urgency = 0.0;
    double priority = 0.0; // value_factor * urgency
    int cadence_days = 0;
    /// Below TriggerConfig::low_value_percentile in the broker's book, not a VIP: its
    /// slipping-away calls take at most SchedulerConfig::low_value_slipping_share of capacity.
    bool low_value = false;
    ContactChannel channel = ContactChannel::Unknown;
    std::string contact_hours;
    std::string value_tier;
    std::optional<Date> last_contact;
    std::vector<Trigger> triggers; // most urgent first
    /// What to talk about, facts from the book: the triggers' reasons but the cadence's (each
    /// promise followed by what was promised, PromiseNote), the holding above the client's risk
    /// level (RiskMismatch), the holding that lost most (WorstHolding), the last contact with its
    /// channel, outcome and satisfaction (LastContact), recent trades (RecentTrades, unless a
    /// slipping-away reason tells them) and the client's policy with its cadence (Policy).
    /// Worded as points: "AUM −45% · last contact 93 days ago by phone, reached · ...".
    std::vector<Reason> talking_points;

    /// The triggers' reasons, most urgent first.
    std::vector<Reason> reasons() const;
};

/// The value factor of a client (see TriggerConfig).
double valueFactor(const ClientSignals& c, const TriggerConfig& cfg);

/// The triggers that fire for one client on `asOf` (empty when none).
std::vector<Trigger> evaluateTriggers(const ClientSignals& c, Date asOf, const Calendar& cal,
                                      const TriggerConfig& cfg = {});

/// One CallItem per client with at least one trigger, in priority order (ties by client_ref).
std::vector<CallItem> buildCallItems(const std::vector<ClientSignals>& clients, Date asOf,
                                     const Calendar& cal, const TriggerConfig& cfg = {});

/// Fills value_percentile from value_score within each broker's book (ties share the mean rank).
void assignValuePercentiles(std::vector<ClientSignals>& clients);

} // namespace bd::analytics
