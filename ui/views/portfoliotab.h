#pragma once
// The client pane's Portfolio tab: holdings with P&L, the account value chart from asset
// snapshots, risk badges (thresholds from the book's settings) and suitability alerts.
#include <QWidget>

#include <array>
#include <vector>

#include "core/domain.h"
#include "services/book.h"

class QChartView;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QListWidget;
class QTableWidget;

namespace bd::analytics {
struct PortfolioReport;
}

namespace bd::ui {

class PortfolioTab : public QWidget {
    Q_OBJECT
  public:
    explicit PortfolioTab(QWidget* parent = nullptr);

    /// Loads and shows the portfolio of a client (about 6 ms for 5,000 trades: done inline).
    void showClient(services::Database& db, const QString& clientId);
    /// Empty state.
    void clear();
    /// Holdings rows shown (for tests and the status line).
    int holdingsCount() const;
    /// The client shown, empty when none.
    QString clientId() const { return m_clientId; }

  private:
    /// The figures above the holdings, left to right.
    enum Stat {
        StatMarketValue,
        StatCash,
        StatUnrealized,
        StatRealized,
        StatReturn1m,
        StatReturn3m,
        StatReturn12m,
        StatCount
    };

    void showReport(const analytics::PortfolioReport& r);
    void showBadges(const analytics::PortfolioReport& r);
    void showChart(const std::vector<AssetSnapshot>& snapshots);
    QLabel* addStat(QHBoxLayout* row, const QString& caption, const char* objectName);

    QString m_clientId;
    QLabel* m_headline = nullptr;
    std::array<QLabel*, StatCount> m_stats{}; // the figures above the holdings
    QWidget* m_badges = nullptr;
    QHBoxLayout* m_badgeLayout = nullptr;
    QTableWidget* m_holdings = nullptr;
    QGroupBox* m_holdingsBox = nullptr;
    QChartView* m_chart = nullptr;
    QListWidget* m_alerts = nullptr;
    QGroupBox* m_alertsBox = nullptr;
};

} // namespace bd::ui
