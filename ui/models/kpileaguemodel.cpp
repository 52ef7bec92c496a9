#include "models/kpileaguemodel.h"

#include <QColor>

#include <cmath>

#include "format.h"

namespace bd::ui {

std::optional<double> kpiChange(double now, std::optional<double> before) {
    if (!before || *before == 0) return std::nullopt;
    return (now - *before) / std::abs(*before);
}

KpiLeagueModel::KpiLeagueModel(QObject* parent) : TitledTableModel(parent) {
    static constexpr const char* kTitles[] = {
        QT_TR_NOOP("Name"),         QT_TR_NOOP("Id"),           QT_TR_NOOP("Branch"),
        QT_TR_NOOP("Clients"),      QT_TR_NOOP("Active"),       QT_TR_NOOP("New"),
        QT_TR_NOOP("Lost"),         QT_TR_NOOP("AUM"),          QT_TR_NOOP("Net inflow"),
        QT_TR_NOOP("Commission"),   QT_TR_NOOP("Commission ±"), QT_TR_NOOP("Profit 12m"),
        QT_TR_NOOP("Profit ±"),     QT_TR_NOOP("Profit trend"), QT_TR_NOOP("VIPs"),
        QT_TR_NOOP("VIP churn"),    QT_TR_NOOP("Coverage"),     QT_TR_NOOP("Contacts"),
        QT_TR_NOOP("Satisfaction"), QT_TR_NOOP("Retention")};
    setTitles<ColumnCount>(kTitles);
}

void KpiLeagueModel::setLines(std::vector<services::KpiBoardLine> lines) {
    beginResetModel();
    m_lines = std::move(lines);
    endResetModel();
}

QVariant KpiLeagueModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const services::KpiBoardLine& l = m_lines[static_cast<std::size_t>(index.row())];
    const KpiFigures& f = l.now;
    const auto money = [](std::int64_t units) { return Money::fromUnits(units); };
    const std::optional<double> commissionChange = kpiChange(
        static_cast<double>(f.commission),
        l.before ? std::optional<double>(static_cast<double>(l.before->commission)) : std::nullopt);
    const std::optional<double> profitChange = kpiChange(
        static_cast<double>(f.profit_12m),
        l.before ? std::optional<double>(static_cast<double>(l.before->profit_12m)) : std::nullopt);
    const int c = index.column();
    if (role == IdRole) return QString::fromStdString(l.id);
    if (role == TrendRole && c == Trend) {
        QVariantList v;
        for (double x : l.trend_profit) v.push_back(x);
        return v;
    }
    if (role == Qt::TextAlignmentRole)
        return c <= Branch ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                           : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole) {
        const QColor bad(0xB0, 0x30, 0x20), good(0x2E, 0x7D, 0x32);
        if (c == CommissionChange && commissionChange) return *commissionChange < 0 ? bad : good;
        if (c == ProfitChange && profitChange) return *profitChange < 0 ? bad : good;
        if (c == Coverage && f.coverageShare() < 0.6) return bad;
        if (c == Lost && f.lost > f.new_clients) return bad;
        return {};
    }
    if (role == Qt::ToolTipRole && c == Trend)
        return tr("12-month profit at each of the last %1 month-ends")
            .arg(static_cast<int>(l.trend_profit.size()));
    if (role != Qt::DisplayRole && role != SortRole) return {};
    const bool sort = role == SortRole;
    const auto count = [&](std::int64_t n) -> QVariant {
        return sort ? QVariant(static_cast<double>(n)) : QVariant(formatCount(n));
    };
    const auto share = [&](double s) -> QVariant {
        return sort ? QVariant(s) : QVariant(formatPercent(s));
    };
    const auto change = [&](std::optional<double> s) -> QVariant {
        if (sort) return s ? *s : -1e300;
        return s ? formatSignedPercent(*s) : QStringLiteral("—");
    };
    const auto cny = [&](std::int64_t units) -> QVariant {
        return sort ? QVariant(static_cast<double>(units)) : QVariant(formatCnyWhole(money(units)));
    };
    switch (static_cast<Column>(c)) {
    case Name:
        return QString::fromStdString(l.name.empty() ? l.id : l.name);
    case Id:
        return QString::fromStdString(l.id);
    case Branch:
        return QString::fromStdString(l.branch_id);
    case Clients:
        return count(f.clients);
    case Active:
        return count(f.active);
    case NewClients:
        return count(f.new_clients);
    case Lost:
        return count(f.lost);
    case Aum:
        return cny(f.aum);
    case NetInflow:
        return cny(f.net_inflow);
    case Commission:
        return cny(f.commission);
    case CommissionChange:
        return change(commissionChange);
    case Profit:
        return cny(f.profit_12m);
    case ProfitChange:
        return change(profitChange);
    case Trend:
        return sort ? QVariant(profitChange.value_or(0)) : QVariant(QString());
    case Vips:
        return count(f.vips);
    case VipChurn:
        return share(f.vipChurnRate());
    case Coverage:
        return share(f.coverageShare());
    case Contacts:
        return count(f.contacts);
    case Satisfaction:
        if (sort) return f.meanSatisfaction();
        return f.satisfaction_count > 0 ? QString::number(f.meanSatisfaction(), 'f', 2)
                                        : QStringLiteral("—");
    case Retention:
        return share(f.retentionRate());
    case ColumnCount:
        break;
    }
    return {};
}

QVariant KpiLeagueModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        // The columns whose title needs saying how it is counted.
        static constexpr std::pair<Column, const char*> kTips[] = {
            {Active, QT_TR_NOOP("Clients with a trade in the last 90 days")},
            {Lost, QT_TR_NOOP("Active at the month before, not now")},
            {Profit, QT_TR_NOOP("The value model's profit over the 12 months to the month-end")},
            {VipChurn, QT_TR_NOOP("Share of last month's VIPs who are no longer VIPs")},
            {Coverage, QT_TR_NOOP("Clients with a contact cadence contacted within it")},
            {Retention, QT_TR_NOOP("Clients active a year ago who are still active")}};
        for (const auto& [column, tip] : kTips)
            if (column == section) return tr(tip);
        return {};
    }
    return TitledTableModel::headerData(section, orientation, role);
}

} // namespace bd::ui
