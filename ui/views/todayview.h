#pragma once
// The broker's morning (Today): one broker's plan for a day range with the reasons and talking
// points, the overdue list, and the actions that close the loop — log a contact (Enter),
// reschedule, skip with a reason — plus rebuilding the plan and exporting the call list (CSV, XLSX,
// PDF).
#include <QDate>

#include <optional>

#include "core/calendar.h"
#include "reports/callsheetpdf.h"
#include "services/contactlog.h"
#include "services/planitems.h"
#include "views/bookview.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QPrinter;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace bd::ui {

class PlanItemModel;

class TodayView : public BookView {
    Q_OBJECT
  public:
    explicit TodayView(QWidget* parent = nullptr);

    /// Shows this broker's plan (must be in the broker list) from `from` for `days` working days.
    void showBroker(const QString& brokerId, std::optional<Date> from = {}, int days = 1);
    /// Rebuilds the whole book's plan as of the selected date (no confirmation), here.
    bool rebuildPlan();
    /// What Rebuild plan… does once confirmed: asks the window's data jobs to rebuild as of the
    /// selected date on a worker (with progress and Cancel) when they listen, else rebuildPlan().
    bool startRebuild();
    /// Shows the page's Cancel beside Rebuild plan… while a rebuild runs (the data jobs say).
    void setRebuildRunning(bool running);

    /// Logs a contact for the selected item without the dialog (tests and scripted use).
    bool logSelected(const services::ContactLog& log);
    /// Moves the selected item / skips it with a reason.
    bool rescheduleSelected(Date to);
    bool skipSelected(const QString& reason);
    /// Writes the shown call list; the suffix (.csv, .xlsx, .pdf) picks the format.
    bool exportCallList(const QString& path, bool maskPhones);
    /// Prints the shown call list on `printer` as the PDF call sheet lays it out, and records
    /// it in the audit trail as an export; false when nothing could be printed.
    bool printCallList(QPrinter& printer);
    /// Print… with the print dialog, or its preview (Qt PrintSupport).
    void printInteractive(bool preview = false);

    PlanItemModel* planModel() const { return m_plan; }
    PlanItemModel* overdueModel() const { return m_overdue; }
    QTableView* planTable() const { return m_planTable; }
    /// Selects row `row` of the plan table (in view order).
    void selectRow(int row);
    QString lastError() const { return m_lastError; }
    QPushButton* rebuildButton() const { return m_rebuild; }
    QPushButton* cancelRebuildButton() const { return m_cancelRebuild; }

  signals:
    /// Rebuild plan… was confirmed: the whole book's plan as of `asOf`.
    void rebuildRequested(QDate asOf);
    /// The page's Cancel was pressed during a rebuild.
    void cancelRebuildRequested();

  protected:
    void reload() override;
    void watch(BookSession& session) override;

  private:
    void readPlanDays();
    void loadBrokers();
    void loadPlan();
    void showSelection();
    const services::PlanItem* selectedItem() const;
    void logContactInteractive();
    void rescheduleInteractive();
    void skipInteractive();
    void exportInteractive();
    void rebuildInteractive();
    bool fail(const QString& what, const Error& error);
    bool chinese() const;
    /// Whom the printed or exported call sheet is for (the broker shown).
    reports::CallSheetOptions sheetOptions() const;

    Calendar m_calendar;
    std::optional<Date> m_planAsOf;
    QString m_lastError;
    QComboBox* m_broker = nullptr;
    QDateEdit* m_from = nullptr;
    QSpinBox* m_days = nullptr;
    QLabel* m_summary = nullptr;
    QTabWidget* m_tabs = nullptr;
    PlanItemModel* m_plan = nullptr;
    PlanItemModel* m_overdue = nullptr;
    QSortFilterProxyModel* m_planProxy = nullptr;
    QSortFilterProxyModel* m_overdueProxy = nullptr;
    QTableView* m_planTable = nullptr;
    QTableView* m_overdueTable = nullptr;
    QLabel* m_details = nullptr;
    QPushButton* m_log = nullptr;
    QPushButton* m_reschedule = nullptr;
    QPushButton* m_skip = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_rebuild = nullptr;
    QPushButton* m_cancelRebuild = nullptr;
};

} // namespace bd::ui
