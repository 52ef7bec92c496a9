// Value explanations: the stored code (core/valueexplanation.h) in both languages.
#include <gtest/gtest.h>

#include <string>

#include "core/valueexplanation.h"
#include "phrasebook/phrasebook.h"

using namespace bd;
using phrase::Lang;

TEST(PhrasebookExplanation, CodeInBothLanguages) {
    const std::string code = "i+7,078;x+6,846;2-12.50|p1.00|f5";
    EXPECT_EQ(phrase::explanation(code, Lang::En),
              "interest on cash +¥7,078 · expected carry +¥6,846 · SMS −¥12.50 · activity "
              "probability 1.00 · AUM-rich, low value: low trading, cash idle");
    EXPECT_EQ(phrase::explanation(code, Lang::Zh),
              "保证金利差 +¥7,078 · 预期利差净额 +¥6,846 · 短信 −¥12.50 · 活跃概率 1.00 · "
              "资产高价值低：交易少、资金闲置");
}

TEST(PhrasebookExplanation, NothingToShowAndFlagWithoutReasons) {
    EXPECT_EQ(phrase::explanation("|p0.00|f0", Lang::En),
              "no revenue or cost in the last 12 months · activity probability 0.00 · AUM-rich, "
              "low value: profit low for its assets");
    EXPECT_EQ(phrase::explanation("|p0.00|f0", Lang::Zh),
              "近12个月无收入与成本 · 活跃概率 0.00 · 资产高价值低：盈利低于资产规模应有水平");
}

TEST(PhrasebookExplanation, ACodeItCannotReadIsNeverShownAsItIs) {
    for (const char* text : {"", "free text", "z+1|p0.5", "c*1|p0.5", "c+|p0.5"}) {
        EXPECT_EQ(phrase::explanation(text, Lang::En), "no explanation available") << text;
        EXPECT_EQ(phrase::explanation(text, Lang::Zh), "暂无价值说明") << text;
    }
}

TEST(PhrasebookExplanation, FlagReasons) {
    EXPECT_EQ(phrase::flagReasons(flagReasonsFromCodes("low_trading;cash_idle"), Lang::Zh),
              "交易少、资金闲置");
    EXPECT_EQ(phrase::flagReasons(0, Lang::En), "profit low for its assets");
}
