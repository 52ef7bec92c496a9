#pragma once
// A private in-memory SQLite connection for the wrapper's own tests (no schema).
#include <gtest/gtest.h>

#include "storage/db/database.h"

namespace bdtest {

inline bd::storage::Database memoryDb() {
    auto db = bd::storage::Database::open(":memory:");
    EXPECT_TRUE(db.ok());
    return std::move(*db);
}

} // namespace bdtest
