#include <gtest/gtest.h>

#include <string>

#include "core/valueexplanation.h"

using namespace bd;

TEST(ValueExplanation, CodeHoldsTermsActivityAndFlag) {
    std::string code;
    appendExplanationTerm(code, static_cast<char>(ExplanationTerm::Interest), true, "7,078");
    appendExplanationTerm(code, static_cast<char>(ExplanationTerm::ExpectedCarry), true, "6,846");
    appendExplanationTerm(code, '0' + 2, false, "12.50"); // SMS service cost
    finishExplanationCode(code, "1.00", true, kReasonLowTrading | kReasonCashIdle);
    EXPECT_EQ(code, "i+7,078;x+6,846;2-12.50|p1.00|f5"); // worded by phrase::explanation
    std::string empty;
    finishExplanationCode(empty, "0.00", true, 0);
    EXPECT_EQ(empty, "|p0.00|f0");
}

TEST(ValueExplanation, FlagReasonCodesRoundTrip) {
    for (unsigned bits = 0; bits < 8; ++bits)
        EXPECT_EQ(flagReasonsFromCodes(flagReasonCodes(bits)), bits) << bits;
    EXPECT_EQ(flagReasonCodes(0), "low_profit");
    EXPECT_EQ(flagReasonCodes(kReasonLowTrading | kReasonHighServiceCost),
              "low_trading;high_service_cost");
    EXPECT_EQ(flagReasonsFromCodes("cash_idle;something_new"), kReasonCashIdle);
}
