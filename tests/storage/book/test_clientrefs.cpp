#include <gtest/gtest.h>

#include "storage/book/clientrefs.h"
#include "support/memorydb.h"

using namespace bd;
using namespace bd::storage;

namespace {

bool foreignKeysOn(Database& db) {
    auto on = queryInt(db, "PRAGMA foreign_keys");
    EXPECT_TRUE(on.ok());
    return on && *on != 0;
}

} // namespace

TEST(ForeignKeysOff, TurnsEnforcementOffWhileItLivesAndOnlyWhenAsked) {
    Database db = bdtest::memoryDb();
    ASSERT_TRUE(db.exec("PRAGMA foreign_keys=ON").ok());
    {
        ForeignKeysOff off(db);
        EXPECT_FALSE(foreignKeysOn(db));
    }
    EXPECT_TRUE(foreignKeysOn(db));
    {
        ForeignKeysOff kept(db, false);
        EXPECT_TRUE(foreignKeysOn(db));
    }
    EXPECT_TRUE(foreignKeysOn(db));
    // Off already: it stays off afterwards.
    ASSERT_TRUE(db.exec("PRAGMA foreign_keys=OFF").ok());
    { ForeignKeysOff off(db); }
    EXPECT_FALSE(foreignKeysOn(db));
}
