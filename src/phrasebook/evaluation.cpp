// The CRM evaluation's facts in words (core/evaluation.h).
#include <cmath>

#include "phrasebook/words.h"

namespace bd::phrase {
namespace {

bool isShare(EvalOutcome o) {
    return o == EvalOutcome::Active || o == EvalOutcome::Coverage;
}
bool isMoney(EvalOutcome o) {
    return o == EvalOutcome::Aum || o == EvalOutcome::Commission;
}

/// A difference without its sign: "3.2 percentage points", "1,234 yuan", "0.12 points".
std::string amount(EvalOutcome o, double v, Lang l) {
    const double a = std::fabs(v);
    if (isShare(o))
        return decimal(100 * a, 1) + (l == Lang::Zh ? "个百分点" : " percentage points");
    if (isMoney(o)) return yuan(Money::fromDouble(a)) + (l == Lang::Zh ? "元" : " yuan");
    return decimal(a, 2) + (l == Lang::Zh ? "分" : " points");
}

} // namespace

std::string_view name(EvalOutcome v, Lang l) {
    switch (v) {
    case EvalOutcome::Active:
        return in({"active clients (traded in 90 days)", "活跃客户（90天内有交易）"}, l);
    case EvalOutcome::Aum:
        return in({"assets per client", "户均资产"}, l);
    case EvalOutcome::Commission:
        return in({"commission revenue per client", "户均佣金收入"}, l);
    case EvalOutcome::Satisfaction:
        return in({"mean satisfaction (1-5)", "平均满意度（1-5分）"}, l);
    case EvalOutcome::Coverage:
        return in({"coverage within cadence", "按服务周期覆盖率"}, l);
    }
    return in({"another measure", "其他指标"}, l);
}

std::string evalLevel(EvalOutcome o, double v, Lang) {
    if (isShare(o)) return percent(v);
    if (isMoney(o)) return yuan(Money::fromDouble(v));
    return decimal(v, 2);
}

std::string evalChange(EvalOutcome o, double v, Lang l) {
    const std::string sign = v < 0 ? "\u2212" : "+";
    if (isShare(o))
        return sign + decimal(100 * std::fabs(v), 1) + (l == Lang::Zh ? "个百分点" : " pp");
    if (isMoney(o)) return sign + yuan(Money::fromDouble(std::fabs(v)));
    return sign + decimal(std::fabs(v), 2);
}

std::string evalConclusion(const EvalOutcomeResult& r, bool comparison, double confidence, Lang l) {
    const std::string what(name(r.outcome, l));
    const std::string level = decimal(100 * confidence, 0) + "%";
    const std::string interval = l == Lang::Zh
                                     ? level + "区间 " + evalChange(r.outcome, r.ci_low, l) +
                                           " 至 " + evalChange(r.outcome, r.ci_high, l)
                                     : level + " interval " + evalChange(r.outcome, r.ci_low, l) +
                                           " to " + evalChange(r.outcome, r.ci_high, l);
    const std::string size = amount(r.outcome, r.estimate, l);
    switch (r.verdict) {
    case EvalVerdict::NotEnoughData:
        if (l == Lang::Zh)
            return what + "：两个时段都有数据的客户不足（项目组 " + std::to_string(r.n_treated) +
                   " 户" +
                   (comparison ? "，对照组 " + std::to_string(r.n_comparison) + " 户" : "") +
                   "），不作估计。";
        return "Not enough clients with " + what + " in both windows (" +
               std::to_string(r.n_treated) + " on the programme" +
               (comparison ? ", " + std::to_string(r.n_comparison) + " in the comparison group"
                           : "") +
               "): no estimate.";
    case EvalVerdict::Rose:
    case EvalVerdict::Fell: {
        const bool up = r.verdict == EvalVerdict::Rose;
        if (l == Lang::Zh) {
            if (comparison)
                return what + "比对照组多" + (up ? "上升" : "下降") + size + "（" + interval +
                       "，不含零）：项目很可能使其" + (up ? "提高" : "降低") + "。";
            return what + "在项目开始后" + (up ? "上升" : "下降") + size + "（" + interval +
                   "，不含零）；没有对照组，这一变化不一定是项目带来的。";
        }
        if (comparison)
            return what + " " + (up ? "rose" : "fell") + " by " + size +
                   " more than in the comparison group (" + interval +
                   ", excluding zero): the programme most likely " + (up ? "raised" : "lowered") +
                   " it.";
        return what + " " + (up ? "rose" : "fell") + " by " + size + " after the start (" +
               interval +
               ", excluding zero); without a comparison group this change is not necessarily the "
               "programme's doing.";
    }
    case EvalVerdict::NoClearChange:
        if (l == Lang::Zh)
            return what + "：没有明确的" + (comparison ? "项目效果" : "变化") + "（" + interval +
                   "，包含零）。";
        return std::string("No clear ") + (comparison ? "effect on " : "change in ") + what + " (" +
               interval + ", including zero).";
    }
    return what;
}

std::string evalSummary(const EvalResult& r, Lang l) {
    const auto n = [](std::size_t k) { return std::to_string(k); };
    if (l == Lang::Zh)
        return "项目前 " + r.before_from.toString() + " 至 " + r.before_to.toString() +
               "，项目后 " + r.after_from.toString() + " 至 " + r.after_to.toString() +
               "；项目组 " + n(r.treated_clients) + " 户" +
               (r.has_comparison ? "，对照组 " + n(r.comparison_clients) + " 户" : "") +
               "；按客户自助抽样 " + std::to_string(r.resamples) + " 次（种子 " +
               std::to_string(r.seed) + "）";
    return "before " + r.before_from.toString() + " to " + r.before_to.toString() + ", after " +
           r.after_from.toString() + " to " + r.after_to.toString() + "; " + n(r.treated_clients) +
           " clients on the programme" +
           (r.has_comparison ? ", " + n(r.comparison_clients) + " in the comparison group" : "") +
           "; " + std::to_string(r.resamples) + " bootstrap resamples of clients (seed " +
           std::to_string(r.seed) + ")";
}

std::vector<std::string> evalFigures(const EvalOutcomeResult& o, const EvalResult& r, Lang l) {
    std::vector<std::string> out;
    if (o.verdict == EvalVerdict::NotEnoughData) return out;
    const bool zh = l == Lang::Zh;
    const auto lv = [&](double v) { return evalLevel(o.outcome, v, l); };
    const auto ch = [&](double v) { return evalChange(o.outcome, v, l); };
    const auto side = [&](std::string_view who, std::size_t n, double b, double a, double c) {
        return std::string(who) + " (n=" + std::to_string(n) + ")" + (zh ? "：前 " : ": before ") +
               lv(b) + (zh ? "，后 " : ", after ") + lv(a) + (zh ? "，变化 " : ", change ") + ch(c);
    };
    out.push_back(side(zh ? "项目组" : "programme", o.n_treated, o.treated_before, o.treated_after,
                       o.treated_change));
    if (r.has_comparison)
        out.push_back(side(zh ? "对照组" : "comparison", o.n_comparison, o.comparison_before,
                           o.comparison_after, o.comparison_change));
    const std::string level = decimal(100 * r.confidence, 0) + "%";
    out.push_back(std::string(r.has_comparison ? (zh ? "双重差分 " : "difference in differences ")
                                               : (zh ? "前后变化 " : "before/after change ")) +
                  ch(o.estimate) + (zh ? "，" + level + "区间 [" : ", " + level + " CI [") +
                  ch(o.ci_low) + ", " + ch(o.ci_high) + "]");
    return out;
}

std::string evalCaveat(EvalCaveat c, Lang l) {
    switch (c) {
    case EvalCaveat::NoComparisonGroup:
        return std::string(in(
            {"No comparison group: these are before-versus-after changes only; whatever else "
             "changed between the two windows (markets, season, prices, staff) is inside them.",
             "没有对照组：以下只是项目前后的变化，两个时段之间的其他变化（行情、季节、费率、人员）"
             "都包含在内。"},
            l));
    case EvalCaveat::SmallComparisonGroup:
        return std::string(in({"The comparison group is under a tenth of the programme's size: "
                               "its intervals are wide.",
                               "对照组不到项目组的十分之一：区间较宽。"},
                              l));
    }
    return {};
}

} // namespace bd::phrase
