#include <gtest/gtest.h>

#include "widgets/levelchoice.h"

using namespace bd::ui;

TEST(LevelChoice, ListsBrokersUnlessBranchesAreChosen) {
    LevelChoice level;
    ASSERT_EQ(level.count(), 2);
    EXPECT_EQ(level.itemText(0), QStringLiteral("By broker"));
    EXPECT_EQ(level.itemText(1), QStringLiteral("By branch"));
    EXPECT_FALSE(level.byBranch());
    level.setByBranch(true);
    EXPECT_TRUE(level.byBranch());
    EXPECT_EQ(level.currentIndex(), 1);
    level.setByBranch(false);
    EXPECT_FALSE(level.byBranch());
    EXPECT_EQ(level.currentIndex(), 0);
}
