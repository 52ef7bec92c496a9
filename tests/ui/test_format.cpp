#include <gtest/gtest.h>

#include "format.h"

using namespace bd;
using namespace bd::ui;

TEST(Format, MasksIdNumberKeepingThreeAndFour) {
    EXPECT_EQ(maskIdNumber("31011519800101123X"), QString("310***********123X"));
    EXPECT_EQ(maskIdNumber("1234567"), QString("*******"));
    EXPECT_EQ(maskIdNumber(""), QString());
}

TEST(Format, AgeCountsWholeYears) {
    const Date birth = Date::fromYmd(1980, 6, 15);
    EXPECT_EQ(ageOn(birth, Date::fromYmd(2024, 6, 14)), 43);
    EXPECT_EQ(ageOn(birth, Date::fromYmd(2024, 6, 15)), 44);
    EXPECT_EQ(ageOn(Date::fromYmd(2000, 2, 29), Date::fromYmd(2001, 2, 28)), 0);
    EXPECT_EQ(ageOn(Date::fromYmd(2000, 2, 29), Date::fromYmd(2001, 3, 1)), 1);
    EXPECT_FALSE(ageOn(Date::fromYmd(2030, 1, 1), Date::fromYmd(2024, 1, 1)));
}

TEST(Format, CnyHasThousandsSeparatorsAndCents) {
    EXPECT_EQ(formatCny(Money::fromUnits(12345678912345)), QString("1,234,567,891.23"));
    EXPECT_EQ(formatCny(Money::fromYuan(0)), QString("0.00"));
}

TEST(Format, QDateRoundTrip) {
    const Date d = Date::fromYmd(2024, 2, 29);
    EXPECT_EQ(toQDate(d), QDate(2024, 2, 29));
    EXPECT_EQ(fromQDate(QDate(1970, 1, 1)).days, 0);
    EXPECT_EQ(fromQDate(toQDate(d)), d);
}
