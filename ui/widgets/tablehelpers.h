#pragma once
// Small helpers for the read-only QTableWidgets of the workstation: numeric items that sort
// by value while showing formatted text, and a consistently styled table.
#include <QTableWidget>

namespace bd::ui {

/// Sort key role of SortableItem.
inline constexpr int kSortRole = Qt::UserRole + 100;

/// A cell that shows text but sorts by the number (or string) stored under kSortRole.
class SortableItem : public QTableWidgetItem {
  public:
    SortableItem(const QString& text, const QVariant& key,
                 Qt::Alignment align = Qt::AlignRight | Qt::AlignVCenter);
    bool operator<(const QTableWidgetItem& other) const override;
};

/// A text cell (left aligned unless told).
QTableWidgetItem* textItem(const QString& text,
                           Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter);
/// A right-aligned number cell sorting by `key`.
QTableWidgetItem* numberItem(const QString& text, double key);

/// Where a list differs from the workstation's usual look.
struct ListLook {
    int row_height_px = 0;        // 0: a line of text + 8 px
    bool single_selection = true; // false: the view's default (extended) selection
};

/// The workstation's look for a list of rows: whole rows selected, alternating colours, no word
/// wrap, no editing, no row numbers, header sections not highlighted when a row is selected.
void setListLook(QTableView* table, const ListLook& look = {});

/// A read-only, row-selecting table with the workstation's look.
QTableWidget* makeReadOnlyTable(const QStringList& headers, const char* objectName, QWidget* parent,
                                const ListLook& look = {});

/// A sorting view of `model` with the workstation's look.
QTableView* makeListView(QAbstractItemModel* model, const char* objectName, QWidget* parent,
                         const ListLook& look = {});

} // namespace bd::ui
