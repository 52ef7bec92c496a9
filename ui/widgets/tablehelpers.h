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

/// A read-only, row-selecting table with the workstation's look.
QTableWidget* makeReadOnlyTable(const QStringList& headers, const char* objectName,
                                QWidget* parent);

} // namespace bd::ui
