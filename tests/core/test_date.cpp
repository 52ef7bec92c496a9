#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

#include "core/date.h"
#include "core/idnumber.h"

using namespace bd;

TEST(Date, RoundTripsAndWeekdays) {
    EXPECT_EQ(Date::fromYmd(1970, 1, 1).days, 0);
    EXPECT_EQ(Date::fromYmd(2024, 2, 29).toString(), "2024-02-29");
    EXPECT_EQ(Date::fromYmd(2026, 11, 27).isoWeekday(), 5); // a Friday
    for (int d = -800; d < 40000; d += 37) EXPECT_EQ(parseDate(Date{d}.toString())->days, d);
}

TEST(Date, ParsesAllInterchangeForms) {
    const Date want = Date::fromYmd(2024, 3, 5);
    EXPECT_EQ(*parseDate("2024-03-05"), want);
    EXPECT_EQ(*parseDate("2024/03/05"), want);
    EXPECT_EQ(*parseDate("20240305"), want);
    for (const char* bad : {"2023-02-29", "2024-13-01", "2024-3-5", "2024-03/05", "", "abcdefgh"})
        EXPECT_FALSE(parseDate(bad)) << bad;
    EXPECT_EQ(parseDateTime("2024-03-05 09:30:01")->toString(), "2024-03-05 09:30:01");
    EXPECT_EQ(parseDateTime("2024-03-05T09:30:01")->toString(), "2024-03-05 09:30:01");
    EXPECT_EQ(parseDateTime("20240305 09:30:01")->toString(), "2024-03-05 09:30:01");
    EXPECT_FALSE(parseDateTime("2024-03-05 24:00:00"));
}

TEST(IdNumber, ChecksumGb11643) {
    EXPECT_TRUE(isValidIdNumber("11010519491231002X"));
    EXPECT_FALSE(isValidIdNumber("110105194912310021"));
    EXPECT_FALSE(isValidIdNumber("11010519491331002X")); // month 13
    EXPECT_EQ(idNumberCheckChar("11010519491231002"), 'X');
}

TEST(Date, ExportFormAgreesWithTheGeneralRules) {
    // "YYYY-MM-DD HH:MM:SS" is read in place; the same text with '/' between the date's parts
    // goes through the general rules. Both must agree on every value, valid or not.
    std::mt19937 rng(7);
    const char digits[] = "0123456789";
    for (int round = 0; round < 50000; ++round) {
        char s[20];
        std::snprintf(s, sizeof s, "%04d-%02d-%02d %02d:%02d:%02d",
                      1890 + static_cast<int>(rng() % 320), static_cast<int>(rng() % 14),
                      static_cast<int>(rng() % 33), static_cast<int>(rng() % 26),
                      static_cast<int>(rng() % 62), static_cast<int>(rng() % 62));
        if (rng() % 10 == 0) s[rng() % 19] = rng() % 2 ? 'x' : digits[rng() % 10];
        std::string general(s);
        if (general[4] == '-' && general[7] == '-') general[4] = general[7] = '/';
        const auto fast = bd::parseDateTime(s), full = bd::parseDateTime(general);
        ASSERT_EQ(fast.has_value(), full.has_value()) << s;
        if (fast) {
            EXPECT_EQ(fast->secs, full->secs) << s;
        }
    }
}

TEST(Date, AddMonthsKeepsTheDayOrTakesTheMonthsLast) {
    EXPECT_EQ(addMonths(Date::fromYmd(2024, 11, 20), 24), Date::fromYmd(2026, 11, 20));
    EXPECT_EQ(addMonths(Date::fromYmd(2024, 1, 31), 1), Date::fromYmd(2024, 2, 29));
    EXPECT_EQ(addMonths(Date::fromYmd(2023, 1, 31), 1), Date::fromYmd(2023, 2, 28));
    EXPECT_EQ(addMonths(Date::fromYmd(2024, 2, 29), 12), Date::fromYmd(2025, 2, 28));
    EXPECT_EQ(addMonths(Date::fromYmd(2026, 3, 31), -1), Date::fromYmd(2026, 2, 28));
    EXPECT_EQ(addMonths(Date::fromYmd(2026, 1, 15), -13), Date::fromYmd(2024, 12, 15));
    EXPECT_EQ(addMonths(Date::fromYmd(2026, 12, 15), 1), Date::fromYmd(2027, 1, 15));
}
