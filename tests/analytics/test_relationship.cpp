// Kotler's relationship matrix, levels and default service policies.
#include <gtest/gtest.h>

#include <limits>

#include "analytics/relationship.h"

using namespace bd::analytics;

TEST(Relationship, KotlerMatrixAllNineCells) {
    using R = RelationshipType;
    // clients many / medium / few x margin low / medium / high, as in the domain notes.
    EXPECT_EQ(relationshipFor(Level::High, Level::Low), R::Basic);
    EXPECT_EQ(relationshipFor(Level::High, Level::Medium), R::Reactive);
    EXPECT_EQ(relationshipFor(Level::High, Level::High), R::Accountable);
    EXPECT_EQ(relationshipFor(Level::Medium, Level::Low), R::Reactive);
    EXPECT_EQ(relationshipFor(Level::Medium, Level::Medium), R::Accountable);
    EXPECT_EQ(relationshipFor(Level::Medium, Level::High), R::Proactive);
    EXPECT_EQ(relationshipFor(Level::Low, Level::Low), R::Accountable);
    EXPECT_EQ(relationshipFor(Level::Low, Level::Medium), R::Proactive);
    EXPECT_EQ(relationshipFor(Level::Low, Level::High), R::Partnership);
}

TEST(Relationship, StableKeys) {
    EXPECT_EQ(toString(RelationshipType::Partnership), "partnership");
    EXPECT_EQ(toString(RelationshipType::Basic), "basic");
    EXPECT_EQ(toString(ServedBy::SeniorBroker), "senior broker");
}

TEST(Relationship, LevelsFromThresholds) {
    const KotlerThresholds t;
    EXPECT_EQ(clientLevel(0.35, t), Level::High);
    EXPECT_EQ(clientLevel(0.20, t), Level::High);
    EXPECT_EQ(clientLevel(0.10, t), Level::Medium);
    EXPECT_EQ(clientLevel(0.03, t), Level::Low);
    EXPECT_EQ(marginLevel(2500, 1000, t), Level::High);
    EXPECT_EQ(marginLevel(1000, 1000, t), Level::Medium);
    EXPECT_EQ(marginLevel(400, 1000, t), Level::Low);
    // Loss-making book: compare with the population mean and with zero.
    EXPECT_EQ(marginLevel(-50, -10, t), Level::Low);
    EXPECT_EQ(marginLevel(20, -10, t), Level::High);
    EXPECT_EQ(marginLevel(-5, -10, t), Level::Medium);
    KotlerThresholds custom;
    custom.few_share = 0.10;
    EXPECT_EQ(clientLevel(0.08, custom), Level::Low);
}

TEST(Relationship, DefaultServicePolicies) {
    const auto partner = defaultServicePolicy(RelationshipType::Partnership);
    EXPECT_EQ(partner.contact_cadence_days, 14);
    EXPECT_TRUE(partner.proactive_contact);
    ASSERT_EQ(partner.channels.size(), 2u);
    EXPECT_EQ(partner.channels[0], bd::ContactChannel::Visit);
    EXPECT_EQ(partner.served_by, ServedBy::SeniorBroker);
    EXPECT_EQ(defaultServicePolicy(RelationshipType::Proactive).contact_cadence_days, 30);
    EXPECT_EQ(defaultServicePolicy(RelationshipType::Accountable).contact_cadence_days, 60);
    EXPECT_EQ(defaultServicePolicy(RelationshipType::Reactive).contact_cadence_days, 120);
    const auto basic = defaultServicePolicy(RelationshipType::Basic);
    EXPECT_FALSE(basic.proactive_contact);
    EXPECT_EQ(basic.contact_cadence_days, 365);
    // Cadence tightens as the relationship deepens.
    int last = 1000;
    for (auto t :
         {RelationshipType::Basic, RelationshipType::Reactive, RelationshipType::Accountable,
          RelationshipType::Proactive, RelationshipType::Partnership}) {
        const int cadence = defaultServicePolicy(t).contact_cadence_days;
        EXPECT_LT(cadence, last);
        last = cadence;
    }
}

TEST(Relationship, AZeroValueSegmentNeverGetsARelationshipWithABrokerCadence) {
    using R = RelationshipType;
    // The 20,000-client demo book's "dormant accounts (lower asset growth)": 1.8% of the
    // clients, mean AUM 0, mean profit 20 CNY against the book's 3,360: Kotler's "few clients,
    // low margin" is accountable (a broker's call every 60 days); of no value, reactive.
    const KotlerThresholds t;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_TRUE(zeroValue(20.07, 3360.0, 0.0, 321000.0, t));
    EXPECT_EQ(relationshipFor(Level::Low, Level::Low), R::Accountable);
    EXPECT_EQ(relationshipFor(Level::Low, Level::Low, true), R::Reactive);
    EXPECT_EQ(relationshipFor(Level::Medium, Level::Low, true), R::Reactive);
    EXPECT_EQ(relationshipFor(Level::High, Level::Low, true), R::Basic);
    EXPECT_EQ(relationshipFor(Level::Low, Level::High, false), R::Partnership);
    // Not of no value: profit above 5% of the book's, or assets above 5% of the book's (an
    // asset-rich segment that does not trade yet is a broker's to win over).
    EXPECT_FALSE(zeroValue(200.0, 3360.0, 0.0, 321000.0, t));
    EXPECT_FALSE(zeroValue(20.0, 3360.0, 500000.0, 321000.0, t));
    EXPECT_TRUE(zeroValue(168.0, 3360.0, 16050.0, 321000.0, t)); // both exactly 5%
    // A loss-making segment with no assets, in a loss-making book; AUM unknown: profit alone.
    EXPECT_TRUE(zeroValue(-40.0, -10.0, 0.0, 1000.0, t));
    EXPECT_TRUE(zeroValue(0.0, 3360.0, nan, nan, t));
    EXPECT_FALSE(zeroValue(nan, 3360.0, 0.0, 321000.0, t)); // profit unknown: Kotler decides
}
