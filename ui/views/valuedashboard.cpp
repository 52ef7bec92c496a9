#include "views/valuedashboard.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>

#include "charts/chartstyle.h"
#include "format.h"
#include "jobs/workerread.h"
#include "session/booksession.h"
#include "widgets/pagehead.h"

namespace bd::ui {

namespace {

double yuan(Money m) {
    return static_cast<double>(m.units) / 10000.0;
}

// Signed log10 scale: money spans seven orders of magnitude and can be negative.
double slog(double yuanValue) {
    return std::copysign(std::log10(1.0 + std::fabs(yuanValue)), yuanValue);
}

QString moneyTick(int exponent) {
    static const char* labels[] = {"¥1",  "¥10",  "¥100",  "¥1K", "¥10K", "¥100K",
                                   "¥1M", "¥10M", "¥100M", "¥1B", "¥10B"};
    return exponent >= 0 && exponent <= 10 ? QString::fromUtf8(labels[exponent]) : QString();
}

// A category axis labelled at whole powers of ten of a signed-log coordinate.
QCategoryAxis* moneyAxis(double lo, double hi) {
    auto* axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const int from = static_cast<int>(std::floor(lo));
    const int to = static_cast<int>(std::ceil(hi));
    axis->setRange(from, to);
    for (int e = from; e <= to; ++e) {
        QString label = e == 0  ? QStringLiteral("0")
                        : e > 0 ? moneyTick(e)
                                : QString(QChar(0x2212)) + moneyTick(-e);
        axis->append(label, e);
    }
    axis->setStartValue(from);
    axis->setGridLineVisible(true);
    return axis;
}

QScatterSeries* scatter(const QString& name, const QColor& color, qreal size) {
    auto* s = new QScatterSeries;
    s->setName(name);
    s->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    s->setMarkerSize(size);
    s->setColor(color);
    s->setBorderColor(color.darker(115));
    return s;
}

} // namespace

ValueDashboard::ValueDashboard(QWidget* parent) : BookView(parent) {
    setObjectName("valueDashboard");
    const auto head = makeRunPageHead(this, tr("Where the value is"), "valueRunInfo");
    auto* layout = head.layout;
    m_runInfo = head.run_info;
    // After a change of the value model's settings the figures below are the old model's.
    m_settingsNote = addWrappingLabel(layout, this, "valueSettingsNote");
    m_settingsNote->setStyleSheet("background:#FFF8E1;color:#6D4C00;padding:4px 8px;");
    m_settingsNote->hide();

    m_kpiRow = new QWidget(this);
    auto* kpis = new QHBoxLayout(m_kpiRow);
    kpis->setContentsMargins(0, 0, 0, 0);
    kpis->setSpacing(10);
    m_kpis[TotalProfit] = addKpi(tr("Profit, last 12 months"), "kpiTotalProfit");
    m_kpis[Top1] = addKpi(tr("Profit from the top 1%"), "kpiTop1");
    m_kpis[Top5] = addKpi(tr("Profit from the top 5%"), "kpiTop5");
    m_kpis[Top20] = addKpi(tr("Profit from the top 20%"), "kpiTop20");
    m_kpis[Vips] = addKpi(tr("VIPs (firm)"), "kpiVips");
    m_kpis[Flagged] = addKpi(tr("AUM-rich, low value"), "kpiFlagged");
    m_kpis[LossMaking] = addKpi(tr("Loss-making clients"), "kpiLossMaking");
    layout->addWidget(m_kpiRow);

    auto* charts = new QHBoxLayout;
    m_pareto = makeChartView(tr("Pareto curve: cumulative share of profit"), "paretoChart", this);
    m_scatter = makeChartView(tr("Profit vs AUM: assets are not value"), "profitAumChart", this);
    charts->addWidget(m_pareto, 2);
    charts->addWidget(m_scatter, 3);
    layout->addLayout(charts, 1);
    m_scatterNote = addWrappingLabel(layout, this, "scatterNote");
    m_scatterNote->setStyleSheet("color:#6B6B6B;");
}

QLabel* ValueDashboard::addKpi(const QString& caption, const char* objectName) {
    auto* card = new QWidget(m_kpiRow);
    card->setObjectName(QStringLiteral("%1Card").arg(QLatin1String(objectName)));
    card->setStyleSheet(QStringLiteral("#%1{background:#F7F9FC;border:1px solid #DCE3EC;"
                                       "border-radius:6px;}")
                            .arg(card->objectName()));
    auto* box = new QVBoxLayout(card);
    box->setContentsMargins(10, 6, 10, 6);
    box->setSpacing(2);
    auto* cap = new QLabel(caption, card);
    cap->setStyleSheet("color:#5A6470;");
    auto* value = new QLabel(QStringLiteral("—"), card);
    value->setObjectName(objectName);
    QFont f = value->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.35);
    value->setFont(f);
    box->addWidget(cap);
    box->addWidget(value);
    m_kpiRow->layout()->addWidget(card);
    return value;
}

