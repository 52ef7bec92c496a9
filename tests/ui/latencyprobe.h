#pragma once
// An event-loop latency probe for the workstation's tests: a 10 ms timer whose longest gap
// between two ticks is how long the window's thread was blocked while it ran.
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>

namespace bdtest {

/// The longest time the event loop went without running a 10 ms timer, while it runs.
class LatencyProbe {
  public:
    LatencyProbe() {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout,
                         [this] { m_worst = std::max(m_worst, m_clock.restart()); });
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
