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
#include <QTextLayout>

#include <algorithm>
#include <cmath>
#include <optional>
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

PdfCanvas::PdfCanvas(QPagedPaintDevice& writer, QPainter* painter, double margin_mm,
                     double footer_mm)
    : m_writer(writer), m_painter(painter) {
    m_dots_per_mm = writer.logicalDpiX() / 25.4; // QPdfWriter: its resolution

    const QRectF full(0.0, 0.0, writer.width(), writer.height()); // paint rect (inside margins)
    // QPdfWriter's margins are zero (set by the reports), so the full page is ours; a printer's
    // paint rectangle lies inside its own margins.
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

QString PdfCanvas::wrapped(const QFont& font, double width, const QString& text) const {
    const double w = std::max(width, 1.0);
    auto layoutAt = [&](const QString& para, double lineWidth) {
        QStringList lines;
        QTextLayout layout(para, font, &m_writer);
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(option);
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(lineWidth);
            QString s = para.mid(line.textStart(), line.textLength());
            while (!s.isEmpty() && s.back().isSpace()) s.chop(1);
            lines << s;
        }
        layout.endLayout();
        return lines;
    };
    auto orphan = [](const QStringList& lines) {
        return lines.size() >= 2 && lines.back().trimmed().toUcs4().size() == 1;
    };
    QStringList out;
    for (const QString& para : text.split(QLatin1Char('\n'))) {
        QStringList lines = layoutAt(para, w);
        if (orphan(lines)) {
            const double step = textWidth(font, lines.back().trimmed());
            for (int k = 1; k <= 4 && step > 0.0 && w - step * k > step; ++k) {
                const QStringList narrower = layoutAt(para, w - step * k);
                if (narrower.size() == lines.size() && !orphan(narrower)) {
                    lines = narrower;
                    break;
                }
            }
        }
        // Narrower lines would make one more line (a narrow column of Chinese): the line before
        // gives its last ideograph, which may begin a line (Chinese breaks between any two).
        if (orphan(lines)) {
            QList<uint> before = lines[lines.size() - 2].toUcs4();
            const QList<uint> alone = lines.back().trimmed().toUcs4();
            auto han = [](uint c) { return QChar::script(c) == QChar::Script_Han; };
            if (before.size() >= 3 && han(before.back()) && han(alone.front())) {
                const uint moved = before.takeLast();
                lines[lines.size() - 2] = QString::fromUcs4(
                    reinterpret_cast<const char32_t*>(before.constData()), before.size());
                lines.back() = QString::fromUcs4(reinterpret_cast<const char32_t*>(&moved), 1) +
                               lines.back().trimmed();
            }
        }
        out << lines;
    }
    return out.join(QLatin1Char('\n'));
}

double PdfCanvas::lineHeight(const QFont& font) const {
    return QFontMetricsF(font, &m_writer).height();
}

