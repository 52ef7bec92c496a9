#include "models/segmentprofilemodel.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QLocale>

#include <cmath>
#include <map>
#include <optional>
#include <string>

#include "charts/chartstyle.h"
#include "format.h"

namespace bd::ui {

namespace {

constexpr auto kRight = Qt::AlignRight | Qt::AlignVCenter;
constexpr auto kLeft = Qt::AlignLeft | Qt::AlignVCenter;
const QString kDash = QStringLiteral("—");

QString fixed(double v, int decimals) {
    // A value that rounds to zero shows as 0, never as "-0.00".
    if (std::abs(v) < 0.5 * std::pow(10.0, -decimals)) v = 0.0;
    return QLocale(QLocale::English).toString(v, 'f', decimals);
}

QString opt(const std::optional<double>& v, int decimals) {
    return v && std::isfinite(*v) ? fixed(*v, decimals) : kDash;
}

QString optPercent(const std::optional<double>& v) {
    return v && std::isfinite(*v) ? formatPercent(*v) : kDash;
}

/// The figure of the columns AumShare to Growth (any of them).
const std::optional<double>& figure(const services::SegmentRow& s, int column) {
    using services::SegmentRow;
    static constexpr std::optional<double> SegmentRow::*kFigures[] = {
        &SegmentRow::aum_share,       &SegmentRow::profit_share, &SegmentRow::mean_aum,
        &SegmentRow::mean_profit_12m, &SegmentRow::mean_clv_12m, &SegmentRow::growth_potential};
    static_assert(std::size(kFigures) ==
                  SegmentProfileModel::Growth - SegmentProfileModel::AumShare + 1);
    return s.*kFigures[column - SegmentProfileModel::AumShare];
}

QString optYuan(const std::optional<double>& v) {
    return v ? formatYuan(*v) : kDash;
}

// Readable column titles for the segmentation features.
QString featureTitle(const std::string& name) {
    static const std::map<std::string, const char*> titles = {
        {"aum", QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "AUM")},
        {"commission_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "Commission 12M")},
        {"profit_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "Profit 12M")},
        {"clv_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "CLV 12M")},
        {"trades_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "Trade days 12M")},
        {"contacts_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "Contacts")},
        {"days_since_trade", QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "Days since trade")},
        {"contact_gap_days",
         QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "Days since contact")},
        {"tenure_days", QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "Tenure (days)")},
        {"aum_trend", QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "AUM trend")},
        {"satisfaction", QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "Satisfaction")},
        {"net_inflow_12m", QT_TRANSLATE_NOOP("bd::ui::SegmentProfileModel", "Net inflow 12M")},
    };
    auto it = titles.find(name);
    return it == titles.end()
               ? QString::fromStdString(name)
               : QCoreApplication::translate("bd::ui::SegmentProfileModel", it->second);
}

// How a feature mean reads: money in yuan, trends and satisfaction to two decimals.
QString featureText(const std::string& name, double v) {
    if (!std::isfinite(v)) return kDash;
    if (name == "aum_trend" || name == "satisfaction") return fixed(v, 2);
    if (name == "commission_12m" || name == "net_inflow_12m") return formatYuan(v);
    return fixed(v, 1);
}

} // namespace

void SegmentProfileModel::setSurveys(std::map<int, analytics::SurveyTally> bySegment) {
    beginResetModel();
    m_surveys = std::move(bySegment);
    endResetModel();
}

SegmentProfileModel::SegmentProfileModel(QObject* parent) : TitledTableModel(parent) {
    // The fixed columns; the feature columns are titled by their feature.
    static constexpr const char* kTitles[] = {
        QT_TR_NOOP("ID"),           QT_TR_NOOP("Name (ZH)"),
        QT_TR_NOOP("Name (EN)"),    QT_TR_NOOP("Relationship"),
        QT_TR_NOOP("Clients"),      QT_TR_NOOP("% clients"),
        QT_TR_NOOP("% AUM"),        QT_TR_NOOP("% profit"),
        QT_TR_NOOP("Mean AUM"),     QT_TR_NOOP("Mean profit 12M"),
        QT_TR_NOOP("Mean CLV 12M"), QT_TR_NOOP("Growth potential"),
        QT_TR_NOOP("Loyalty (NPS)")};
    setTitles<FirstFeature>(kTitles);
}

void SegmentProfileModel::setSegments(std::vector<services::SegmentRow> segments) {
    beginResetModel();
    m_segments = std::move(segments);
    // Feature means, except those the fixed columns already show.
    m_features.clear();
    if (!m_segments.empty()) {
        const auto& means = m_segments.front().feature_means;
        for (std::size_t f = 0; f < means.size(); ++f) {
            const auto& name = means[f].first;
            if (name != "aum" && name != "profit_12m" && name != "clv_12m") m_features.push_back(f);
        }
    }
    endResetModel();
}

void SegmentProfileModel::updateNames(const std::vector<services::SegmentRow>& segments) {
    for (std::size_t r = 0; r < m_segments.size(); ++r) {
        auto& s = m_segments[r];
        for (const auto& n : segments) {
            if (n.segment_id != s.segment_id) continue;
            if (n.name_fact == s.name_fact && n.name_zh == s.name_zh && n.name_en == s.name_en &&
                n.name_edited == s.name_edited)
                break;
            s.name_fact = n.name_fact;
            s.name_zh = n.name_zh;
            s.name_en = n.name_en;
            s.name_edited = n.name_edited;
            const int row = static_cast<int>(r);
            emit dataChanged(index(row, NameZh), index(row, NameEn));
            break;
        }
    }
}

