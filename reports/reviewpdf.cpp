#include "reports/reviewpdf.h"

#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "phrasebook/phrasebook.h"
#include "reports/pdfcanvas.h"

namespace bd::reports {

std::optional<ReviewLanguage> parseReviewLanguage(std::string_view s) {
    if (s == "zh" || s == "cn" || s == "zh-CN" || s == "chinese") return ReviewLanguage::Chinese;
    if (s == "en" || s == "english") return ReviewLanguage::English;
    return std::nullopt;
}

std::optional<ReviewCopy> parseReviewCopy(std::string_view s) {
    if (s == "client") return ReviewCopy::Client;
    if (s == "broker") return ReviewCopy::Broker;
    return std::nullopt;
}

namespace {

using namespace detail;
using analytics::HoldingLine;
using analytics::PeriodReturn;
using analytics::PortfolioReport;

constexpr double kMarginMm = 14.0;
constexpr double kFooterMm = 7.0;

/// A label of the report in its language, from the phrasebook (by its English text).
struct Tr {
    bool zh = false;
    phrase::Lang lang() const { return zh ? phrase::Lang::Zh : phrase::Lang::En; }
    QString operator()(std::string_view en) const {
        const std::string_view s = phrase::label(en, lang());
        return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
    }
};

QString clientLevelName(int level, const Tr& t) {
    return QString::fromStdString(phrase::clientRiskLevel(level, t.lang()));
}

QString productLevel(int level) {
    return level >= 1 && level <= 5 ? QStringLiteral("R%1").arg(level) : QStringLiteral("—");
}

QString boardName(Board b, const Tr& t) {
    return QString::fromUtf8(phrase::name(b, t.lang()).data());
}

QColor boardColor(Board b) {
    switch (b) {
    case Board::Main:
        return {0x1e, 0x3a, 0x5f};
    case Board::ChiNext:
        return {0xd9, 0x77, 0x06};
    case Board::Star:
        return {0xdc, 0x26, 0x26};
    case Board::Bse:
        return {0x7c, 0x3a, 0xed};
    case Board::Fund:
        return {0x05, 0x96, 0x69};
    case Board::Bond:
        return {0x0e, 0xa5, 0xe9};
    default:
        return {0x9c, 0xa3, 0xaf};
    }
}

/// Axis labels: "1.25M" / "125万" (phrase::compactYuan).
QString compactAmount(double yuan, const Tr& t) {
    return QString::fromStdString(
        phrase::compactYuan(yuan, t.zh ? phrase::Lang::Zh : phrase::Lang::En));
}

/// 1, 2, 2.5 or 5 × a power of ten, at least `raw`.
double niceStep(double raw) {
    if (raw <= 0.0) return 1.0;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * p >= raw) return m * p;
    return 10.0 * p;
}

class ReviewRenderer {
  public:
    ReviewRenderer(QPdfWriter& writer, QPainter* painter, const PortfolioReport& report,
                   const ReviewOptions& options, int totalPages, QString printedAt)
        : m_c(writer, painter, kMarginMm, kFooterMm), m_r(report),
          m_o(options), m_t{options.language == ReviewLanguage::Chinese}, m_total(totalPages),
          m_printed(std::move(printedAt)) {
        for (const auto& m : report.suitability_mismatches) m_mismatched.insert(m.security_code);
    }

    int run() {
        m_c.setFooter([this](int page) { footer(page); });
        m_c.begin();
        header();
        keyFigures();
        chart();
        holdings();
        risk();
        suitability();
        notes();
        return m_c.page();
    }

    /// The text the real run drew (for repairToUnicode()).
    const std::vector<TextRun>& drawn() const { return m_c.drawnText(); }

    QString title() const {
        const QString t = m_o.title.empty() ? m_t("Portfolio review") : qs(m_o.title);
        return broker() ? t + m_t(" — broker's copy, not for the client") : t;
    }

  private:
    PdfCanvas m_c;
    const PortfolioReport& m_r;
    const ReviewOptions& m_o;
    Tr m_t;
    int m_total;
    QString m_printed;
    std::set<std::string> m_mismatched;

    bool broker() const { return m_o.copy == ReviewCopy::Broker; }

    QColor pnlColor(double v) const {
        if (v == 0.0) return colors::kInk;
        const bool up = v > 0.0;
        // Chinese convention: red is up, green is down; the English sheet uses the Western one.
        if (m_t.zh) return up ? colors::kGain : colors::kLoss;
        return up ? colors::kLoss : colors::kGain;
    }

