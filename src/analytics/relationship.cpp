#include "analytics/relationship.h"

#include <cmath>
#include <iterator>

#include "core/enumkeys.h"

namespace bd::analytics {

constexpr auto kLevelKeys = enumKeys<Level>("low", "medium", "high");

std::string_view toString(Level l) {
    return kLevelKeys(l);
}

RelationshipType relationshipFor(Level clients, Level margin) {
    // Rows: clients many (High), medium, few (Low); columns: margin low, medium, high.
    static constexpr RelationshipType kMatrix[3][3] = {
        {RelationshipType::Basic, RelationshipType::Reactive, RelationshipType::Accountable},
        {RelationshipType::Reactive, RelationshipType::Accountable, RelationshipType::Proactive},
        {RelationshipType::Accountable, RelationshipType::Proactive, RelationshipType::Partnership},
    };
    const int row = clients == Level::High ? 0 : clients == Level::Medium ? 1 : 2;
    const int col = margin == Level::Low ? 0 : margin == Level::Medium ? 1 : 2;
    return kMatrix[row][col];
}

RelationshipType relationshipFor(Level clients, Level margin, bool zero_value) {
    if (zero_value)
        return clients == Level::High ? RelationshipType::Basic : RelationshipType::Reactive;
    return relationshipFor(clients, margin);
}

bool zeroValue(double segment_mean_profit, double population_mean_profit, double segment_mean_aum,
               double population_mean_aum, const KotlerThresholds& t) {
    if (!std::isfinite(segment_mean_profit)) return false;
    const bool noProfit = segment_mean_profit <= 0.0 ||
                          (population_mean_profit > 0.0 &&
                           segment_mean_profit <= t.zero_value_ratio * population_mean_profit);
    if (!noProfit) return false;
    if (!std::isfinite(segment_mean_aum) || !std::isfinite(population_mean_aum)) return true;
    return segment_mean_aum <= 0.0 ||
           (population_mean_aum > 0.0 &&
            segment_mean_aum <= t.zero_value_ratio * population_mean_aum);
}

Level clientLevel(double client_share, const KotlerThresholds& t) {
    if (client_share >= t.many_share) return Level::High;
    if (client_share < t.few_share) return Level::Low;
    return Level::Medium;
}

Level marginLevel(double segment_mean_profit, double population_mean_profit,
                  const KotlerThresholds& t) {
    if (population_mean_profit > 0.0) {
        const double ratio = segment_mean_profit / population_mean_profit;
        if (ratio >= t.high_margin_ratio) return Level::High;
        if (ratio <= t.low_margin_ratio) return Level::Low;
        return Level::Medium;
    }
    if (segment_mean_profit <= population_mean_profit) return Level::Low;
    if (segment_mean_profit > 0.0) return Level::High;
    return Level::Medium;
}

ServicePolicy defaultServicePolicy(RelationshipType t) {
    using enum ContactChannel;
    // In the order of RelationshipType: type, cadence (days), proactive, channels, served by.
    static const ServicePolicy kDefaults[] = {
        {RelationshipType::Basic, 365, false, {Sms}, ServedBy::Automated},
        {RelationshipType::Reactive, 120, true, {Sms, Wechat}, ServedBy::ServiceDesk},
        {RelationshipType::Accountable, 60, true, {Phone}, ServedBy::Broker},
        {RelationshipType::Proactive, 30, true, {Phone, Wechat}, ServedBy::Broker},
        {RelationshipType::Partnership, 14, true, {Visit, Phone}, ServedBy::SeniorBroker},
    };
    const auto i = static_cast<std::size_t>(t);
    if (i < std::size(kDefaults)) return kDefaults[i];
    ServicePolicy p;
    p.type = t;
    return p;
}

} // namespace bd::analytics
