#pragma once
// The instant client search box (issue 18 item 9): as the user types, a list below it shows the
// clients the book's search index finds (services/clientsearch.h), ranked, each with name, id,
// masked phone, broker and why it was found. Up/Down move, Enter opens the client, Esc closes.
// The index is built off the UI thread on its own connection (about a second for 100,000
// clients) when the book opens, and again when clients, the book or its value run change;
// until the first is ready the list says it is indexing. A private in-memory book (tests) is
// indexed at once on the UI thread.
#include <QLineEdit>

#include <QPointer>
#include <QTreeWidget>

#include <atomic>
#include <memory>

#include "services/clientsearch.h"

namespace bd::ui {

class BookSession;

class ClientSearchBox : public QLineEdit {
    Q_OBJECT
  public:
    /// Clients shown at most.
    static constexpr int kMaxResults = 12;

    explicit ClientSearchBox(QWidget* parent = nullptr);
    ~ClientSearchBox() override;

    /// The session whose book is searched (not owned; set once): indexes it now and after
    /// every change of its clients, value run or book.
    void setSession(BookSession* session);
    /// True once an index of the current book is ready.
    bool isReady() const { return m_index != nullptr; }
    /// True while an index is being built.
    bool isIndexing() const { return m_building; }
    /// The result list (a child of the window, shown below the box).
    QTreeWidget* popup() const { return m_popup; }
    /// How long the last search took, in milliseconds.
    double lastSearchMs() const { return m_lastSearchMs; }

  signals:
    /// The user chose a client (Enter or a click on a result).
    void clientChosen(qint64 ref, const QString& clientId);
    /// An index of the book became ready.
    void indexReady();

  protected:
    void keyPressEvent(QKeyEvent* e) override;
    void focusOutEvent(QFocusEvent* e) override;
    bool eventFilter(QObject* watched, QEvent* e) override;

  private:
    void rebuild(bool replaced);
    void adopt(std::shared_ptr<const services::ClientSearchIndex> index);
    void runSearch();
    void showPopup();
    void placePopup();
    void choose(int row);
    void moveCurrent(int delta);

    BookSession* m_session = nullptr;
    std::shared_ptr<const services::ClientSearchIndex> m_index;
    QPointer<QTreeWidget> m_popup; // owned by the window while shown
    int m_generation = 0;
    bool m_building = false;
    // Set to give up the build under way (the box goes, or another book replaced it).
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_buildAgain = false;
    double m_lastSearchMs = 0;
};

} // namespace bd::ui
