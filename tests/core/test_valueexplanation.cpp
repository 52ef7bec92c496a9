#include <gtest/gtest.h>

#include <string>

#include "core/valueexplanation.h"

using namespace bd;

TEST(ValueExplanation, CodeRoundTripsIntoBothLanguages) {
    std::string code;
    appendExplanationTerm(code, static_cast<char>(ExplanationTerm::Interest), true, "7,078");
    appendExplanationTerm(code, static_cast<char>(ExplanationTerm::ExpectedCarry), true, "6,846");
    appendExplanationTerm(code, '0' + 2, false, "12.50"); // SMS service cost
    finishExplanationCode(code, "1.00", true, kReasonLowTrading | kReasonCashIdle);
    EXPECT_EQ(code, "i+7,078;x+6,846;2-12.50|p1.00|f5");
    EXPECT_EQ(renderExplanation(code, false),
              "+ interest on cash ¥7,078 · + expected carry ¥6,846 · − SMS ¥12.50 · p_alive 1.00 · "
              "AUM-rich, low value: low trading, cash idle");
    EXPECT_EQ(renderExplanation(code, true),
              "+ 保证金利差 ¥7,078 · + 预期利差净额 ¥6,846 · − 短信 ¥12.50 · 活跃概率 1.00 · "
              "资产高价值低：交易少、资金闲置");
}

TEST(ValueExplanation, NothingToShowAndFlagWithoutReasons) {
    std::string code;
    finishExplanationCode(code, "0.00", true, 0);
    EXPECT_EQ(code, "|p0.00|f0");
    EXPECT_EQ(renderExplanation(code, false), "no revenue or cost in the last 12 months · p_alive "
                                              "0.00 · AUM-rich, low value: profit low for its "
                                              "assets");
    EXPECT_EQ(renderExplanation(code, true),
              "近12个月无收入与成本 · 活跃概率 0.00 · 资产高价值低：盈利低于资产规模应有水平");
}

TEST(ValueExplanation, TextThatIsNoCodeComesBackAsItIs) {
    // Whatever a reader finds that this build cannot put into words is shown verbatim.
    for (const char* text : {"", "free text", "z+1|p0.5", "c*1|p0.5", "c+|p0.5"})
        EXPECT_EQ(renderExplanation(text, false), text) << text;
}

TEST(ValueExplanation, FlagReasonCodesRoundTrip) {
    for (unsigned bits = 0; bits < 8; ++bits)
        EXPECT_EQ(flagReasonsFromCodes(flagReasonCodes(bits)), bits) << bits;
    EXPECT_EQ(flagReasonCodes(0), "low_profit");
    EXPECT_EQ(flagReasonCodes(kReasonLowTrading | kReasonHighServiceCost),
              "low_trading;high_service_cost");
    EXPECT_EQ(flagReasonsFromCodes("cash_idle;something_new"), kReasonCashIdle);
    EXPECT_EQ(flagReasonWords(flagReasonsFromCodes("low_trading;cash_idle"), true),
              "交易少、资金闲置");
}
