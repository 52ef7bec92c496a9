#pragma once
// One small demo book (generated and refreshed once per test program) shared by the view
// tests: 1,500 clients (several brokers and branches), fixed seed, so counts and values are
// reproducible.
#include "storage/db/database.h"

namespace bdtest {

/// The shared demo book (created on first use; lives for the whole test program).
bd::storage::Database& demoBook();

} // namespace bdtest
