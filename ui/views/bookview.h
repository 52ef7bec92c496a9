#pragma once
// Base of the main window's pages that read the open book (Today, VIP, Value, Segments,
// Coverage): they load when first shown, and follow the book session's changes: a view marks
// itself stale on the kinds of change it shows and reloads when visible (once per turn of the
// event loop, however many changes came) or else when next shown.
#include <QWidget>

#include <initializer_list>

#include "services/book.h"
#include "services/bookchange.h"

namespace bd::ui {

class BookSession;

class BookView : public QWidget {
    Q_OBJECT
  public:
    using QWidget::QWidget;

    /// The session whose book the view reads (not owned; set once). The view loads when next
    /// shown and follows the session's changes from then on.
    void setSession(BookSession* session);
    /// Marks the data out of date; reloads soon when visible, else when next shown.
    void markStale();
    /// Loads now if out of date (tests and screenshots call it directly).
    void ensureLoaded();
    bool isStale() const { return m_stale; }

    /// True while a background load is still running (screenshots wait for it).
    virtual bool isLoading() const { return false; }

  signals:
    /// The user asked to open a client (double-click in a table).
    void clientActivated(const QString& clientId);

  protected:
    /// Reads the book and fills the view.
    virtual void reload() = 0;
    /// Connects the view to the kinds of change it shows (once, from setSession). Every view
    /// reloads when the book is replaced.
    virtual void watch(BookSession& session) = 0;
    /// Marks the view stale on every new analytics run (scores, VIPs, segments).
    void followNewRuns(BookSession& session);
    /// Marks the view stale when settings of one of `kinds` change.
    void followSettings(BookSession& session,
                        std::initializer_list<services::SettingsChange::Kind> kinds);
    void showEvent(QShowEvent* e) override;
    BookSession* session() const { return m_session; }
    /// The book is a branch server's replica: the nightly batch refreshes, segments and plans
    /// it, never a desk, so a page's advice names the batch instead of Refresh.
    bool onServer() const;
    /// The open book, nullptr before setSession.
    services::Database* db() const;

  private:
    BookSession* m_session = nullptr;
    bool m_stale = true;
    bool m_reloadQueued = false;
};

} // namespace bd::ui
