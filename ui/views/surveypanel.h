#pragma once
// The manager's desk's "Surveys" tab (issue 21 item 4, docs/kpi.md "Surveys and NPS"): every
// campaign with its progress (calls made, answered, still due), the NPS with its counts by
// segment and by broker, and the trend over months; the branch NPS on top.
#include <optional>

#include <QWidget>

#include "services/book.h"
#include "services/surveys.h"

class QLabel;
class QTableWidget;

namespace bd::ui {

class SurveyPanel : public QWidget {
    Q_OBJECT
  public:
    explicit SurveyPanel(QWidget* parent = nullptr);

    /// Reads the campaigns and every answer of `db` and shows them.
    void load(services::Database& db);

    QLabel* summary() const { return m_summary; }
    QTableWidget* campaignTable() const { return m_campaigns; }
    QTableWidget* segmentTable() const { return m_segments; }
    QTableWidget* brokerTable() const { return m_brokers; }
    QTableWidget* monthTable() const { return m_months; }

  private:
    QLabel* m_summary = nullptr;
    QTableWidget* m_campaigns = nullptr;
    QTableWidget* m_segments = nullptr;
    QTableWidget* m_brokers = nullptr;
    QTableWidget* m_months = nullptr;
};

} // namespace bd::ui
