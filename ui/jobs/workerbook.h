#pragma once
// A job's own connection to the open book: a worker thread reads and writes through one of its
// own while the window keeps the session's (WAL lets both go on).
#include <string>

#include "services/book.h"

namespace bd::ui {

/// Opens the book file at `path` for a job on a worker thread (never creates a missing file).
inline Result<services::Database> openWorkerBook(const std::string& path) {
    services::OpenOptions options;
    options.create = false;
    return services::openBook(path, options);
}

/// A private in-memory book has no file a second connection could open: its jobs run in place.
inline bool isPrivateBook(const std::string& path) {
    return path.empty() || path == ":memory:";
}

} // namespace bd::ui
