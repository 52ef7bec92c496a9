#pragma once
// Candidate duplicates (issue 18 item 6): the pairs of clients that may be one person with
// their reasons (the phrasebook's words), the selected pair side by side, and Merge (after a
// confirmation) through the session: one audited operation on the undo stack, every view
// follows.
#include <QDialog>

#include "services/duplicates.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace bd::ui {

class BookSession;

class DuplicatesDialog : public QDialog {
    Q_OBJECT
  public:
    explicit DuplicatesDialog(BookSession* session, QWidget* parent = nullptr);

    /// Finds the pairs again (after a merge, or the book changed).
    void reload();
    QTableWidget* pairs() const { return m_pairs; }
    /// Merges the selected pair's second client into its first; asks first when `confirm`.
    /// True when merged.
    bool mergeSelected(bool confirm = true);

  private:
    void showPair(int row);

    BookSession* m_session;
    services::DuplicateList m_list;
    QTableWidget* m_pairs = nullptr;
    QTableWidget* m_sides = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_merge = nullptr;
};

} // namespace bd::ui
