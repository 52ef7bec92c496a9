#pragma once
// gtest-friendly polling for the workstation's tests (QTRY_* macros need a QTest function
// context): true once `pred` holds, false after `timeoutMs`, the event loop running meanwhile.
#include <QTest>

namespace bdtest {

template <typename Pred>
bool waitFor(Pred pred, int timeoutMs = 5000) {
    for (int waited = 0; waited < timeoutMs; waited += 20) {
        if (pred()) return true;
        QTest::qWait(20);
    }
    return pred();
}

} // namespace bdtest
