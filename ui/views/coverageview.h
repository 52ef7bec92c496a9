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
    bool isLoading() const override { return m_loading; }

  protected:
    void reload() override;
    void watch(BookSession& session) override;

  private:
    /// What a load found: the plan's day (when the user chose none) and the report.
    struct Loaded {
        std::optional<Date> plan_day;
        Result<services::CoverageReport> report;
    };
    static Loaded load(services::Database& db, std::optional<Date> asOf);
    void show(Loaded loaded);
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
    bool m_loading = false;
    int m_loadGeneration = 0; // only the newest load is shown
};

} // namespace bd::ui
