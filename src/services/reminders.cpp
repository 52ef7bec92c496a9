#include "services/reminders.h"

#include <algorithm>
#include <set>

namespace bd::services {
namespace {

bool hasReason(const PlanItem& item, bool (*pred)(ReasonKind)) {
    return std::any_of(item.reasons.begin(), item.reasons.end(),
                       [&](const Reason& r) { return pred(r.kind); });
}

} // namespace

bool isUrgentReason(ReasonKind kind) {
    return kind == ReasonKind::AssetOutflow || kind == ReasonKind::Complaint ||
           kind == ReasonKind::LargeLoss || kind == ReasonKind::PromisedFollowUp;
}

Result<std::vector<Reminder>> loadReminders(storage::Database& db, Date today) {
    std::vector<Reminder> out;
    std::set<std::int64_t> seen;
    auto planned = loadBrokerPlan(db, {}, today, today);
    if (!planned) return planned.error();
    for (auto& item : *planned)
        if (hasReason(item, [](ReasonKind k) { return k == ReasonKind::PromisedFollowUp; }) &&
            seen.insert(item.task_id).second)
            out.push_back({Reminder::Kind::PromiseDueToday, std::move(item)});
    auto overdue = listOverdue(db, {}, today);
    if (!overdue) return overdue.error();
    std::stable_sort(overdue->begin(), overdue->end(), [](const PlanItem& a, const PlanItem& b) {
        return a.due.value_or(a.date) < b.due.value_or(b.date);
    });
    for (auto& item : *overdue)
        if (hasReason(item, isUrgentReason) && seen.insert(item.task_id).second)
            out.push_back({Reminder::Kind::UrgentOverdue, std::move(item)});
    return out;
}

} // namespace bd::services
