#pragma once
// A slim bar that says when the analytics are older than the data (an import came in after the
// newest analytics run: Value, VIP, Segments and the plan still show the run before), with a
// button that runs the refresh. It reads the two facts from the book whenever the book, its
// analytics or its data change.
#include <QFrame>

class QLabel;
class QPushButton;

namespace bd::ui {

class BookSession;

class AnalyticsBanner : public QFrame {
    Q_OBJECT
  public:
    explicit AnalyticsBanner(BookSession* session, QWidget* parent = nullptr);
    /// True while it asks to be shown.
    bool isBehind() const { return m_behind; }
    QString text() const;

  public slots:
    /// Reads the book's last import and analytics run again.
    void check();
    /// A job is running: its button waits.
    void setBusy(bool busy);

  signals:
    void refreshRequested();
    /// Whether the banner wants its bar shown.
    void visibilityWanted(bool show);

  private:
    BookSession* m_session;
    QLabel* m_text = nullptr;
    QPushButton* m_refresh = nullptr;
    bool m_behind = false;
};

} // namespace bd::ui
