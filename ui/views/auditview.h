#pragma once
// The Audit page (issue 18): the book's audit trail, newest first (when, who, the operation, the
// entity, the client, what changed), filtered by client id, kind of operation and a first day,
// at most kRowLimit rows. It reads through services (the record store's listAudit, which binds
// every filter) and follows every change the session announces.
#include "views/bookview.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
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

  protected:
    void reload() override;
    void watch(BookSession& session) override;

  private:
    QLineEdit* m_client = nullptr;
    QComboBox* m_kind = nullptr;
    QDateEdit* m_since = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace bd::ui
