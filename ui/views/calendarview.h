#pragma once
// The Calendar page: a year of the book's exchange calendar as twelve month grids (weekends,
// holidays, market closures and adjusted workdays marked apart, with a legend; today outlined),
// the days the calendar lists that year, and corrections of a day (closed, open on a weekend, or
// back to the built-in calendar) with a reason, through the audited CorrectCalendar command.
#include <optional>

#include "core/calendar.h"
#include "services/plancalendar.h"
#include "views/bookview.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace bd::ui {

/// One month of the year view; paints its days and reports a click.
class MonthGrid : public QWidget {
    Q_OBJECT
  public:
    MonthGrid(int month, QWidget* parent = nullptr);
    void setMonth(int year, const Calendar* calendar, const QList<Date>& ownDays, Date today);
    void setSelected(std::optional<Date> day);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }
    /// The date painted at `pos`, none outside the days.
    std::optional<Date> dateAt(QPoint pos) const;

  signals:
    void dayClicked(bd::Date day);

  protected:
    void paintEvent(QPaintEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;

  private:
    QRect cellRect(int index) const; // index: 0.. the cells from the first row's Monday
    int m_month;
    int m_year = 2026;
    const Calendar* m_calendar = nullptr;
    QList<Date> m_own;
    Date m_today;
    std::optional<Date> m_selected;
};

class CalendarView : public BookView {
    Q_OBJECT
  public:
    explicit CalendarView(QWidget* parent = nullptr);

    /// Shows a year (the current one at first).
    void showYear(int year);
    int year() const { return m_yearShown; }
    /// Selects a day for a correction (and shows its year).
    void selectDay(Date day);
    /// Corrects a day through the command layer: none puts the built-in calendar's day back.
    /// False (the reason shown under the form) when the book refused it.
    bool correctDay(Date day, std::optional<CalendarDayKind> kind, const QString& reason);
    /// What the calendar in effect lists for a day (none: an ordinary weekday or weekend).
    std::optional<CalendarDayKind> kindOf(Date day) const;
    QTableWidget* daysTable() const { return m_days; }
    MonthGrid* month(int m) const { return m_months[m - 1]; }
    QLabel* message() const { return m_message; }

  protected:
    void reload() override;
    void watch(BookSession& session) override;

  private:
    void fill();
    void applyCorrection();

    int m_yearShown = 0;
    services::CalendarYear m_data;
    std::optional<Date> m_selected;
    QSpinBox* m_year = nullptr;
    MonthGrid* m_months[12] = {};
    QTableWidget* m_days = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_selectedLabel = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_reason = nullptr;
    QPushButton* m_apply = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace bd::ui
