#pragma once
// A job's own connection to the open book: a worker thread reads and writes through one of its
// own while the window keeps the session's (WAL lets both go on).
#include <QCoreApplication>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

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

/// The pool the workstation's workers run on (QtConcurrent::run(workerPool(), ...)), not Qt's
/// global one: Qt's raster painting converts and scales images on the global pool and waits
/// for it (QSemaphore::acquire under QWidget::paintEvent), so a book read holding a global
/// thread froze the window (a 20,000-trade import into the 100,000-client book: 181 ms of one
/// paint waiting for a free thread). One pool per application, deleted with it.
inline QThreadPool* workerPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool(QCoreApplication::instance());
        p->setObjectName("workerPool");
        return p;
    }();
    return pool;
}

/// Makes the calling worker thread yield the processor to the window's thread: its nice value
/// raised by 10 (once per thread; Linux schedules threads by their own nice value). On two
/// cores a book check and a search index build took both while the window read the book
/// again after an import, and the window's reads waited for a core.
void yieldToWindow();

/// Runs `job` on workerPool() at the workers' lower priority: QtConcurrent::run's future.
template <typename Job>
auto runInBackground(Job&& job) {
    return QtConcurrent::run(workerPool(), [job = std::forward<Job>(job)]() mutable {
        yieldToWindow();
        return job();
    });
}

} // namespace bd::ui
