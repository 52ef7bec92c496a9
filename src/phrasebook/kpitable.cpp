// The words of `kpi`'s text table and its notes (src/cli/cmd_kpi.cpp).
#include "phrasebook/words.h"

namespace bd::phrase {
namespace {

/// "2026-12" as a Chinese reader writes a month: "2026年12月"; anything else as it is.
std::string monthWords(std::string_view month, Lang l) {
    const bool ym = month.size() == 7 && month[4] == '-';
    if (l == Lang::En || !ym) return std::string(month);
    const std::string_view mm = month.substr(5, 2);
    return std::string(month.substr(0, 4)) + "年" + std::string(mm[0] == '0' ? mm.substr(1) : mm) +
           "月";
}

} // namespace

std::string_view name(KpiWord v, Lang l) {
    // Words a person reads, that fit each column's width (a Chinese character takes two
    // columns); scripts read `kpi --json`, whose keys are the ids.
    static constexpr Words kWords[kKpiWordCount] = {
        {"Month", "月份"},
        {"ID", "编号"},
        {"Name", "名称"},
        {"Clients", "客户数"},
        {"Active", "活跃"},
        {"New", "新增"},
        {"Lost", "流失"},
        {"AUM", "总资产"},
        {"Net inflow", "资金净流入"},
        {"Commission", "佣金收入"},
        {"Profit 12m", "近12个月利润"},
        {"VIPs", "VIP数"},
        {"Churn", "VIP流失"},
        {"Covered", "覆盖率"},
        {"Satisfaction", "满意度"},
        {"Retain", "留存率"},
        {"Firm", "全公司"},
    };
    return pick(kWords, v, l);
}

std::string kpiOpenMonth(std::string_view month, Date asOf, Lang l) {
    if (l == Lang::Zh)
        return "（" + monthWords(month, l) + "尚未结束：数据截至" + asOf.toString() + "）";
    return "(" + std::string(month) + " is open: its figures are as of " + asOf.toString() + ")";
}

std::string kpiReportWritten(std::string_view month, std::size_t branches, std::size_t brokers,
                             std::string_view file, Lang l) {
    if (l == Lang::Zh)
        return "已将" + monthWords(month, l) + "的报告（" + std::to_string(branches) +
               "个营业部，" + std::to_string(brokers) + "名客户经理）写入 " + std::string(file);
    return "wrote the report of " + std::string(month) + " (" + std::to_string(branches) +
           " branches, " + std::to_string(brokers) + " brokers) to " + std::string(file);
}

std::string kpiComputed(std::size_t months, std::size_t clients, Date asOf, double seconds,
                        Lang l) {
    if (l == Lang::Zh)
        return "已计算" + std::to_string(clients) + "位客户截至" + asOf.toString() + "的" +
               std::to_string(months) + "个月末指标，用时" + decimal(seconds, 1) + "秒";
    return "computed " + std::to_string(months) + " month-ends of " + std::to_string(clients) +
           " clients as of " + asOf.toString() + " in " + decimal(seconds, 1) + " s";
}

std::string_view kpiNoHistory(Lang l) {
    return in({"the book has no trades and no asset snapshots: no history",
               "账簿中没有成交，也没有资产快照：无历史指标"},
              l);
}

std::string kpiNothingStored(std::string_view first, std::string_view last, Lang l) {
    if (l == Lang::Zh)
        return "所选范围没有已存的指标（已存月份：" + monthWords(first, l) + "至" +
               monthWords(last, l) + "）";
    return "nothing stored for that choice (months stored: " + std::string(first) + " to " +
           std::string(last) + ")";
}

} // namespace bd::phrase