void ValueDashboard::clearCharts() {
    for (QChartView* v : {m_pareto, m_scatter}) clearChart(v->chart());
}

int ValueDashboard::scatterPoints(const QString& seriesName) const {
    for (auto* s : m_scatter->chart()->series())
        if (s->name() == seriesName)
            if (auto* xy = qobject_cast<QXYSeries*>(s)) return static_cast<int>(xy->count());
    return 0;
}

int ValueDashboard::paretoPoints() const {
    const auto series = m_pareto->chart()->series();
    if (series.isEmpty()) return 0;
    auto* xy = qobject_cast<QXYSeries*>(series.front());
    return xy ? static_cast<int>(xy->count()) : 0;
}

void ValueDashboard::watch(BookSession& session) {
    followNewRuns(session); // it shows the newest run only
    followSettings(session, {services::SettingsChange::Kind::ValueModel});
}

void ValueDashboard::reload() {
    clearCharts();
    for (QLabel* l : m_kpis) l->setText(QStringLiteral("—"));
    // Four columns of every client's score (no names: the page shows none), off the window's
    // thread.
    using Read = Result<std::optional<services::ValueOverview>>;
    const int ticket = m_overviewRead.start();
    readOffWindow<Read>(this, *db(), services::loadValueOverview,
                        [this, ticket](const Read& overview) {
                            if (m_overviewRead.finish(ticket)) showOverview(overview);
                        });
}

