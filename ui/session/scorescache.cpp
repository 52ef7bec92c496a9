#include "session/scorescache.h"

#include <QFutureWatcher>

#include "jobs/workerbook.h"
#include "session/booksession.h"

namespace bd::ui {

namespace {

Result<ScoresCache::Scores> readScores(services::Database& db) {
    auto book = services::loadLatestScores(db);
    if (!book) return book.error();
    if (!*book) return ScoresCache::Scores{};
    return ScoresCache::Scores(std::make_shared<const services::ScoredBook>(std::move(**book)));
}

} // namespace

ScoresCache* ScoresCache::of(BookSession* session) {
    if (auto* c = session->findChild<ScoresCache*>("scoresCache", Qt::FindDirectChildrenOnly))
        return c;
    return new ScoresCache(session);
}

ScoresCache::ScoresCache(BookSession* session) : QObject(session), m_session(session) {
    setObjectName("scoresCache");
    connect(session, &BookSession::bookReplaced, this, &ScoresCache::forget);
    connect(session, &BookSession::analyticsChanged, this,
            [this](const services::AnalyticsChange& c) {
                if (c.kind == services::AnalyticsChange::Kind::NewRun) forget();
            });
    connect(session, &BookSession::settingsChanged, this,
            [this](const services::SettingsChange& c) {
                if (c.kind == services::SettingsChange::Kind::ValueModel) forget(); // VIP share
            });
}

void ScoresCache::forget() {
    m_scores.reset();
    m_reading = false;
    ++m_generation;
}

void ScoresCache::request(QObject* context, Ready ready) {
    if (m_scores) {
        ready(*m_scores);
        return;
    }
    const std::string path = m_session->book().path();
    if (isPrivateBook(path)) {
        m_scores = readScores(m_session->book());
        ready(*m_scores);
        return;
    }
    m_waiting.emplace_back(context, std::move(ready));
    if (m_reading) return;
    m_reading = true;
    const int generation = m_generation;
    auto* watcher = new QFutureWatcher<Result<Scores>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation) {
            // Forgotten meanwhile: those waiting ask again for what is newest now.
            auto waiting = std::move(m_waiting);
            m_waiting.clear();
            for (auto& [who, then] : waiting)
                if (who) request(who, std::move(then));
            return;
        }
        m_reading = false;
        m_scores = watcher->result();
        auto waiting = std::move(m_waiting);
        m_waiting.clear();
        for (auto& [who, then] : waiting)
            if (who) then(*m_scores);
    });
    watcher->setFuture(runInBackground([path]() -> Result<Scores> {
        auto own = openWorkerBook(path);
        if (!own) return own.error();
        return readScores(*own);
    }));
}

void ScoresLoad::start(BookSession* session, QObject* page, ScoresCache::Ready show) {
    const int ticket = m_read.start();
    ScoresCache::of(session)->request(
        page, [this, ticket, show = std::move(show)](const Result<ScoresCache::Scores>& s) {
            if (m_read.finish(ticket)) show(s); // else a newer ask is on its way
        });
}

} // namespace bd::ui
