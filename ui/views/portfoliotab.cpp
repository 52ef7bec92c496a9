#include "views/portfoliotab.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "analytics/portfolio.h"
#include "charts/chartstyle.h"
#include "format.h"
#include "services/portfolioservice.h"
#include "services/portfoliosettings.h"
#include "widgets/pagehead.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

namespace {

enum Column { Code, Name, Qty, AvgCost, Close, MarketValue, Unrealized, Realized, Weight, Risk };

QString badgeStyle(int state) {
    // 0 fine, 1 over the threshold, 2 not computable.
    static const char* styles[] = {"background:#E8F5E9;color:#1B5E20;border:1px solid #A5D6A7;",
                                   "background:#FDECEA;color:#B71C1C;border:1px solid #F5A9A3;",
                                   "background:#F2F2F2;color:#616161;border:1px solid #D6D6D6;"};
    return QString::fromLatin1(styles[state]) + "border-radius:9px;padding:2px 9px;";
}

} // namespace

PortfolioTab::PortfolioTab(QWidget* parent) : QWidget(parent) {
    setObjectName("portfolioTab");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 6, 4, 4);
    layout->setSpacing(6);

    m_headline = addWrappingLabel(layout, this, "portfolioHeadline");

    auto* stats = new QHBoxLayout;
    stats->setSpacing(14);
    m_stats[StatMarketValue] = addStat(stats, tr("Market value"), "portfolioMarketValue");
    m_stats[StatCash] = addStat(stats, tr("Cash"), "portfolioCash");
    m_stats[StatUnrealized] = addStat(stats, tr("Unrealised P&L"), "portfolioUnrealized");
    m_stats[StatRealized] = addStat(stats, tr("Realised P&L"), "portfolioRealized");
    m_stats[StatReturn1m] = addStat(stats, tr("1M return"), "portfolioReturn1m");
    m_stats[StatReturn3m] = addStat(stats, tr("3M return"), "portfolioReturn3m");
    m_stats[StatReturn12m] = addStat(stats, tr("12M return"), "portfolioReturn12m");
    stats->addStretch(1);
    layout->addLayout(stats);

    m_badges = new QWidget(this);
    m_badges->setObjectName("portfolioBadges");
    m_badgeLayout = new QHBoxLayout(m_badges);
    m_badgeLayout->setContentsMargins(0, 2, 0, 2);
    m_badgeLayout->setSpacing(6);
    layout->addWidget(m_badges);

    m_holdingsBox = new QGroupBox(tr("Holdings"), this);
    auto* hl = new QVBoxLayout(m_holdingsBox);
    m_holdings = makeReadOnlyTable({tr("Code"), tr("Name"), tr("Quantity"), tr("Avg cost"),
                                    tr("Close"), tr("Market value"), tr("Unrealised"),
                                    tr("Realised"), tr("Weight"), tr("Risk")},
                                   "portfolioHoldings", m_holdingsBox);
    m_holdings->setSortingEnabled(true);
    hl->addWidget(m_holdings);
    layout->addWidget(m_holdingsBox, 1);

    auto* bottom = new QHBoxLayout;
    m_chart = makeChartView(tr("Account value"), "portfolioChart", this);
    m_chart->setMinimumHeight(200);
    bottom->addWidget(m_chart, 3);
    m_alertsBox = new QGroupBox(tr("Suitability alerts"), this);
    auto* al = new QVBoxLayout(m_alertsBox);
    m_alerts = new QListWidget(m_alertsBox);
    m_alerts->setObjectName("portfolioAlerts");
    m_alerts->setWordWrap(true);
    al->addWidget(m_alerts);
    bottom->addWidget(m_alertsBox, 2);
    layout->addLayout(bottom, 1);
    clear();
}

QLabel* PortfolioTab::addStat(QHBoxLayout* row, const QString& caption, const char* objectName) {
    auto* box = new QVBoxLayout;
    box->setSpacing(0);
    auto* cap = new QLabel(caption, this);
    cap->setStyleSheet("color:#6B6B6B;");
    auto* value = new QLabel(this);
    value->setObjectName(objectName);
    QFont f = value->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    value->setFont(f);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->addWidget(cap);
    box->addWidget(value);
    row->addLayout(box);
    return value;
}