    void footer(int page) {
        const QFont f = reportFont(7.0);
        const double top = m_c.content().bottom() + m_c.mm(2.5);
        const QRectF r(m_c.left(), top, m_c.width(), m_c.mm(kFooterMm - 2.5));
        m_c.line(QPointF(m_c.left(), top - m_c.mm(0.8)),
                 QPointF(m_c.left() + m_c.width(), top - m_c.mm(0.8)), colors::kRule, 0.2);
        QString left = QStringLiteral("BrokerDesk · ") + title() + QStringLiteral(" · ") +
                       qs(m_r.client_id) + QStringLiteral(" · ") + m_t("Confidential");
        m_c.text(r, left, f, colors::kMuted, Qt::AlignLeft | Qt::AlignVCenter);
        const int total = std::max(m_total, page);
        m_c.text(r,
                 m_t("Printed at ") + m_printed + QStringLiteral("   ·   ") +
                     m_t("Page %1 of %2").arg(page).arg(total),
                 f, colors::kMuted, Qt::AlignRight | Qt::AlignVCenter);
    }

    void sectionTitle(const QString& s, double keep_with_next_mm) {
        const QFont f = reportFont(11.5, true);
        const double h = m_c.lineHeight(f);
        m_c.ensure(h + m_c.mm(2.5 + keep_with_next_mm));
        m_c.advance(m_c.mm(3.0));
        m_c.text(QRectF(m_c.left(), m_c.y(), m_c.width(), h), s, f, colors::kHeaderFill,
                 Qt::AlignLeft | Qt::AlignVCenter);
        m_c.advance(h + m_c.mm(0.6));
        m_c.line(QPointF(m_c.left(), m_c.y()), QPointF(m_c.left() + m_c.width(), m_c.y()),
                 colors::kAccent, 0.4);
        m_c.advance(m_c.mm(2.0));
    }

    /// A line of small grey text at the cursor.
    void smallNote(const QString& s, const QColor& color = colors::kMuted) {
        const QFont f = reportFont(7.5);
        const double h = m_c.textHeight(f, m_c.width(), s);
        m_c.ensure(h);
        m_c.text(QRectF(m_c.left(), m_c.y(), m_c.width(), h), s, f, color,
                 Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap);
        m_c.advance(h + m_c.mm(0.8));
    }

    void header() {
        const double h = m_c.mm(27.0);
        const QRectF band(m_c.left(), m_c.y(), m_c.width(), h);
        m_c.fill(band, colors::kHeaderFill);
        const double pad = m_c.mm(5.0);
        const QRectF inner = band.adjusted(pad, m_c.mm(3.5), -pad, -m_c.mm(3.5));
        const QColor light(0xcb, 0xd5, 0xe1);
        const QFont titleF = reportFont(9.5, true);
        const QFont nameF = reportFont(17.0, true);
        const QFont infoF = reportFont(8.5);
        m_c.text(inner, title().toUpper(), titleF, light, Qt::AlignLeft | Qt::AlignTop);
        QString name = qs(m_r.client_name.empty() ? m_r.client_id : m_r.client_name);
        const double nameTop = m_c.lineHeight(titleF) + m_c.mm(1.0);
        m_c.text(inner.adjusted(0, nameTop, 0, 0), name, nameF, Qt::white,
                 Qt::AlignLeft | Qt::AlignTop);
        const double infoTop = nameTop + m_c.lineHeight(nameF) + m_c.mm(0.5);
        QString who = m_t("Client ") + qs(m_r.client_id) + QStringLiteral("   ·   ") +
                      m_t("Risk tolerance ") + clientLevelName(m_r.client_risk_level, m_t);
        m_c.text(inner.adjusted(0, infoTop, 0, 0), who, infoF, light, Qt::AlignLeft | Qt::AlignTop);

        QStringList right;
        right << m_t("As of ") + formatDate(m_r.as_of);
        QString broker = qs(m_o.broker_id);
        if (!m_o.broker_name.empty())
            broker += (broker.isEmpty() ? QString() : QStringLiteral(" ")) + qs(m_o.broker_name);
        if (!broker.isEmpty()) right << m_t("Broker ") + broker;
        if (!m_o.branch.empty()) right << qs(m_o.branch);
        right << m_t("Cost method: ") + (m_r.cost_method == analytics::CostMethod::Fifo
                                             ? m_t("FIFO")
                                             : m_t("weighted average"));
        m_c.text(inner, right.join(QLatin1Char('\n')), infoF, light, Qt::AlignRight | Qt::AlignTop);
        m_c.advance(h + m_c.mm(4.0));
    }

    struct Tile {
        QString label;
        QString value;
        QString sub;
        QColor color = colors::kInk;
    };

