#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/json.h"
#include "core/jsonreader.h"

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

TEST(JsonReader, ReadsBackWhatTheWriterWrites) {
    const std::string text = jsonString("a\"b\\c\n\t\x01 李喆");
    std::string out;
    JsonReader r(text);
    ASSERT_TRUE(r.string(out));
    EXPECT_EQ(out, "a\"b\\c\n\t\x01 李喆");
    EXPECT_TRUE(r.atEnd());

    std::vector<std::pair<std::string, double>> members;
    ASSERT_TRUE(JsonReader(jsonObject({{"b", 1.5}, {"a", std::nan("")}})).numberObject(members));
    ASSERT_EQ(members.size(), 2u);
    EXPECT_EQ(members[0], (std::pair<std::string, double>{"b", 1.5}));
    EXPECT_TRUE(std::isnan(members[1].second));

    std::vector<double> values;
    ASSERT_TRUE(JsonReader(jsonArray(std::vector<double>{0.1 + 0.2, -2e-7})).numberArray(values));
    EXPECT_EQ(values, (std::vector<double>{0.1 + 0.2, -2e-7}));
}

TEST(JsonReader, ObjectsOfTextAndNumbersGoMemberByMember) {
    std::vector<std::string> seen;
    JsonReader r(R"( {"k": "cadence", "every": 30, "x": null} )");
    ASSERT_TRUE(
        r.object([&](const std::string& key, const std::string& text, double n, bool isText) {
            seen.push_back(key + "=" + (isText ? text : std::isnan(n) ? "NaN" : jsonNumber(n)));
        }));
    EXPECT_EQ(seen, (std::vector<std::string>{"k=cadence", "every=30", "x=NaN"}));
    EXPECT_TRUE(r.atEnd());
    std::string s;
    EXPECT_TRUE(JsonReader(R"("\u00e9")").string(s));
    EXPECT_EQ(s, "é");
}

TEST(JsonReader, DamagedTextReadsAsFalse) {
    std::vector<double> values;
    EXPECT_FALSE(JsonReader("[1, 2").numberArray(values));
    EXPECT_FALSE(JsonReader("[1, x]").numberArray(values));
    std::vector<std::pair<std::string, double>> members;
    EXPECT_FALSE(JsonReader(R"({"a" 1})").numberObject(members));
    EXPECT_FALSE(JsonReader(R"({"a": "text"})").numberObject(members));
    std::string s;
    EXPECT_FALSE(JsonReader(R"("unterminated)").string(s));
    EXPECT_FALSE(JsonReader(R"("\u12")").string(s));
    double d = 0;
    EXPECT_FALSE(JsonReader("null").number(d));
    EXPECT_TRUE(JsonReader("null").number(d, true));
    EXPECT_TRUE(std::isnan(d));
}
