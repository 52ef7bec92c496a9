// Working days versus trading days on the built-in SSE/SZSE calendar, with known dates.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/calendar.h"
#include "core/privacy.h"
#include "support/tempdir.h"

using bd::Calendar;
using bd::Date;

namespace {

Date ymd(int y, int m, int d) {
    return Date::fromYmd(y, m, d);
}

} // namespace

TEST(Calendar, BuiltinCoversPublishedYears) {
    const Calendar& cal = Calendar::builtinChina();
    for (int y = 2023; y <= 2027; ++y) EXPECT_TRUE(cal.coversYear(y)) << y;
    EXPECT_FALSE(cal.coversYear(2022));
    EXPECT_GT(cal.entries().size(), 100u);
}

TEST(Calendar, NationalDay2025IsClosed) {
    const Calendar& cal = Calendar::builtinChina();
    for (int d = 1; d <= 8; ++d) {
        EXPECT_FALSE(cal.isTradingDay(ymd(2025, 10, d))) << d;
        EXPECT_FALSE(cal.isWorkingDay(ymd(2025, 10, d))) << d;
    }
    EXPECT_TRUE(cal.isTradingDay(ymd(2025, 10, 9)));
    EXPECT_TRUE(cal.isWorkingDay(ymd(2025, 10, 9)));
}

TEST(Calendar, AdjustedWorkdayIsAnOfficeDayButNotATradingDay) {
    const Calendar& cal = Calendar::builtinChina();
    const Date sep28 = ymd(2025, 9, 28);
    ASSERT_EQ(sep28.isoWeekday(), 7); // a Sunday
    EXPECT_TRUE(cal.isWorkingDay(sep28));
    EXPECT_FALSE(cal.isTradingDay(sep28));
    for (Date d : {ymd(2025, 10, 11), ymd(2025, 1, 26), ymd(2025, 2, 8), ymd(2025, 4, 27)}) {
        EXPECT_TRUE(cal.isWorkingDay(d)) << d.toString();
        EXPECT_FALSE(cal.isTradingDay(d)) << d.toString();
    }
    // An ordinary Saturday is neither.
    EXPECT_FALSE(cal.isWorkingDay(ymd(2025, 10, 18)));
    EXPECT_FALSE(cal.isTradingDay(ymd(2025, 10, 18)));
}

TEST(Calendar, KnownHolidays2025) {
    const Calendar& cal = Calendar::builtinChina();
    for (Date d : {ymd(2025, 1, 1), ymd(2025, 1, 28), ymd(2025, 2, 4), ymd(2025, 4, 4),
                   ymd(2025, 5, 1), ymd(2025, 5, 5), ymd(2025, 6, 2)}) {
        EXPECT_FALSE(cal.isTradingDay(d)) << d.toString();
        EXPECT_FALSE(cal.isWorkingDay(d)) << d.toString();
    }
    EXPECT_TRUE(cal.isTradingDay(ymd(2025, 2, 5)));
    EXPECT_TRUE(cal.isTradingDay(ymd(2025, 5, 6)));
}

TEST(Calendar, MarketClosureOnAnOfficeDay) {
    const Calendar& cal = Calendar::builtinChina();
    const Date eve = ymd(2024, 2, 9); // Friday, Spring Festival Eve: exchanges closed
    EXPECT_TRUE(cal.isWorkingDay(eve));
    EXPECT_FALSE(cal.isTradingDay(eve));
    EXPECT_EQ(cal.nextTradingDay(ymd(2024, 2, 8)), ymd(2024, 2, 19));
}

TEST(Calendar, NextAndAddWorkingDays) {
    const Calendar& cal = Calendar::builtinChina();
    // Friday 2025-09-26 -> Sunday 2025-09-28 (adjusted workday) -> Monday 29, Tuesday 30.
    EXPECT_EQ(cal.nextWorkingDay(ymd(2025, 9, 26)), ymd(2025, 9, 28));
    EXPECT_EQ(cal.nextWorkingDay(ymd(2025, 9, 26), 3), ymd(2025, 9, 30));
    EXPECT_EQ(cal.nextWorkingDay(ymd(2025, 9, 30)), ymd(2025, 10, 9));
    EXPECT_EQ(cal.nextWorkingDay(ymd(2025, 10, 9), 2), ymd(2025, 10, 11)); // Saturday, adjusted
    EXPECT_EQ(cal.nextWorkingDay(ymd(2025, 10, 3), 0), ymd(2025, 10, 9));
    EXPECT_EQ(cal.addWorkingDays(ymd(2025, 10, 9), -1), ymd(2025, 9, 30));
    EXPECT_EQ(cal.addWorkingDays(ymd(2025, 10, 9), 0), ymd(2025, 10, 9));
    EXPECT_EQ(cal.nextTradingDay(ymd(2025, 9, 26)), ymd(2025, 9, 29));
    EXPECT_EQ(cal.nextTradingDay(ymd(2025, 9, 30)), ymd(2025, 10, 9));
    EXPECT_EQ(cal.nextTradingDay(ymd(2025, 10, 10)), ymd(2025, 10, 13)); // skips adjusted Sat
}

TEST(Calendar, WorkingDaysBetween) {
    const Calendar& cal = Calendar::builtinChina();
    // (2025-09-26, 2025-10-12]: Sep 28, 29, 30, Oct 9, 10, 11.
    EXPECT_EQ(cal.workingDaysBetween(ymd(2025, 9, 26), ymd(2025, 10, 12)), 6);
    EXPECT_EQ(cal.workingDaysBetween(ymd(2025, 10, 1), ymd(2025, 10, 8)), 0);
    EXPECT_EQ(cal.workingDaysBetween(ymd(2025, 10, 9), ymd(2025, 10, 9)), 0);
    EXPECT_EQ(cal.workingDaysBetween(ymd(2025, 10, 9), ymd(2025, 9, 30)), -1);
}

