#pragma once
// Coverage for branch managers: per broker and branch, the share of clients contacted within
// their cadence, overdue items, VIPs beyond their cadence ("neglected VIPs") and the deadlines the
// newest plan misses (urgent calls it cannot make in time), both listed by name.
#include <optional>

#include "jobs/latestread.h"
#include "services/coverage.h"
#include "views/bookview.h"

class QDateEdit;
class QLabel;
class QSplitter;
class QStandardItemModel;
class QTableView;

namespace bd::ui {

class LevelChoice;

class CoverageView : public BookView {
    Q_OBJECT
  public:
    explicit CoverageView(QWidget* parent = nullptr);

    /// Lines in the coverage table (brokers or branches, plus the total line).
    QStandardItemModel* coverageModel() const { return m_lines.rows; }
    QStandardItemModel* neglectedModel() const { return m_neglected.rows; }
    /// The deadlines the newest plan misses, earliest first.
    QStandardItemModel* shortfallModel() const { return m_shortfalls.rows; }
    /// Shows branches instead of brokers.
    void setByBranch(bool byBranch);
    bool isLoading() const override { return m_load.pending(); }

  protected:
    void reload() override;
    void watch(BookSession& session) override;

  private:
    /// What a load found: the report (or why there is none) and the plan's day (when the user
    /// chose none).
    struct Loaded {
        explicit Loaded(Result<services::CoverageReport> r) : report(std::move(r)) {}
        Result<services::CoverageReport> report;
        std::optional<Date> plan_day;
    };
    static Loaded load(services::Database& db, std::optional<Date> asOf);
    void show(Loaded loaded);
    void fill();
    /// A list the page shows: its rows (sorting by Qt::UserRole) and their view.
    struct List {
        QStandardItemModel* rows = nullptr;
        QTableView* view = nullptr;
    };
    List addList(const char* objectName, QWidget* parent);
    /// A list of clients in a column of `split` under a bold `heading`; a row activated opens
    /// its client (the first column holds the client ID).
    List addClientList(QSplitter* split, const QString& heading, const char* objectName);

    LevelChoice* m_level = nullptr;
    QDateEdit* m_asOf = nullptr;
    QLabel* m_summary = nullptr;
    List m_lines;      // brokers or branches, and the total
    List m_neglected;  // VIPs beyond their cadence
    List m_shortfalls; // deadlines the plan misses
    std::optional<services::CoverageReport> m_report;
    bool m_dateChosen = false;
    LatestRead m_load; // only the newest load is shown
};

} // namespace bd::ui
