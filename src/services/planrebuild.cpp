#include "services/planrebuild.h"

#include <chrono>

#include "core/clock.h"
#include "services/plancalendar.h"
#include "storage/book/planstore.h"

namespace bd::services {

Result<PlanSummary> rebuildPlan(storage::Database& db, const PlanOptions& options) {
    PlanSummary sum;
    // Between stages: stop when asked (nothing is written before savePlanRun's transaction).
    const auto stop = [&options](double fraction) {
        if (options.progress) options.progress(fraction);
        return options.cancel && options.cancel->load();
    };
    PlanSummary cancelled;
    cancelled.cancelled = true;
    if (stop(0.0)) return cancelled;
    auto t0 = std::chrono::steady_clock::now();
    auto in = loadPlanInputs(db, options);
    if (!in) return in.error();
    sum.timings.load_ms = msSince(t0);
    if (stop(0.4)) return cancelled;

    t0 = std::chrono::steady_clock::now();
    analytics::TriggerConfig tcfg = options.triggers;
    tcfg.horizon_working_days = options.horizon_working_days;
    tcfg.deadline_days = in->deadline_days;
    const auto items = analytics::buildCallItems(in->client_signals, in->as_of, in->calendar, tcfg);
    sum.timings.triggers_ms = msSince(t0);
    if (stop(0.6)) return cancelled;

    t0 = std::chrono::steady_clock::now();
    auto plan = analytics::planCalls(items, in->brokers, in->booked, in->as_of, in->calendar,
                                     in->scheduler);
    if (!plan) return plan.error();
    sum.timings.plan_ms = msSince(t0);
    if (stop(0.8)) return cancelled;

    t0 = std::chrono::steady_clock::now();
    std::vector<storage::TaskRow> tasks;
    tasks.reserve(plan->calls.size());
    std::map<Date, std::size_t> perDay;
    for (Date d : plan->days) perDay[d] = 0;
    for (const auto& call : plan->calls) {
        const analytics::CallItem& item = items[call.item_index];
        for (const auto& trig : item.triggers) ++sum.by_trigger[trig.kind];
        ++perDay[call.date];
        if (call.broker_id == kServiceDeskQueue) ++sum.service_desk_planned;
        tasks.push_back({.client_ref = call.client_ref,
                         .broker_id = call.broker_id,
                         .planned_date = call.date,
                         .due_date = call.due,
                         .channel = static_cast<int>(call.channel),
                         .time_window = call.time_window,
                         .priority = call.priority,
                         .reasons = encodeFacts(item.reasons()),
                         .talking_points = encodeFacts(item.talking_points),
                         .skip_reason = {}, // a new task: not skipped, no contact yet
                         .contact_id = std::nullopt,
                         .late_working_days = call.late_working_days,
                         .channel_fallback = call.channel_fallback});
    }
    std::vector<storage::PlanDroppedRow> dropped;
    dropped.reserve(plan->dropped.size());
    for (const auto& d : plan->dropped) {
        dropped.push_back({d.client_ref, d.broker_id, d.priority, static_cast<int>(d.reason),
                           encodeFacts(std::vector<DropFact>{d.why})});
        ++sum.dropped_by_reason[d.reason];
        if (d.broker_id == kServiceDeskQueue) ++sum.service_desk_dropped;
    }
    // A deadline missed by an item planned late is stored beside the dropped items (its fact
    // says when it is planned); one not planned is among them already.
    for (const auto& m : plan->shortfalls) {
        ++sum.shortfalls_by_kind[items[m.item_index].deadline_kind];
        if (m.why.has(Arg::On))
            dropped.push_back({m.client_ref, m.broker_id, m.priority, static_cast<int>(m.reason),
                               encodeFacts(std::vector<DropFact>{m.why})});
    }
    for (const auto& item : items)
        if (item.deadline && *item.deadline <= plan->days.back())
            ++sum.deadlines_by_kind[item.deadline_kind];
    storage::PlanRunRecord run;
    run.created_at = localNow().secs;
    run.as_of = in->as_of;
    run.first_day = plan->days.front();
    run.last_day = plan->days.back();
    run.horizon_working_days = options.horizon_working_days;
    run.default_daily_capacity = options.default_daily_capacity;
    run.parameters =
        "{\"horizon_working_days\": " + std::to_string(options.horizon_working_days) +
        ", \"default_daily_capacity\": " + std::to_string(options.default_daily_capacity) +
        ", \"unsegmented_relationship_type\": " +
        std::to_string(options.unsegmented_relationship_type) +
        ", \"dormant_relationship_type\": " + std::to_string(options.dormant_relationship_type) +
        ", \"service_desk_daily_capacity\": " + std::to_string(in->service_desk_daily_capacity) +
        ", \"low_value_slipping_share\": " +
        std::to_string(in->scheduler.low_value_slipping_share) + ", \"deadline_days\": {";
    for (std::size_t i = 0; i < analytics::deadlineRules().size(); ++i) {
        const auto kind = analytics::deadlineRules()[i].kind;
        run.parameters += (i ? ", \"" : "\"") + std::string(factKey(kind)) + "\": " +
                          std::to_string(in->deadline_days[static_cast<std::size_t>(kind)]);
    }
    run.parameters += "}}";
    for (const auto& w : plan->warnings) run.warnings += (run.warnings.empty() ? "" : "\n") + w;
    auto runId = storage::savePlanRun(db, run, tasks, dropped);
    if (!runId) return runId.error();
    sum.timings.save_ms = msSince(t0);

    sum.run_id = *runId;
    sum.as_of = in->as_of;
    sum.first_day = run.first_day;
    sum.last_day = run.last_day;
    sum.clients = in->client_signals.size();
    sum.candidates = items.size();
    sum.planned = tasks.size();
    for (const auto& b : in->booked)
        if (b.date >= run.first_day && b.date <= run.last_day) ++sum.held;
    for (const auto& [d, n] : perDay) sum.per_day.emplace_back(d, n);
    sum.dropped = std::move(plan->dropped);
    sum.shortfalls = std::move(plan->shortfalls);
    sum.warnings = std::move(plan->warnings);
    return sum;
}

Result<std::optional<PlanDays>> latestPlanDays(storage::Database& db) {
    auto run = storage::latestPlanRun(db);
    if (!run) return run.error();
    if (!*run) return std::optional<PlanDays>{};
    return std::optional<PlanDays>{PlanDays{(*run)->as_of, (*run)->first_day}};
}

} // namespace bd::services