TEST(Calendar, AddAndBetweenAreInversesOnRandomDates) {
    const Calendar& cal = Calendar::builtinChina();
    std::mt19937 rng(20250928);
    std::uniform_int_distribution<int> day(0, 5 * 365);
    std::uniform_int_distribution<int> step(-40, 40);
    const Date base = ymd(2023, 1, 1);
    for (int i = 0; i < 500; ++i) {
        const Date a = base.addDays(day(rng));
        const int n = step(rng);
        const Date b = cal.addWorkingDays(a, n);
        if (n != 0) {
            EXPECT_TRUE(cal.isWorkingDay(b));
        }
        if (n != 0 || cal.isWorkingDay(a)) {
            EXPECT_EQ(cal.workingDaysBetween(a, b), n) << a.toString() << " " << n;
        }
        const Date c = base.addDays(day(rng));
        if (cal.isWorkingDay(c)) {
            EXPECT_EQ(cal.addWorkingDays(a, cal.workingDaysBetween(a, c)), c);
        }
    }
}

TEST(Calendar, EveryYearHasTheUsualShape) {
    const Calendar& cal = Calendar::builtinChina();
    for (int y = 2023; y <= 2027; ++y) {
        int trading = 0;
        int working = 0;
        for (Date d = ymd(y, 1, 1); d <= ymd(y, 12, 31); d = d.addDays(1)) {
            trading += cal.isTradingDay(d) ? 1 : 0;
            working += cal.isWorkingDay(d) ? 1 : 0;
            if (cal.isTradingDay(d)) {
                EXPECT_TRUE(cal.isWorkingDay(d)) << d.toString();
            }
        }
        // Mainland exchanges trade 240–246 days a year (2023: 242, 2024: 242, 2025: 243);
        // the provisional 2027 lacks the bridge days, so it may run slightly over.
        EXPECT_GE(trading, 238) << y;
        EXPECT_LE(trading, y <= 2026 ? 246 : 250) << y;
        EXPECT_GE(working, trading) << y;
    }
}

TEST(Calendar, ParseMergeAndErrors) {
    auto cal = Calendar::parse("\xEF\xBB\xBF# comment\r\ndate,kind,name\r\n"
                               "2028-01-03,holiday,New Year\r\n2028-01-08,调休,swap\r\n");
    ASSERT_TRUE(cal.ok()) << cal.error().toString();
    EXPECT_FALSE(cal->isWorkingDay(ymd(2028, 1, 3)));
    EXPECT_TRUE(cal->isWorkingDay(ymd(2028, 1, 8)));
    EXPECT_EQ(cal->entry(ymd(2028, 1, 3))->name, "New Year");

    // A later entry for the same date replaces the earlier one.
    ASSERT_TRUE(cal->merge("2028-01-03,market_closed,only the market").ok());
    EXPECT_TRUE(cal->isWorkingDay(ymd(2028, 1, 3)));
    EXPECT_FALSE(cal->isTradingDay(ymd(2028, 1, 3)));

    auto bad = Calendar::parse("2028-01-03,holiday,x\n2028-13-01,holiday,y\n", "user.csv");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().line, 2);
    EXPECT_EQ(bad.error().file, "user.csv");
    auto weekday = Calendar::parse("2028-01-04,adjusted_workday,Tuesday\n");
    EXPECT_FALSE(weekday.ok());
    auto kind = Calendar::parse("2028-01-04,closed,x\n");
    EXPECT_FALSE(kind.ok());
    // A failed merge changes nothing.
    EXPECT_FALSE(cal->merge("2028-02-01,holiday,ok\nnonsense\n").ok());
    EXPECT_EQ(cal->entry(ymd(2028, 2, 1)), nullptr);
}

TEST(Calendar, ResolveMergesAUserFileOverTheBuiltin) {
    const auto path = bdtest::scratchDir() / "bd_test_calendar_2028.csv";
    {
        std::ofstream out(path);
        out << "date,kind,name\n2028-01-03,holiday,元旦\n";
    }
    auto cal = bd::resolveCalendar(path.string());
    ASSERT_TRUE(cal.ok()) << cal.error().toString();
    EXPECT_TRUE(cal->coversYear(2028));
    EXPECT_TRUE(cal->coversYear(2025));
    EXPECT_FALSE(cal->isWorkingDay(ymd(2028, 1, 3)));
    std::filesystem::remove(path);
    EXPECT_FALSE(bd::resolveCalendar(path.string()).ok());

    // The shipped resources file parses to the same calendar as the embedded copy.
    auto shipped =
        Calendar::fromFile(std::string(BD_SOURCE_DIR) + "/resources/calendars/cn-exchange.csv");
    ASSERT_TRUE(shipped.ok());
    EXPECT_EQ(shipped->entries().size(), Calendar::builtinChina().entries().size());
}

TEST(Privacy, MaskPhone) {
    EXPECT_EQ(bd::maskPhone("13812345678"), "138****5678");
    EXPECT_EQ(bd::maskPhone("+86 138-1234-5678"), "+86 138-****-5678");
    EXPECT_EQ(bd::maskPhone("010-62345678"), "010-****5678");
    EXPECT_EQ(bd::maskPhone("5551234567"), "******4567");
    EXPECT_EQ(bd::maskPhone("1234"), "****");
    EXPECT_EQ(bd::maskPhone(""), "");
}
