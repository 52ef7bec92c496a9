#pragma once
// The manager's dashboard league table: one row per broker (or branch) of a month with its
// name and the KPI figures (docs/kpi.md), the month-over-month change of commission and profit,
// and the last months' profit for a trend line (TrendRole). A small set (a few hundred rows):
// a QSortFilterProxyModel sorts it by SortRole.
#include <vector>

#include "models/titledtablemodel.h"
#include "services/kpi.h"

namespace bd::ui {

class KpiLeagueModel : public TitledTableModel {
    Q_OBJECT
  public:
    enum Column {
        Name,
        Id,
        Branch,
        Clients,
        Active,
        NewClients,
        Lost,
        Aum,
        NetInflow,
        Commission,
        CommissionChange,
        Profit,
        ProfitChange,
        Trend,
        Vips,
        VipChurn,
        Coverage,
        Contacts,
        Satisfaction,
        Retention,
        ColumnCount
    };
    /// The Trend column's values (QVariantList of double, oldest first).
    static constexpr int TrendRole = Qt::UserRole + 2;
    /// The row's broker or branch id.
    static constexpr int IdRole = Qt::UserRole + 3;

    explicit KpiLeagueModel(QObject* parent = nullptr);

    /// Shows these lines (one reset).
    void setLines(std::vector<services::KpiBoardLine> lines);
    const std::vector<services::KpiBoardLine>& lines() const { return m_lines; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    /// The titles, row numbers down the side, and tooltips on the columns that need a word.
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    std::size_t rowTotal() const override { return m_lines.size(); }
    std::vector<services::KpiBoardLine> m_lines;
};

/// Change from `before` to `now` as a fraction of |before|; nullopt without a base.
std::optional<double> kpiChange(double now, std::optional<double> before);

} // namespace bd::ui
