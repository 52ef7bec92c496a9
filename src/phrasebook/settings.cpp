// The display name of every book setting (services/booksettings.h), by its key: what a refusal
// of a setting's value names and what the CLI's settings list shows beside the key.
#include <string>

#include "core/enums.h"
#include "core/facts.h"
#include "phrasebook/words.h"

namespace bd::phrase {
namespace {

constexpr Keyed kSettings[] = {
    {"value.handling_rate",
     {"exchange handling rate (share of amount traded)", "交易所经手费率（占成交金额）"}},
    {"value.spread_rate", {"interest spread on client cash (per year)", "客户资金利差（年）"}},
    {"value.maintenance_per_year", {"account maintenance per year", "每年账户维护成本"}},
    {"value.clv_horizon_weeks", {"expected-value horizon (weeks)", "预期价值期限（周）"}},
    {"value.vip_percent", {"VIP share of clients", "VIP比例"}},
    {"value.weight_profit",
     {"value-score weight of realised profit", "价值评分中已实现利润的权重"}},
    {"value.weight_clv", {"value-score weight of expected value", "价值评分中预期价值的权重"}},
    {"value.aum_rich_quantile", {"asset-rich from quantile", "高资产分位数"}},
    {"value.low_value_quantile", {"low value below quantile", "低价值分位数"}},
    {"segments.kotler.many_share",
     {"share of a segment of many clients", "客户多的客户群占比下限"}},
    {"segments.kotler.few_share", {"share of a segment of few clients", "客户少的客户群占比上限"}},
    {"segments.kotler.high_margin_ratio",
     {"high margin from (times the mean profit)", "高利润倍数下限（相对平均利润）"}},
    {"segments.kotler.low_margin_ratio",
     {"low margin up to (times the mean profit)", "低利润倍数上限（相对平均利润）"}},
    {"plan.service_desk_capacity", {"service desk calls per day", "服务台每日呼叫量"}},
    {"plan.low_value_slipping_share",
     {"share of capacity for low-value slipping-away calls", "低价值流失预警呼叫的容量占比"}},
    {"portfolio.risk.top1_share", {"largest holding's share flagged from", "第一大持仓占比预警线"}},
    {"portfolio.risk.top3_share",
     {"three largest holdings' share flagged from", "前三大持仓占比预警线"}},
    {"portfolio.risk.hhi", {"concentration (HHI) flagged from", "集中度（HHI）预警线"}},
    {"portfolio.risk.max_drawdown", {"maximum drawdown flagged from", "最大回撤预警线"}},
    {"portfolio.risk.volatility", {"annual volatility flagged from", "年化波动率预警线"}},
    {"portfolio.risk.growth_board_share",
     {"growth-board share flagged from", "创业板、科创板和北交所持仓占比预警线"}},
    {"portfolio.suitability.growth_board_min_level",
     {"least risk level for growth boards", "创业板等所需的最低风险等级"}},
    {"portfolio.cost_method", {"cost method", "成本计算方法"}},
    {"risk_assessment.validity_months",
     {"risk assessment validity (months)", "风险测评有效期（月）"}},
};

constexpr std::string_view kChannelCost = "value.channel_cost.";
constexpr std::string_view kChannelLimit = "plan.channel_limit.";
constexpr std::string_view kBrokerCapacity = "plan.broker_capacity.";
constexpr std::string_view kDeadline = "plan.deadline.";

std::string channelName(std::string_view key, Lang l) {
    const auto c = parseContactChannel(key).value_or(ContactChannel::Unknown);
    return c == ContactChannel::Unknown ? std::string(l == Lang::Zh ? "未记录渠道" : "unrecorded")
                                        : std::string(name(c, l));
}

} // namespace

std::string settingName(std::string_view key, Lang l) {
    if (const Words* w = wordsOf(kSettings, key)) return std::string(in(*w, l));
    if (key.starts_with(kChannelCost)) {
        const std::string ch = channelName(key.substr(kChannelCost.size()), l);
        return l == Lang::Zh ? "每次" + ch + "联系的成本" : "cost per " + ch + " contact";
    }
    if (key.starts_with(kChannelLimit)) {
        const std::string ch = channelName(key.substr(kChannelLimit.size()), l);
        return l == Lang::Zh ? "每位客户经理每日" + ch + "联系上限"
                             : "most " + ch + " contacts per broker per day";
    }
    if (key.starts_with(kBrokerCapacity) && key.size() > kBrokerCapacity.size()) {
        const std::string broker(key.substr(kBrokerCapacity.size()));
        return l == Lang::Zh ? "客户经理" + broker + "每日呼叫量"
                             : "calls per day of broker " + broker;
    }
    if (key.starts_with(kDeadline)) {
        const ReasonKind k = reasonKindOf(key.substr(kDeadline.size()));
        if (k != ReasonKind::Unknown)
            return l == Lang::Zh ? std::string(name(k, l)) + "的处理期限（工作日）"
                                 : "deadline of " + std::string(name(k, l)) + " (working days)";
    }
    return {};
}

} // namespace bd::phrase
