// The CRM evaluation's facts in both languages: every outcome, verdict and caveat, with and
// without a comparison group, worded with no raw identifier and no English in the Chinese.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "phrasebook/phrasebook.h"

using namespace bd;
using phrase::Lang;

namespace {

bool hasSnakeCase(const std::string& s) {
    static const std::regex snake(R"([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)");
    return std::regex_search(s, snake);
}
bool hasLatinWord(const std::string& s) {
    static const std::regex word(R"([A-Za-z]{3,})");
    return std::regex_search(s, word);
}

} // namespace

TEST(EvaluationWords, EveryOutcomeVerdictAndCaveatInBothLanguages) {
    EvalResult r;
    r.before_from = Date::fromYmd(2025, 5, 1);
    r.before_to = Date::fromYmd(2025, 10, 31);
    r.after_from = Date::fromYmd(2025, 11, 1);
    r.after_to = Date::fromYmd(2026, 4, 30);
    r.treated_clients = 800;
    r.comparison_clients = 1200;
    r.resamples = 1000;
    r.seed = 7;
    for (Lang l : {Lang::En, Lang::Zh}) {
        for (bool comparison : {true, false}) {
            r.has_comparison = comparison;
            const std::string summary = phrase::evalSummary(r, l);
            EXPECT_NE(summary.find("2025-11-01"), std::string::npos) << summary;
            EXPECT_EQ(summary.find("1200") != std::string::npos, comparison) << summary;
            for (int o = 0; o < kEvalOutcomeCount; ++o) {
                for (EvalVerdict v : {EvalVerdict::NotEnoughData, EvalVerdict::Rose,
                                      EvalVerdict::Fell, EvalVerdict::NoClearChange}) {
                    EvalOutcomeResult x;
                    x.outcome = static_cast<EvalOutcome>(o);
                    x.verdict = v;
                    x.n_treated = 800;
                    x.n_comparison = 1200;
                    x.estimate = v == EvalVerdict::Fell ? -0.05 : 0.05;
                    x.ci_low = v == EvalVerdict::Rose ? 0.01 : -0.09;
                    x.ci_high = v == EvalVerdict::Fell ? -0.01 : 0.09;
                    const std::string c = phrase::evalConclusion(x, comparison, 0.95, l);
                    EXPECT_FALSE(c.empty());
                    EXPECT_FALSE(hasSnakeCase(c)) << c;
                    if (l == Lang::Zh) {
                        EXPECT_FALSE(hasLatinWord(c)) << c;
                    }
                    if (v != EvalVerdict::NotEnoughData) {
                        EXPECT_NE(c.find("95%"), std::string::npos) << c;
                    }
                    // Before/after only: a rise or fall says it is not necessarily the
                    // programme's doing.
                    if (!comparison && (v == EvalVerdict::Rose || v == EvalVerdict::Fell)) {
                        EXPECT_NE(c.find(l == Lang::Zh ? "没有对照组" : "without a comparison"),
                                  std::string::npos)
                            << c;
                    }
                    const auto lines = phrase::evalFigures(x, r, l);
                    EXPECT_EQ(lines.size(), v == EvalVerdict::NotEnoughData ? 0u
                                            : comparison                    ? 3u
                                                                            : 2u);
                    for (const auto& line : lines) {
                        EXPECT_FALSE(hasSnakeCase(line)) << line;
                        if (l == Lang::Zh) {
                            EXPECT_FALSE(hasLatinWord(line)) << line;
                        }
                    }
                }
                EXPECT_FALSE(std::string(phrase::name(static_cast<EvalOutcome>(o), l)).empty());
            }
        }
        for (EvalCaveat c : {EvalCaveat::NoComparisonGroup, EvalCaveat::SmallComparisonGroup}) {
            const std::string w = phrase::evalCaveat(c, l);
            EXPECT_FALSE(w.empty());
            if (l == Lang::Zh) {
                EXPECT_FALSE(hasLatinWord(w)) << w;
            }
        }
    }
    EXPECT_EQ(phrase::evalChange(EvalOutcome::Active, 0.032, Lang::En), "+3.2 pp");
    EXPECT_EQ(phrase::evalChange(EvalOutcome::Commission, -1234.4, Lang::En), "\u22121,234.40");
    EXPECT_EQ(phrase::evalLevel(EvalOutcome::Coverage, 0.45, Lang::En), "45%");
}
