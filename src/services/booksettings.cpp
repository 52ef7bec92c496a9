#include "services/booksettings.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "analytics/portfolio.h"
#include "analytics/profitmodel.h"
#include "analytics/relationship.h"
#include "analytics/scheduler.h"
#include "analytics/triggers.h"
#include "core/text.h"
#include "services/commands/refusals.h"
#include "services/deadlinesettings.h"
#include "services/planinputs.h"
#include "services/portfoliosettings.h"
#include "services/segmentstage.h"
#include "services/valueparams.h"
#include "storage/book/planstore.h"
#include "storage/book/settings.h"

namespace bd::services {
namespace {

constexpr std::string_view kChannelLimitPrefix = "plan.channel_limit.";

std::string number(double v) {
    return fmt::format("{}", v); // shortest round-trip form, as setSettingDouble stores it
}

SettingSpec numberSpec(std::string key, SettingGroup g, double lo, double hi, double def,
                       bool loOpen = false, bool hiOpen = false) {
    SettingSpec s;
    s.key = std::move(key);
    s.group = g;
    s.min = lo;
    s.max = hi;
    s.min_open = loOpen;
    s.max_open = hiOpen;
    s.default_value = number(def);
    return s;
}

SettingSpec integerSpec(std::string key, SettingGroup g, int lo, int hi, std::string def) {
    SettingSpec s = numberSpec(std::move(key), g, lo, hi, 0);
    s.type = SettingType::Integer;
    s.unit = RangeUnit::Integer;
    s.default_value = std::move(def);
    return s;
}

/// The value model's ranges (analytics::validate() holds the same, and checks the weights).
void addValueModel(std::vector<SettingSpec>& out) {
    const analytics::ValueModelParams defaults;
    for (const auto& [key, def] : analytics::toKeyValues(defaults)) {
        const std::string k = "value." + key;
        SettingSpec s;
        if (key == "handling_rate" || key == "spread_rate")
            s = numberSpec(k, SettingGroup::ValueModel, 0, 1, def, false, true);
        else if (key == "vip_percent") {
            s = numberSpec(k, SettingGroup::VipSegments, 0, 100, def, true, false);
            s.unit = RangeUnit::Percent;
        } else if (key == "aum_rich_quantile" || key == "low_value_quantile")
            s = numberSpec(k, SettingGroup::VipSegments, 0, 1, def);
        else if (key == "weight_profit" || key == "weight_clv")
            s = numberSpec(k, SettingGroup::VipSegments, 0, 100, def);
        else if (key == "clv_horizon_weeks")
            s = numberSpec(k, SettingGroup::ValueModel, 0, 520, def, true, false);
        else {
            s = numberSpec(k, SettingGroup::ValueModel, 0, 1e6, def); // CNY amounts
            s.unit = RangeUnit::Money;
        }
        if (key.starts_with("channel_cost."))
            s.channel = parseContactChannel(key.substr(13)).value_or(ContactChannel::Unknown);
        out.push_back(std::move(s));
    }
}

std::vector<SettingSpec> makeSpecs() {
    std::vector<SettingSpec> out;
    addValueModel(out);
    const analytics::KotlerThresholds k;
    out.push_back(numberSpec("segments.kotler.many_share", SettingGroup::VipSegments, 0, 1,
                             k.many_share, true, true));
    out.push_back(numberSpec("segments.kotler.few_share", SettingGroup::VipSegments, 0, 1,
                             k.few_share, true, true));
    out.push_back(numberSpec("segments.kotler.high_margin_ratio", SettingGroup::VipSegments, 0, 100,
                             k.high_margin_ratio, true, false));
    out.push_back(numberSpec("segments.kotler.low_margin_ratio", SettingGroup::VipSegments, 0, 100,
                             k.low_margin_ratio, true, false));

    out.push_back(integerSpec(std::string(kServiceDeskCapacitySetting), SettingGroup::Planning, 1,
                              10000, "")); // "": 10 a day per broker in the book
    out.push_back(numberSpec(std::string(kSlippingShareSetting), SettingGroup::Planning, 0, 1,
                             analytics::SchedulerConfig{}.low_value_slipping_share));
    for (int c = 1; c < kContactChannelCount; ++c) {
        const auto ch = static_cast<ContactChannel>(c);
        SettingSpec s = integerSpec(std::string(kChannelLimitPrefix) + std::string(toString(ch)),
                                    SettingGroup::Planning, 0, 1000, "");
        s.channel = ch;
        out.push_back(std::move(s));
    }

    for (const auto& r : analytics::deadlineRules()) {
        SettingSpec s = integerSpec(deadlineSettingKey(r.kind), SettingGroup::Deadlines, r.min_days,
                                    r.max_days, std::to_string(r.default_days));
        s.deadline_kind = r.kind;
        out.push_back(std::move(s));
    }

    const analytics::PortfolioOptions p;
    const auto& t = p.thresholds;
    for (const auto& [key, def] :
         {std::pair{kPortfolioTop1Key, t.top1_share}, std::pair{kPortfolioTop3Key, t.top3_share},
          std::pair{kPortfolioHhiKey, t.hhi}, std::pair{kPortfolioDrawdownKey, t.max_drawdown},
          std::pair{kPortfolioGrowthBoardKey, t.growth_board_share}})
        out.push_back(numberSpec(key, SettingGroup::Portfolio, 0, 1, def));
    // Volatility is annualised and may exceed 100 %.
    out.push_back(
        numberSpec(kPortfolioVolatilityKey, SettingGroup::Portfolio, 0, 10, t.volatility));
    out.push_back(integerSpec(kPortfolioGrowthMinLevelKey, SettingGroup::Portfolio, 0, 5,
                              std::to_string(p.suitability.growth_board_min_level)));
    SettingSpec method;
    method.key = kPortfolioCostMethodKey;
    method.group = SettingGroup::Portfolio;
    method.type = SettingType::Choice;
    method.choices = {"average", "fifo"};
    method.default_value = std::string(analytics::toString(p.cost_method));
    out.push_back(std::move(method));

    out.push_back(integerSpec(std::string(kAssessmentValidityKey), SettingGroup::General, 1, 120,
                              std::to_string(kDefaultAssessmentValidityMonths)));
    return out;
}

Error outOfRange(const SettingSpec& spec, std::string_view text) {
    RefusalFact f(spec.type == SettingType::Choice ? RefusalKind::NotOneOf
                                                   : RefusalKind::SettingRange);
    f.text(Arg::Field, spec.key).text(Arg::Value, std::string(trim(text)));
    if (spec.type != SettingType::Choice)
        f.value(Arg::Low, spec.min)
            .value(Arg::High, spec.max)
            .count(Arg::Bounds, (spec.min_open ? kLowOpen : 0) | (spec.max_open ? kHighOpen : 0))
            .count(Arg::Unit, static_cast<int>(spec.unit));
    return cmd::refused(std::move(f));
}

bool isChannelLimit(std::string_view key) {
    return key.starts_with(kChannelLimitPrefix);
}

bool isBrokerCapacity(std::string_view key) {
    return key.starts_with(kBrokerCapacityPrefix) && key.size() > kBrokerCapacityPrefix.size();
}

std::string brokerOf(std::string_view key) {
    return std::string(key.substr(kBrokerCapacityPrefix.size()));
}

} // namespace

const std::vector<SettingSpec>& settingSpecs() {
    static const std::vector<SettingSpec> specs = makeSpecs();
    return specs;
}

const SettingSpec* settingSpec(std::string_view key) {
    for (const auto& s : settingSpecs())
        if (s.key == key) return &s;
    return nullptr;
}

std::optional<SettingSpec> findSetting(std::string_view key) {
    if (const SettingSpec* s = settingSpec(key)) return *s;
    if (!isBrokerCapacity(key)) return std::nullopt;
    SettingSpec s = integerSpec(std::string(key), SettingGroup::Planning, 0, 500, "");
    return s;
}

std::string allowedText(const SettingSpec& spec) {
    if (spec.type == SettingType::Choice) {
        std::string out;
        for (std::size_t i = 0; i < spec.choices.size(); ++i)
            out += (i == 0 ? "" : i + 1 == spec.choices.size() ? " or " : ", ") + spec.choices[i];
        return out;
    }
    const std::string kind = spec.type == SettingType::Integer ? "a whole number " : "";
    if (!spec.min_open && !spec.max_open)
        return fmt::format("{}{} to {}", kind, number(spec.min), number(spec.max));
    return fmt::format("{}{} {} and {} {}", kind, spec.min_open ? "greater than" : "at least",
                       number(spec.min), spec.max_open ? "less than" : "at most", number(spec.max));
}

Result<std::string> checkSetting(const SettingSpec& spec, std::string_view text) {
    const std::string_view t = trim(text);
    if (spec.type == SettingType::Choice) {
        for (const auto& c : spec.choices)
            if (t == c) return c;
        return outOfRange(spec, text);
    }
    double v = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(v))
        return outOfRange(spec, text);
    if (spec.type == SettingType::Integer && v != std::floor(v)) return outOfRange(spec, text);
    const bool lowOk = spec.min_open ? v > spec.min : v >= spec.min;
    const bool highOk = spec.max_open ? v < spec.max : v <= spec.max;
    if (!lowOk || !highOk) return outOfRange(spec, text);
    return spec.type == SettingType::Integer ? std::to_string(static_cast<long long>(v))
                                             : number(v);
}

