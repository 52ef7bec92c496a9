#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/json.h"

using namespace bd;

TEST(Json, StringsAreQuotedWithQuotesBackslashesAndControlsEscaped) {
    EXPECT_EQ(jsonString(""), "\"\"");
    EXPECT_EQ(jsonString("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EXPECT_EQ(jsonString("l1\nl2\r\t"), "\"l1\\nl2\\r\\t\"");
    EXPECT_EQ(jsonString(std::string_view("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
    EXPECT_EQ(jsonString("价值"), "\"价值\""); // UTF-8 passes through
}

TEST(Json, NumbersAreShortestAndReadBackExactly) {
    EXPECT_EQ(jsonNumber(0.0), "0");
    EXPECT_EQ(jsonNumber(1.0), "1");
    EXPECT_EQ(jsonNumber(100000.0), "100000");
    EXPECT_EQ(jsonNumber(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(jsonNumber(0.0001), "0.0001");
    EXPECT_EQ(jsonNumber(0.00001), "1e-05");
    EXPECT_EQ(jsonNumber(99484678685.355), "99484678685.355");
    EXPECT_EQ(jsonNumber(1e16), "1e+16");
    EXPECT_EQ(jsonNumber(-1.5e-7), "-1.5e-07");
    EXPECT_EQ(jsonNumber(std::nan("")), "null");
    EXPECT_EQ(jsonNumber(std::numeric_limits<double>::infinity()), "null");
    EXPECT_EQ(jsonNumber(std::optional<double>{}), "null");
    for (double v : {3.14159265358979, 1234567.891, 6.02e23, 1e-300})
        EXPECT_EQ(std::stod(jsonNumber(v)), v);
}

TEST(Json, RoundedNumbersDropNegativeZero) {
    EXPECT_EQ(jsonNumber(0.1234567, 6), "0.123457");
    EXPECT_EQ(jsonNumber(-0.0000001, 6), "0");
    EXPECT_EQ(jsonNumber(std::nan(""), 6), "null");
}

TEST(Json, ObjectsAndArraysKeepTheirOrder) {
    EXPECT_EQ(jsonObject({{"b", 1.0}, {"a", std::nan("")}}), "{\"b\": 1, \"a\": null}");
    EXPECT_EQ(jsonObject({}), "{}");
    EXPECT_EQ(jsonArray(std::vector<double>{0.5, -2}), "[0.5, -2]");
    EXPECT_EQ(jsonArray(std::vector<int>{1, 2}, [](int i) { return std::to_string(i * 10); }),
              "[10, 20]");
}