    void tiles(const std::vector<Tile>& row) {
        const double gap = m_c.mm(3.0);
        const double w = (m_c.width() - gap * static_cast<double>(row.size() - 1)) /
                         static_cast<double>(row.size());
        const QFont labelF = reportFont(7.5);
        const QFont valueF = reportFont(12.5, true);
        const QFont subF = reportFont(6.5);
        const double innerW = w - m_c.mm(5.0);
        // A sub-line that is long (a remark on the broker's copy) wraps and the row grows.
        std::vector<QString> subs;
        double subH = m_c.lineHeight(subF);
        for (const auto& t : row) {
            subs.push_back(m_c.wrapped(subF, innerW, t.sub));
            subH = std::max(subH, m_c.textHeight(subF, innerW, subs.back(), 0));
        }
        const double h = std::max(m_c.mm(17.5), m_c.mm(3.3) + m_c.lineHeight(labelF) +
                                                    m_c.lineHeight(valueF) + subH);
        m_c.ensure(h);
        for (std::size_t i = 0; i < row.size(); ++i) {
            const QRectF r(m_c.left() + static_cast<double>(i) * (w + gap), m_c.y(), w, h);
            m_c.roundedFill(r, m_c.mm(1.2), QColor(0xf8, 0xfa, 0xfc), colors::kRule);
            m_c.fill(QRectF(r.left(), r.top() + m_c.mm(1.2), m_c.mm(0.9), r.height() - m_c.mm(2.4)),
                     colors::kAccent);
            const QRectF in = r.adjusted(m_c.mm(3.0), m_c.mm(1.8), -m_c.mm(2.0), -m_c.mm(1.5));
            m_c.text(in, row[i].label, labelF, colors::kMuted, Qt::AlignLeft | Qt::AlignTop);
            m_c.text(in.adjusted(0, m_c.lineHeight(labelF), 0, 0), row[i].value, valueF,
                     row[i].color, Qt::AlignLeft | Qt::AlignTop);
            m_c.text(in, subs[i], subF, colors::kMuted, Qt::AlignLeft | Qt::AlignBottom);
        }
        m_c.advance(h + gap);
    }

    Tile returnTile(std::string_view label, const PeriodReturn& p) const {
        Tile t{m_t(label), QStringLiteral("—"), QString(), colors::kInk};
        if (p.value) {
            t.value = formatPercent(*p.value, 2, true);
            t.color = pnlColor(*p.value);
            t.sub = formatDate(p.start) + QStringLiteral(" → ") + formatDate(p.end);
        } else if (broker() && p.note.kind != ReviewNoteKind::Unknown) {
            t.sub = QString::fromStdString(phrase::note(p.note, m_t.lang())); // a data remark
        } else {
            t.sub = m_t("not available");
        }
        return t;
    }

    /// Holdings whose cost is unknown (their P&L, and so the total's, is unknown).
    int unknownCosts() const {
        return static_cast<int>(
            std::count_if(m_r.holdings.begin(), m_r.holdings.end(),
                          [](const HoldingLine& h) { return !h.unrealized_pnl; }));
    }

    void keyFigures() {
        // A total with an unknown part is unknown ("—"), never the known part as if it were all.
        Tile assets{m_t("Total assets"), QStringLiteral("—"), m_t("cash not known"), colors::kInk};
        if (m_r.cash) {
            assets.value = formatAmount(m_r.market_value + *m_r.cash);
            assets.sub = m_t("holdings + cash");
        }
        Tile mv{m_t("Market value|holdings"), formatAmount(m_r.market_value),
                m_t("%1 holdings").arg(m_r.holdings.size()), colors::kInk};
        Tile cash{m_t("Cash"), m_r.cash ? formatAmount(*m_r.cash) : QStringLiteral("—"),
                  m_r.snapshot_date ? m_t("snapshot ") + formatDate(m_r.snapshot_date) : QString(),
                  colors::kInk};
        const double u = m_r.unrealized_pnl.toDouble();
        Tile unreal{m_t("Unrealised P&L"), formatSignedAmount(m_r.unrealized_pnl), QString(),
                    pnlColor(u)};
        if (const int unknown = unknownCosts(); unknown > 0) {
            unreal = {m_t("Unrealised P&L"), QStringLiteral("—"),
                      m_t("holdings with unknown cost: %1").arg(unknown), colors::kInk};
        } else if (m_r.cost.units > 0)
            unreal.sub = m_t("on cost ") + formatAmount(m_r.cost) + QStringLiteral("  ") +
                         formatPercent(u / m_r.cost.toDouble(), 1, true);
        const double rl = m_r.realized_pnl.toDouble();
        Tile real{m_t("Realised P&L"), formatSignedAmount(m_r.realized_pnl),
                  m_t("fees paid ") + formatAmount(m_r.fees_paid), pnlColor(rl)};
        tiles({assets, mv, cash, unreal});
        tiles({real, returnTile("Return 1 month", m_r.return_1m),
               returnTile("Return 3 months", m_r.return_3m),
               returnTile("Return 12 months", m_r.return_12m)});
        smallNote(m_t("Returns are Modified Dietz (net of deposits and withdrawals) from account "
                      "snapshots; P&L includes commission and fees."));
    }

