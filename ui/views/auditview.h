#pragma once
// The Audit page (issue 18): the book's audit trail, newest first (when, who, the operation, the
// entity, the client, what changed), filtered by client id, kind of operation and a first day,
// at most kRowLimit rows. It reads through services (the record store's listAudit, which binds
// every filter) and follows every change the session announces. An older operation is undone
// from here (the selected row's operation, by button or context menu) with the same undo
// command as `brokerdesk-cli undo --operation N`; a refusal says what blocks it.
#include <cstdint>

#include "views/bookview.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace bd::ui {

class AuditView : public BookView {
    Q_OBJECT
  public:
    static constexpr int kRowLimit = 1000;

    explicit AuditView(QWidget* parent = nullptr);

    /// The filters and the table (for tests).
    QLineEdit* clientFilter() const { return m_client; }
    QComboBox* kindFilter() const { return m_kind; }
    QDateEdit* sinceFilter() const { return m_since; }
    QTableWidget* table() const { return m_table; }
    QLabel* summary() const { return m_summary; }
    QPushButton* undoButton() const { return m_undo; }
    /// Why the last undo was refused (empty after one that ran).
    QLabel* message() const { return m_message; }
    /// The operation of the selected row (0: none selected).
    std::int64_t selectedOperation() const;

    /// Undoes the selected row's operation through the session; false when refused (the
    /// message names what blocks it) or nothing is selected.
    bool undoSelected();

  protected:
    void reload() override;
    void watch(BookSession& session) override;

  private:
    QLineEdit* m_client = nullptr;
    QComboBox* m_kind = nullptr;
    QDateEdit* m_since = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_undo = nullptr;
};

} // namespace bd::ui
