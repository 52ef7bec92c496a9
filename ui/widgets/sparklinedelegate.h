#pragma once
// Draws a small trend line in a table cell from a list of numbers under a role (the manager's
// league table: each broker's 12-month profit at the last month-ends); the last point is
// marked, green when it is above the first, red when below.
#include <QStyledItemDelegate>

namespace bd::ui {

class SparklineDelegate : public QStyledItemDelegate {
    Q_OBJECT
  public:
    SparklineDelegate(int valuesRole, QObject* parent = nullptr)
        : QStyledItemDelegate(parent), m_role(valuesRole) {}
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

  private:
    int m_role;
};

} // namespace bd::ui
