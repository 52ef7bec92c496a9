#include "reports/callsheetpdf.h"
#include "reports/callsheetprint.h"

#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <map>

#include "phrasebook/phrasebook.h"
#include "reports/pdfcanvas.h"

namespace bd::reports {
namespace {

using namespace detail;

constexpr double kMarginMm = 10.0;
constexpr double kFooterMm = 7.0;

/// The sheet's words in one language.
struct Words {
    QString title;
    QString broker;
    QString branch;
    QString calls;
    QString continued;
    QString noCalls;
    QString printedAt;
    QString confidential;
    QString never;
    QString page;                 // "Page %1 of %2"
    QString daysAgo;              // "%1 days ago"
    QString countedTo;            // "Day counts are to %1"
    std::vector<QString> columns; // #, priority, client, phone, channel, window, reasons, tier,
                                  // last contact, segment, outcome / notes
    std::vector<QString> outcomes;
};

Words words(bool zh) {
    const phrase::Lang l = zh ? phrase::Lang::Zh : phrase::Lang::En;
    const auto w = [l](std::string_view en) {
        const std::string_view s = phrase::label(en, l);
        return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
    };
    return {w("Call sheet"),
            w("Broker: %1"),
            w("Branch: %1"),
            w("%1 calls"),
            w(" (continued)"),
            w("No calls are planned for the selected days."),
            w("Printed at"),
            w("Confidential · contains client data"),
            w("never"),
            w("Page %1 of %2"),
            w("%1 days ago"),
            w("Day counts are to %1, the call day"),
            {w("#"), w("Priority"), w("Client"), w("Phone"), w("Channel"), w("Time window"),
             w("Reasons"), w("Value tier"), w("Last contact"), w("Segment"), w("Outcome / notes")},
            {w("reached"), w("no answer"), w("call back")}};
}

/// "Friday 27 November 2026" / "2026年11月27日 星期五".
QString dayHeading(Date d, bool zh) {
    return QString::fromStdString(phrase::longDate(d, zh ? phrase::Lang::Zh : phrase::Lang::En));
}

QString priorityText(double p) {
    return QString::number(p, 'f', p >= 100.0 ? 0 : (p >= 10.0 ? 1 : 2));
}

/// "B001 王芳" from whichever parts are known.
QString joined(const std::string& a, const std::string& b) {
    QString s = qs(a);
    if (!b.empty()) s += (s.isEmpty() ? QString() : QStringLiteral(" ")) + qs(b);
    return s;
}

/// Draws the sheet (dry when `painter` is null); returns the number of pages.
int render(QPagedPaintDevice& writer, QPainter* painter, const std::vector<Date>& days,
           const std::map<Date, std::vector<const services::CallListRow*>>& byDay,
           const CallSheetOptions& options, int totalPages, const QString& printedAt,
           std::vector<TextRun>* drawn = nullptr) {
    const bool zh = options.language == services::CallListLanguage::Chinese;
    const Words w = words(zh);
    const QString title = options.title.empty() ? w.title : qs(options.title);
    const QString broker = options.broker_id == kServiceDeskQueue
                               ? qs(options.broker_name)
                               : joined(options.broker_id, options.broker_name);

    PdfCanvas c(writer, painter, kMarginMm, kFooterMm);
    const QFont footFont = reportFont(7.0);
    c.setFooter([&](int page) {
        const double top = c.content().bottom() + c.mm(2.5);
        const QRectF r(c.left(), top, c.width(), c.mm(kFooterMm - 2.5));
        c.line(QPointF(c.left(), top - c.mm(0.8)), QPointF(c.left() + c.width(), top - c.mm(0.8)),
               colors::kRule, 0.2);
        QString left = QStringLiteral("BrokerDesk · ") + title;
        if (!broker.isEmpty()) left += QStringLiteral(" · ") + broker;
        left += QStringLiteral(" · ") + w.confidential;
        c.text(r, left, footFont, colors::kMuted, Qt::AlignLeft | Qt::AlignVCenter);
        const QString pageText = w.page.arg(page).arg(std::max(totalPages, page));
        c.text(r,
               w.printedAt + QStringLiteral(" ") + printedAt + QStringLiteral("   ·   ") + pageText,
               footFont, colors::kMuted, Qt::AlignRight | Qt::AlignVCenter);
    });
    c.begin();

    const QFont titleFont = reportFont(16.0, true);
    const QFont dateFont = reportFont(13.0, true);
    const QFont infoFont = reportFont(9.0);
    const QFont runFont = reportFont(8.5, true);

    // The first page of a day: title, date, who and how many; a rule under it.
    auto dayHeader = [&](const std::optional<Date>& day, std::size_t count) {
        const double y = c.y();
        const double th = c.lineHeight(titleFont);
        c.text(QRectF(c.left(), y, c.width(), th), title, titleFont, colors::kHeaderFill,
               Qt::AlignLeft | Qt::AlignVCenter);
        if (day)
            c.text(QRectF(c.left(), y, c.width(), th), dayHeading(*day, zh), dateFont,
                   colors::kAccent, Qt::AlignRight | Qt::AlignVCenter);
        c.advance(th + c.mm(1.0));
        QStringList info;
        // The service desk's queue is named as it is, not as a broker (core/enums.h).
        if (options.broker_id == kServiceDeskQueue)
            info << qs(options.broker_name);
        else if (!broker.isEmpty())
            info << w.broker.arg(broker);
        if (!options.branch.empty()) info << w.branch.arg(qs(options.branch));
        if (day) info << w.calls.arg(count) << w.countedTo.arg(qs(day->toString()));
        const double ih = c.lineHeight(infoFont);
        c.text(QRectF(c.left(), c.y(), c.width(), ih), info.join(QStringLiteral("   ·   ")),
               infoFont, colors::kMuted, Qt::AlignLeft | Qt::AlignVCenter);
        c.advance(ih + c.mm(1.5));
        c.line(QPointF(c.left(), c.y()), QPointF(c.left() + c.width(), c.y()), colors::kAccent,
               0.5);
        c.advance(c.mm(3.0));
    };

    if (days.empty()) {
        dayHeader(std::nullopt, 0);
        c.text(QRectF(c.left(), c.y(), c.width(), c.mm(10)), w.noCalls, reportFont(11.0),
               colors::kInk, Qt::AlignLeft | Qt::AlignVCenter);
        if (drawn) *drawn = c.drawnText();
        return c.page();
    }

    std::vector<TableColumn> cols;
    const double widths[] = {8.5, 13, 30, 22, 15.5, 19, 64, 14.5, 20, 20, 49.5};
    for (std::size_t i = 0; i < w.columns.size(); ++i) {
        const int align = (i == 0 || i == 1) ? Qt::AlignRight : Qt::AlignLeft;
        cols.push_back({w.columns[i], widths[i], align});
    }
    fitColumns(cols, (c.width()) / c.mm(1.0));

    TableStyle style;
    style.font_pt = 8.5;
    // The phone column fits the longest number on one line (a number cut or broken mid-digit
    // gets dialled wrong), taking the room from the reasons, which wrap.
    {
        constexpr std::size_t kPhone = 3, kReasons = 6;
        const QFont body = reportFont(style.font_pt);
        double widest = c.textWidth(reportFont(style.header_pt, true), w.columns[kPhone]);
        for (const auto& [day, items] : byDay)
            for (const services::CallListRow* r : items)
                widest = std::max(widest, c.textWidth(body, qs(r->phone)));
        const double need = (widest + c.mm(2 * style.padding_mm + 0.5)) / c.mm(1.0);
        const double extra = need - cols[kPhone].width_mm;
        if (extra > 0.0 && cols[kReasons].width_mm - extra > 30.0) {
            cols[kPhone].width_mm += extra;
            cols[kReasons].width_mm -= extra;
        }
    }
    style.min_row_mm = 13.0; // room to write by hand
    const QFont boxFont = reportFont(6.0);
    const std::size_t notesCol = cols.size() - 1;
    style.decorate = [&](PdfCanvas& cv, std::size_t, std::size_t col, const QRectF& cell) {
        if (col != notesCol) return;
        // Tick boxes for the outcome, then a dotted writing line.
        double x = cell.left() + cv.mm(1.5);
        const double box = cv.mm(2.2);
        const double y = cell.top() + cv.mm(1.6);
        for (const QString& label : w.outcomes) {
            cv.frame(QRectF(x, y, box, box), colors::kMuted, 0.2);
            x += box + cv.mm(0.8);
            const double lw = cv.textWidth(boxFont, label);
            cv.text(QRectF(x, y - cv.mm(0.6), lw + cv.mm(1), box + cv.mm(1.2)), label, boxFont,
                    colors::kMuted, Qt::AlignLeft | Qt::AlignVCenter);
            x += lw + cv.mm(2.5);
        }
        const double base = cell.bottom() - cv.mm(3.0);
        cv.line(QPointF(cell.left() + cv.mm(1.5), base), QPointF(cell.right() - cv.mm(1.5), base),
                colors::kRule, 0.2, Qt::DotLine);
    };

    for (std::size_t d = 0; d < days.size(); ++d) {
        const Date day = days[d];
        const auto& items = byDay.at(day);
        if (d > 0) c.newPage();
        c.setPageStartHook([&c, &runFont, &title, &broker, day, zh, &w] {
            QString s = title;
            if (!broker.isEmpty()) s += QStringLiteral(" — ") + broker;
            s += QStringLiteral(" — ") + dayHeading(day, zh) + w.continued;
            const double h = c.lineHeight(runFont);
            c.text(QRectF(c.left(), c.y(), c.width(), h), s, runFont, colors::kHeaderFill,
                   Qt::AlignLeft | Qt::AlignVCenter);
            c.advance(h + c.mm(2.0));
        });
        dayHeader(day, items.size());

        std::vector<std::vector<TableCell>> rows;
        rows.reserve(items.size());
        int n = 0;
        for (const services::CallListRow* r : items) {
            std::vector<TableCell> row(cols.size());
            row[0].text = QString::number(++n);
            row[1].text = priorityText(r->priority);
            row[1].bold = true;
            row[2].text = qs(r->name.empty() ? r->client_id : r->name);
            row[2].bold = true;
            if (!r->name.empty()) row[2].sub = qs(r->client_id);
            row[3].text = qs(r->phone);
            row[4].text = qs(r->channel);
            row[5].text = qs(r->time_window);
            row[6].text = qs(r->reasons);
            row[6].sub = qs(r->talking_points); // the facts to bring up, under the reasons
            row[7].text = qs(r->value_tier);
            if (r->last_contact) {
                row[8].text = qs(r->last_contact->toString());
                const int ago = r->date - *r->last_contact;
                if (ago >= 0) row[8].sub = w.daysAgo.arg(ago);
            } else {
                row[8].text = w.never;
                row[8].color = colors::kWarn;
            }
            row[9].text = qs(r->segment_name);
            rows.push_back(std::move(row));
        }
        drawTable(c, cols, rows, style);
        c.setPageStartHook({});
    }
    if (drawn) *drawn = c.drawnText();
    return c.page();
}

} // namespace

namespace {

/// The rows by day: days in date order; within a day the caller's (plan) order.
struct SheetDays {
    std::map<Date, std::vector<const services::CallListRow*>> by_day;
    std::vector<Date> days;
    explicit SheetDays(const std::vector<services::CallListRow>& rows) {
        for (const auto& r : rows) by_day[r.date].push_back(&r);
        for (const auto& [day, items] : by_day) days.push_back(day);
    }
};

QString printedAtText(const CallSheetOptions& options) {
    return options.printed_at.empty() ? nowText() : qs(options.printed_at);
}

} // namespace

Status writeCallSheetPdf(const std::string& path, const std::vector<services::CallListRow>& rows,
                         const CallSheetOptions& options) {
    const SheetDays sheet(rows);
    const bool zh = options.language == services::CallListLanguage::Chinese;
    const QString printedAt = printedAtText(options);
    return writeReportPdf(
        path, QPageLayout::Landscape, options.title.empty() ? words(zh).title : qs(options.title),
        [&](QPagedPaintDevice& writer, QPainter* painter, int pages, std::vector<TextRun>* drawn) {
            return render(writer, painter, sheet.days, sheet.by_day, options, pages, printedAt,
                          drawn);
        });
}

int printCallSheet(QPagedPaintDevice& device, const std::vector<services::CallListRow>& rows,
                   const CallSheetOptions& options) {
    if (!ensureGuiApplication()) return 0;
    const SheetDays sheet(rows);
    const QString printedAt = printedAtText(options);
    // A dry run counts the pages for the footers, then the sheet is drawn as the PDF draws it.
    const int pages = render(device, nullptr, sheet.days, sheet.by_day, options, 0, printedAt);
    QPainter painter;
    if (!painter.begin(&device)) return 0;
    render(device, &painter, sheet.days, sheet.by_day, options, pages, printedAt);
    return painter.end() ? pages : 0;
}

} // namespace bd::reports