void PdfCanvas::text(const QRectF& r, const QString& s, const QFont& font, const QColor& color,
                     int flags) {
    if (!m_painter || s.isEmpty()) return;
    m_drawn.push_back({s, font.bold()});
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

QRawFont rawReportFont(bool bold) {
    return QRawFont::fromFont(reportFont(10.0, bold));
}

quint32 glyphOf(const QRawFont& raw, char32_t cp) {
    const auto g = raw.glyphIndexesForString(QString::fromUcs4(&cp, 1));
    return g.isEmpty() ? 0u : g.front();
}

/// Radical code point -> the drawn ideograph that shares its glyph, over the report faces.
QHash<uint, uint> radicalReplacements(const std::vector<TextRun>& drawn) {
    QSet<uint> ideographs;
    for (const auto& run : drawn)
        for (const char32_t c : run.text.toUcs4())
            if (c >= 0x3400 && c <= 0xFFFF) ideographs.insert(static_cast<uint>(c));
    QHash<uint, uint> out;
    if (ideographs.isEmpty()) return out;
    for (const bool bold : {false, true}) {
        const QRawFont raw = rawReportFont(bold);
        if (!raw.isValid()) continue;
        QHash<quint32, uint> radicalByGlyph;
        for (uint r = 0x2E80; r <= 0x2FDF; ++r)
            if (const quint32 g = glyphOf(raw, r); g != 0 && !radicalByGlyph.contains(g))
                radicalByGlyph.insert(g, r);
        for (const uint u : ideographs)
            if (const auto it = radicalByGlyph.constFind(glyphOf(raw, u));
                it != radicalByGlyph.constEnd())
                out.insert(it.value(), u);
    }
    return out;
}

/// The positions of "<hex>" tokens on one line of a map.
std::vector<std::pair<qsizetype, qsizetype>> hexTokens(const QByteArray& pdf, qsizetype from,
                                                       qsizetype to) {
    std::vector<std::pair<qsizetype, qsizetype>> out;
    for (qsizetype i = pdf.indexOf('<', from); i >= 0 && i < to; i = pdf.indexOf('<', i + 1)) {
        const qsizetype e = pdf.indexOf('>', i);
        if (e < 0 || e > to) break;
        out.emplace_back(i + 1, e - i - 1);
        i = e;
    }
    return out;
}

/// Calls `line(kind, from, to)` for every line of every bfrange / bfchar section in
/// [from, to) (kind: 0 bfrange, 1 bfchar).
template <typename F>
void forEachMapLine(const QByteArray& pdf, qsizetype from, qsizetype to, F line) {
    for (int kind = 0; kind < 2; ++kind) {
        const QByteArray open = kind == 0 ? "beginbfrange" : "beginbfchar";
        const QByteArray close = kind == 0 ? "endbfrange" : "endbfchar";
        for (qsizetype b = pdf.indexOf(open, from); b >= 0 && b < to;
             b = pdf.indexOf(open, b + 1)) {
            const qsizetype e = pdf.indexOf(close, b);
            if (e < 0 || e > to) break;
            for (qsizetype l = b + open.size(); l < e;) {
                qsizetype next = pdf.indexOf('\n', l);
                if (next < 0 || next > e) next = e;
                line(kind, l, next);
                l = next + 1;
            }
        }
    }
}

/// Rewrites radicals to ideographs in place (entries keep their length).
void repairRadicals(QByteArray& pdf, const QHash<uint, uint>& replace) {
    if (replace.isEmpty()) return;
    forEachMapLine(pdf, 0, pdf.size(), [&](int kind, qsizetype from, qsizetype to) {
        const auto tokens = hexTokens(pdf, from, to);
        for (std::size_t t = kind == 0 ? 2 : 1; t < tokens.size(); ++t) {
            const auto [at, len] = tokens[t];
            if (len != 4) continue;
            bool ok = false;
            const uint cp = pdf.mid(at, 4).toUInt(&ok, 16);
            if (const auto it = replace.constFind(cp); ok && it != replace.constEnd())
                pdf.replace(at, 4,
                            QByteArray::number(it.value(), 16).toUpper().rightJustified(4, '0'));
        }
    });
}

/// One ToUnicode map of the file: where it ends and what it says (glyph number -> code point).
struct CMap {
    qsizetype end = 0; // position of "endcmap"
    QHash<uint, uint> toUnicode;
    QHash<uint, uint> glyphNumberOf; // code point -> glyph number
};

std::vector<CMap> readCMaps(const QByteArray& pdf) {
    std::vector<CMap> out;
    for (qsizetype b = pdf.indexOf("begincmap"); b >= 0; b = pdf.indexOf("begincmap", b + 1)) {
        CMap m;
        m.end = pdf.indexOf("endcmap", b);
        if (m.end < 0) break;
        auto hex = [&pdf](std::pair<qsizetype, qsizetype> t) {
            return pdf.mid(t.first, t.second).toUInt(nullptr, 16);
        };
        forEachMapLine(pdf, b, m.end, [&](int kind, qsizetype from, qsizetype to) {
            const auto tk = hexTokens(pdf, from, to);
            if (kind == 1 && tk.size() == 2 && tk[1].second == 4) {
                m.toUnicode.insert(hex(tk[0]), hex(tk[1]));
            } else if (kind == 0 && tk.size() >= 3) {
                const uint lo = hex(tk[0]), hi = hex(tk[1]);
                const bool array = pdf.indexOf('[', from) >= 0 && pdf.indexOf('[', from) < to;
                for (uint g = lo; g <= hi && g - lo < 0x10000; ++g) {
                    const std::size_t t = array ? 2 + (g - lo) : 2;
                    if (t >= tk.size() || tk[t].second != 4) break;
                    m.toUnicode.insert(g, hex(tk[t]) + (array ? 0 : g - lo));
                }
            }
        });
        for (auto it = m.toUnicode.cbegin(); it != m.toUnicode.cend(); ++it)
            if (!m.glyphNumberOf.contains(it.value())) m.glyphNumberOf.insert(it.value(), it.key());
        const qsizetype end = m.end;
        out.push_back(std::move(m));
        b = end;
    }
    return out;
}

/// Each face's glyphs in the order they were first drawn, with the code point drawn.
std::vector<std::pair<quint32, char32_t>> firstDrawn(const std::vector<TextRun>& drawn, bool bold) {
    std::vector<std::pair<quint32, char32_t>> order;
    const QRawFont raw = rawReportFont(bold);
    if (!raw.isValid()) return order;
    QSet<quint32> seen;
    for (const auto& run : drawn) {
        if (run.bold != bold) continue;
        for (const char32_t c : run.text.toUcs4()) {
            if (c < 0x20) continue;
            const quint32 g = glyphOf(raw, c);
            if (g == 0 || seen.contains(g)) continue;
            seen.insert(g);
            order.emplace_back(g, c);
        }
    }
    return order;
}

/// The glyph number Qt gave order[i] in the subset `map` describes, from the glyphs it did map
/// around it (up to three on each side, all of which must agree); nullopt when nothing anchors
/// it or the anchors disagree (the map belongs to another face).
std::optional<uint> glyphNumber(const std::vector<std::pair<quint32, char32_t>>& order,
                                std::size_t i, const CMap& map) {
    std::optional<uint> found;
    int anchors = 0;
    auto anchor = [&](std::size_t j) {
        const auto c = static_cast<uint>(order[j].second);
        const auto it = c <= 0xFFFF ? map.glyphNumberOf.constFind(c) : map.glyphNumberOf.cend();
        if (it == map.glyphNumberOf.cend()) return true;
        const auto n = static_cast<long long>(it.value()) + static_cast<long long>(i) -
                       static_cast<long long>(j);
        if (n <= 0 || (found && *found != static_cast<uint>(n))) {
            found.reset();
            anchors = -100; // disagreement: never trust this map for order[i]
            return false;
        }
        found = static_cast<uint>(n);
        return ++anchors < 3;
    };
    for (std::size_t j = i; j-- > 0;)
        if (!anchor(j)) break;
    if (anchors < 0) return std::nullopt;
    const int before = anchors;
    anchors = 0;
    for (std::size_t j = i + 1; j < order.size(); ++j)
        if (!anchor(j)) break;
    if (anchors < 0 || before + anchors == 0) return std::nullopt;
    return found;
}

/// "<D873DC56>"-style UTF-16BE hex of a code point.
QByteArray utf16Hex(char32_t c) {
    QByteArray out;
    for (const QChar u : QString::fromUcs4(&c, 1))
        out += QByteArray::number(u.unicode(), 16).toUpper().rightJustified(4, '0');
    return out;
}

/// Inserts `text` at `at` inside a stream whose dictionary has a direct /Length; returns the
/// edits made (position, bytes added), or nothing when the stream is not laid out so.
std::optional<std::vector<std::pair<qsizetype, qsizetype>>>
insertIntoStream(QByteArray& pdf, qsizetype at, const QByteArray& text) {
    qsizetype kw = pdf.lastIndexOf("stream", at);
    if (kw < 3 || pdf.mid(kw - 3, 3) == "end") return std::nullopt;
    const qsizetype dict = pdf.lastIndexOf("<<", kw);
    const qsizetype len = pdf.indexOf("/Length", dict);
    if (dict < 0 || len < 0 || len > kw) return std::nullopt;
    qsizetype d0 = len + 7;
    while (d0 < kw && pdf[d0] == ' ') ++d0;
    qsizetype d1 = d0;
    while (d1 < kw && pdf[d1] >= '0' && pdf[d1] <= '9') ++d1;
    qsizetype after = d1;
    while (after < kw && pdf[after] == ' ') ++after;
    if (d1 == d0 || (after < kw && pdf[after] >= '0' && pdf[after] <= '9')) // "/Length 12 0 R"
        return std::nullopt;
    bool ok = false;
    const qsizetype old = pdf.mid(d0, d1 - d0).toLongLong(&ok);
    if (!ok) return std::nullopt;
    pdf.insert(at, text);
    const QByteArray digits = QByteArray::number(old + text.size());
    pdf.replace(d0, d1 - d0, digits);
    return std::vector<std::pair<qsizetype, qsizetype>>{{d0, digits.size() - (d1 - d0)},
                                                        {at, text.size()}};
}

/// Moves the cross-reference table's offsets and startxref past `edits` (positions in the file
/// before any edit). False when the table is not a plain one.
bool shiftCrossReferences(QByteArray& pdf,
                          const std::vector<std::pair<qsizetype, qsizetype>>& edits) {
    auto moved = [&edits](qsizetype o) {
        qsizetype n = o;
        for (const auto& [at, added] : edits)
            if (at < o) n += added;
        return n;
    };
    const qsizetype sx = pdf.lastIndexOf("startxref");
    if (sx < 0) return false;
    qsizetype p = sx + 9;
    while (p < pdf.size() && (pdf[p] == '\n' || pdf[p] == '\r' || pdf[p] == ' ')) ++p;
    qsizetype q = p;
    while (q < pdf.size() && pdf[q] >= '0' && pdf[q] <= '9') ++q;
    bool ok = false;
    const qsizetype oldXref = pdf.mid(p, q - p).toLongLong(&ok);
    if (!ok) return false;
    const qsizetype xref = moved(oldXref);
    if (pdf.mid(xref, 4) != "xref") return false;
    // Subsections "first count" then count 20-byte entries, up to "trailer".
    qsizetype at = pdf.indexOf('\n', xref) + 1;
    while (at > 0 && at < pdf.size() && !pdf.mid(at, 7).startsWith("trailer")) {
        const qsizetype eol = pdf.indexOf('\n', at);
        const QList<QByteArray> head = pdf.mid(at, eol - at).trimmed().split(' ');
        if (eol < 0 || head.size() != 2) return false;
        const qsizetype count = head[1].toLongLong(&ok);
        if (!ok) return false;
        at = eol + 1;
        for (qsizetype k = 0; k < count; ++k, at += 20) {
            if (pdf[at + 17] != 'n') continue;
            const qsizetype off = pdf.mid(at, 10).toLongLong(&ok);
            if (!ok) return false;
            pdf.replace(at, 10, QByteArray::number(moved(off)).rightJustified(10, '0'));
        }
    }
    pdf.replace(p, q - p, QByteArray::number(xref));
    return true;
}

/// Adds the entries Qt left out for characters outside the BMP.
bool addSupplementaryCharacters(QByteArray& pdf, const std::vector<TextRun>& drawn) {
    bool any = false;
    for (const auto& run : drawn)
        for (const char32_t c : run.text.toUcs4()) any = any || c > 0xFFFF;
    if (!any) return true;
    const std::vector<CMap> maps = readCMaps(pdf);
    std::vector<std::pair<qsizetype, QByteArray>> inserts; // per map: its end, the new section
    for (const CMap& map : maps) {
        QByteArray entries;
        int n = 0;
        QSet<uint> added;
        for (const bool bold : {false, true}) {
            const auto order = firstDrawn(drawn, bold);
            for (std::size_t i = 0; i < order.size(); ++i) {
                if (order[i].second <= 0xFFFF) continue;
                const auto g = glyphNumber(order, i, map);
                if (!g || map.toUnicode.contains(*g) || added.contains(*g)) continue;
                added.insert(*g);
                entries += '<' + QByteArray::number(*g, 16).toUpper().rightJustified(4, '0') +
                           "> <" + utf16Hex(order[i].second) + ">\n";
                ++n;
            }
        }
        if (n > 0)
            inserts.emplace_back(map.end, QByteArray::number(n) + " beginbfchar\n" + entries +
                                              "endbfchar\n");
    }
    std::vector<std::pair<qsizetype, qsizetype>> edits; // in the original file's positions
    for (auto it = inserts.rbegin(); it != inserts.rend(); ++it) { // last first: positions hold
        const auto done = insertIntoStream(pdf, it->first, it->second);
        if (!done) return false;
        edits.insert(edits.end(), done->begin(), done->end());
    }
    return shiftCrossReferences(pdf, edits);
}

} // namespace

