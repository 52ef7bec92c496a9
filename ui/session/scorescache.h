#pragma once
// The newest value run's scores (every client's, with names and scopes), read once per run for
// the pages that show them (VIP, Value): on a worker thread with its own connection for a book
// file, so a page opens without the read (about 0.3 s of 100,000 clients) on the window's
// thread, and a second page showing the same run reads nothing. A new run, a changed value
// setting (the VIP share) or another book forgets what was read.
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "jobs/latestread.h"
#include "services/vipranking.h"

namespace bd::ui {

class BookSession;

class ScoresCache : public QObject {
    Q_OBJECT
  public:
    /// The newest run's scores; null when the book was never refreshed.
    using Scores = std::shared_ptr<const services::ScoredBook>;
    using Ready = std::function<void(const Result<Scores>&)>;

    /// The session's cache (made on first use, a child of the session).
    static ScoresCache* of(BookSession* session);

    /// Calls `ready` with the newest run's scores, on the window's thread and only while
    /// `context` lives: at once when they were read already (or the book is a private
    /// in-memory one, read here), else when a worker has read them.
    void request(QObject* context, Ready ready);

  private:
    explicit ScoresCache(BookSession* session);
    void forget();

    BookSession* m_session = nullptr;
    std::optional<Result<Scores>> m_scores;
    std::vector<std::pair<QPointer<QObject>, Ready>> m_waiting;
    int m_generation = 0; // a read for a book or run since forgotten is dropped
    bool m_reading = false;
};

/// One page's read of the scores: only the newest ask is shown (a page reloaded twice before
/// the read came back shows it once), and the page is loading until then.
class ScoresLoad {
  public:
    bool pending() const { return m_read.pending(); }
    /// Asks the session's cache; `show` runs on the window's thread while `page` lives.
    void start(BookSession* session, QObject* page, ScoresCache::Ready show);

  private:
    LatestRead m_read;
};

} // namespace bd::ui
