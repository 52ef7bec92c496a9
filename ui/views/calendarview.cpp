#include "views/calendarview.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <vector>

#include "format.h"
#include "session/booksession.h"
#include "widgets/barcontrols.h"
#include "widgets/pagehead.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

namespace {

/// A day of a month's grid: its cell (0..41, weeks from Monday), date and day of the month.
struct DayCell {
    int index = 0;
    Date date;
    int day = 0;
};

/// The days of `month`, in order, with their cells.
std::vector<DayCell> monthCells(int year, int month) {
    const Date first = Date::fromYmd(year, month, 1);
    const int lead = first.isoWeekday() - 1;
    std::vector<DayCell> cells;
    for (int day = 1; day <= daysInMonth(year, month); ++day)
        cells.push_back({lead + day - 1, first.addDays(day - 1), day});
    return cells;
}

// One colour per kind of day, shared by the grids and the legend.
const QColor kWeekend(0xEC, 0xEF, 0xF1);
const QColor kHoliday(0xFF, 0xCD, 0xD2);
const QColor kMarketClosed(0xFF, 0xE0, 0xB2);
const QColor kAdjusted(0xBB, 0xDE, 0xFB);
const QColor kToday(0x3B, 0x6E, 0x9E);
const QColor kCorrection(0x6A, 0x1B, 0x9A);

constexpr int kCell = 26, kHeader = 22, kTitle = 24;

QColor colourOf(std::optional<CalendarDayKind> kind, bool weekend) {
    if (kind == CalendarDayKind::Holiday) return kHoliday;
    if (kind == CalendarDayKind::MarketClosed) return kMarketClosed;
    if (kind == CalendarDayKind::AdjustedWorkday) return kAdjusted;
    return weekend ? kWeekend : QColor(Qt::white);
}

QString kindText(CalendarDayKind kind) {
    switch (kind) {
    case CalendarDayKind::Holiday:
        return CalendarView::tr("Holiday");
    case CalendarDayKind::MarketClosed:
        return CalendarView::tr("Market closed");
    case CalendarDayKind::AdjustedWorkday:
        return CalendarView::tr("Adjusted workday");
    default:
        return {};
    }
}

QString dateText(Date d) {
    return QString::fromStdString(d.toString());
}

} // namespace

// --- MonthGrid ----------------------------------------------------------------------------

MonthGrid::MonthGrid(int month, QWidget* parent) : QWidget(parent), m_month(month) {
    setObjectName(QStringLiteral("calendarMonth%1").arg(month));
    setCursor(Qt::PointingHandCursor);
}

void MonthGrid::setMonth(int year, const Calendar* calendar, const QList<Date>& ownDays,
                         Date today) {
    m_year = year;
    m_calendar = calendar;
    m_own = ownDays;
    m_today = today;
    update();
}

void MonthGrid::setSelected(std::optional<Date> day) {
    m_selected = day;
    update();
}

QSize MonthGrid::sizeHint() const {
    return {7 * kCell + 2, kTitle + kHeader + 6 * kCell + 2};
}

QRect MonthGrid::cellRect(int index) const {
    return {1 + (index % 7) * kCell, kTitle + kHeader + (index / 7) * kCell, kCell - 2, kCell - 2};
}

std::optional<Date> MonthGrid::dateAt(QPoint pos) const {
    for (const DayCell& c : monthCells(m_year, m_month))
        if (cellRect(c.index).contains(pos)) return c.date;
    return std::nullopt;
}

void MonthGrid::mousePressEvent(QMouseEvent* e) {
    if (auto d = dateAt(e->position().toPoint())) emit dayClicked(*d);
}

void MonthGrid::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QLocale locale;
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRect(0, 0, width(), kTitle), Qt::AlignLeft | Qt::AlignVCenter,
               locale.standaloneMonthName(m_month, QLocale::LongFormat));
    p.setFont(font());
    p.setPen(QColor(0x5F, 0x6B, 0x76));
    for (int wd = 1; wd <= 7; ++wd)
        p.drawText(QRect(1 + (wd - 1) * kCell, kTitle, kCell - 2, kHeader), Qt::AlignCenter,
                   locale.standaloneDayName(wd, QLocale::NarrowFormat));
    for (const DayCell& c : monthCells(m_year, m_month)) {
        const Date d = c.date;
        const CalendarEntry* e = m_calendar ? m_calendar->entry(d) : nullptr;
        const auto kind = e ? std::optional(e->kind) : std::nullopt;
        const QRect r = cellRect(c.index);
        p.setPen(Qt::NoPen);
        p.setBrush(colourOf(kind, d.isWeekend()));
        p.drawRoundedRect(r, 3, 3);
        if (m_own.contains(d)) { // the book's own correction: a corner mark
            p.setBrush(kCorrection);
            p.drawPolygon(QPolygon(
                {r.topRight(), r.topRight() + QPoint(-7, 0), r.topRight() + QPoint(0, 7)}));
        }
        if (d == m_today || (m_selected && d == *m_selected)) {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(d == m_today ? kToday : QColor(Qt::black), 2));
            p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 3, 3);
        }
        p.setPen(kind == CalendarDayKind::Holiday ? QColor(0xB7, 0x1C, 0x1C)
                 : d.isWeekend() && !kind         ? QColor(0x78, 0x84, 0x8F)
                                                  : QColor(0x22, 0x30, 0x3C));
        p.drawText(r, Qt::AlignCenter, QString::number(c.day));
    }
}