bool repairToUnicode(const QString& path, const std::vector<TextRun>& drawn) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return false;
    QByteArray pdf = file.readAll();
    file.close();
    const QByteArray before = pdf;
    repairRadicals(pdf, radicalReplacements(drawn));
    if (!addSupplementaryCharacters(pdf, drawn)) return false;
    if (pdf == before) return true;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return file.write(pdf) == pdf.size() && file.flush();
}

// ---- tables ---------------------------------------------------------------------------------

Status writeReportPdf(const std::string& path, QPageLayout::Orientation orientation,
                      const QString& title, const RenderPass& render) {
    if (!ensureGuiApplication())
        return makeError(ErrorCode::Internal, "PDF output needs a QGuiApplication, not a "
                                              "QCoreApplication");
    QPdfWriter writer(qs(path));
    writer.setResolution(600);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), orientation, QMarginsF(0, 0, 0, 0),
                                     QPageLayout::Millimeter));
    writer.setCreator(QStringLiteral("BrokerDesk"));
    writer.setTitle(title);
    const int pages = render(writer, nullptr, 0, nullptr);
    QPainter painter;
    if (!painter.begin(&writer)) {
        Error e = makeError(ErrorCode::Io, "cannot write the PDF file");
        e.file = path;
        return e;
    }
    std::vector<TextRun> drawn;
    render(writer, &painter, pages, &drawn);
    if (!painter.end()) {
        Error e = makeError(ErrorCode::Io, "cannot finish the PDF file");
        e.file = path;
        return e;
    }
    repairToUnicode(qs(path), drawn); // searchable Chinese text (see pdfcanvas.h)
    return Status::success();
}

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

    std::vector<double> xs;
    std::vector<double> ws;
    double x = canvas.left();
    for (const auto& c : columns) {
        xs.push_back(x);
        ws.push_back(canvas.mm(c.width_mm));
        x += ws.back();
    }
    const double tableWidth = x - canvas.left();

    std::vector<QString> headers;
    double headerHeight = 0.0;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        headers.push_back(canvas.wrapped(head, ws[c] - 2 * pad, columns[c].header));
        headerHeight =
            std::max(headerHeight, canvas.textHeight(head, ws[c] - 2 * pad, headers.back(), 0));
    }
    headerHeight += 2 * pad;

    auto drawHeader = [&] {
        const double y = canvas.y();
        canvas.fill(QRectF(canvas.left(), y, tableWidth, headerHeight), colors::kHeaderFill);
        for (std::size_t c = 0; c < columns.size(); ++c)
            canvas.text(QRectF(xs[c] + pad, y + pad, ws[c] - 2 * pad, headerHeight - 2 * pad),
                        headers[c], head, Qt::white, columns[c].align | Qt::AlignVCenter);
        canvas.advance(headerHeight);
    };

    // Every cell's lines, broken once: what is measured is what is drawn.
    struct Lines {
        QString text, sub;
        double textHeight = 0.0, height = 0.0;
    };
    std::vector<std::vector<Lines>> lines(rows.size());
    std::vector<double> heights(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const bool total = bold_last && r + 1 == rows.size();
        double h = 0.0;
        for (std::size_t c = 0; c < columns.size() && c < rows[r].size(); ++c) {
            const TableCell& cell = rows[r][c];
            const QFont& f = total || cell.bold ? bodyBold : body;
            const double w = ws[c] - 2 * pad;
            Lines l;
            l.text = canvas.wrapped(f, w, cell.text);
            l.sub = canvas.wrapped(sub, w, cell.sub);
            l.textHeight = canvas.textHeight(f, w, l.text, 0);
            l.height = l.textHeight + canvas.textHeight(sub, w, l.sub, 0);
            h = std::max(h, l.height);
            lines[r].push_back(std::move(l));
        }
        heights[r] = std::max(h + 2 * pad, canvas.mm(style.min_row_mm));
    }

    // Rows from `r` that fit below the cursor.
    auto fitting = [&](std::size_t r) {
        double room = canvas.remaining();
        std::size_t n = 0;
        for (; r + n < rows.size() && heights[r + n] <= room; ++n) room -= heights[r + n];
        return n;
    };
    // Page breaks go between rows; the last page holds at least min_rows_last_page rows (or all
    // of them): when fewer would be left for it, the break comes that many rows earlier.
    const std::size_t keep = std::max<std::size_t>(style.min_rows_last_page, 1);
    auto breakBefore = [&](std::size_t r, bool firstOnPage) {
        const std::size_t fit = fitting(r);
        if (fit == 0) return !firstOnPage;
        const std::size_t tail = rows.size() - r - fit; // rows for the next page
        return !firstOnPage && tail > 0 && tail < keep && fit + tail <= keep;
    };

    canvas.ensure(headerHeight + (rows.empty() ? 0.0 : heights[0]) +
                  (rows.size() > 1 ? heights[1] : 0.0));
    drawHeader();
    bool firstOnPage = true;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (breakBefore(r, firstOnPage)) {
            canvas.newPage();
            drawHeader();
        }
        firstOnPage = false;
        const bool total = bold_last && r + 1 == rows.size();
        const double y = canvas.y();
        const QRectF rowRect(canvas.left(), y, tableWidth, heights[r]);
        if (total)
            canvas.fill(rowRect, colors::kZebra);
        else if (style.zebra && r % 2 == 1)
            canvas.fill(rowRect, colors::kZebra);
        for (std::size_t c = 0; c < columns.size() && c < rows[r].size(); ++c) {
            const TableCell& cell = rows[r][c];
            const Lines& l = lines[r][c];
            const QFont& f = total || cell.bold ? bodyBold : body;
            const QRectF inner(xs[c] + pad, y + pad, ws[c] - 2 * pad, heights[r] - 2 * pad);
            canvas.text(inner, l.text, f, cell.color, columns[c].align | Qt::AlignTop);
            if (!l.sub.isEmpty())
                canvas.text(inner.adjusted(0, l.textHeight, 0, 0), l.sub, sub, colors::kMuted,
                            columns[c].align | Qt::AlignTop);
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
