#pragma once
// The newest of a page's reads off the window's thread: a read started before the latest one
// finishes unseen (its result is dropped), and the page is loading while the latest is under
// way. One per kind of read a page starts.

namespace bd::ui {

/// Tickets of a page's reads: start() one per read; show a finished read's result only when
/// finish(ticket) says it is the latest's.
class LatestRead {
  public:
    /// A read starts: its ticket. The page is loading until the latest read finishes.
    int start() {
        m_pending = true;
        return ++m_latest;
    }
    /// A read finished: true when it is the latest (then nothing is pending any more), false
    /// when a newer read is on its way (drop this one's result).
    bool finish(int ticket) {
        if (ticket != m_latest) return false;
        m_pending = false;
        return true;
    }
    /// Drops every read under way: none of their results will be shown.
    void drop() {
        ++m_latest;
        m_pending = false;
    }
    /// Whether the latest read is still under way.
    bool pending() const { return m_pending; }

  private:
    int m_latest = 0;
    bool m_pending = false;
};

} // namespace bd::ui
