#include "reports/pdfcanvas.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QRawFont>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <string>

namespace bd::reports::detail {

bool ensureGuiApplication() {
    if (QCoreApplication::instance() != nullptr)
        return qobject_cast<QGuiApplication*>(QCoreApplication::instance()) != nullptr;
    // A PDF needs no screen. Offscreen always (unless the user chose a platform): a set but
    // unreachable DISPLAY (ssh without X forwarding) would make the xcb platform abort.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    // Lives until the process exits (the CLI may write several files); Qt keeps pointers to
    // argc/argv, so they are static too.
    static int argc = 1;
    static char name[] = "brokerdesk";
    static char* argv[] = {name, nullptr};
    // Headless runs usually have no XDG runtime directory; Qt's note about it is noise on the
    // CLI's stderr. Every other message goes to the handler that was installed before.
    static QtMessageHandler previous = nullptr;
    previous = qInstallMessageHandler(
        [](QtMsgType type, const QMessageLogContext& context, const QString& message) {
            if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
                return;
            if (previous) previous(type, context, message);
        });
    static QGuiApplication app(argc, argv);
    return true;
}

QFont reportFont(double point_size, bool bold) {
    QFont f;
    // Noto Sans CJK (fonts-noto-cjk) covers Chinese and Latin in one consistent face; the
    // others are what Windows/macOS/other Linux machines have. Qt embeds the glyphs it uses.
    f.setFamilies({QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Noto Sans SC"),
                   QStringLiteral("Source Han Sans SC"), QStringLiteral("WenQuanYi Micro Hei"),
                   QStringLiteral("Microsoft YaHei"), QStringLiteral("PingFang SC"),
                   QStringLiteral("Noto Sans"), QStringLiteral("DejaVu Sans")});
    f.setStyleHint(QFont::SansSerif);
    // Shaping Latin runs with Noto Sans CJK swaps in digit glyphs that Qt cannot map back to
    // Unicode, so copied or searched numbers would vanish from the PDF; none of our text needs it.
    f.setStyleStrategy(QFont::PreferNoShaping);
    f.setPointSizeF(point_size);
    f.setBold(bold);
    return f;
}

QString formatAmount(Money m) {
    return qs(formatMoneyGrouped(m));
}

QString formatSignedAmount(Money m) {
    const QString s = formatAmount(m);
    return m.roundedFen() > 0 ? QStringLiteral("+") + s : s;
}

QString formatPercent(double fraction, int decimals, bool sign) {
    if (!std::isfinite(fraction)) return QStringLiteral("—");
    const double v = fraction * 100.0;
    QString s = QString::number(v, 'f', decimals);
    if (s.startsWith(QLatin1Char('-')) && s.toDouble() == 0.0) s.remove(0, 1); // no "-0.0%"
    if (sign && !s.startsWith(QLatin1Char('-')) && s.toDouble() != 0.0) s.prepend(QLatin1Char('+'));
    return s + QLatin1Char('%');
}

QString formatDate(const std::optional<Date>& d) {
    return d ? qs(d->toString()) : QStringLiteral("—");
}

QString nowText() {
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// ---- PdfCanvas ------------------------------------------------------------------------------

PdfCanvas::PdfCanvas(QPdfWriter& writer, QPainter* painter, double margin_mm, double footer_mm)
    : m_writer(writer), m_painter(painter) {
    m_dots_per_mm = writer.resolution() / 25.4;
    const QRectF full(0.0, 0.0, writer.width(), writer.height()); // paint rect (inside margins)
    // QPdfWriter's margins are zero (set by the reports), so the full page is ours.
    m_content =
        full.adjusted(mm(margin_mm), mm(margin_mm), -mm(margin_mm), -mm(margin_mm) - mm(footer_mm));
    m_y = m_content.top();
}

void PdfCanvas::begin() {
    if (m_footer) m_footer(m_page);
}

void PdfCanvas::newPage() {
    if (m_painter) m_writer.newPage();
    ++m_page;
    m_y = m_content.top();
    if (m_footer) m_footer(m_page);
    if (m_hook) m_hook();
}

void PdfCanvas::ensure(double height) {
    if (remaining() < height && m_y > m_content.top()) newPage();
}

double PdfCanvas::textHeight(const QFont& font, double width, const QString& text,
                             int flags) const {
    if (text.isEmpty()) return 0.0;
    const QFontMetricsF fm(font, &m_writer);
    return fm.boundingRect(QRectF(0.0, 0.0, std::max(width, 1.0), 1e7), flags, text).height();
}

double PdfCanvas::textWidth(const QFont& font, const QString& text) const {
    return QFontMetricsF(font, &m_writer).horizontalAdvance(text);
}

double PdfCanvas::lineHeight(const QFont& font) const {
    return QFontMetricsF(font, &m_writer).height();
}

void PdfCanvas::text(const QRectF& r, const QString& s, const QFont& font, const QColor& color,
                     int flags) {
    if (!m_painter || s.isEmpty()) return;
    m_drawn += s;
    m_painter->setFont(font);
    m_painter->setPen(color);
    m_painter->drawText(r, flags, s);
}

void PdfCanvas::fill(const QRectF& r, const QColor& color) {
    if (m_painter) m_painter->fillRect(r, color);
}

void PdfCanvas::roundedFill(const QRectF& r, double radius, const QColor& fill,
                            const QColor& border) {
    if (!m_painter) return;
    m_painter->save();
    m_painter->setRenderHint(QPainter::Antialiasing);
    m_painter->setBrush(fill);
    m_painter->setPen(border.isValid() ? QPen(border, mm(0.2)) : QPen(Qt::NoPen));
    m_painter->drawRoundedRect(r, radius, radius);
    m_painter->restore();
}

void PdfCanvas::frame(const QRectF& r, const QColor& color, double width_mm) {
    if (!m_painter) return;
    m_painter->save();
    m_painter->setBrush(Qt::NoBrush);
    m_painter->setPen(QPen(color, mm(width_mm)));
    m_painter->drawRect(r);
    m_painter->restore();
}

void PdfCanvas::line(QPointF a, QPointF b, const QColor& color, double width_mm,
                     Qt::PenStyle style) {
    if (!m_painter) return;
    QPen pen(color, mm(width_mm));
    pen.setStyle(style);
    pen.setCapStyle(Qt::FlatCap);
    m_painter->setPen(pen);
    m_painter->drawLine(a, b);
}

// ---- ToUnicode repair -------------------------------------------------------------------------

namespace {

/// Radical code point -> the drawn ideograph that shares its glyph, over the report faces.
QHash<uint, uint> radicalReplacements(const QString& drawn) {
    QSet<uint> ideographs;
    for (const char32_t c : drawn.toUcs4())
        if (c >= 0x3400 && c <= 0xFFFF) ideographs.insert(static_cast<uint>(c));
    QHash<uint, uint> out;
    if (ideographs.isEmpty()) return out;
    for (const bool bold : {false, true}) {
        const QRawFont raw = QRawFont::fromFont(reportFont(10.0, bold));
        if (!raw.isValid()) continue;
        auto glyphOf = [&raw](uint cp) {
            const auto g = raw.glyphIndexesForString(QString(QChar(static_cast<char16_t>(cp))));
            return g.isEmpty() ? 0u : g.front();
        };
        QHash<quint32, uint> radicalByGlyph;
        for (uint r = 0x2E80; r <= 0x2FDF; ++r)
            if (const quint32 g = glyphOf(r); g != 0 && !radicalByGlyph.contains(g))
                radicalByGlyph.insert(g, r);
        for (const uint u : ideographs)
            if (const auto it = radicalByGlyph.constFind(glyphOf(u));
                it != radicalByGlyph.constEnd())
                out.insert(it.value(), u);
    }
    return out;
}

/// Rewrites the destination codes of one bfrange/bfchar line in place.
void repairLine(QByteArray& pdf, qsizetype from, qsizetype to, int firstDestination,
                const QHash<uint, uint>& replace) {
    int token = 0;
    for (qsizetype i = pdf.indexOf('<', from); i >= 0 && i < to; i = pdf.indexOf('<', i + 1)) {
        const qsizetype e = pdf.indexOf('>', i);
        if (e < 0 || e > to) return;
        if (token++ >= firstDestination && e - i == 5) {
            bool ok = false;
            const uint cp = pdf.mid(i + 1, 4).toUInt(&ok, 16);
            if (const auto it = replace.constFind(cp); ok && it != replace.constEnd())
                pdf.replace(i + 1, 4,
                            QByteArray::number(it.value(), 16).toUpper().rightJustified(4, '0'));
        }
        i = e;
    }
}

} // namespace

bool repairToUnicode(const QString& path, const QString& drawn) {
    const QHash<uint, uint> replace = radicalReplacements(drawn);
    if (replace.isEmpty()) return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return false;
    QByteArray pdf = file.readAll();
    file.close();
    const QByteArray before = pdf;
    for (const char* kind : {"bfrange", "bfchar"}) {
        const QByteArray open = QByteArray("begin") + kind;
        const QByteArray close = QByteArray("end") + kind;
        const int firstDestination = std::string(kind) == "bfrange" ? 2 : 1;
        for (qsizetype b = pdf.indexOf(open); b >= 0; b = pdf.indexOf(open, b + 1)) {
            const qsizetype e = pdf.indexOf(close, b);
            if (e < 0) break;
            for (qsizetype line = b + open.size(); line < e;) {
                qsizetype next = pdf.indexOf('\n', line);
                if (next < 0 || next > e) next = e;
                repairLine(pdf, line, next, firstDestination, replace);
                line = next + 1;
            }
        }
    }
    if (pdf == before) return true;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return file.write(pdf) == pdf.size() && file.flush();
}

// ---- tables ---------------------------------------------------------------------------------

void fitColumns(std::vector<TableColumn>& columns, double width_mm) {
    double total = 0.0;
    for (const auto& c : columns) total += c.width_mm;
    if (total <= 0.0) return;
    for (auto& c : columns) c.width_mm *= width_mm / total;
}

void drawTable(PdfCanvas& canvas, const std::vector<TableColumn>& columns,
               const std::vector<std::vector<TableCell>>& rows, const TableStyle& style,
               bool bold_last) {
    const QFont body = reportFont(style.font_pt);
    const QFont bodyBold = reportFont(style.font_pt, true);
    const QFont sub = reportFont(std::max(5.5, style.font_pt - 1.5));
    const QFont head = reportFont(style.header_pt, true);
    const double pad = canvas.mm(style.padding_mm);
    const int wrap = Qt::TextWordWrap;

    std::vector<double> xs;
    std::vector<double> ws;
    double x = canvas.left();
    for (const auto& c : columns) {
        xs.push_back(x);
        ws.push_back(canvas.mm(c.width_mm));
        x += ws.back();
    }
    const double tableWidth = x - canvas.left();

    double headerHeight = 0.0;
    for (std::size_t c = 0; c < columns.size(); ++c)
        headerHeight = std::max(headerHeight,
                                canvas.textHeight(head, ws[c] - 2 * pad, columns[c].header, wrap));
    headerHeight += 2 * pad;

    auto drawHeader = [&] {
        const double y = canvas.y();
        canvas.fill(QRectF(canvas.left(), y, tableWidth, headerHeight), colors::kHeaderFill);
        for (std::size_t c = 0; c < columns.size(); ++c)
            canvas.text(QRectF(xs[c] + pad, y + pad, ws[c] - 2 * pad, headerHeight - 2 * pad),
                        columns[c].header, head, Qt::white,
                        columns[c].align | Qt::AlignVCenter | wrap);
        canvas.advance(headerHeight);
    };

    auto cellHeight = [&](const TableCell& cell, std::size_t c, bool bold) {
        double h = canvas.textHeight(bold || cell.bold ? bodyBold : body, ws[c] - 2 * pad,
                                     cell.text, wrap);
        if (!cell.sub.isEmpty()) h += canvas.textHeight(sub, ws[c] - 2 * pad, cell.sub, wrap);
        return h;
    };

    std::vector<double> heights(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const bool bold = bold_last && r + 1 == rows.size();
        double h = 0.0;
        for (std::size_t c = 0; c < columns.size() && c < rows[r].size(); ++c)
            h = std::max(h, cellHeight(rows[r][c], c, bold));
        heights[r] = std::max(h + 2 * pad, canvas.mm(style.min_row_mm));
    }

    canvas.ensure(headerHeight + (rows.empty() ? 0.0 : heights[0]));
    drawHeader();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (canvas.remaining() < heights[r]) {
            canvas.newPage();
            drawHeader();
        }
        const bool total = bold_last && r + 1 == rows.size();
        const double y = canvas.y();
        const QRectF rowRect(canvas.left(), y, tableWidth, heights[r]);
        if (total)
            canvas.fill(rowRect, colors::kZebra);
        else if (style.zebra && r % 2 == 1)
            canvas.fill(rowRect, colors::kZebra);
        for (std::size_t c = 0; c < columns.size() && c < rows[r].size(); ++c) {
            const TableCell& cell = rows[r][c];
            const QFont& f = total || cell.bold ? bodyBold : body;
            const QRectF inner(xs[c] + pad, y + pad, ws[c] - 2 * pad, heights[r] - 2 * pad);
            canvas.text(inner, cell.text, f, cell.color, columns[c].align | Qt::AlignTop | wrap);
            if (!cell.sub.isEmpty()) {
                const double th = canvas.textHeight(f, inner.width(), cell.text, wrap);
                canvas.text(inner.adjusted(0, th, 0, 0), cell.sub, sub, colors::kMuted,
                            columns[c].align | Qt::AlignTop | wrap);
            }
            if (style.decorate) style.decorate(canvas, r, c, QRectF(xs[c], y, ws[c], heights[r]));
            if (c > 0)
                canvas.line(QPointF(xs[c], y), QPointF(xs[c], y + heights[r]), colors::kRule, 0.15);
        }
        canvas.line(QPointF(canvas.left(), y + heights[r]),
                    QPointF(canvas.left() + tableWidth, y + heights[r]),
                    total ? colors::kInk : colors::kRule, total ? 0.3 : 0.15);
        if (total)
            canvas.line(QPointF(canvas.left(), y), QPointF(canvas.left() + tableWidth, y),
                        colors::kInk, 0.3);
        canvas.advance(heights[r]);
    }
}

} // namespace bd::reports::detail
