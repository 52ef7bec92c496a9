#pragma once
// Coverage for branch managers: per broker and branch, the share of clients contacted within
// their cadence, overdue items, VIPs beyond their cadence ("neglected VIPs") and the deadlines the
// newest plan misses (urgent calls it cannot make in time), both listed by name.
#include <optional>

#include "services/coverage.h"
#include "views/bookview.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace bd::ui {

class CoverageView : public BookView {
    Q_OBJECT
  public:
    explicit CoverageView(QWidget* parent = nullptr);

    /// Lines in the coverage table (brokers or branches, plus the total line).
    QStandardItemModel* coverageModel() const { return m_lines; }
    QStandardItemModel* neglectedModel() const { return m_neglected; }
    /// The deadlines the newest plan misses, earliest first.
    QStandardItemModel* shortfallModel() const { return m_shortfalls; }
    /// Shows branches instead of brokers.
    void setByBranch(bool byBranch);

  protected:
    void reload() override;
    void watch(BookSession& session) override;

  private:
    void fill();

    QComboBox* m_level = nullptr;
    QDateEdit* m_asOf = nullptr;
    QLabel* m_summary = nullptr;
    QStandardItemModel* m_lines = nullptr;
    QStandardItemModel* m_neglected = nullptr;
    QTableView* m_linesTable = nullptr;
    QTableView* m_neglectedTable = nullptr;
    QStandardItemModel* m_shortfalls = nullptr;
    QTableView* m_shortfallTable = nullptr;
    std::optional<services::CoverageReport> m_report;
    bool m_dateChosen = false;
};

} // namespace bd::ui
