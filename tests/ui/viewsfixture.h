#pragma once
// One small demo book (generated and refreshed once per test program) shared by the view
// tests: 1,500 clients (several brokers and branches), fixed seed, so counts and values are
// reproducible. It lives in a book session, as the workstation's book does.
#include "session/booksession.h"
#include "storage/db/database.h"

namespace bdtest {

/// The session of the shared demo book (created on first use; lives for the whole program).
bd::ui::BookSession& demoSession();
/// The shared demo book.
bd::storage::Database& demoBook();

} // namespace bdtest