    void chart() {
        sectionTitle(m_t("Account value"), 55.0);
        std::vector<const AssetSnapshot*> pts;
        const std::optional<Date> end = m_r.as_of;
        const Date from = end ? analytics::minusMonths(*end, std::max(1, m_o.chart_months))
                              : Date{std::numeric_limits<std::int32_t>::min()};
        // The window, plus the last snapshot before it: the 12-month return starts there too.
        const AssetSnapshot* before = nullptr;
        for (const auto& s : m_o.account_values) {
            if (end && s.date > *end) continue;
            if (s.date >= from)
                pts.push_back(&s);
            else if (!before || before->date < s.date)
                before = &s;
        }
        if (before) pts.push_back(before);
        std::sort(pts.begin(), pts.end(),
                  [](const AssetSnapshot* a, const AssetSnapshot* b) { return a->date < b->date; });
        if (pts.size() < 2) {
            smallNote(m_t("Fewer than two account snapshots in the last %1 months: no chart.")
                          .arg(m_o.chart_months));
            return;
        }
        const double h = m_c.mm(58.0);
        m_c.ensure(h);
        const QRectF box(m_c.left(), m_c.y(), m_c.width(), h);
        m_c.advance(h + m_c.mm(1.0));
        QPainter* p = m_c.painter();
        if (!p) return;

        const QFont axisF = reportFont(6.5);
        const QFont legendF = reportFont(7.0);
        const double axisW = m_c.mm(16.0);
        const double legendH = m_c.mm(5.0);
        const double xAxisH = m_c.mm(6.0);
        const QRectF plot(box.left() + axisW, box.top() + legendH, box.width() - axisW - m_c.mm(2),
                          box.height() - legendH - xAxisH);

        double lo = 1e300, hi = -1e300;
        for (const auto* s : pts) {
            const double total = (s->cash + s->market_value).toDouble();
            lo = std::min({lo, total, s->market_value.toDouble()});
            hi = std::max(hi, total);
        }
        if (hi - lo < 1.0) {
            hi += std::max(1.0, std::fabs(hi) * 0.05);
            lo -= std::max(1.0, std::fabs(lo) * 0.05);
        }
        const double step = niceStep((hi - lo) / 4.0);
        lo = std::floor(lo / step) * step;
        hi = std::ceil(hi / step) * step;
        const double d0 = pts.front()->date.days;
        const double d1 = pts.back()->date.days;
        auto X = [&](Date d) { return plot.left() + (d.days - d0) / (d1 - d0) * plot.width(); };
        auto Y = [&](double v) { return plot.bottom() - (v - lo) / (hi - lo) * plot.height(); };

        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        // Grid and y labels.
        for (double v = lo; v <= hi + step * 0.5; v += step) {
            const double y = Y(v);
            m_c.line(QPointF(plot.left(), y), QPointF(plot.right(), y), QColor(0xe5, 0xe7, 0xeb),
                     0.15);
            m_c.text(QRectF(box.left(), y - m_c.mm(2.5), axisW - m_c.mm(1.5), m_c.mm(5.0)),
                     compactAmount(v, m_t), axisF, colors::kMuted,
                     Qt::AlignRight | Qt::AlignVCenter);
        }
        // Month ticks on the x axis (every second or third month on long ranges).
        {
            int y = 0, m = 0, d = 0;
            pts.front()->date.toYmd(y, m, d);
            std::vector<Date> ticks;
            Date t = Date::fromYmd(y, m, 1);
            while (t <= pts.back()->date) {
                if (t >= pts.front()->date) ticks.push_back(t);
                if (++m > 12) {
                    m = 1;
                    ++y;
                }
                t = Date::fromYmd(y, m, 1);
            }
            const std::size_t every = ticks.size() > 14 ? 3 : (ticks.size() > 8 ? 2 : 1);
            for (std::size_t i = 0; i < ticks.size(); i += every) {
                const double x = X(ticks[i]);
                m_c.line(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + m_c.mm(1.0)),
                         colors::kMuted, 0.2);
                m_c.text(QRectF(x - m_c.mm(8), plot.bottom() + m_c.mm(1.2), m_c.mm(16), xAxisH),
                         qs(ticks[i].toString().substr(0, 7)), axisF, colors::kMuted,
                         Qt::AlignHCenter | Qt::AlignTop);
            }
        }
        // Drawdown band between the peak and the trough the risk figures name.
        const auto& rk = m_r.risk;
        // (clipped to the chart when the risk window starts before it).
        if (rk.max_drawdown && *rk.max_drawdown > 0.0 && rk.drawdown_peak && rk.drawdown_trough &&
            *rk.drawdown_trough >= pts.front()->date && *rk.drawdown_peak <= pts.back()->date) {
            const double x0 = X(std::max(*rk.drawdown_peak, pts.front()->date));
            const double x1 = X(std::min(*rk.drawdown_trough, pts.back()->date));
            p->fillRect(QRectF(x0, plot.top(), std::max(x1 - x0, m_c.mm(0.4)), plot.height()),
                        QColor(0xfe, 0xe2, 0xe2));
            // A drawdown is a fall: one sign everywhere (a positive share), as in the table.
            const QString label = m_t("max drawdown ") + formatPercent(*rk.max_drawdown, 1);
            const double lw = m_c.textWidth(axisF, label) + m_c.mm(1.0);
            // Inside the band's left edge, or ending at the plot's right edge when it is near.
            const double lx0 = std::min(x0 + m_c.mm(1.0), plot.right() - lw);
            m_c.text(QRectF(lx0, plot.top() + m_c.mm(0.5), lw, m_c.mm(4)), label, axisF,
                     QColor(0xb9, 0x1c, 0x1c), Qt::AlignLeft | Qt::AlignTop);
        }
        // Total assets: filled area and line; market value: dashed line.
        QPainterPath line, area, mvLine;
        for (std::size_t i = 0; i < pts.size(); ++i) {
            const QPointF pt(X(pts[i]->date), Y((pts[i]->cash + pts[i]->market_value).toDouble()));
            const QPointF mv(X(pts[i]->date), Y(pts[i]->market_value.toDouble()));
            if (i == 0) {
                line.moveTo(pt);
                area.moveTo(QPointF(pt.x(), plot.bottom()));
                mvLine.moveTo(mv);
            } else {
                line.lineTo(pt);
                mvLine.lineTo(mv);
            }
            area.lineTo(pt);
        }
        area.lineTo(QPointF(X(pts.back()->date), plot.bottom()));
        area.closeSubpath();
        QColor areaFill = colors::kAccent;
        areaFill.setAlphaF(0.10f);
        p->fillPath(area, areaFill);
        QPen mvPen(QColor(0x64, 0x74, 0x8b), m_c.mm(0.3));
        mvPen.setStyle(Qt::DashLine);
        p->strokePath(mvLine, mvPen);
        p->strokePath(line, QPen(colors::kAccent, m_c.mm(0.55)));
        // Deposits (▲) and withdrawals (▼) along the x axis.
        bool anyFlow = false;
        for (const auto* s : pts) {
            if (!s->net_inflow || s->net_inflow->roundedFen() == 0) continue;
            anyFlow = true;
            const bool in = s->net_inflow->units > 0;
            const double x = X(s->date);
            const double y = plot.bottom() - m_c.mm(1.2);
            const double a = m_c.mm(1.1);
            QPainterPath tri;
            if (in) {
                tri.moveTo(x, y - a);
                tri.lineTo(x - a, y + a * 0.6);
                tri.lineTo(x + a, y + a * 0.6);
            } else {
                tri.moveTo(x, y + a * 0.6);
                tri.lineTo(x - a, y - a);
                tri.lineTo(x + a, y - a);
            }
            tri.closeSubpath();
            p->fillPath(tri, in ? QColor(0x05, 0x96, 0x69) : QColor(0xd9, 0x77, 0x06));
        }
        m_c.line(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()),
                 colors::kMuted, 0.25);
        // Legend.
        double lx = plot.left();
        const double ly = box.top() + legendH / 2.0;
        auto legend = [&](const QString& label, const QPen& pen) {
            p->setPen(pen);
            p->drawLine(QPointF(lx, ly), QPointF(lx + m_c.mm(6), ly));
            lx += m_c.mm(7.5);
            const double w = m_c.textWidth(legendF, label);
            m_c.text(QRectF(lx, ly - m_c.mm(2.5), w + m_c.mm(1), m_c.mm(5)), label, legendF,
                     colors::kInk, Qt::AlignLeft | Qt::AlignVCenter);
            lx += w + m_c.mm(6);
        };
        legend(m_t("Total assets (cash + holdings)"), QPen(colors::kAccent, m_c.mm(0.55)));
        legend(m_t("Market value of holdings"), mvPen);
        if (anyFlow)
            m_c.text(QRectF(lx, ly - m_c.mm(2.5), plot.right() - lx, m_c.mm(5)),
                     m_t("▲ deposit  ▼ withdrawal"), legendF, colors::kMuted,
                     Qt::AlignLeft | Qt::AlignVCenter);
        p->restore();
    }

    void holdings() {
        sectionTitle(m_t("Holdings"), 20.0);
        if (m_r.holdings.empty()) {
            smallNote(m_t("No holdings at the as-of date."), colors::kInk);
        } else {
            std::vector<TableColumn> cols = {{m_t("Code"), 19, Qt::AlignLeft},
                                             {m_t("Name"), 24, Qt::AlignLeft},
                                             {m_t("Quantity"), 15, Qt::AlignRight},
                                             {m_t("Avg cost"), 16, Qt::AlignRight},
                                             {m_t("Close"), 16, Qt::AlignRight},
                                             {m_t("Market value"), 23, Qt::AlignRight},
                                             {m_t("Unrealised P&L"), 23, Qt::AlignRight},
                                             {m_t("Weight"), 12, Qt::AlignRight},
                                             {m_t("Risk|level"), 13, Qt::AlignLeft}};
            fitColumns(cols, m_c.width() / m_c.mm(1.0));
            std::vector<std::vector<TableCell>> rows;
            for (const HoldingLine& h : m_r.holdings) {
                std::vector<TableCell> row(cols.size());
                row[0] = {qs(h.security_code), boardName(h.board, m_t), colors::kInk, true};
                row[1].text = qs(h.name);
                row[2].text =
                    QLocale(QLocale::English).toString(static_cast<qlonglong>(h.quantity));
                row[3].text = h.avg_cost ? qs(formatMoney(*h.avg_cost)) : QStringLiteral("—");
                row[4].text = qs(formatMoney(h.close_price));
                if (h.price_date) row[4].sub = formatDate(h.price_date);
                row[5].text = formatAmount(h.market_value);
                if (h.unrealized_pnl) {
                    row[6].text = formatSignedAmount(*h.unrealized_pnl);
                    row[6].color = pnlColor(h.unrealized_pnl->toDouble());
                    if (h.cost.units > 0)
                        row[6].sub = formatPercent(h.unrealized_pnl->toDouble() / h.cost.toDouble(),
                                                   1, true);
                } else {
                    row[6].text = QStringLiteral("—");
                    row[6].sub = m_t("cost unknown");
                }
                row[7].text = formatPercent(h.weight, 1);
                row[8].text = productLevel(h.risk_level);
                if (m_mismatched.count(h.security_code)) {
                    row[8].color = colors::kWarn;
                    row[8].bold = true;
                    row[8].sub = m_t("unsuitable");
                }
                rows.push_back(std::move(row));
            }
            std::vector<TableCell> total(cols.size());
            total[0].text = m_t("Total");
            total[5].text = formatAmount(m_r.market_value);
            if (unknownCosts() > 0) {
                total[6].text = QStringLiteral("—");
                total[6].sub = m_t("cost unknown");
            } else {
                total[6].text = formatSignedAmount(m_r.unrealized_pnl);
                total[6].color = pnlColor(m_r.unrealized_pnl.toDouble());
            }
            total[7].text = formatPercent(1.0, 1);
            rows.push_back(std::move(total));
            TableStyle style;
            style.font_pt = 8.0;
            style.min_row_mm = 6.5;
            drawTable(m_c, cols, rows, style, true);
            m_c.advance(m_c.mm(1.0));
        }
        if (m_r.reconstructed && broker())
            smallNote(m_t("No positions snapshot: holdings are reconstructed from the trades."),
                      colors::kWarn);
        else if (m_r.positions_date)
            smallNote(m_t("Positions as of ") + formatDate(m_r.positions_date));

        if (!m_r.closed.empty()) {
            m_c.advance(m_c.mm(1.5));
            const QFont f = reportFont(9.0, true);
            m_c.ensure(m_c.lineHeight(f) + m_c.mm(14));
            m_c.text(QRectF(m_c.left(), m_c.y(), m_c.width(), m_c.lineHeight(f)),
                     m_t("Closed positions (realised P&L)"), f, colors::kInk,
                     Qt::AlignLeft | Qt::AlignVCenter);
            m_c.advance(m_c.lineHeight(f) + m_c.mm(1.0));
            std::vector<TableColumn> cols = {{m_t("Code"), 22, Qt::AlignLeft},
                                             {m_t("Name"), 30, Qt::AlignLeft},
                                             {m_t("Trades"), 16, Qt::AlignRight},
                                             {m_t("Fees paid"), 24, Qt::AlignRight},
                                             {m_t("Realised P&L"), 28, Qt::AlignRight}};
            std::vector<std::vector<TableCell>> rows;
            for (const HoldingLine& h : m_r.closed) {
                std::vector<TableCell> row(cols.size());
                row[0].text = qs(h.security_code);
                row[1].text = qs(h.name);
                row[2].text = QString::number(h.trade_count);
                row[3].text = formatAmount(h.fees_paid);
                row[4].text = formatSignedAmount(h.realized_pnl);
                row[4].color = pnlColor(h.realized_pnl.toDouble());
                rows.push_back(std::move(row));
            }
            TableStyle style;
            style.font_pt = 7.5;
            style.header_pt = 7.5;
            style.min_row_mm = 5.5;
            drawTable(m_c, cols, rows, style);
        }
    }

    QString badgeText(const analytics::RiskBadge& b) const {
        return qs(phrase::riskBadge(b.code, b.value, b.threshold, m_t.lang()));
    }

    /// Rounded labels laid out left to right, wrapping.
    void pills(const std::vector<QString>& labels, const QColor& fill, const QColor& border,
               const QColor& ink) {
        const QFont f = reportFont(7.5, true);
        const double h = m_c.mm(5.5);
        const double gap = m_c.mm(2.0);
        double x = m_c.left();
        m_c.ensure(h);
        for (const QString& s : labels) {
            const double w = m_c.textWidth(f, s) + m_c.mm(5.0);
            if (x + w > m_c.left() + m_c.width() && x > m_c.left()) {
                x = m_c.left();
                m_c.advance(h + gap);
                m_c.ensure(h);
            }
            m_c.roundedFill(QRectF(x, m_c.y(), w, h), h / 2.0, fill, border);
            m_c.text(QRectF(x, m_c.y(), w, h), s, f, ink, Qt::AlignCenter);
            x += w + gap;
        }
        m_c.advance(h + gap);
    }

    void risk() {
        sectionTitle(m_t("Risk"), 40.0);
        const auto& k = m_r.risk;
        const bool any = k.risk_bearing_count > 0; // concentration is of risk-bearing holdings
        // Left: the figures against their limits; right: exposure by board.
        const double colW = (m_c.width() - m_c.mm(8.0)) / 2.0;
        const QFont f = reportFont(8.0);
        const QFont fb = reportFont(8.0, true);
        const double rowH = m_c.mm(5.4);
        struct Figure {
            QString label;
            QString value;
            bool flagged;
        };
        auto flagged = [&](const char* code) {
            return std::any_of(k.badges.begin(), k.badges.end(),
                               [&](const analytics::RiskBadge& b) { return b.code == code; });
        };
        std::vector<Figure> figs = {
            {m_t("Cash and cash-like"),
             m_r.cash || !m_r.holdings.empty() ? formatPercent(k.cash_like_share, 1)
                                               : QStringLiteral("—"),
             false},
            {m_t("Largest risk-bearing holding"),
             any ? formatPercent(k.top1_share, 1) : QStringLiteral("—"), flagged("concentrated")},
            {m_t("Top 3 holdings"), any ? formatPercent(k.top3_share, 1) : QStringLiteral("—"),
             flagged("top3_concentrated")},
            {m_t("Herfindahl index (HHI)"),
             any ? QString::number(k.hhi, 'f', 3) : QStringLiteral("—"), flagged("high_hhi")},
            {m_t("Volatility (annualised)"),
             k.volatility ? formatPercent(*k.volatility, 1) : QStringLiteral("—"),
             flagged("high_volatility")},
            {m_t("Maximum drawdown"),
             k.max_drawdown ? formatPercent(*k.max_drawdown, 1) : QStringLiteral("—"),
             flagged("deep_drawdown")}};
        if (k.max_drawdown && k.drawdown_peak && k.drawdown_trough)
            figs.back().value += QStringLiteral("  (") + formatDate(k.drawdown_peak) +
                                 QStringLiteral(" → ") + formatDate(k.drawdown_trough) +
                                 QStringLiteral(")");
        const double leftH = rowH * static_cast<double>(figs.size());
        const double rightH =
            m_c.mm(9.0) + rowH * static_cast<double>(std::max<std::size_t>(k.boards.size(), 1));
        m_c.ensure(std::max(leftH, rightH));
        double y = m_c.y();
        for (std::size_t i = 0; i < figs.size(); ++i) {
            const QRectF r(m_c.left(), y, colW, rowH);
            if (i % 2 == 0) m_c.fill(r, colors::kZebra);
            m_c.text(r.adjusted(m_c.mm(1.5), 0, 0, 0), figs[i].label, f, colors::kInk,
                     Qt::AlignLeft | Qt::AlignVCenter);
            m_c.text(r.adjusted(0, 0, -m_c.mm(1.5), 0), figs[i].value, fb,
                     figs[i].flagged ? colors::kWarn : colors::kInk,
                     Qt::AlignRight | Qt::AlignVCenter);
            y += rowH;
        }
        // Board exposure: one stacked bar and a legend.
        const double bx = m_c.left() + colW + m_c.mm(8.0);
        double by = m_c.y();
        m_c.text(QRectF(bx, by, colW, rowH), m_t("Exposure by board"), fb, colors::kInk,
                 Qt::AlignLeft | Qt::AlignVCenter);
        by += rowH;
        const double barH = m_c.mm(3.6);
        if (k.boards.empty()) {
            m_c.text(QRectF(bx, by, colW, rowH), QStringLiteral("—"), f, colors::kMuted,
                     Qt::AlignLeft | Qt::AlignVCenter);
        } else {
            double x = bx;
            for (const auto& b : k.boards) {
                const double w = colW * std::clamp(b.share, 0.0, 1.0);
                m_c.fill(QRectF(x, by, w, barH), boardColor(b.board));
                x += w;
            }
            by += barH + m_c.mm(1.5);
            for (const auto& b : k.boards) {
                m_c.fill(QRectF(bx, by + rowH / 2.0 - m_c.mm(1.2), m_c.mm(2.4), m_c.mm(2.4)),
                         boardColor(b.board));
                const QRectF r(bx + m_c.mm(4.0), by, colW - m_c.mm(4.0), rowH);
                m_c.text(r, boardName(b.board, m_t), f, colors::kInk,
                         Qt::AlignLeft | Qt::AlignVCenter);
                m_c.text(r,
                         formatPercent(b.share, 1) + QStringLiteral("   ") +
                             formatAmount(b.market_value),
                         f, colors::kInk, Qt::AlignRight | Qt::AlignVCenter);
                by += rowH;
            }
        }
        m_c.setY(std::max(y, by) + m_c.mm(1.5));
        smallNote(m_t("Concentration counts what carries risk: each holding's share of the "
                      "account (holdings and cash). Cash and cash-like holdings (funds and bonds "
                      "rated R1, such as money-market ETFs) never count as a concentration."));
        m_c.advance(m_c.mm(1.0));
        std::vector<QString> labels;
        for (const auto& b : k.badges) labels.push_back(badgeText(b));
        if (labels.empty())
            pills({m_t("No risk flags at the configured thresholds")}, colors::kOkFill,
                  QColor(0x16, 0xa3, 0x4a), QColor(0x14, 0x53, 0x2d));
        else
            pills(labels, colors::kWarnFill, colors::kWarn, QColor(0x78, 0x35, 0x0f));
    }

    void suitability() {
        sectionTitle(m_t("Suitability"), 18.0);
        smallNote(m_t("Client risk tolerance: ") + clientLevelName(m_r.client_risk_level, m_t) +
                      m_t(". A product's risk level (R1–R5) must not exceed the client's level "
                          "(C1–C5); house rules may add more."),
                  colors::kInk);
        if (m_r.suitability_mismatches.empty()) {
            pills({m_t("All holdings match the client's risk tolerance")}, colors::kOkFill,
                  QColor(0x16, 0xa3, 0x4a), QColor(0x14, 0x53, 0x2d));
            return;
        }
        std::vector<TableColumn> cols = {{m_t("Code"), 22, Qt::AlignLeft},
                                         {m_t("Name"), 30, Qt::AlignLeft},
                                         {m_t("Product risk"), 20, Qt::AlignLeft},
                                         {m_t("Client tolerance"), 22, Qt::AlignLeft},
                                         {m_t("Rule failed"), 66, Qt::AlignLeft}};
        fitColumns(cols, m_c.width() / m_c.mm(1.0));
        std::vector<std::vector<TableCell>> rows;
        for (const auto& m : m_r.suitability_mismatches) {
            std::vector<TableCell> row(cols.size());
            row[0].text = qs(m.security_code);
            row[0].bold = true;
            row[1].text = qs(m.name);
            row[2].text = productLevel(m.risk_level);
            row[2].color = colors::kWarn;
            row[2].bold = true;
            row[3].text = clientLevelName(m.client_risk_level, m_t);
            row[4].text = QString::fromStdString(phrase::note(m.rule, m_t.lang()));
            row[4].color = colors::kWarn;
            rows.push_back(std::move(row));
        }
        TableStyle style;
        style.font_pt = 8.0;
        drawTable(m_c, cols, rows, style);
    }

    void notes() {
        // Data-quality remarks are for the broker; the client's copy holds none.
        if (broker() && !m_r.notes.empty()) {
            sectionTitle(m_t("Data notes"), 8.0);
            for (const auto& n : m_r.notes)
                smallNote(QStringLiteral("• ") +
                          QString::fromStdString(phrase::note(n, m_t.lang())));
        }
        m_c.advance(m_c.mm(4.0));
        smallNote(m_t("For discussion with the client. Not investment advice; past returns do not "
                      "guarantee future results."));
    }
};

} // namespace

