#include "widgets/tablehelpers.h"

#include <QHeaderView>

namespace bd::ui {

SortableItem::SortableItem(const QString& text, const QVariant& key, Qt::Alignment align)
    : QTableWidgetItem(text) {
    setData(kSortRole, key);
    setTextAlignment(align);
}

bool SortableItem::operator<(const QTableWidgetItem& other) const {
    const QVariant a = data(kSortRole);
    const QVariant b = other.data(kSortRole);
    if (a.isValid() && b.isValid()) return QVariant::compare(a, b) == QPartialOrdering::Less;
    return QTableWidgetItem::operator<(other);
}

QTableWidgetItem* textItem(const QString& text, Qt::Alignment align) {
    auto* item = new SortableItem(text, text, align);
    return item;
}

QTableWidgetItem* numberItem(const QString& text, double key) {
    return new SortableItem(text, key);
}

QTableWidget* makeReadOnlyTable(const QStringList& headers, const char* objectName,
                                QWidget* parent) {
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setObjectName(objectName);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->setVisible(false);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->horizontalHeader()->setHighlightSections(false);
    return t;
}

} // namespace bd::ui
