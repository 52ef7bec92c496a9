// The words of `deadlines`' table (src/cli/cmd_deadlines.cpp): its headings and how each kind's
// deadline counts.
#include "phrasebook/words.h"

namespace bd::phrase {

std::string_view name(DeadlineWord v, Lang l) {
    static constexpr Words kWords[kDeadlineWordCount] = {
        {"kind", "类型"},
        {"default", "默认"},
        {"current", "当前"},
        {"counted as (allowed)", "计算方式（允许范围）"}};
    return pick(kWords, v, l);
}

std::string deadlineCounted(bool dated, int minDays, int maxDays, Lang l) {
    const std::string range = std::to_string(minDays) + ".." + std::to_string(maxDays);
    if (l == Lang::Zh)
        return dated ? "其日期之后的工作日数（" + range + "；0＝当天）"
                     : "计划的第N个工作日之前（" + range + "；1＝第一天）";
    return dated ? "working days after its date (" + range + "; 0 = on the day)"
                 : "by working day N of the plan (" + range + "; 1 = the first day)";
}

} // namespace bd::phrase
