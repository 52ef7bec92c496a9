#include "models/viptablemodel.h"

#include <QColor>
#include <QFont>
#include <QLocale>

#include "core/valueexplanation.h"
#include "format.h"

namespace bd::ui {

VipTableModel::VipTableModel(QObject* parent) : TitledTableModel(parent) {
    static constexpr const char* kTitles[] = {QT_TR_NOOP("Rank"),
                                              QT_TR_NOOP("Client ID"),
                                              QT_TR_NOOP("Name"),
                                              QT_TR_NOOP("Broker"),
                                              QT_TR_NOOP("Branch"),
                                              QT_TR_NOOP("Value score"),
                                              QT_TR_NOOP("Loyalty"),
                                              QT_TR_NOOP("Firm rank"),
                                              QT_TR_NOOP("Profit 12M (CNY)"),
                                              QT_TR_NOOP("CLV 12M (CNY)"),
                                              QT_TR_NOOP("AUM (CNY)"),
                                              QT_TR_NOOP("P(alive)"),
                                              QT_TR_NOOP("Why")};
    setTitles<ColumnCount>(kTitles);
}

void VipTableModel::setRows(std::shared_ptr<const std::vector<services::ScoredClient>> clients,
                            std::vector<std::size_t> rows) {
    beginResetModel();
    m_clients = std::move(clients);
    m_rows = std::move(rows);
    endResetModel();
}

void VipTableModel::setLoyalty(std::unordered_map<std::int64_t, LoyaltyClass> loyalty) {
    beginResetModel();
    m_loyalty = std::move(loyalty);
    endResetModel();
}

const services::ScoredClient& VipTableModel::clientAt(int row) const {
    return (*m_clients)[m_rows[static_cast<std::size_t>(row)]];
}

QVariant VipTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& c = clientAt(index.row());
    const auto& s = c.score;
    const QLocale en(QLocale::English);
    const int col = index.column();
    const auto loyalty = [&] {
        auto it = m_loyalty.find(s.client_ref);
        return it == m_loyalty.end() ? LoyaltyClass::Unknown : it->second;
    };
    if (role == SortRole) {
        switch (col) { // numbers sort by value; text columns by what is shown
        case Rank:
            return index.row() + 1;
        case Score:
            return s.value_score;
        case FirmRank:
            return static_cast<qlonglong>(s.value_rank);
        case Profit:
            return s.profit_12m.toDouble();
        case Clv:
            return s.clv_12m.toDouble();
        case Aum:
            return s.aum.toDouble();
        case PAlive:
            return s.p_alive;
        case Loyalty: // promoters first when sorted descending; unknown last
            return loyalty() == LoyaltyClass::Unknown ? 0 : 4 - static_cast<int>(loyalty());
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (col) {
        case Rank:
            return index.row() + 1;
        case ClientId:
            return QString::fromStdString(c.client_id);
        case Name:
            return QString::fromStdString(c.name);
        case Broker:
            return QString::fromStdString(c.broker_id);
        case Branch:
            return QString::fromStdString(c.branch_id);
        case Score:
            return en.toString(s.value_score, 'f', 0);
        case Loyalty:
            return loyalty() == LoyaltyClass::Unknown
                       ? QStringLiteral("—")
                       : QString::fromUtf8(phrase::name(loyalty(), uiLang()).data());
        case FirmRank:
            return formatCount(s.value_rank);
        case Profit:
            return formatCnyWhole(s.profit_12m);
        case Clv:
            return formatCnyWhole(s.clv_12m);
        case Aum:
            return formatCnyWhole(s.aum);
        case PAlive:
            return formatPercent(s.p_alive, 0);
        case Explanation:
            return QString::fromStdString(phrase::explanation(s.explanation_code, uiLang()));
        }
        return {};
    }
    if (role == Qt::ToolTipRole && col == Explanation) {
        QString tip =
            QString::fromStdString(phrase::explanation(s.explanation_code, phrase::Lang::En)) +
            "\n" +
            QString::fromStdString(phrase::explanation(s.explanation_code, phrase::Lang::Zh));
        if (s.aum_rich_low_value)
            tip += "\n" + tr("AUM-rich, low value: %1")
                              .arg(QString::fromStdString(phrase::flagReasons(
                                  flagReasonsFromCodes(s.flag_reason), uiLang())));
        return tip;
    }
    if (role == Qt::TextAlignmentRole) {
        if (col == Score || col == FirmRank || col == Profit || col == Clv || col == Aum ||
            col == PAlive || col == Rank)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ForegroundRole) {
        // Only losses stand out: a ranking of profitable clients needs no colour.
        if (col == Profit && s.profit_12m.units < 0) return QColor(0xB7, 0x1C, 0x1C);
        if (col == PAlive && s.p_alive < 0.3) return QColor(0xB7, 0x1C, 0x1C);
    }
    if (role == Qt::FontRole && col == Score) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

} // namespace bd::ui
