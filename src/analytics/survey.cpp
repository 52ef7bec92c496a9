#include "analytics/survey.h"

namespace bd::analytics {

void SurveyTally::addRecommend(int score) {
    switch (loyaltyOf(score)) {
    case LoyaltyClass::Promoter:
        ++promoters;
        break;
    case LoyaltyClass::Passive:
        ++passives;
        break;
    case LoyaltyClass::Detractor:
        ++detractors;
        break;
    case LoyaltyClass::Unknown:
        break;
    }
}

SurveyTally& SurveyTally::operator+=(const SurveyTally& o) {
    promoters += o.promoters;
    passives += o.passives;
    detractors += o.detractors;
    item_sum += o.item_sum;
    item_count += o.item_count;
    respondents += o.respondents;
    return *this;
}

std::optional<double> SurveyTally::nps() const {
    const std::int64_t n = recommendAnswers();
    if (n == 0) return std::nullopt;
    return 100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(n);
}

std::optional<double> SurveyTally::meanItemScore() const {
    if (item_count == 0) return std::nullopt;
    return static_cast<double>(item_sum) / static_cast<double>(item_count);
}

} // namespace bd::analytics
