#pragma once
// A broker's plan items (Open and Held follow-up tasks) as a table for the Today view.
#include <QAbstractTableModel>
#include <vector>

#include "phrasebook/phrasebook.h"
#include "services/planitems.h"

namespace bd::ui {

class PlanItemModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        Day,
        Priority,
        Client,
        Name,
        Phone,
        Channel,
        Window,
        Reasons,
        Tier,
        LastContact,
        Segment,
        Status,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    /// Replaces the items; `chinese` picks the reasons' and segment names' language.
    void setItems(std::vector<services::PlanItem> items, bool chinese);
    const services::PlanItem* item(int row) const;
    const std::vector<services::PlanItem>& items() const { return m_items; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    std::vector<services::PlanItem> m_items;
    bool m_chinese = false;
    phrase::Lang lang() const { return m_chinese ? phrase::Lang::Zh : phrase::Lang::En; }
};

/// The status word of a task ("To do", "Held", ...).
QString taskStatusLabel(services::TaskStatus s);

} // namespace bd::ui
