#pragma once
// The workstation's delays: a timer that fires once, a while after it was last started (a
// search as it is typed, a burst of news from the server).
#include <QTimer>

namespace bd::ui {

/// A single-shot timer of `parent`, named `objectName` (tests find it by its name), that times
/// out `ms` after it was last started.
inline QTimer* singleShotTimer(QObject* parent, const char* objectName, int ms) {
    auto* timer = new QTimer(parent);
    timer->setObjectName(objectName);
    timer->setSingleShot(true);
    timer->setInterval(ms);
    return timer;
}

} // namespace bd::ui
