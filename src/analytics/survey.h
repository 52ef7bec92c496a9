#pragma once
// Survey results: the Net Promoter Score of 0..10 "would you recommend" answers and the mean
// of 1..5 item scores, counted so that groups add up (a segment, a broker, a month, the branch).
#include <cstdint>
#include <optional>

#include "core/survey.h"

namespace bd::analytics {

/// Answers of one group: recommend answers by class, item scores as sum and count.
struct SurveyTally {
    std::int64_t promoters = 0, passives = 0, detractors = 0;
    std::int64_t item_sum = 0, item_count = 0;
    std::int64_t respondents = 0; // answered survey calls (contacts with answers)

    std::int64_t recommendAnswers() const { return promoters + passives + detractors; }
    /// Adds one 0..10 answer (out of range: ignored).
    void addRecommend(int score);
    void addItem(int score) {
        item_sum += score;
        ++item_count;
    }
    SurveyTally& operator+=(const SurveyTally& o);
    /// NPS = % promoters (9-10) - % detractors (0-6), -100..+100; none without answers.
    std::optional<double> nps() const;
    /// Mean item score 1..5; none without scores.
    std::optional<double> meanItemScore() const;
};

} // namespace bd::analytics
