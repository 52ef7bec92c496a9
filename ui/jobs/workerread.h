#pragma once
// A page's read of the book off the window's thread: on a worker with its own connection for a
// book file, in place for a private in-memory book (it has no file a second connection could
// open). The result is shown on the window's thread while the page lives.
#include <QFutureWatcher>
#include <QObject>

#include <functional>
#include <string>
#include <utility>

#include "jobs/workerbook.h"

namespace bd::ui {

/// Runs `read` (a read returning a Result, or another type made from an Error; safe on any
/// thread: it gets only the book it is given) and then `show` with its result, as a child of
/// `context`. Returns true when the read ran in place (the result is shown already).
template <class R>
bool readOffWindow(QObject* context, services::Database& book,
                   std::function<R(services::Database&)> read, std::function<void(R)> show) {
    const std::string path = book.path();
    if (isPrivateBook(path)) {
        show(read(book));
        return true;
    }
    auto* watcher = new QFutureWatcher<R>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, show = std::move(show)] {
                         watcher->deleteLater();
                         show(watcher->result());
                     });
    watcher->setFuture(runInBackground([path, read = std::move(read)]() -> R {
        auto own = openWorkerBook(path);
        if (!own) return R(own.error());
        return read(*own);
    }));
    return false;
}

} // namespace bd::ui