int SegmentProfileModel::segmentIdAt(int row) const {
    return row >= 0 && row < rowCount() ? m_segments[static_cast<std::size_t>(row)].segment_id : -1;
}

int SegmentProfileModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || m_segments.empty()
               ? 0
               : FirstFeature + static_cast<int>(m_features.size());
}

QVariant SegmentProfileModel::display(const services::SegmentRow& s, int column) const {
    switch (column) {
    case SegId:
        return QString::number(s.segment_id);
    case NameZh:
        return QString::fromStdString(
            phrase::segmentName(s.name_fact, s.name_zh, s.name_en, phrase::Lang::Zh));
    case NameEn:
        return QString::fromStdString(
            phrase::segmentName(s.name_fact, s.name_zh, s.name_en, phrase::Lang::En));
    case Relationship:
        return relationshipLabel(s.relationship_type);
    case Size:
        return formatCount(s.size);
    case ClientShare:
        return formatPercent(s.client_share);
    case AumShare:
    case ProfitShare:
        return optPercent(figure(s, column));
    case MeanAum:
    case MeanProfit:
    case MeanClv:
        return optYuan(figure(s, column));
    case Growth:
        return opt(s.growth_potential, 2);
    case Nps: {
        auto it = m_surveys.find(s.segment_id);
        if (it == m_surveys.end() || !it->second.nps()) return QStringLiteral("—");
        return tr("%1 (%2 answers)")
            .arg(QString::fromStdString(phrase::nps(it->second.nps(), uiLang())))
            .arg(it->second.recommendAnswers());
    }
    default:
        return {};
    }
}

QVariant SegmentProfileModel::sortKey(const services::SegmentRow& s, int column) const {
    switch (column) {
    case SegId:
        return s.segment_id;
    case NameZh:
    case NameEn:
    case Relationship:
        return display(s, column);
    case Size:
        return static_cast<double>(s.size);
    case ClientShare:
        return s.client_share;
    case AumShare:
    case ProfitShare:
    case MeanAum:
    case MeanProfit:
    case MeanClv:
    case Growth:
        return figure(s, column).value_or(0);
    case Nps: {
        auto it = m_surveys.find(s.segment_id);
        return it == m_surveys.end() ? -1000.0 : it->second.nps().value_or(-1000.0);
    }
    default:
        return {};
    }
}

QVariant SegmentProfileModel::featureCell(const services::SegmentRow& s, int column,
                                          int role) const {
    const std::size_t f = m_features[static_cast<std::size_t>(column - FirstFeature)];
    if (f >= s.feature_means.size()) return {};
    const auto& [name, mean] = s.feature_means[f];
    const std::optional<double> z =
        f < s.feature_z.size() ? std::optional<double>(s.feature_z[f].second) : std::nullopt;
    switch (role) {
    case Qt::DisplayRole:
        return featureText(name, mean);
    case SortRole:
        return std::isfinite(mean) ? mean : 0.0;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(kRight);
    case Qt::ToolTipRole:
        return z ? tr("%1 standard deviations from the book's mean").arg(fixed(*z, 2)) : QVariant();
    case Qt::BackgroundRole:
        if (z && *z >= 0.5) return QBrush(QColor(0xFD, 0xEC, 0xEA));
        if (z && *z <= -0.5) return QBrush(QColor(0xE8, 0xF0, 0xFB));
        return {};
    default:
        return {};
    }
}

QVariant SegmentProfileModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const int row = index.row(), column = index.column();
    const auto& s = m_segments[static_cast<std::size_t>(row)];
    if (column >= FirstFeature) return featureCell(s, column, role);
    const bool name = column == NameZh || column == NameEn;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return display(s, column);
    case SortRole:
        return sortKey(s, column);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(name || column == Relationship ? kLeft : kRight);
    case Qt::DecorationRole:
        return column == SegId ? QVariant(paletteColor(row)) : QVariant();
    case Qt::ToolTipRole:
        if (!name) return {};
        return s.name_edited ? tr("Renamed by a user; kept across refreshes")
                             : tr("Generated name; double-click to rename");
    case Qt::FontRole:
        if (name && s.name_edited) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    default:
        return {};
    }
}

QVariant SegmentProfileModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= columnCount())
        return {};
    if (section < FirstFeature) return TitledTableModel::headerData(section, orientation, role);
    const std::size_t f = m_features[static_cast<std::size_t>(section - FirstFeature)];
    return featureTitle(m_segments.front().feature_means[f].first);
}

Qt::ItemFlags SegmentProfileModel::flags(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == NameZh || index.column() == NameEn) f |= Qt::ItemIsEditable;
    return f;
}

bool SegmentProfileModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) ||
        (index.column() != NameZh && index.column() != NameEn))
        return false;
    const auto& s = m_segments[static_cast<std::size_t>(index.row())];
    const QString name = value.toString().trimmed();
    if (name.isEmpty() || name == display(s, index.column()).toString()) return false;
    const bool zh = index.column() == NameZh;
    // The other language keeps the name it shows now (generated words become typed text).
    emit renameRequested(s.segment_id, zh ? name : display(s, NameZh).toString(),
                         zh ? display(s, NameEn).toString() : name);
    return true;
}

} // namespace bd::ui
