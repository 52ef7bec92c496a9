#include "services/planitems.h"

#include "services/commands/refusals.h"
#include "services/plancalendar.h"
#include "services/plantext.h"
#include "services/vipranking.h"

namespace bd::services {
namespace {

using plantext::storedReasons;

Error closed(std::int64_t taskId) {
    return cmd::refused(RefusalFact(RefusalKind::PlanItemClosed)
                            .count(Arg::Id, taskId)
                            .text(Arg::Value, std::to_string(taskId)));
}

PlanItem toItem(const storage::TaskDetailRow& r, std::int64_t scored) {
    PlanItem it;
    const storage::TaskRow& t = r.task;
    it.task_id = t.id;
    it.client_ref = t.client_ref;
    it.client_id = r.client_id;
    it.name = r.name;
    it.phone = r.phone;
    it.broker_id = t.broker_id;
    it.branch_id = r.branch_id;
    it.date = t.planned_date;
    it.due = t.due_date;
    it.channel = static_cast<ContactChannel>(t.channel);
    it.channel_fallback = t.channel_fallback;
    it.time_window = t.time_window;
    it.priority = t.priority;
    it.reasons = storedReasons(t.reasons);
    for (const auto& reason : it.reasons)
        if (reason.kind != ReasonKind::Unknown) it.trigger_kinds.emplace_back(factKey(reason.kind));
    it.talking_points = storedReasons(t.talking_points);
    it.status = t.status;
    it.attempts = t.attempts;
    it.late_working_days = t.late_working_days;
    it.value_tier = valueTier(r.vip, r.value_rank, scored);
    it.last_contact = r.last_contact;
    it.segment_fact = r.segment_fact;
    it.segment_zh = r.segment_zh;
    it.segment_en = r.segment_en;
    return it;
}

Result<std::vector<PlanItem>> loadItems(storage::Database& db, const storage::TaskFilter& f) {
    auto rows = storage::loadTasks(db, f);
    if (!rows) return rows.error();
    auto scored = storage::latestScoredCount(db);
    if (!scored) return scored.error();
    std::vector<PlanItem> out;
    out.reserve(rows->size());
    for (const auto& r : *rows) out.push_back(toItem(r, *scored));
    return out;
}

} // namespace

Result<std::vector<PlanItem>> loadBrokerPlan(storage::Database& db, const std::string& brokerId,
                                             Date from, Date to) {
    storage::TaskFilter f;
    f.broker_id = brokerId;
    f.from = from;
    f.to = to;
    return loadItems(db, f);
}

Result<std::vector<PlanItem>> listOverdue(storage::Database& db, const std::string& brokerId,
                                          Date asOf) {
    storage::TaskFilter f;
    f.broker_id = brokerId;
    f.overdue_before = asOf;
    return loadItems(db, f);
}

Result<Date> rescheduleItem(storage::RecordStore& store, const Calendar& calendar,
                            std::int64_t taskId, Date date) {
    auto t = store.loadTask(taskId);
    if (!t) return t.error();
    if (t->status != TaskStatus::Open && t->status != TaskStatus::Held) return closed(taskId);
    t->planned_date = calendar.workingDayOnOrAfter(date);
    t->status = TaskStatus::Held;
    if (auto s = store.updateTask(*t); !s) return s.error();
    return t->planned_date;
}

Status skipItem(storage::RecordStore& store, std::int64_t taskId, const std::string& reason) {
    if (reason.empty())
        return cmd::refused(RefusalFact(RefusalKind::Required).text(Arg::Field, "reason"));
    auto t = store.loadTask(taskId);
    if (!t) return t.error();
    if (t->status != TaskStatus::Open && t->status != TaskStatus::Held) return closed(taskId);
    t->status = TaskStatus::Skipped;
    t->skip_reason = reason;
    return store.updateTask(*t);
}

} // namespace bd::services
