#pragma once
// A broker's plan items (Open and Held follow-up tasks) as a table for the Today view.
#include <vector>

#include "models/titledtablemodel.h"
#include "phrasebook/phrasebook.h"
#include "services/planitems.h"

namespace bd::ui {

class PlanItemModel : public TitledTableModel {
    Q_OBJECT
  public:
    /// The status word of a task ("To do", "Kept", ...).
    static QString statusLabel(services::TaskStatus s);

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

    explicit PlanItemModel(QObject* parent = nullptr);

    /// Replaces the items; `chinese` picks the reasons' and segment names' language.
    void setItems(std::vector<services::PlanItem> items, bool chinese);
    const services::PlanItem* item(int row) const;
    const std::vector<services::PlanItem>& items() const { return m_items; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

  private:
    std::size_t rowTotal() const override { return m_items.size(); }
    std::vector<services::PlanItem> m_items;
    bool m_chinese = false;
    phrase::Lang lang() const { return m_chinese ? phrase::Lang::Zh : phrase::Lang::En; }
};

} // namespace bd::ui
