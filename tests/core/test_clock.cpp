#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <thread>

#include "core/clock.h"

using namespace bd;

TEST(Clock, NowIsoIsLocalTimeToTheSecondWithTheChosenSeparator) {
    const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})");
    EXPECT_TRUE(std::regex_match(nowIso(), iso)) << nowIso();
    const std::string spaced = nowIso(' ');
    ASSERT_EQ(spaced.size(), 19u);
    EXPECT_EQ(spaced[10], ' ');
    EXPECT_EQ(parseDateTime(spaced)->date(), localToday());
}

TEST(Clock, MsSinceCountsMillisecondsOnTheSteadyClock) {
    const SteadyTime t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const double ms = msSince(t0);
    EXPECT_GE(ms, 5.0);
    EXPECT_LT(ms, 60'000.0);
    EXPECT_NEAR(secondsSince(t0), ms / 1000.0, 0.05);
    EXPECT_GT(unixNow(), 1'700'000'000);
}