// --- CalendarView -------------------------------------------------------------------------

CalendarView::CalendarView(QWidget* parent) : BookView(parent) {
    setObjectName("calendarView");
    const auto [layout, bar] = makeBarPageHead(this, tr("Exchange calendar"));
    m_year = addBarControl<QSpinBox>(bar, this, "calendarYear", tr("Year"));
    m_year->setRange(1990, 2100);
    m_year->setValue(services::localToday().year());
    m_summary = new QLabel(this);
    m_summary->setObjectName("calendarSummary");
    bar->addSpacing(16);
    bar->addWidget(m_summary);
    bar->addStretch(1);
    layout->addLayout(bar);
    connect(m_year, &QSpinBox::valueChanged, this, [this](int y) { showYear(y); });

    auto* body = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(8);
    for (int m = 1; m <= 12; ++m) {
        m_months[m - 1] = new MonthGrid(m, this);
        grid->addWidget(m_months[m - 1], (m - 1) / 4, (m - 1) % 4);
        connect(m_months[m - 1], &MonthGrid::dayClicked, this, &CalendarView::selectDay);
    }
    left->addLayout(grid);
    // The legend: one swatch per kind of day.
    auto* legend = new QHBoxLayout;
    legend->setSpacing(6);
    const auto swatch = [&](const QColor& c, const QString& text, bool outline = false) {
        auto* box = new QLabel(this);
        box->setFixedSize(16, 16);
        box->setStyleSheet(
            outline ? QStringLiteral("border:2px solid %1;").arg(c.name())
                    : QStringLiteral("background:%1;border:1px solid #B0BEC5;").arg(c.name()));
        legend->addWidget(box);
        legend->addWidget(new QLabel(text, this));
        legend->addSpacing(10);
    };
    swatch(kWeekend, tr("Weekend"));
    swatch(kHoliday, tr("Holiday"));
    swatch(kMarketClosed, tr("Market closed (offices open)"));
    swatch(kAdjusted, tr("Adjusted workday (offices open, market closed)"));
    swatch(kCorrection, tr("The book's correction"));
    swatch(kToday, tr("Today"), true);
    legend->addStretch(1);
    left->addLayout(legend);
    left->addStretch(1);
    // The year scrolls rather than setting the window's width (twelve months and the legend
    // need about 1,100 px beside the day list).
    auto* yearScroll = new QScrollArea(this);
    yearScroll->setObjectName("calendarYearScroll");
    yearScroll->setWidgetResizable(true);
    yearScroll->setFrameShape(QFrame::NoFrame);
    auto* year = new QWidget(yearScroll);
    year->setLayout(left);
    yearScroll->setWidget(year);
    body->addWidget(yearScroll, 3);

    auto* right = new QVBoxLayout;
    m_days = new QTableWidget(this);
    m_days->setObjectName("calendarDays");
    m_days->setColumnCount(4);
    m_days->setHorizontalHeaderLabels({tr("Date"), tr("Kind"), tr("Name"), tr("Source")});
    m_days->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_days->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_days->verticalHeader()->hide();
    m_days->horizontalHeader()->setStretchLastSection(true);
    m_days->setAlternatingRowColors(true);
    connect(m_days, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (auto d = parseDate(m_days->item(row, 0)->text().toStdString())) selectDay(*d);
    });
    right->addWidget(m_days, 1);

    auto* form = new QGroupBox(tr("Correct a day"), this);
    auto* formLayout = new QGridLayout(form);
    m_selectedLabel = new QLabel(tr("Click a day in the calendar."), form);
    m_selectedLabel->setObjectName("calendarSelected");
    formLayout->addWidget(m_selectedLabel, 0, 0, 1, 2);
    m_kind = new QComboBox(form);
    m_kind->setObjectName("calendarKind");
    m_kind->addItem(tr("Closed: holiday"), static_cast<int>(CalendarDayKind::Holiday));
    m_kind->addItem(tr("Closed: market only (offices open)"),
                    static_cast<int>(CalendarDayKind::MarketClosed));
    m_kind->addItem(tr("Open: weekend worked (adjusted workday)"),
                    static_cast<int>(CalendarDayKind::AdjustedWorkday));
    m_kind->addItem(tr("As the built-in calendar (remove the correction)"), 0);
    formLayout->addWidget(new QLabel(tr("Mark as"), form), 1, 0);
    formLayout->addWidget(m_kind, 1, 1);
    m_reason = new QLineEdit(form);
    m_reason->setObjectName("calendarReason");
    m_reason->setPlaceholderText(tr("Reason, e.g. exchange notice of 2026-03-01"));
    formLayout->addWidget(new QLabel(tr("Reason"), form), 2, 0);
    formLayout->addWidget(m_reason, 2, 1);
    m_apply = new QPushButton(tr("Apply correction"), form);
    m_apply->setObjectName("calendarApply");
    m_apply->setEnabled(false);
    formLayout->addWidget(m_apply, 3, 1, Qt::AlignRight);
    m_message = new QLabel(form);
    m_message->setObjectName("calendarMessage");
    m_message->setWordWrap(true);
    formLayout->addWidget(m_message, 4, 0, 1, 2);
    connect(m_apply, &QPushButton::clicked, this, &CalendarView::applyCorrection);
    right->addWidget(form);
    body->addLayout(right, 1);
    layout->addLayout(body, 1);
}

