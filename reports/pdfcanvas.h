#pragma once
// Internal drawing kit for the PDF reports: a QGuiApplication on demand (headless-safe), the
// report fonts (CJK-capable, embedded by Qt's PDF engine), and a page-flow canvas over a
// QPdfWriter (or a printer: any QPagedPaintDevice) that can run "dry" first so that footers can say
// "page 2 of 5".
#include <QColor>
#include <QFont>
#include <QPagedPaintDevice>
#include <QPdfWriter>
#include <QRectF>
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

class QPainter;

namespace bd::reports::detail {

/// Text as it was drawn, in drawing order, with the face it was drawn in (for repairToUnicode()).
struct TextRun {
    QString text;
    bool bold = false;
};

/// Makes sure a QGuiApplication exists (fonts and the PDF engine need one). Without a display
/// it selects the offscreen platform first, so the CLI and tests run headless. False when the
/// process already runs a non-GUI QCoreApplication (then no PDF can be drawn).
bool ensureGuiApplication();

/// UTF-8 std::string -> QString.
inline QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

/// The report font: a CJK-capable sans family first ("Noto Sans CJK SC"), then fallbacks.
QFont reportFont(double point_size, bool bold = false);

/// "1,234,567.89" (cent-rounded, grouped).
QString formatAmount(Money m);
/// "+1,234.56" / "-1,234.56" for P&L.
QString formatSignedAmount(Money m);
/// "12.3%" of a fraction (0.123); "+12.3%" with `sign`.
QString formatPercent(double fraction, int decimals = 1, bool sign = false);
/// "2026-11-27" or "—".
QString formatDate(const std::optional<Date>& d);
/// The local time now as "YYYY-MM-DD HH:MM".
QString nowText();

/// Palette shared by the reports.
namespace colors {
inline const QColor kInk{0x1f, 0x29, 0x37};
inline const QColor kMuted{0x6b, 0x72, 0x80};
inline const QColor kRule{0xd1, 0xd5, 0xdb};
inline const QColor kHeaderFill{0x1e, 0x3a, 0x5f};
inline const QColor kZebra{0xf3, 0xf6, 0xfa};
inline const QColor kAccent{0x25, 0x63, 0xeb};
inline const QColor kGain{0xc6, 0x28, 0x28}; // China: red is up
inline const QColor kLoss{0x2e, 0x7d, 0x32}; // China: green is down
inline const QColor kWarn{0xb4, 0x53, 0x09};
inline const QColor kWarnFill{0xfe, 0xf3, 0xc7};
inline const QColor kOkFill{0xdc, 0xfc, 0xe7};
} // namespace colors

/// Page flow over a QPdfWriter or a printer. Every drawing call is a no-op in a dry run, while the
/// cursor, measurements and page breaks behave exactly as in the real run.
class PdfCanvas {
  public:
    /// `writer` (a QPdfWriter or a QPrinter) outlives the canvas; `painter` is null for a dry
    /// run.
    PdfCanvas(QPagedPaintDevice& writer, QPainter* painter, double margin_mm, double footer_mm);

    /// Millimetres -> device units.
    double mm(double v) const { return v * m_dots_per_mm; }
    QRectF content() const { return m_content; }
    double left() const { return m_content.left(); }
    double width() const { return m_content.width(); }
    double y() const { return m_y; }
    void setY(double y) { m_y = y; }
    void advance(double dy) { m_y += dy; }
    /// Space left above the footer.
    double remaining() const { return m_content.bottom() - m_y; }
    bool dry() const { return m_painter == nullptr; }
    int page() const { return m_page; }

    /// Called at the top of every page after the first (running headers, table headers).
    void setPageStartHook(std::function<void()> hook) { m_hook = std::move(hook); }
    /// Called on every page to draw the footer (page number, total known in the real run).
    void setFooter(std::function<void(int page)> footer) { m_footer = std::move(footer); }
    /// Draws the first page's footer; call once before drawing.
    void begin();
    /// Starts a new page (footer and hook included).
    void newPage();
    /// Starts a new page unless `height` fits below the cursor.
    void ensure(double height);

    /// Height of `text` wrapped to `width` in `font`.
    double textHeight(const QFont& font, double width, const QString& text,
                      int flags = Qt::TextWordWrap) const;
    double textWidth(const QFont& font, const QString& text) const;
    /// `text` broken into lines that fit `width` (at word boundaries, inside a word only when it
    /// is longer than a line), joined with '\n': drawn without wrapping it never overflows. The
    /// last line of a paragraph is never a single character (跃 alone under a segment name): the
    /// lines are then made a little narrower so that it takes company.
    QString wrapped(const QFont& font, double width, const QString& text) const;
    double lineHeight(const QFont& font) const;

