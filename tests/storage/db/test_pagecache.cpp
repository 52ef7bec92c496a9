// A connection's page cache made larger for one big write (storage/db/pagecache.h), and put back.
#include <gtest/gtest.h>

#include "storage/db/database.h"
#include "storage/db/pagecache.h"

using namespace bd;

TEST(LargerPageCache, RaisesTheCacheWhileItLivesAndPutsTheOldSizeBack) {
    auto db = storage::Database::open(":memory:");
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("PRAGMA cache_size = -2000"));
    {
        storage::LargerPageCache larger(*db, 65536);
        EXPECT_EQ(*storage::queryInt(*db, "PRAGMA cache_size"), -65536);
    }
    EXPECT_EQ(*storage::queryInt(*db, "PRAGMA cache_size"), -2000);
    // A cache already as large is left alone.
    ASSERT_TRUE(db->exec("PRAGMA cache_size = -100000"));
    {
        storage::LargerPageCache larger(*db, 65536);
        EXPECT_EQ(*storage::queryInt(*db, "PRAGMA cache_size"), -100000);
    }
    EXPECT_EQ(*storage::queryInt(*db, "PRAGMA cache_size"), -100000);
}
