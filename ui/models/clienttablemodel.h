#pragma once
// The client book as a table model that pages from SQLite: the first page on reset, further
// pages through canFetchMore/fetchMore (keyset paging), sorting and filtering done in SQL.
// Told that clients changed, it re-reads only their rows, unless the change moves rows in or
// out of what is loaded.
#include <optional>
#include <vector>

#include "models/titledtablemodel.h"
#include "services/bookchange.h"
#include "services/clientbook.h"

namespace bd::ui {

class ClientTableModel : public TitledTableModel {
    Q_OBJECT
  public:
    enum Column {
        ClientId,
        Name,
        Broker,
        Aum,
        Trades12m,
        LastContact,
        Risk,
        Status,
        OpenDate,
        Branch,
        Phone,
        ColumnCount
    };
    /// Data role returning the client's row id (clients.id) as qint64 (the model sorts in SQL and
    /// answers no SortRole).
    static constexpr int RefRole = SortRole + 1;

    explicit ClientTableModel(QObject* parent = nullptr);

    /// Uses `db` (not owned; may be null) and reloads.
    void setDatabase(services::Database* db);
    /// Rows per page (default 200).
    void setPageSize(int rows);
    /// Prefix search over name, client id and phone; reloads when it changed.
    void setSearch(const QString& text);
    /// Restricts to one broker ("" = all); reloads when it changed.
    void setBrokerFilter(const QString& brokerId);
    /// The filters of the Clients table besides search and broker (branch, status, risk level,
    /// segment, VIP, tag; their fields of ClientQuery); reloads when they changed.
    void setFilters(const services::ClientQuery& filters);
    /// The current search and filters (a bulk action on every matching client reads them).
    const services::ClientQuery& query() const { return m_query; }
    /// Re-runs the current query from the first page (after the book changed).
    void reload();
    /// These clients changed: their loaded rows are read again in place (dataChanged), or the
    /// query re-runs (reloaded) when a change moves a row within, into or out of the loaded
    /// rows; the matching count follows (countChanged).
    void refreshClients(const services::ClientSet& clients);
    /// Changed clients re-read in place at most; more re-run the query.
    static constexpr std::size_t kMaxRefreshedRows = 500;

    /// Clients matching the current filter (loaded or not).
    qint64 matchingCount() const { return m_matching; }
    qint64 refAt(int row) const;
    /// The sort key behind a column, or nullopt when the column is not sortable.
    static std::optional<services::ClientSortKey> sortKeyFor(int column);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const {
        return m_query.descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    /// Sorts in SQL; ignored for columns without a sort key.
    void sort(int column, Qt::SortOrder order) override;

  signals:
    /// The query was re-run (new filter, sort or book); the matching count may have changed.
    void reloaded();
    /// The number of matching clients changed without a reload.
    void countChanged();
    void errorOccurred(const QString& message);

  private:
    std::size_t rowTotal() const override { return m_rows.size(); }
    bool loadPage(std::vector<services::ClientRow>& out, bool& more);
    /// Whether row `a` comes before row `b` in the query's order.
    bool before(const services::ClientRow& a, const services::ClientRow& b) const;

    services::Database* m_db = nullptr;
    services::ClientQuery m_query;
    int m_sortColumn = Aum;
    std::vector<services::ClientRow> m_rows;
    bool m_atEnd = true;
    // True while the model changes and notifies: slots on reset/insert signals (views,
    // QAbstractItemModelTester) may call fetchMore, which must not nest inside the change.
    bool m_changing = false;
    qint64 m_matching = 0;
};

} // namespace bd::ui