void PortfolioTab::clear() {
    m_clientId.clear();
    m_headline->setText(tr("No client selected."));
    for (QLabel* l : m_stats) {
        l->setText(QStringLiteral("—"));
        l->setStyleSheet({});
    }
    while (auto* item = m_badgeLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_holdings->setRowCount(0);
    m_holdingsBox->setTitle(tr("Holdings"));
    m_alerts->clear();
    m_alertsBox->setTitle(tr("Suitability alerts"));
    clearChart(m_chart->chart());
}

int PortfolioTab::holdingsCount() const {
    return m_holdings->rowCount();
}

void PortfolioTab::showClient(services::Database& db, const QString& clientId) {
    QElapsedTimer timer;
    timer.start();
    clear();
    m_clientId = clientId;
    auto options = services::loadPortfolioOptions(db);
    if (!options) {
        m_headline->setText(
            tr("Settings error: %1").arg(QString::fromStdString(options.error().toString())));
        options = analytics::PortfolioOptions{};
    }
    // One load gives the report and the snapshots behind its returns (for the chart).
    auto review = services::loadPortfolioReview(db, clientId.toStdString(), std::nullopt, *options);
    if (!review) {
        m_headline->setText(tr("Cannot load the portfolio: %1")
                                .arg(QString::fromStdString(review.error().toString())));
        return;
    }
    showReport(review->report);
    showChart(review->snapshots);
    spdlog::info("portfolio tab: {} ({} trades, {} holdings) shown in {} ms",
                 clientId.toStdString(), review->report.trade_count, review->report.holdings.size(),
                 timer.elapsed());
}

void PortfolioTab::showReport(const analytics::PortfolioReport& r) {
    if (!r.as_of) {
        m_headline->setText(tr("No trades, positions or asset snapshots for this client yet."));
        return;
    }
    QString head =
        tr("As of %1 · %2 cost · %3 trades")
            .arg(formatDate(r.as_of),
                 r.cost_method == analytics::CostMethod::Fifo ? tr("FIFO") : tr("weighted-average"))
            .arg(formatCount(r.trade_count));
    if (r.reconstructed)
        head +=
            QStringLiteral(" · ") + tr("holdings reconstructed from trades (no positions file)");
    else if (r.positions_date)
        head += QStringLiteral(" · ") + tr("positions of %1").arg(formatDate(r.positions_date));
    m_headline->setText(head);

    m_stats[StatMarketValue]->setText(QStringLiteral("¥") + formatCny(r.market_value));
    m_stats[StatCash]->setText(r.cash ? QStringLiteral("¥") + formatCny(*r.cash)
                                      : QStringLiteral("—"));
    auto money = [](QLabel* l, Money m) {
        l->setText(formatCnySigned(m));
        const QColor c = pnlColor(m.toDouble());
        l->setStyleSheet(c.isValid() ? QStringLiteral("color:%1;").arg(c.name()) : QString());
    };
    money(m_stats[StatUnrealized], r.unrealized_pnl);
    money(m_stats[StatRealized], r.realized_pnl);
    auto ret = [this](QLabel* l, const analytics::PeriodReturn& p) {
        l->setText(p.value ? formatSignedPercent(*p.value, 2) : QStringLiteral("—"));
        l->setToolTip(
            p.value ? tr("Modified Dietz, %1 to %2").arg(formatDate(p.start), formatDate(p.end))
                    : QString::fromStdString(phrase::note(p.note, uiLang())));
        const QColor c = p.value ? pnlColor(*p.value) : QColor();
        l->setStyleSheet(c.isValid() ? QStringLiteral("color:%1;").arg(c.name()) : QString());
    };
    ret(m_stats[StatReturn1m], r.return_1m);
    ret(m_stats[StatReturn3m], r.return_3m);
    ret(m_stats[StatReturn12m], r.return_12m);

    showBadges(r);

    m_holdings->setSortingEnabled(false);
    m_holdings->setRowCount(static_cast<int>(r.holdings.size()));
    int row = 0;
    for (const auto& h : r.holdings) {
        const double unreal = h.unrealized_pnl ? h.unrealized_pnl->toDouble() : 0.0;
        m_holdings->setItem(row, Code, textItem(QString::fromStdString(h.security_code)));
        auto* name =
            textItem(h.name.empty() ? QStringLiteral("—") : QString::fromStdString(h.name));
        name->setToolTip(enumLabel(h.board));
        m_holdings->setItem(row, Name, name);
        m_holdings->setItem(row, Qty,
                            numberItem(formatCount(h.quantity), static_cast<double>(h.quantity)));
        m_holdings->setItem(row, AvgCost,
                            numberItem(h.avg_cost ? QString::fromStdString(formatMoney(*h.avg_cost))
                                                  : QStringLiteral("—"),
                                       h.avg_cost ? h.avg_cost->toDouble() : -1.0));
        m_holdings->setItem(row, Close,
                            numberItem(h.price_source == analytics::PriceSource::None
                                           ? QStringLiteral("—")
                                           : QString::fromStdString(formatMoney(h.close_price)),
                                       h.close_price.toDouble()));
        m_holdings->setItem(row, MarketValue,
                            numberItem(formatCny(h.market_value), h.market_value.toDouble()));
        auto* u = numberItem(h.unrealized_pnl ? formatCny(*h.unrealized_pnl) : QStringLiteral("—"),
                             unreal);
        if (h.unrealized_pnl) u->setForeground(pnlColor(unreal));
        m_holdings->setItem(row, Unrealized, u);
        auto* rz = numberItem(formatCny(h.realized_pnl), h.realized_pnl.toDouble());
        rz->setForeground(pnlColor(h.realized_pnl.toDouble()));
        m_holdings->setItem(row, Realized, rz);
        m_holdings->setItem(row, Weight, numberItem(formatPercent(h.weight), h.weight));
        auto* risk =
            new SortableItem(securityRiskLabel(h.risk_level), h.risk_level, Qt::AlignCenter);
        if (r.client_risk_level > 0 && h.risk_level > r.client_risk_level)
            risk->setForeground(QColor(0xB7, 0x1C, 0x1C));
        m_holdings->setItem(row, Risk, risk);
        ++row;
    }
    m_holdings->setSortingEnabled(true);
    m_holdings->sortByColumn(MarketValue, Qt::DescendingOrder);
    m_holdings->resizeColumnsToContents();
    m_holdings->horizontalHeader()->setStretchLastSection(true);
    QString title = tr("Holdings (%1)").arg(r.holdings.size());
    if (!r.closed.empty()) title += QStringLiteral(" · ") + tr("%1 closed").arg(r.closed.size());
    m_holdingsBox->setTitle(title);

    m_alerts->clear();
    for (const auto& m : r.suitability_mismatches) {
        const QString sec =
            m.name.empty() ? QString::fromStdString(m.security_code)
                           : QStringLiteral("%1 %2").arg(QString::fromStdString(m.security_code),
                                                         QString::fromStdString(m.name));
        auto* item = new QListWidgetItem(
            QStringLiteral("⚠ %1 — %2")
                .arg(sec, QString::fromStdString(phrase::note(m.rule, uiLang()))),
            m_alerts);
        item->setForeground(QColor(0xB7, 0x1C, 0x1C));
    }
    if (r.suitability_mismatches.empty())
        new QListWidgetItem(tr("✓ Every holding is within the client's risk tolerance (%1).")
                                .arg(riskLabel(r.client_risk_level)),
                            m_alerts);
    m_alertsBox->setTitle(tr("Suitability alerts (%1)").arg(r.suitability_mismatches.size()));
}

void PortfolioTab::showBadges(const analytics::PortfolioReport& r) {
    const auto& risk = r.risk;
    auto over = [&](const char* code) {
        return std::any_of(risk.badges.begin(), risk.badges.end(),
                           [&](const analytics::RiskBadge& b) { return b.code == code; });
    };
    auto add = [&](const char* code, const QString& text, const QString& tip, int state) {
        auto* l = new QLabel(text, m_badges);
        l->setObjectName(QStringLiteral("badge_%1").arg(QLatin1String(code)));
        l->setProperty("alert", state == 1);
        l->setStyleSheet(badgeStyle(state));
        l->setToolTip(tip);
        m_badgeLayout->addWidget(l);
    };
    auto thresholdOf = [&](const char* code) {
        for (const auto& b : risk.badges)
            if (b.code == code) return b.threshold;
        return -1.0;
    };
    const bool any = !r.holdings.empty();
    add("concentrated", tr("Top holding %1").arg(any ? formatPercent(risk.top1_share) : "—"),
        tr("Largest risk-bearing holding's share of the account (cash and cash-like funds and "
           "bonds rated R1 are no concentration)"),
        any ? (over("concentrated") ? 1 : 0) : 2);
    add("top3_concentrated", tr("Top 3 %1").arg(any ? formatPercent(risk.top3_share) : "—"),
        tr("Three largest risk-bearing holdings' share of the account"),
        any ? (over("top3_concentrated") ? 1 : 0) : 2);
    add("high_hhi",
        tr("HHI %1").arg(any ? QLocale(QLocale::English).toString(risk.hhi, 'f', 2) : "—"),
        tr("Herfindahl index of the holdings' weights (1 = a single holding)"),
        any ? (over("high_hhi") ? 1 : 0) : 2);
    add("deep_drawdown",
        tr("Drawdown %1").arg(risk.max_drawdown ? formatPercent(*risk.max_drawdown) : "—"),
        risk.drawdown_peak
            ? tr("Largest fall of the account value, %1 to %2")
                  .arg(formatDate(risk.drawdown_peak), formatDate(risk.drawdown_trough))
            : tr("Needs at least two asset snapshots"),
        risk.max_drawdown ? (over("deep_drawdown") ? 1 : 0) : 2);
    add("high_volatility",
        tr("Volatility %1").arg(risk.volatility ? formatPercent(*risk.volatility) : "—"),
        tr("Annualised volatility of the account value"),
        risk.volatility ? (over("high_volatility") ? 1 : 0) : 2);
    double growth = 0.0;
    QStringList boards;
    for (const auto& b : risk.boards) {
        if (b.board == Board::ChiNext || b.board == Board::Star || b.board == Board::Bse)
            growth += b.share;
        boards << QStringLiteral("%1 %2").arg(enumLabel(b.board), formatPercent(b.share));
    }
    add("growth_boards_low_tolerance",
        tr("Growth boards %1").arg(any ? formatPercent(growth) : "—"),
        boards.isEmpty() ? tr("No holdings") : boards.join(QStringLiteral(" · ")),
        any ? (over("growth_boards_low_tolerance") ? 1 : 0) : 2);
    // Thresholds in the tooltips of the badges that fired.
    for (int i = 0; i < m_badgeLayout->count(); ++i) {
        auto* l = qobject_cast<QLabel*>(m_badgeLayout->itemAt(i)->widget());
        if (!l) continue;
        const QByteArray code = l->objectName().mid(6).toLatin1();
        const double t = thresholdOf(code.constData());
        if (t >= 0 && code != "high_hhi")
            l->setToolTip(l->toolTip() + "\n" + tr("Threshold: %1").arg(formatPercent(t)));
        else if (t >= 0)
            l->setToolTip(l->toolTip() + "\n" +
                          tr("Threshold: %1").arg(QLocale(QLocale::English).toString(t, 'f', 2)));
    }
    m_badgeLayout->addStretch(1);
}

void PortfolioTab::showChart(const std::vector<AssetSnapshot>& snapshots) {
    const auto* series = &snapshots;
    auto* chart = m_chart->chart();
    if (series->empty()) {
        chart->setTitle(tr("Account value — no asset snapshots"));
        return;
    }
    double maxV = 0.0;
    for (const auto& p : *series) maxV = std::max(maxV, (p.cash + p.market_value).toDouble());
    const bool millions = maxV >= 2e6;
    const double unit = millions ? 1e6 : 1e3;
    auto* total = new QLineSeries;
    total->setName(tr("Total assets"));
    auto* market = new QLineSeries;
    market->setName(tr("Market value"));
    for (const auto& p : *series) {
        const qreal x = static_cast<qreal>(
            QDateTime(toQDate(p.date), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
        total->append(x, (p.cash + p.market_value).toDouble() / unit);
        market->append(x, p.market_value.toDouble() / unit);
    }
    chart->addSeries(total);
    chart->addSeries(market);
    QPen pen(paletteColor(0));
    pen.setWidthF(2.2);
    total->setPen(pen);
    QPen mpen(paletteColor(1));
    mpen.setWidthF(1.4);
    mpen.setStyle(Qt::DashLine);
    market->setPen(mpen);
    auto* x = new QDateTimeAxis;
    x->setFormat("yyyy-MM");
    x->setTickCount(std::min<int>(5, std::max<int>(2, static_cast<int>(series->size()))));
    auto* y = new QValueAxis;
    y->setTitleText(millions ? tr("CNY millions") : tr("CNY thousands"));
    y->setLabelFormat(millions ? "%.1f" : "%.0f");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* s : {total, market}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    // From zero, so a small move does not look like a crash.
    y->setRange(0, maxV / unit);
    y->applyNiceNumbers();
    chart->setTitle(tr("Account value (%1 snapshots)").arg(series->size()));
}

} // namespace bd::ui
