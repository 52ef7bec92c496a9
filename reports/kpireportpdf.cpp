#include "reports/kpireportpdf.h"

#include <QPainter>

#include <map>

#include "reports/pdfcanvas.h"

namespace bd::reports {
namespace {

using namespace detail;

constexpr double kMarginMm = 12.0;
constexpr double kFooterMm = 9.0;

QString change(std::int64_t now, const std::optional<KpiFigures>& before,
               std::int64_t KpiFigures::*field) {
    if (!before || (*before).*field == 0) return QStringLiteral("—");
    const double was = static_cast<double>((*before).*field);
    return formatPercent((static_cast<double>(now) - was) / std::abs(was), 1, true);
}

TableCell cell(const QString& text, bool bold, const QColor& color = colors::kInk) {
    TableCell c;
    c.text = text;
    c.bold = bold;
    c.color = color;
    return c;
}

std::vector<TableCell> cells(const services::KpiBoardLine& l, const QString& name, bool bold) {
    const KpiFigures& f = l.now;
    const auto count = [](std::int64_t n) { return QString::number(n); };
    return {cell(name, bold),
            cell(count(f.clients), bold),
            cell(count(f.active), bold),
            cell(count(f.new_clients), bold),
            cell(count(f.lost), bold, f.lost > f.new_clients ? colors::kWarn : colors::kInk),
            cell(formatAmount(Money::fromUnits(f.aum)), bold),
            cell(formatAmount(Money::fromUnits(f.commission)), bold),
            cell(change(f.commission, l.before, &KpiFigures::commission), bold),
            cell(formatAmount(Money::fromUnits(f.profit_12m)), bold),
            cell(change(f.profit_12m, l.before, &KpiFigures::profit_12m), bold),
            cell(QStringLiteral("%1 (+%2 / −%3)").arg(f.vips).arg(f.vips_entered).arg(f.vips_left),
                 bold),
            cell(formatPercent(f.coverageShare()), bold),
            cell(f.satisfaction_count > 0 ? QString::number(f.meanSatisfaction(), 'f', 2)
                                          : QStringLiteral("—"),
                 bold),
            cell(formatPercent(f.retentionRate()), bold)};
}

int render(QPagedPaintDevice& writer, QPainter* painter, const services::KpiBoard& board,
           phrase::Lang lang, int totalPages, const QString& printedAt,
           std::vector<TextRun>* drawn = nullptr) {
    // Column ids get their display names (phrase::columnTitle), other words their labels.
    const auto label = [&](std::string_view id) {
        return qs(std::string(phrase::columnTitle(id, lang)));
    };
    const QString title =
        label("Monthly branch report") + QStringLiteral(" ") + qs(kpiMonthText(board.month));
    PdfCanvas c(writer, painter, kMarginMm, kFooterMm);
    const QFont footFont = reportFont(7.0);
    c.setFooter([&](int page) {
        const double top = c.content().bottom() + c.mm(2.5);
        const QRectF r(c.left(), top, c.width(), c.mm(kFooterMm - 2.5));
        c.line(QPointF(c.left(), top - c.mm(0.8)), QPointF(c.left() + c.width(), top - c.mm(0.8)),
               colors::kRule, 0.2);
        c.text(r, QStringLiteral("BrokerDesk · ") + title, footFont, colors::kMuted,
               Qt::AlignLeft | Qt::AlignVCenter);
        c.text(r,
               label("Printed at") + QStringLiteral(" ") + printedAt + QStringLiteral("   ·   ") +
                   label("Page %1 of %2").arg(page).arg(std::max(totalPages, page)),
               footFont, colors::kMuted, Qt::AlignRight | Qt::AlignVCenter);
    });
    c.begin();
    const QFont titleFont = reportFont(16.0, true);
    const QFont infoFont = reportFont(9.0);
    const double th = c.lineHeight(titleFont);
    c.text(QRectF(c.left(), c.y(), c.width(), th), title, titleFont, colors::kHeaderFill,
           Qt::AlignLeft | Qt::AlignVCenter);
    c.text(QRectF(c.left(), c.y(), c.width(), th),
           label("as_of") + QStringLiteral(" ") + formatDate(board.as_of), infoFont, colors::kMuted,
           Qt::AlignRight | Qt::AlignVCenter);
    c.advance(th + c.mm(2.0));
    c.line(QPointF(c.left(), c.y()), QPointF(c.left() + c.width(), c.y()), colors::kAccent, 0.5);
    c.advance(c.mm(3.0));

    std::vector<TableColumn> cols{
        {label("branch") + QStringLiteral(" / ") + label("broker"), 40, Qt::AlignLeft},
        {label("clients"), 14, Qt::AlignRight},
        {label("active"), 14, Qt::AlignRight},
        {label("new_clients"), 13, Qt::AlignRight},
        {label("lost"), 13, Qt::AlignRight},
        {label("aum"), 30, Qt::AlignRight},
        {label("commission"), 22, Qt::AlignRight},
        {label("commission_change"), 14, Qt::AlignRight},
        {label("profit_12m"), 24, Qt::AlignRight},
        {label("profit_12m_change"), 14, Qt::AlignRight},
        {label("vips"), 22, Qt::AlignRight},
        {label("coverage"), 16, Qt::AlignRight},
        {label("satisfaction"), 15, Qt::AlignRight},
        {label("retention"), 15, Qt::AlignRight}};
    fitColumns(cols, c.width() / c.mm(1.0));
    c.setPageStartHook([&] {
        const double h = c.lineHeight(reportFont(8.5, true));
        c.text(QRectF(c.left(), c.y(), c.width(), h), title, reportFont(8.5, true),
               colors::kHeaderFill, Qt::AlignLeft | Qt::AlignVCenter);
        c.advance(h + c.mm(2.0));
    });
    std::map<std::string, bool> branchShown;
    std::vector<std::vector<TableCell>> rows;
    const auto named = [](const services::KpiBoardLine& l) {
        return l.name.empty() ? qs(l.id) : qs(l.id) + QStringLiteral(" ") + qs(l.name);
    };
    for (const auto& br : board.branches) {
        rows.push_back(cells(br, named(br), true));
        branchShown[br.id] = true;
        for (const auto& b : board.brokers)
            if (b.branch_id == br.id)
                rows.push_back(cells(b, QStringLiteral("    ") + named(b), false));
    }
    for (const auto& b : board.brokers)
        if (!branchShown.count(b.branch_id)) rows.push_back(cells(b, named(b), false));
    if (board.firm) rows.push_back(cells(*board.firm, label("firm"), true));
    TableStyle style;
    style.font_pt = 7.5;
    style.header_pt = 7.0;
    style.min_row_mm = 5.0;
    drawTable(c, cols, rows, style, true);
    if (drawn) *drawn = c.drawnText();
    return c.page();
}

} // namespace

Status writeKpiReportPdf(const std::string& path, const services::KpiBoard& board,
                         phrase::Lang lang) {
    const QString printedAt = nowText();
    return writeReportPdf(
        path, QPageLayout::Landscape, qs(std::string(phrase::label("Monthly branch report", lang))),
        [&](QPagedPaintDevice& writer, QPainter* painter, int pages, std::vector<TextRun>* drawn) {
            return render(writer, painter, board, lang, pages, printedAt, drawn);
        });
}

} // namespace bd::reports
