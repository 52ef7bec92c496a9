#include <gtest/gtest.h>

#include "core/money.h"

using bd::Money;
using bd::parseMoney;

TEST(Money, ParsesPlainAndThousands) {
    EXPECT_EQ(parseMoney("1234.5")->units, 12345000);
    EXPECT_EQ(parseMoney("1,234.50")->units, 12345000);
    EXPECT_EQ(parseMoney("-0.0001")->units, -1);
    EXPECT_EQ(parseMoney("12")->units, 120000);
    EXPECT_EQ(parseMoney("1,234,567")->units, 12345670000);
    EXPECT_EQ(parseMoney(".5")->units, 5000);
}

TEST(Money, RejectsMalformed) {
    for (const char* bad : {"", "-", "abc", "1.2.3", "12,34", "1,2345", "1.23456", ",123", "1e5", "1 000"})
        EXPECT_FALSE(parseMoney(bad).has_value()) << bad;
    EXPECT_FALSE(parseMoney("1,234", false).has_value());
    EXPECT_TRUE(parseMoney("1.23450").has_value());  // trailing zeros beyond 4 decimals are exact
}

TEST(Money, FormatsAndRounds) {
    EXPECT_EQ(bd::formatMoney(Money{12345000}), "1234.50");
    EXPECT_EQ(bd::formatMoney(Money{-1}), "-0.0001");
    EXPECT_EQ(bd::formatMoneyGrouped(Money{12345678949}), "1,234,567.89");
    EXPECT_EQ(bd::formatMoneyGrouped(Money{12345678950}), "1,234,567.90");
    EXPECT_EQ(Money{-50}.roundedFen(), -1);
    EXPECT_EQ(Money::fromDouble(0.015).units, 150);
}
