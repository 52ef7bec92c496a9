#pragma once
// Rows of a VIP ranking: scored clients (shared with the view) in ranked order, with the
// numbers needed to sort by any column.

#include <memory>
#include <unordered_map>
#include <vector>

#include "core/survey.h"
#include "models/titledtablemodel.h"

#include "services/vipranking.h"

namespace bd::ui {

class VipTableModel : public TitledTableModel {
    Q_OBJECT
  public:
    enum Column {
        Rank,
        ClientId,
        Name,
        Broker,
        Branch,
        Score,
        Loyalty, // NPS class of the client's latest survey answer (services/surveys.h)
        FirmRank,
        Profit,
        Clv,
        Aum,
        PAlive,
        Explanation,
        ColumnCount
    };

    explicit VipTableModel(QObject* parent = nullptr);

    /// Shows `rows` (indexes into `clients`, best first); rank = position + 1.
    void setRows(std::shared_ptr<const std::vector<services::ScoredClient>> clients,
                 std::vector<std::size_t> rows);
    /// Each answering client's loyalty class (services::loadLoyalty), by client ref.
    void setLoyalty(std::unordered_map<std::int64_t, LoyaltyClass> loyalty);
    /// The scored client of a row.
    const services::ScoredClient& clientAt(int row) const;

    QVariant data(const QModelIndex& index, int role) const override;

  private:
    std::size_t rowTotal() const override { return m_rows.size(); }
    std::shared_ptr<const std::vector<services::ScoredClient>> m_clients;
    std::vector<std::size_t> m_rows;
    std::unordered_map<std::int64_t, LoyaltyClass> m_loyalty;
};

} // namespace bd::ui
