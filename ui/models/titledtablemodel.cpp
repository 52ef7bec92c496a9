#include "models/titledtablemodel.h"

#include <QCoreApplication>

namespace bd::ui {

int TitledTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rowTotal());
}

int TitledTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_titles.size());
}

QVariant TitledTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        static_cast<std::size_t>(section) >= m_titles.size())
        return {};
    // The subclass's class name is the context its QT_TR_NOOP titles were filed under.
    return QCoreApplication::translate(metaObject()->className(),
                                       m_titles[static_cast<std::size_t>(section)]);
}

} // namespace bd::ui
