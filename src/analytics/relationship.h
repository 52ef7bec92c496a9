#pragma once
// Kotler's five relationship types (see the domain notes): chosen from how many clients a
// segment has and how high its margin is, each with a default service policy.
#include <string_view>
#include <vector>

#include "core/enums.h"

namespace bd::analytics {

using bd::RelationshipType; // Kotler's relationship types (core/enums.h)
using bd::ServedBy;         // who looks after a segment's clients (core/enums.h)
using bd::toString;         // their stable keys (core/enums.h); the words: the phrasebook

/// A three-step level (client count or margin).
enum class Level { Low, Medium, High };

/// English name of a level ("low", "medium", "high").
std::string_view toString(Level l);

/// Kotler's matrix, exactly as in the domain notes. clients: High = many, Medium = medium,
/// Low = few; margin: Low / Medium / High.
///   many:   basic,       reactive,    accountable
///   medium: reactive,    accountable, proactive
///   few:    accountable, proactive,   partnership
RelationshipType relationshipFor(Level clients, Level margin);

/// Where the levels change. Defaults: a segment with >= 20% of the clients is "many", < 5% is
/// "few" (the valuable 2-5% of clients must land in "few"); its mean profit per client is "high"
/// margin at >= 2x the population's mean profit per client and "low" at <= 0.5x.
struct KotlerThresholds {
    double many_share = 0.20;
    double few_share = 0.05;
    double high_margin_ratio = 2.0;
    double low_margin_ratio = 0.5;
    /// A segment of no value: mean profit per client at most this share of the population's
    /// (or not positive), and mean AUM at most this share of the population's (when known).
    double zero_value_ratio = 0.05;
};

/// Kotler's matrix, except that a segment of no value (zeroValue()) never gets a relationship a
/// broker calls for on a cadence: basic when it has many clients, reactive (the service desk's
/// reactivation every 120 days) otherwise. Without this rule a small dormant zero-AUM segment
/// is "few clients, low margin" and Kotler's matrix makes it accountable: a broker's call every
/// 60 days to clients who hold nothing.
RelationshipType relationshipFor(Level clients, Level margin, bool zero_value);

/// Whether a segment is of no value: its mean profit per client is not positive or at most
/// zero_value_ratio of the population's, and its mean AUM (NaN = unknown, not looked at) at most
/// zero_value_ratio of the population's.
bool zeroValue(double segment_mean_profit, double population_mean_profit, double segment_mean_aum,
               double population_mean_aum, const KotlerThresholds& t = {});

/// Client count level of a segment from its share of all clients (0..1).
Level clientLevel(double client_share, const KotlerThresholds& t = {});

/// Margin level of a segment from its mean profit per client against the population's. When
/// the population's mean profit is not positive (a loss-making book) ratios are meaningless:
/// then a segment above the population mean and profitable is High, one at or below the
/// population mean is Low, the rest Medium.
Level marginLevel(double segment_mean_profit, double population_mean_profit,
                  const KotlerThresholds& t = {});

/// Default way of serving a relationship type.
struct ServicePolicy {
    RelationshipType type = RelationshipType::Basic;
    int contact_cadence_days = 365;       // planned proactive contact every N days
    bool proactive_contact = false;       // false: the broker only responds (cadence = review only)
    std::vector<ContactChannel> channels; // preferred first
    ServedBy served_by = ServedBy::Automated;
};

/// Default policy per type: partnership every 14 days by visit/phone, senior broker; proactive
/// 30 days phone/wechat, broker; accountable 60 days phone, broker; reactive 120 days
/// sms/wechat, service desk; basic no proactive contact (365-day sms review), automated.
ServicePolicy defaultServicePolicy(RelationshipType t);

} // namespace bd::analytics
