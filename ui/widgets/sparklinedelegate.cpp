#include "widgets/sparklinedelegate.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace bd::ui {

void SparklineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    QStyledItemDelegate::paint(painter, option, index); // background and selection
    const QVariantList values = index.data(m_role).toList();
    if (values.size() < 2) return;
    double lo = values.front().toDouble(), hi = lo;
    for (const QVariant& v : values) {
        lo = std::min(lo, v.toDouble());
        hi = std::max(hi, v.toDouble());
    }
    const QRectF r = QRectF(option.rect).adjusted(4, 4, -6, -4);
    const double span = hi > lo ? hi - lo : 1.0;
    QPainterPath path;
    QPointF last;
    for (int i = 0; i < values.size(); ++i) {
        const double x =
            r.left() + r.width() * static_cast<double>(i) / static_cast<double>(values.size() - 1);
        const double y = r.bottom() - r.height() * (values[i].toDouble() - lo) / span;
        last = QPointF(x, hi > lo ? y : r.center().y());
        if (i == 0)
            path.moveTo(last);
        else
            path.lineTo(last);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(QColor(0x5B, 0x6B, 0x8C), 1.4));
    painter->drawPath(path);
    const bool up = values.back().toDouble() >= values.front().toDouble();
    painter->setPen(Qt::NoPen);
    painter->setBrush(up ? QColor(0x2E, 0x7D, 0x32) : QColor(0xB0, 0x30, 0x20));
    painter->drawEllipse(last, 2.6, 2.6);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(96, 22));
}

} // namespace bd::ui