void ValueDashboard::showOverview(const Result<std::optional<services::ValueOverview>>& read) {
    if (!read || !*read || (*read)->points.empty()) {
        m_runInfo->setText(
            !read        ? QString::fromStdString(read.error().toString())
            : onServer() ? tr("No value analysis yet — the branch's nightly batch computes it; "
                              "ask the branch's administrator if it has not run.")
                         : tr("No value analysis yet — run Refresh."));
        m_scatterNote->clear();
        m_settingsNote->hide();
        return;
    }
    const services::ValueOverview& b = **read;
    const auto& clients = b.points;
    m_settingsNote->setText(
        onServer() ? tr("The value model's settings changed since this analysis: the branch's "
                        "nightly batch applies them to scores, VIPs and segments at its next run.")
                   : tr("The value model's settings changed since this analysis: run Refresh to "
                        "apply them to scores, VIPs and segments."));
    m_settingsNote->setVisible(b.model_changed);
    // On a server the batch ranked every client of the firm; the login reads the scores of the
    // clients it sees. Both counts, each named.
    const QString inView = formatCount(static_cast<qint64>(clients.size()));
    if (!onServer())
        m_runInfo->setText(
            tr("Refresh of %1 · as of %2 · %3 clients")
                .arg(QString::fromStdString(b.run.started_at), formatDate(b.run.as_of), inView));
    else if (b.clients_ranked)
        m_runInfo->setText(tr("The branch's nightly batch of %1 · as of %2 · ranked the whole "
                              "firm: %3 clients; in view: %4")
                               .arg(QString::fromStdString(b.run.started_at),
                                    formatDate(b.run.as_of),
                                    formatCount(static_cast<qint64>(*b.clients_ranked)), inView));
    else
        m_runInfo->setText(
            tr("The branch's nightly batch of %1 · as of %2 · ranked the whole "
               "firm; in view: %3 clients")
                .arg(QString::fromStdString(b.run.started_at), formatDate(b.run.as_of), inView));

    // KPIs.
    const auto conc = services::profitConcentration(clients, 100);
    qint64 vips = 0, flagged = 0, losses = 0;
    for (const auto& c : clients) {
        vips += c.vip ? 1 : 0;
        flagged += c.aum_rich_low_value ? 1 : 0;
        losses += c.profit_12m.units < 0 ? 1 : 0;
    }
    m_kpis[TotalProfit]->setText(QStringLiteral("¥") + formatYuan(conc.total_profit));
    m_kpis[Top1]->setText(conc.defined ? formatPercent(conc.top1) : QStringLiteral("—"));
    m_kpis[Top5]->setText(conc.defined ? formatPercent(conc.top5) : QStringLiteral("—"));
    m_kpis[Top20]->setText(conc.defined ? formatPercent(conc.top20) : QStringLiteral("—"));
    m_kpis[Vips]->setText(formatCount(vips));
    m_kpis[Flagged]->setText(formatCount(flagged));
    m_kpis[LossMaking]->setText(formatCount(losses));

    // Pareto curve with the line of equal shares for reference.
    {
        auto* chart = m_pareto->chart();
        auto* curve = new QLineSeries;
        curve->setName(tr("Cumulative profit share"));
        const int points = static_cast<int>(conc.curve.size()) - 1;
        for (int k = 0; k <= points; ++k)
            curve->append(100.0 * k / std::max(1, points),
                          100.0 * conc.curve[static_cast<std::size_t>(k)]);
        auto* equal = new QLineSeries;
        equal->setName(tr("Equal shares"));
        equal->append(0, 0);
        equal->append(100, 100);
        // The study's headline points: what the best 1%, 5% and 20% of clients earn.
        auto* marks = new QScatterSeries;
        marks->setName(tr("Top 1% / 5% / 20%"));
        marks->setMarkerSize(9);
        marks->setColor(paletteColor(2));
        marks->setPointLabelsVisible(true);
        marks->setPointLabelsFormat(QStringLiteral("@yPoint%"));
        marks->setPointLabelsClipping(false);
        for (const auto& [share, value] :
             {std::pair{1.0, conc.top1}, std::pair{5.0, conc.top5}, std::pair{20.0, conc.top20}})
            marks->append(share, std::round(1000.0 * value) / 10.0);
        chart->addSeries(curve);
        chart->addSeries(equal);
        chart->addSeries(marks);
        QPen pen(paletteColor(0));
        pen.setWidthF(2.5);
        curve->setPen(pen);
        QPen dashed(QColor(0x9E, 0x9E, 0x9E));
        dashed.setStyle(Qt::DashLine);
        equal->setPen(dashed);
        auto* x = new QValueAxis;
        x->setRange(0, 100);
        x->setTickCount(6);
        x->setLabelFormat("%.0f%%");
        x->setTitleText(tr("Share of clients, best first"));
        double maxY = 100.0;
        for (double v : conc.curve) maxY = std::max(maxY, 100.0 * v);
        auto* y = new QValueAxis;
        // A curve a hair above 100% (loss-making clients at the tail) keeps the 0-100 scale.
        const double top = std::max(100.0, std::ceil((maxY - 1.0) / 20.0) * 20.0);
        y->setRange(0, top);
        y->setTickCount(static_cast<int>(top / 20.0) + 1);
        y->setLabelFormat("%.0f%%");
        y->setTitleText(tr("Share of 12-month profit"));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        for (QXYSeries* s : std::initializer_list<QXYSeries*>{curve, equal, marks}) {
            s->attachAxis(x);
            s->attachAxis(y);
        }
    }

    // Profit against AUM; every VIP and flagged client, a deterministic sample of the rest.
    {
        auto* chart = m_scatter->chart();
        auto* others = scatter(tr("Other clients"), QColor(0x90, 0xA4, 0xAE, 150), 5);
        auto* flaggedSeries = scatter(tr("AUM-rich, low value"), QColor(0xE1, 0x57, 0x59), 7);
        auto* vipSeries = scatter(tr("VIP"), QColor(0xE0, 0xA8, 0x00), 8);
        std::size_t otherCount = 0, zeroAum = 0;
        for (const auto& c : clients)
            if (!c.vip && !c.aum_rich_low_value && c.aum.units > 0) ++otherCount;
        const std::size_t stride =
            std::max<std::size_t>(1, (otherCount + kMaxScatterOthers - 1) / kMaxScatterOthers);
        double minAum = 1e12, maxAum = 10.0, minP = 0.0, maxP = 3.0;
        std::size_t seen = 0;
        std::map<QScatterSeries*, QList<QPointF>> pending;
        for (const auto& c : clients) {
            const double aum = yuan(c.aum);
            if (aum <= 0) {
                ++zeroAum; // a log axis has no zero
                continue;
            }
            const double p = slog(yuan(c.profit_12m));
            QScatterSeries* target = c.vip                  ? vipSeries
                                     : c.aum_rich_low_value ? flaggedSeries
                                                            : nullptr;
            if (!target) {
                if (seen++ % stride != 0) continue;
                target = others;
            }
            pending[target].append(QPointF(std::log10(aum), p));
            minAum = std::min(minAum, aum);
            maxAum = std::max(maxAum, aum);
            minP = std::min(minP, p);
            maxP = std::max(maxP, p);
        }
        chart->addSeries(others);
        chart->addSeries(flaggedSeries);
        chart->addSeries(vipSeries);
        auto* x = moneyAxis(std::log10(std::max(1.0, minAum)), std::log10(maxAum));
        x->setTitleText(tr("AUM (CNY, log scale)"));
        auto* y = moneyAxis(minP, maxP);
        y->setTitleText(tr("Profit, last 12 months (CNY, signed log scale)"));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        for (auto* s : {others, flaggedSeries, vipSeries}) {
            s->attachAxis(x);
            s->attachAxis(y);
        }
        // The points last, one replace() per series: each series added or axis attached lays
        // out every point again (append() per point is slower still).
        for (auto& [series, list] : pending) series->replace(list);
        QString note =
            tr("Every VIP (%1) and every AUM-rich, low-value client (%2) is drawn")
                .arg(formatCount(vipSeries->count()), formatCount(flaggedSeries->count()));
        note += stride > 1 ? tr("; other clients: every %1th of %2 (a fixed sample)")
                                 .arg(stride)
                                 .arg(formatCount(static_cast<qint64>(otherCount)))
                           : tr("; all other clients are drawn");
        if (zeroAum > 0)
            note += tr("; %1 clients with no assets are left out (log axis)")
                        .arg(formatCount(static_cast<qint64>(zeroAum)));
        m_scatterNote->setText(note + QLatin1Char('.'));
    }
}

} // namespace bd::ui
