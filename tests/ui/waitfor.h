#pragma once
// gtest-friendly polling for the workstation's tests: true once `pred` holds, false after
// `timeoutMs`, the event loop running meanwhile. Qt's QTRY_* macros are not used: outside a
// QTest function they return quietly on a timeout, and the gtest test passed regardless.
#include <QTest>

namespace bdtest {

/// A timeout for the build at hand: the sanitizers' build runs several times slower, and a
/// wait that is a promise of speed (news within two seconds) is kept by the release build,
/// whose figures are the product's; under the sanitizers the tests check that it arrives.
constexpr int scaledTimeout(int timeoutMs) {
#if defined(__SANITIZE_ADDRESS__)
    return timeoutMs * 5;
#else
    return timeoutMs;
#endif
}

template <typename Pred>
bool waitFor(Pred pred, int timeoutMs = 5000) {
    const int limit = scaledTimeout(timeoutMs);
    for (int waited = 0; waited < limit; waited += 20) {
        if (pred()) return true;
        QTest::qWait(20);
    }
    return pred();
}

} // namespace bdtest
