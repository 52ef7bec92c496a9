#include "models/planitemmodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include "format.h"

namespace bd::ui {

QString PlanItemModel::statusLabel(services::TaskStatus s) {
    // In TaskStatus order.
    static constexpr const char* kLabels[] = {QT_TR_NOOP("To do"), QT_TR_NOOP("Done"),
                                              QT_TR_NOOP("Skipped"), QT_TR_NOOP("Kept"),
                                              QT_TR_NOOP("Tried")};
    return tableLabel<PlanItemModel>(kLabels, s);
}

PlanItemModel::PlanItemModel(QObject* parent) : TitledTableModel(parent) {
    static constexpr const char* kTitles[] = {
        QT_TR_NOOP("Date"),         QT_TR_NOOP("Priority"), QT_TR_NOOP("Client"),
        QT_TR_NOOP("Name"),         QT_TR_NOOP("Phone"),    QT_TR_NOOP("Channel"),
        QT_TR_NOOP("Time"),         QT_TR_NOOP("Why"),      QT_TR_NOOP("Tier"),
        QT_TR_NOOP("Last contact"), QT_TR_NOOP("Segment"),  QT_TR_NOOP("Status")};
    setTitles<ColumnCount>(kTitles);
}

void PlanItemModel::setItems(std::vector<services::PlanItem> items, bool chinese) {
    beginResetModel();
    m_items = std::move(items);
    m_chinese = chinese;
    endResetModel();
}

const services::PlanItem* PlanItemModel::item(int row) const {
    if (row < 0 || row >= static_cast<int>(m_items.size())) return nullptr;
    return &m_items[static_cast<std::size_t>(row)];
}

QVariant PlanItemModel::data(const QModelIndex& index, int role) const {
    const services::PlanItem* it = item(index.row());
    if (!it) return {};
    const auto q = [](const std::string& s) { return QString::fromStdString(s); };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Day:
            return formatDate(it->date);
        case Priority:
            return QString::number(it->priority, 'f', 1);
        case Client:
            return q(it->client_id);
        case Name:
            return q(it->name);
        case Phone:
            return q(it->phone);
        case Channel:
            return enumLabel(it->channel) +
                   (it->channel_fallback ? QStringLiteral(" *") : QString());
        case Window:
            return q(it->time_window);
        case Reasons:
            return q(phrase::reasons(it->reasons, lang()));
        case Tier:
            return q(it->value_tier);
        case LastContact:
            return it->last_contact ? formatDate(*it->last_contact) : tr("never");
        case Segment:
            return q(phrase::segmentName(it->segment_fact, it->segment_zh, it->segment_en, lang()));
        case Status: {
            QString s = statusLabel(it->status);
            if (it->attempts > 0) s += tr(" (%n tries)", nullptr, it->attempts);
            return s;
        }
        default:
            return {};
        }
    }
    if (role == Qt::UserRole) { // sort keys
        switch (index.column()) {
        case Day:
            return static_cast<qlonglong>(it->date.days);
        case Priority:
            return it->priority;
        case LastContact:
            return it->last_contact ? static_cast<qlonglong>(it->last_contact->days) : -1LL;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Reasons || index.column() == Name)
            return q(phrase::points(it->talking_points, lang()));
        if (index.column() == Channel && it->channel_fallback)
            return tr("The preferred channel is full that day; this is the fallback.");
    }
    if (role == Qt::TextAlignmentRole && index.column() == Priority)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && index.column() == Tier && it->value_tier == "VIP") {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ForegroundRole && it->late_working_days > 0)
        return QBrush(QColor(0xB0, 0x30, 0x20)); // past its deadline
    return {};
}

} // namespace bd::ui
