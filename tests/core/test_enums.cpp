// The stored enums' code counts and the interchange words agree: every code below the count has
// its word (Unknown's is empty) and parses back to itself, and the first code past it has none.
#include "core/enums.h"

#include <gtest/gtest.h>

#include <string>
#include <typeinfo>

using namespace bd;

namespace {

template <typename E, typename Parse>
void expectWordsForEveryCode(Parse parse) {
    SCOPED_TRACE(typeid(E).name());
    EXPECT_TRUE(toString(static_cast<E>(0)).empty());
    for (int c = 1; c < kEnumCodes<E>; ++c) {
        const auto v = static_cast<E>(c);
        const std::string word(toString(v));
        EXPECT_FALSE(word.empty()) << c;
        EXPECT_EQ(parse(word), v) << word;
    }
    EXPECT_TRUE(toString(static_cast<E>(kEnumCodes<E>)).empty());
    EXPECT_EQ(enumFromCode<E>(kEnumCodes<E> - 1), static_cast<E>(kEnumCodes<E> - 1));
    EXPECT_EQ(enumFromCode<E>(kEnumCodes<E>), std::nullopt);
}

} // namespace

TEST(EnumCodes, EachStoredEnumCountsUpToItsLastCode) {
    EXPECT_EQ(kEnumCodes<Gender>, 3);
    EXPECT_EQ(kEnumCodes<ClientStatus>, 5);
    EXPECT_EQ(kEnumCodes<Side>, 3);
    EXPECT_EQ(kEnumCodes<OrderChannel>, 5);
    EXPECT_EQ(kEnumCodes<ContactChannel>, 8);
    EXPECT_EQ(kEnumCodes<Direction>, 3);
    EXPECT_EQ(kEnumCodes<Outcome>, 6);
    EXPECT_EQ(kEnumCodes<Board>, 7);
    EXPECT_EQ(kEnumCodes<RelationKind>, 8);
    EXPECT_EQ(kEnumCodes<RelationshipType>, 0); // kept in settings by key, not stored as a code
}

TEST(EnumCodes, EveryCodeBelowTheCountHasItsWordAndNoneBeyond) {
    expectWordsForEveryCode<Gender>(parseGender);
    expectWordsForEveryCode<ClientStatus>(parseClientStatus);
    expectWordsForEveryCode<Side>(parseSide);
    expectWordsForEveryCode<OrderChannel>(parseOrderChannel);
    expectWordsForEveryCode<ContactChannel>(parseContactChannel);
    expectWordsForEveryCode<Direction>(parseDirection);
    expectWordsForEveryCode<Outcome>(parseOutcome);
    expectWordsForEveryCode<Board>(parseBoard);
    expectWordsForEveryCode<RelationKind>(parseRelationKind);
}
