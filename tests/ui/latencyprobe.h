#pragma once
// An event-loop latency probe for the workstation's tests: a 10 ms timer whose longest gap
// between two ticks is how long the window's thread was blocked while it ran.
#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace bdtest {

/// The longest time the event loop went without running a 10 ms timer, while it runs.
class LatencyProbe {
  public:
    LatencyProbe() {
        m_timer.setInterval(10);
        // BD_PROBE_GAPS=N prints every gap of N ms or more with the wall time and the monotonic
        // time it ended (the clock `perf record -k CLOCK_MONOTONIC` stamps samples with), to be
        // set beside the log's lines and a profile when a stall is looked for.
        const char* gaps = std::getenv("BD_PROBE_GAPS");
        const qint64 report = gaps ? std::atoll(gaps) : 0;
        QObject::connect(&m_timer, &QTimer::timeout, [this, report] {
            const qint64 gap = m_clock.restart();
            m_worst = std::max(m_worst, gap);
            if (report > 0 && gap >= report) {
                timespec mono{};
                clock_gettime(CLOCK_MONOTONIC, &mono);
                std::fprintf(stderr, "probe: %lld ms gap ending %s (monotonic %ld.%06ld s)\n",
                             static_cast<long long>(gap),
                             qPrintable(QDateTime::currentDateTime().toString("HH:mm:ss.zzz")),
                             static_cast<long>(mono.tv_sec), mono.tv_nsec / 1000);
            }
        });
        m_clock.start();
        m_timer.start();
    }
    qint64 worstGapMs() const { return m_worst; }
    /// Starts again from now (the worst gap forgotten).
    void restart() {
        m_worst = 0;
        m_clock.restart();
    }

  private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_worst = 0;
};

} // namespace bdtest