void CalendarView::watch(BookSession& session) {
    followSettings(session, {services::SettingsChange::Kind::Calendar});
}

void CalendarView::showYear(int year) {
    if (m_year->value() != year) {
        const QSignalBlocker block(m_year);
        m_year->setValue(year);
    }
    m_yearShown = year;
    if (db()) reload();
}

void CalendarView::reload() {
    if (m_yearShown == 0) m_yearShown = m_year->value();
    auto year = services::loadCalendarYear(*db(), m_yearShown);
    if (!year) {
        m_summary->setText(errorText(year.error()));
        return;
    }
    m_data = std::move(*year);
    fill();
}

std::optional<CalendarDayKind> CalendarView::kindOf(Date day) const {
    if (const CalendarEntry* e = m_data.calendar.entry(day)) return e->kind;
    return std::nullopt;
}

void CalendarView::fill() {
    const Calendar& cal = m_data.calendar;
    QList<Date> own;
    for (const auto& d : m_data.days)
        if (d.from_book) own << d.entry.date;
    const Date today = services::localToday();
    for (MonthGrid* g : m_months) {
        g->setMonth(m_yearShown, &cal, own, today);
        g->setSelected(m_selected);
    }
    int trading = 0, working = 0;
    for (Date d = Date::fromYmd(m_yearShown, 1, 1); d.year() == m_yearShown; d = d.addDays(1)) {
        trading += cal.isTradingDay(d) ? 1 : 0;
        working += cal.isWorkingDay(d) ? 1 : 0;
    }
    m_summary->setText(cal.coversYear(m_yearShown)
                           ? tr("%1 trading days, %2 working days").arg(trading).arg(working)
                           : tr("%1 trading days, %2 working days (no holidays listed for this "
                                "year: weekends only)")
                                 .arg(trading)
                                 .arg(working));
    m_days->setRowCount(static_cast<int>(m_data.days.size()));
    int row = 0;
    for (const auto& d : m_data.days) {
        const QString source = d.from_book
                                   ? (d.built_in ? tr("Book (corrects the built-in)") : tr("Book"))
                                   : tr("Built-in");
        const QStringList cells = {
            dateText(d.entry.date), kindText(d.entry.kind),
            QString::fromStdString(phrase::calendarDayName(d.entry.name, uiLang())), source};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c == 1) item->setBackground(colourOf(d.entry.kind, d.entry.date.isWeekend()));
            m_days->setItem(row, c, item);
        }
        ++row;
    }
    m_days->resizeColumnsToContents();
}

void CalendarView::selectDay(Date day) {
    m_selected = day;
    if (day.year() != m_yearShown) showYear(day.year());
    for (MonthGrid* g : m_months) g->setSelected(day);
    const auto kind = kindOf(day);
    const QString now =
        kind ? kindText(*kind) : (day.isWeekend() ? tr("Weekend") : tr("Trading day"));
    m_selectedLabel->setText(
        tr("%1 (%2): %3")
            .arg(dateText(day), QLocale().dayName(day.isoWeekday(), QLocale::LongFormat), now));
    m_apply->setEnabled(true);
    m_message->clear();
}

void CalendarView::applyCorrection() {
    if (!m_selected) return;
    const int code = m_kind->currentData().toInt();
    std::optional<CalendarDayKind> kind;
    if (code != 0) kind = static_cast<CalendarDayKind>(code);
    if (correctDay(*m_selected, kind, m_reason->text())) m_reason->clear();
}

bool CalendarView::correctDay(Date day, std::optional<CalendarDayKind> kind,
                              const QString& reason) {
    services::cmd::CorrectCalendar c;
    c.days.push_back({day, kind, reason.trimmed().toStdString()});
    auto r = session()->execute(std::move(c));
    if (!r) {
        m_message->setStyleSheet("color:#C62828;");
        m_message->setText(
            tr("Not corrected, the calendar is unchanged: %1").arg(errorText(r.error())));
        return false;
    }
    m_message->setStyleSheet({});
    m_message->setText(r->operation
                           ? tr("Corrected %1 (Edit › Undo takes it back).").arg(dateText(day))
                           : tr("%1 was already so.").arg(dateText(day)));
    ensureLoaded(); // the session announced it: show it now
    if (m_selected) selectDay(*m_selected);
    return true;
}

} // namespace bd::ui
