#pragma once
// The follow-up planner: books CallItems onto brokers' working days within daily capacity and
// per-channel limits. Guarantees (tested in tests/analytics/test_scheduler.cpp):
//  - deadlines first: no plan meets more of the items' deadlines (CallItem::deadline) than
//    ours; each deadline it cannot meet is a shortfall with its reason (Plan::shortfalls);
//  - then the rest: among plans keeping those deadlines, the other planned items have the
//    largest total priority (items compete by priority; the lowest-priority ones are dropped,
//    each with a reason); with no deadlines, the planned set has the largest total priority any
//    capacity-feasible plan can have;
//  - among plans of that set, no item is late if any such plan exists, and the largest lateness
//    is the smallest possible (lateness counted in working days past max(due, first plan day));
//  - capacity and channel limits hold, calls fall on working days only, a client is booked at most
//    once per plan and never within its cadence of an existing booking;
//  - every input item is either planned or dropped; results are deterministic (ties by client_ref).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "analytics/triggers.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/enums.h"
#include "core/facts.h"
#include "core/result.h"

namespace bd::analytics {

/// A broker's daily contact capacity (0 = SchedulerConfig::default_daily_capacity).
struct BrokerCapacity {
    std::string broker_id;
    int daily_capacity = 0;
};

/// A call already in the book (an open follow_up_task): it uses capacity and blocks re-booking.
struct ExistingBooking {
    std::int64_t client_ref = 0;
    std::string broker_id;
    Date date;
    ContactChannel channel = ContactChannel::Phone;
};

struct ChannelLimit {
    ContactChannel channel = ContactChannel::Unknown;
    int per_day = 0;
};

struct SchedulerConfig {
    int horizon_working_days = 10;
    int default_daily_capacity = 30;
    /// Per-day limits per channel; channels not listed are limited only by daily capacity.
    std::vector<ChannelLimit> channel_limits{{ContactChannel::Visit, 3},
                                             {ContactChannel::Seminar, 1}};
    /// When a limited channel is full, book this channel instead (Unknown = never fall back).
    ContactChannel fallback_channel = ContactChannel::Phone;
    /// Low-value clients' slipping-away calls (CallItem::low_value, every trigger slipping away
    /// or cadence) take at most this share of a broker's capacity over the horizon; the rest are
    /// dropped (SlippingShare), lowest priority first. The service desk's queue, whose work
    /// reactivation is, has no such cap. 1 = no cap.
    double low_value_slipping_share = 0.25;
    // Office hours for time windows, in minutes after midnight; the lunch break is skipped.
    int office_start_min = 9 * 60;
    int office_end_min = 17 * 60 + 30;
    int lunch_start_min = 12 * 60;
    int lunch_end_min = 13 * 60;
    int slot_minutes = 30;
};

/// Why an item was not planned (core/facts.h): Capacity (lower priority than everything planned
/// when capacity ran out), AlreadyBooked (an existing booking lies within the client's
/// cadence), NotInHorizon (may not happen before the horizon ends), Duplicate (a second item for
/// a client already in the input), NoBroker (no broker id on the item), DeadlineMissed (an item
/// with a deadline in the horizon that no slot up to it is left for: not planned),
/// SlippingShare (a low-value slipping-away call beyond its share of the broker's capacity).
using DropReason = DropKind;

struct PlannedCall {
    std::size_t item_index = 0; // into the input items
    std::int64_t client_ref = 0;
    std::string client_id;
    std::string broker_id;
    Date date;
    ContactChannel channel = ContactChannel::Unknown;
    bool channel_fallback = false; // the preferred channel was full that day
    std::string time_window;       // "09:30-10:00"
    double priority = 0.0;
    Date due;
    int late_working_days = 0; // working days after max(due, first plan day); 0 = on time
};

struct DroppedItem {
    std::size_t item_index = 0;
    std::int64_t client_ref = 0;
    std::string client_id;
    std::string broker_id;
    double priority = 0.0;
    DropReason reason = DropReason::Unknown;
    DropFact why; // the reason with its data
};

struct Plan {
    std::vector<Date> days;           // the horizon's working days
    std::vector<PlannedCall> calls;   // by broker, date, time window, priority
    std::vector<DroppedItem> dropped; // by broker, priority (highest first)
    /// Deadlines the plan cannot meet (reason DeadlineMissed; `why` has on + missed_by when the
    /// item is planned late; one not planned is in `dropped` too), by broker, priority.
    std::vector<DroppedItem> shortfalls;
    std::vector<std::string> warnings; // e.g. the calendar does not cover a horizon year
};

/// Plans every broker's horizon starting on the first working day on or after `start`.
/// Items name their broker; brokers missing from `brokers` get the default capacity.
Result<Plan> planCalls(const std::vector<CallItem>& items,
                       const std::vector<BrokerCapacity>& brokers,
                       const std::vector<ExistingBooking>& booked, Date start, const Calendar& cal,
                       const SchedulerConfig& cfg = {});

/// Parses contact hours such as "09:30-11:30,14:00-17:00" (also "9-17", '；' or '，' separators)
/// into [start, end) minute ranges; pieces that do not parse are skipped.
std::vector<std::pair<int, int>> parseContactHours(std::string_view text);

} // namespace bd::analytics