Result<std::optional<std::string>> loadCheckedSetting(storage::Database& db, std::string_view key) {
    const SettingSpec* spec = settingSpec(key);
    if (!spec) return makeError(ErrorCode::Internal, "no setting " + std::string(key));
    auto v = storage::getSetting(db, key);
    if (!v || !*v) return v;
    auto checked = checkSetting(*spec, **v);
    if (!checked) return checked.error();
    return std::optional<std::string>{std::move(*checked)};
}

Result<std::optional<double>> loadCheckedNumber(storage::Database& db, std::string_view key) {
    auto v = loadCheckedSetting(db, key);
    if (!v) return v.error();
    if (!*v) return std::optional<double>{};
    return std::optional<double>{std::stod(**v)};
}

Result<std::optional<std::string>> readBookSetting(storage::Database& db, const SettingSpec& spec) {
    if (!isChannelLimit(spec.key)) return storage::getSetting(db, spec.key);
    auto limits = storage::loadChannelLimits(db);
    if (!limits) return limits.error();
    for (const auto& [channel, perDay] : *limits)
        if (channel == static_cast<int>(spec.channel))
            return std::optional<std::string>{std::to_string(perDay)};
    return std::optional<std::string>{};
}

Result<std::vector<SettingValue>> loadBookSettings(storage::Database& db) {
    std::vector<SettingValue> out;
    out.reserve(settingSpecs().size());
    for (const auto& s : settingSpecs()) {
        auto v = readBookSetting(db, s);
        if (!v) return v.error();
        out.push_back({s.key, std::move(*v)});
    }
    return out;
}

