#pragma once
// Base of the main window's pages that read the open book (VIP, Value, Segments, and later
// Today): they load lazily, when first shown after the book changed or was refreshed.
#include <QWidget>

#include "storage/db/database.h"

namespace bd::ui {

class BookView : public QWidget {
    Q_OBJECT
  public:
    using QWidget::QWidget;

    /// The book to read (not owned; nullptr detaches). The view reloads when next shown.
    void setDatabase(storage::Database* db) {
        m_db = db;
        markStale();
    }
    /// Marks the data out of date (after a refresh); reloads now when visible.
    void markStale() {
        m_stale = true;
        if (isVisible()) ensureLoaded();
    }
    /// Loads now if out of date (tests and screenshots call it directly).
    void ensureLoaded() {
        if (!m_stale || !m_db) return;
        m_stale = false;
        reload();
    }

    /// True while a background load is still running (screenshots wait for it).
    virtual bool isLoading() const { return false; }

  signals:
    /// The user asked to open a client (double-click in a table).
    void clientActivated(const QString& clientId);

  protected:
    /// Reads the book and fills the view.
    virtual void reload() = 0;
    void showEvent(QShowEvent* e) override {
        QWidget::showEvent(e);
        ensureLoaded();
    }
    storage::Database* db() const { return m_db; }

  private:
    storage::Database* m_db = nullptr;
    bool m_stale = true;
};

} // namespace bd::ui
