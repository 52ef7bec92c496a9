#include "analytics/relationship.h"

#include <cmath>

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
    ServicePolicy p;
    p.type = t;
    switch (t) {
    case RelationshipType::Partnership:
        p.contact_cadence_days = 14;
        p.proactive_contact = true;
        p.channels = {ContactChannel::Visit, ContactChannel::Phone};
        p.served_by = ServedBy::SeniorBroker;
        break;
    case RelationshipType::Proactive:
        p.contact_cadence_days = 30;
        p.proactive_contact = true;
        p.channels = {ContactChannel::Phone, ContactChannel::Wechat};
        p.served_by = ServedBy::Broker;
        break;
    case RelationshipType::Accountable:
        p.contact_cadence_days = 60;
        p.proactive_contact = true;
        p.channels = {ContactChannel::Phone};
        p.served_by = ServedBy::Broker;
        break;
    case RelationshipType::Reactive:
        p.contact_cadence_days = 120;
        p.proactive_contact = true;
        p.channels = {ContactChannel::Sms, ContactChannel::Wechat};
        p.served_by = ServedBy::ServiceDesk;
        break;
    case RelationshipType::Basic:
        p.contact_cadence_days = 365;
        p.proactive_contact = false;
        p.channels = {ContactChannel::Sms};
        p.served_by = ServedBy::Automated;
        break;
    }
    return p;
}

} // namespace bd::analytics
