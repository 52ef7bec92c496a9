#pragma once
// The client pane's Value tab: the client's profit breakdown over the last 12 months, CLV,
// p_alive, value score and rank from the latest refresh, and why the score is what it is.
#include <QWidget>

#include "services/book.h"

class QFormLayout;
class QLabel;

namespace bd::ui {

class ClientValueTab : public QWidget {
    Q_OBJECT
  public:
    explicit ClientValueTab(QWidget* parent = nullptr);

    /// Shows the client's score of the newest scored run (a note when there is none, naming
    /// the branch's nightly batch on a server, where no desk refreshes).
    void showClient(services::Database& db, qint64 clientRef, bool onServer = false);
    void clear();

  private:
    QLabel* addRow(QFormLayout* form, const QString& label, const char* objectName);

    QLabel* m_note = nullptr;
    QLabel* m_score = nullptr;
    QLabel* m_rank = nullptr;
    QLabel* m_loyalty = nullptr; // the latest survey answer's NPS class, else the branch NPS
    QLabel* m_flags = nullptr;
    QLabel* m_commission = nullptr;
    QLabel* m_interest = nullptr;
    QLabel* m_handling = nullptr;
    QLabel* m_service = nullptr;
    QLabel* m_maintenance = nullptr;
    QLabel* m_profit = nullptr;
    QLabel* m_clv = nullptr;
    QLabel* m_pAlive = nullptr;
    QLabel* m_expected = nullptr;
    QLabel* m_recency = nullptr;
    QLabel* m_aum = nullptr;
    QLabel* m_explanation = nullptr;
};

} // namespace bd::ui
