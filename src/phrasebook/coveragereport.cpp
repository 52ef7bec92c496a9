// The words of `coverage`'s text report (src/cli/cmd_plan.cpp): its headings and lists.
#include "phrasebook/words.h"

namespace bd::phrase {
namespace {

/// `s` padded with spaces to `width` characters (ids and numbers: one byte a character).
std::string padRight(std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}
std::string padLeft(const std::string& s, std::size_t width) {
    return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

} // namespace

std::string_view name(CoverageWord v, Lang l) {
    static constexpr Words kWords[kCoverageWordCount] = {
        {"broker", "客户经理"},  {"branch", "营业部"},       {"clients", "客户数"},
        {"covered", "按期联系"}, {"share", "覆盖率"},        {"overdue", "逾期事项"},
        {"VIPs", "VIP数"},       {"neglected", "未按期VIP"}, {"deadlines", "错过期限"},
    };
    return pick(kWords, v, l);
}

std::string coverageRow(std::string_view id, bool total, Lang l) {
    if (total) return std::string(in({"total", "合计"}, l));
    if (id.empty()) return std::string(in({"(none)", "（无）"}, l));
    // English shows every queue by its id, as it always has; Chinese names the service desk.
    return std::string(l == Lang::Zh ? queueName(id, l) : id);
}

std::string coverageHeading(Date asOf, Lang l) {
    if (l == Lang::Zh)
        return "截至" + asOf.toString() +
               "的联系覆盖（有主动联系周期的客户；按期联系＝在联系周期内联系过或开户；"
               "错过期限＝最新计划错过的期限）";
    return "coverage as of " + asOf.toString() +
           " (clients with a proactive cadence; covered = contacted, or opened, within the "
           "cadence; deadlines = deadlines the newest plan misses)";
}

std::string neglectedVipsHeading(std::size_t n, Lang l) {
    if (l == Lang::Zh) return "未按期联系的VIP（" + std::to_string(n) + "位），最久未联系的在前：";
    return "neglected VIPs (" + std::to_string(n) + "), most overdue first:";
}

std::string neglectedVip(std::string_view broker, int cadenceDays, std::optional<Date> lastContact,
                         long long daysSince, Lang l) {
    const std::string b = padRight(std::string(broker), 8);
    const std::string cadence = padLeft(std::to_string(cadenceDays), 3);
    const std::string days = std::to_string(daysSince);
    if (l == Lang::Zh)
        return "客户经理 " + b + " 联系周期 " + cadence + "天，" +
               (lastContact ? "上次联系 " + lastContact->toString() + "（" + days + "天前）"
                            : "从未联系（开户已" + days + "天）");
    return "broker " + b + " cadence " + cadence + " d, " +
           (lastContact ? "last contact " + lastContact->toString() + " (" + days + " days ago)"
                        : "never contacted (opened " + days + " days ago)");
}

std::string missedDeadlinesHeading(Date planAsOf, std::size_t n, Lang l) {
    if (l == Lang::Zh)
        return planAsOf.toString() + "的计划错过的期限（" + std::to_string(n) +
               "项），最早的在前：";
    return "deadlines the plan of " + planAsOf.toString() + " misses (" + std::to_string(n) +
           "), earliest first:";
}

} // namespace bd::phrase
