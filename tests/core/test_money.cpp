#include <gtest/gtest.h>

#include <random>
#include <string>

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
    for (const char* bad :
         {"", "-", "abc", "1.2.3", "12,34", "1,2345", "1.23456", ",123", "1e5", "1 000"})
        EXPECT_FALSE(parseMoney(bad).has_value()) << bad;
    EXPECT_FALSE(parseMoney("1,234", false).has_value());
    EXPECT_TRUE(parseMoney("1.23450").has_value()); // trailing zeros beyond 4 decimals are exact
}

TEST(Money, PlainFormAgreesWithTheFullRules) {
    // Digits with up to 4 decimals take a shortcut; a leading '+' sends the same text through
    // the full rules. Both must give the value the digits spell, up to 14 whole digits.
    std::mt19937_64 rng(3);
    for (int round = 0; round < 20000; ++round) {
        const int wholeDigits = static_cast<int>(rng() % 16),
                  fracDigits = static_cast<int>(rng() % 6);
        std::string s;
        std::int64_t whole = 0, frac = 0;
        for (int i = 0; i < wholeDigits; ++i) {
            const int d = static_cast<int>(rng() % 10);
            s += static_cast<char>('0' + d);
            whole = whole * 10 + d;
        }
        const bool dot = fracDigits > 0 || rng() % 2;
        if (dot) s += '.';
        for (int i = 0; i < fracDigits; ++i) {
            const int d =
                i < 4 ? static_cast<int>(rng() % 10) : 0; // a 5th decimal: only zero is exact
            s += static_cast<char>('0' + d);
            if (i < 4) frac = frac * 10 + d;
        }
        for (int i = fracDigits; i < 4; ++i) frac *= 10;
        const auto fast = parseMoney(s), full = parseMoney("+" + s);
        ASSERT_EQ(fast.has_value(), full.has_value()) << s;
        if (wholeDigits == 0 && fracDigits == 0) {
            EXPECT_FALSE(fast.has_value()) << s;
            continue;
        }
        if (wholeDigits <= 14) {
            ASSERT_TRUE(fast.has_value()) << s;
            EXPECT_EQ(fast->units, whole * 10000 + frac) << s;
        }
        if (fast) {
            EXPECT_EQ(fast->units, full->units) << s;
        }
    }
}

TEST(Money, FormatsAndRounds) {
    EXPECT_EQ(bd::formatMoney(Money{12345000}), "1234.50");
    EXPECT_EQ(bd::formatMoney(Money{-1}), "-0.0001");
    EXPECT_EQ(bd::formatMoney(Money{INT64_MIN}), "-922337203685477.5808");
    EXPECT_EQ(bd::formatMoney(Money{INT64_MAX}), "922337203685477.5807");
    EXPECT_EQ(bd::formatMoneyGrouped(Money{12345678949}), "1,234,567.89");
    EXPECT_EQ(bd::formatMoneyGrouped(Money{12345678950}), "1,234,567.90");
    EXPECT_EQ(Money{-50}.roundedFen(), -1);
    EXPECT_EQ(Money{49}.roundedFen(), 0);
    EXPECT_EQ(Money{-49}.roundedFen(), 0);
    EXPECT_EQ(Money{150}.roundedFen(), 2);
    EXPECT_EQ(Money{-150}.roundedFen(), -2);
    // An imported amount may be as large as the type: rounding must not overflow.
    EXPECT_EQ(Money{INT64_MAX}.roundedFen(), INT64_MAX / 100);
    EXPECT_EQ(Money{INT64_MIN}.roundedFen(), INT64_MIN / 100);
    EXPECT_EQ(Money{INT64_MAX / 100 * 100 - 50}.roundedFen(), INT64_MAX / 100);
    EXPECT_EQ(bd::formatMoneyGrouped(Money{INT64_MAX}), "922,337,203,685,477.58");
    EXPECT_EQ(bd::formatMoneyGrouped(Money{-INT64_MAX}), "-922,337,203,685,477.58");
    EXPECT_EQ(Money::fromDouble(0.015).units, 150);
}

TEST(Money, HugeAmountsAreOutOfRangeNotOverflow) {
    // The largest magnitude is INT64_MAX units; one unit more, or a thousand digits, is
    // refused (and told apart from a malformed amount) without any overflowing arithmetic.
    bool outOfRange = true;
    EXPECT_EQ(parseMoney("922337203685477.5807", true, &outOfRange)->units, INT64_MAX);
    EXPECT_FALSE(outOfRange);
    EXPECT_EQ(parseMoney("-922337203685477.5807")->units, -INT64_MAX);
    EXPECT_EQ(parseMoney("922,337,203,685,477")->units, 922337203685477 * 10000);
    for (const std::string& big :
         {std::string("922337203685477.5808"), std::string("922337203685478"),
          std::string("-922337203685477.5808"), std::string("922337203685479"),
          std::string("9999999999999999999"), std::string(1000, '9'), "+" + std::string(2000, '1'),
          "1" + std::string(30, '0') + ".5"}) {
        outOfRange = false;
        EXPECT_FALSE(parseMoney(big, true, &outOfRange).has_value()) << big;
        EXPECT_TRUE(outOfRange) << big;
    }
    // Malformed stays malformed however long the digits run.
    outOfRange = true;
    EXPECT_FALSE(parseMoney(std::string(1000, '9') + "x", true, &outOfRange).has_value());
    EXPECT_FALSE(outOfRange);
}