Status writePortfolioReviewPdf(const std::string& path, const analytics::PortfolioReport& report,
                               const ReviewOptions& options) {
    if (!ensureGuiApplication())
        return makeError(ErrorCode::Internal, "PDF output needs a QGuiApplication, not a "
                                              "QCoreApplication");
    QPdfWriter writer(qs(path));
    writer.setResolution(600);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));
    writer.setCreator(QStringLiteral("BrokerDesk"));
    const QString printedAt = options.printed_at.empty() ? nowText() : qs(options.printed_at);

    ReviewRenderer dry(writer, nullptr, report, options, 0, printedAt);
    writer.setTitle(dry.title() + QStringLiteral(" ") + qs(report.client_id));
    const int pages = dry.run();
    QPainter painter;
    if (!painter.begin(&writer)) {
        Error e = makeError(ErrorCode::Io, "cannot write the PDF file");
        e.file = path;
        return e;
    }
    ReviewRenderer real(writer, &painter, report, options, pages, printedAt);
    real.run();
    if (!painter.end()) {
        Error e = makeError(ErrorCode::Io, "cannot finish the PDF file");
        e.file = path;
        return e;
    }
    repairToUnicode(qs(path), real.drawn()); // searchable Chinese text (see pdfcanvas.h)
    return Status::success();
}

Status writeClientReviewPdf(const std::string& path, services::PortfolioReview review,
                            ReviewLanguage language, ReviewCopy copy) {
    ReviewOptions options;
    options.language = language;
    options.copy = copy;
    options.broker_id = review.broker_id;
    options.broker_name = review.broker_name;
    options.branch = review.branch_id;
    if (!review.branch_name.empty())
        options.branch += (options.branch.empty() ? "" : " ") + review.branch_name;
    options.account_values = std::move(review.snapshots);
    return writePortfolioReviewPdf(path, review.report, options);
}

} // namespace bd::reports
