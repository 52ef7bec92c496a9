#include "views/bookview.h"

#include <QTimer>

#include <algorithm>
#include <vector>

#include "session/booksession.h"

namespace bd::ui {

void BookView::setSession(BookSession* session) {
    Q_ASSERT(!m_session && session);
    m_session = session;
    connect(session, &BookSession::bookReplaced, this, &BookView::markStale);
    watch(*session);
    markStale();
}

bool BookView::onServer() const {
    return m_session && m_session->onServer();
}

services::Database* BookView::db() const {
    return m_session ? &m_session->book() : nullptr;
}

void BookView::markStale() {
    m_stale = true;
    if (!isVisible() || m_reloadQueued) return;
    // Several changes of one write (a contact and the plan items it closed) reload once.
    m_reloadQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_reloadQueued = false;
        if (isVisible()) ensureLoaded();
    });
}

void BookView::ensureLoaded() {
    if (!m_stale || !m_session) return;
    m_stale = false;
    reload();
}

void BookView::followNewRuns(BookSession& session) {
    connect(&session, &BookSession::analyticsChanged, this,
            [this](const services::AnalyticsChange& c) {
                if (c.kind == services::AnalyticsChange::Kind::NewRun) markStale();
            });
}

void BookView::followSettings(BookSession& session,
                              std::initializer_list<services::SettingsChange::Kind> kinds) {
    connect(&session, &BookSession::settingsChanged, this,
            [this, watched = std::vector(kinds)](const services::SettingsChange& c) {
                if (std::ranges::find(watched, c.kind) != watched.end()) markStale();
            });
}

void BookView::showEvent(QShowEvent* e) {
    QWidget::showEvent(e);
    ensureLoaded();
}

} // namespace bd::ui