    void text(const QRectF& r, const QString& s, const QFont& font,
              const QColor& color = colors::kInk, int flags = Qt::AlignLeft | Qt::AlignTop);
    void fill(const QRectF& r, const QColor& color);
    void roundedFill(const QRectF& r, double radius, const QColor& fill, const QColor& border);
    void frame(const QRectF& r, const QColor& color, double width_mm = 0.2);
    void line(QPointF a, QPointF b, const QColor& color, double width_mm = 0.2,
              Qt::PenStyle style = Qt::SolidLine);
    /// The painter in a real run, null in a dry run (for custom drawing such as charts).
    QPainter* painter() const { return m_painter; }
    /// Everything text() drew (real run), in order, for repairToUnicode().
    const std::vector<TextRun>& drawnText() const { return m_drawn; }

  private:
    QPagedPaintDevice& m_writer;
    QPainter* m_painter;
    double m_dots_per_mm = 1.0;
    QRectF m_content;
    double m_y = 0.0;
    int m_page = 1;
    std::function<void()> m_hook;
    std::function<void(int)> m_footer;
    std::vector<TextRun> m_drawn;
};

/// One table column: header, width in mm, alignment.
struct TableColumn {
    QString header;
    double width_mm = 20.0;
    int align = Qt::AlignLeft;
};

/// One table cell: main text, an optional second line in small grey, a colour, bold.
struct TableCell {
    QString text;
    QString sub;
    QColor color = colors::kInk;
    bool bold = false;
};

/// How a table looks.
struct TableStyle {
    double font_pt = 8.5;
    double header_pt = 8.0;
    double padding_mm = 1.4;
    double min_row_mm = 6.0;
    bool zebra = true;
    /// Rows the last page of a table must hold at least (a lone row on a page reads as lost);
    /// rows move over from the page before when it would hold fewer.
    std::size_t min_rows_last_page = 2;
    /// Draws extra content inside a cell after its text (e.g. tick boxes); may be empty.
    std::function<void(PdfCanvas&, std::size_t row, std::size_t col, const QRectF& cell)> decorate;
};

/// Draws a table at the cursor, breaking pages between rows (never inside one) and repeating
/// the header row. Cell text wraps (PdfCanvas::wrapped), so nothing is clipped.
/// `bold_last` draws the last row as a totals row.
void drawTable(PdfCanvas& canvas, const std::vector<TableColumn>& columns,
               const std::vector<std::vector<TableCell>>& rows, const TableStyle& style,
               bool bold_last = false);

/// Qt 6.4 writes each glyph's Unicode value in the PDF's ToUnicode map as the lowest code point
/// of the Basic Multilingual Plane the font maps to that glyph (QFontSubset::getReverseMap looks
/// at U+0000..U+FFFF only). Two things go wrong, and this repairs both in the written file:
/// - Noto Sans CJK shares glyphs between common ideographs and the Kangxi / CJK radicals (户 and
///   ⼾, 月 and ⽉, 页 and ⻚), so copying or searching the PDF would find radicals: those entries
///   are rewritten in place to the ideographs that were drawn.
/// - A character outside the BMP (𬱖 U+2CC56 in a name, CJK Extension B..G) gets no entry at all,
///   so it prints but cannot be found or copied. Qt numbers a font subset's glyphs in the order
///   they are first drawn, so `drawn` tells which unmapped glyph number is which character; every
///   such number is checked against the neighbours Qt did map before it is added (as a UTF-16
///   surrogate pair, as the PDF format requires). The stream's length and the cross-reference
///   table are updated for the added bytes.
/// Returns false when the file cannot be read or written, or is not laid out as Qt writes it (the
/// PDF is left as it was).
bool repairToUnicode(const QString& path, const std::vector<TextRun>& drawn);

/// One drawing of a report on `writer`: with a null `painter` a dry run that counts the pages
/// (`total_pages` 0), then the real run told the count, which fills `drawn`; returns the pages.
using RenderPass = std::function<int(QPagedPaintDevice& writer, QPainter* painter, int total_pages,
                                     std::vector<TextRun>* drawn)>;
/// Writes an A4 report to `path` (600 dpi, no printer margins, `orientation`, `title`): the dry
/// run, the real run, then repairToUnicode. Internal error without a QGuiApplication, Io error
/// when the file cannot be written.
Status writeReportPdf(const std::string& path, QPageLayout::Orientation orientation,
                      const QString& title, const RenderPass& render);

/// Scales the columns' widths to fill `width_mm` (keeps proportions).
void fitColumns(std::vector<TableColumn>& columns, double width_mm);

} // namespace bd::reports::detail
