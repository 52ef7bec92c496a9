#pragma once
// Satisfaction surveys and return visits (回访): the kinds and limits every layer shares. A
// template has 1..kMaxSurveyItems items, each scored 1..5, and one 0..10 "would you recommend"
// question whose answers give the NPS (analytics/survey.h). Standard templates and their items
// are kinds the phrasebook words (phrase::surveyItem); a manager's items are stored as typed.
#include <cstdint>

#include "core/enums.h"

namespace bd {

inline constexpr int kMaxSurveyItems = 5;
inline constexpr int kMinItemScore = 1, kMaxItemScore = 5;
inline constexpr int kMinRecommendScore = 0, kMaxRecommendScore = 10;

/// The standard templates a book comes with (survey_templates.standard; 0 = a manager's).
enum class StandardSurvey : std::uint8_t { None = 0, ServiceSatisfaction, ComplianceReturnVisit };
inline constexpr int kStandardSurveyCount = 3;

/// The standard items (survey_items.standard_item; 0 = the text as typed), in template order:
/// service satisfaction 1..4, compliance return visit 5..7.
enum class StandardItem : std::uint8_t {
    None = 0,
    OverallService,    // overall satisfaction with the service
    BrokerKnowledge,   // the broker's professional knowledge
    Responsiveness,    // how quickly questions are answered
    ContactFrequency,  // how often the client is contacted
    RiskExplained,     // the product's risks were explained before buying
    ProductFits,       // the product fits the client's risk tolerance and goals
    InformedOfChanges, // the client knows where to follow the product and its changes
};
inline constexpr int kStandardItemCount = 8;

/// Whom a campaign asks (survey_campaigns.audience); the argument says which segment or how
/// many days back.
enum class AudienceKind : std::uint8_t {
    Unknown = 0,
    Segment,        // arg: a segment id of the newest segmentation
    Vips,           // the newest scored run's VIPs
    Complainers,    // arg: days; a contact with outcome "complaint" within them
    NewAccounts,    // arg: days; accounts opened within them
    HighRiskBuyers, // arg: days; a buy of a security rated R4 or R5 within them
};
inline constexpr int kAudienceKindCount = 6;
/// The item number of the 0..10 "would you recommend" answer (survey_answers.item; the
/// template's own items are 1..n).
inline constexpr int kRecommendItem = 0;

/// A security rated this or higher counts as a high-risk product (R4, R5).
inline constexpr int kHighRiskLevel = 4;

/// Net Promoter classes of a 0..10 answer: 9..10 promoters, 7..8 passives, 0..6 detractors.
enum class LoyaltyClass : std::uint8_t { Unknown = 0, Promoter, Passive, Detractor };
inline constexpr int kLoyaltyClassCount = 4;

constexpr LoyaltyClass loyaltyOf(int recommend) {
    if (recommend < kMinRecommendScore || recommend > kMaxRecommendScore)
        return LoyaltyClass::Unknown;
    return recommend >= 9 ? LoyaltyClass::Promoter
                          : (recommend >= 7 ? LoyaltyClass::Passive : LoyaltyClass::Detractor);
}

template <>
inline constexpr int kEnumCodes<StandardSurvey> = kStandardSurveyCount;
template <>
inline constexpr int kEnumCodes<StandardItem> = kStandardItemCount;
template <>
inline constexpr int kEnumCodes<AudienceKind> = kAudienceKindCount;

} // namespace bd