Result<std::vector<SettingValue>> loadBrokerCapacities(storage::Database& db) {
    auto brokers = storage::loadPlanBrokers(db);
    if (!brokers) return brokers.error();
    std::vector<SettingValue> out;
    for (const auto& b : *brokers)
        out.push_back({std::string(kBrokerCapacityPrefix) + b.broker_id,
                       b.daily_capacity > 0 ? std::optional(std::to_string(b.daily_capacity))
                                            : std::nullopt});
    return out;
}

Status writeBookSetting(storage::Database& db, std::string_view key,
                        const std::optional<std::string>& value) {
    if (isBrokerCapacity(key)) {
        auto found = storage::setBrokerCapacity(db, brokerOf(key), value ? std::stoi(*value) : 0);
        if (!found) return found.error();
        if (*found) return {};
        Error e = cmd::refused(RefusalFact(RefusalKind::UnknownBroker)
                                   .text(Arg::Field, "broker_id")
                                   .text(Arg::Value, brokerOf(key)));
        e.column_name = std::string(key);
        return e;
    }
    if (isChannelLimit(key)) {
        const SettingSpec* spec = settingSpec(key);
        if (!spec)
            return cmd::refused(RefusalFact(RefusalKind::UnknownSetting)
                                    .text(Arg::Field, "setting")
                                    .text(Arg::Value, std::string(key)));
        std::optional<int> perDay;
        if (value) perDay = std::stoi(*value);
        return storage::setChannelLimit(db, static_cast<int>(spec->channel), perDay);
    }
    return value ? storage::setSetting(db, key, *value) : storage::removeSetting(db, key);
}

Status checkBookSettings(storage::Database& db) {
    if (auto p = loadValueModelParams(db); !p) return p.error();
    if (auto k = loadKotlerThresholds(db); !k) return k.error();
    if (auto o = loadPortfolioOptions(db); !o) return o.error();
    if (auto d = loadTriggerDeadlines(db); !d) return d.error();
    if (auto m = loadAssessmentValidityMonths(db); !m) return m.error();
    return {};
}

SettingsChange::Kind settingChangeKind(std::string_view key) {
    using Kind = SettingsChange::Kind;
    if (key.starts_with("value.")) return Kind::ValueModel;
    if (key.starts_with("segments.")) return Kind::Segmentation;
    if (key.starts_with("segmentation.")) return Kind::SegmentCount;
    if (key.starts_with("plan.")) return Kind::Planning;
    if (key.starts_with("portfolio.")) return Kind::PortfolioOptions;
    return Kind::General;
}

Result<int> loadAssessmentValidityMonths(storage::Database& db) {
    auto v = loadCheckedNumber(db, kAssessmentValidityKey);
    if (!v) return v.error();
    return *v ? static_cast<int>(**v) : kDefaultAssessmentValidityMonths;
}

} // namespace bd::services
