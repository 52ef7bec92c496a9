// Why two clients may be one person, in both languages: every kind has its own words, and the
// shared value shows only as far as the fact carries it.
#include <gtest/gtest.h>

#include <set>

#include "phrasebook/phrasebook.h"

using namespace bd;
using bd::phrase::Lang;

TEST(DuplicateWords, EveryKindHasItsOwnWordsInBothLanguages) {
    std::set<std::string> seen;
    for (auto kind : {DuplicateKind::SameIdNumber, DuplicateKind::SamePhone,
                      DuplicateKind::SameNameAndBirthDate}) {
        DuplicateReason r{kind, "1234", "Zhang Wei", Date::fromYmd(1980, 2, 3)};
        for (Lang l : {Lang::En, Lang::Zh}) {
            const std::string text = phrase::duplicateReason(r, l);
            EXPECT_FALSE(text.empty());
            EXPECT_TRUE(seen.insert(text).second) << text;
        }
    }
    EXPECT_EQ(
        phrase::duplicateReason({DuplicateKind::SameIdNumber, "104X", "", std::nullopt}, Lang::En),
        "same ID number (ending 104X)");
    EXPECT_EQ(
        phrase::duplicateReason(
            {DuplicateKind::SameNameAndBirthDate, "", "张伟", Date::fromYmd(1975, 3, 4)}, Lang::Zh),
        "姓名和出生日期相同（张伟，1975-03-04）");
    EXPECT_EQ(phrase::duplicateReasons({{DuplicateKind::SamePhone, "5678", "", std::nullopt},
                                        {DuplicateKind::SameIdNumber, "0011", "", std::nullopt}},
                                       Lang::Zh),
              "手机号相同（尾号5678）；身份证号相同（尾号0011）");
    EXPECT_EQ(phrase::duplicateReason({}, Lang::En), "another shared detail");
}
