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

void setListLook(QTableView* table, const ListLook& look) {
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(
        look.row_height_px > 0 ? look.row_height_px : table->fontMetrics().height() + 8);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    if (look.single_selection) table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->horizontalHeader()->setHighlightSections(false);
}

QTableWidget* makeReadOnlyTable(const QStringList& headers, const char* objectName, QWidget* parent,
                                const ListLook& look) {
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setObjectName(objectName);
    t->setHorizontalHeaderLabels(headers);
    setListLook(t, look);
    return t;
}

QTableView* makeListView(QAbstractItemModel* model, const char* objectName, QWidget* parent,
                         const ListLook& look) {
    auto* t = new QTableView(parent);
    t->setObjectName(objectName);
    t->setModel(model);
    t->setSortingEnabled(true);
    setListLook(t, look);
    return t;
}

} // namespace bd::ui
