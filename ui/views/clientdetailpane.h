#pragma once
// Right-hand pane of the client book: one client's profile, latest assets, and the newest
// trades and contacts (Overview tab), the portfolio (Portfolio tab) and the value analysis
// (Value tab). The Portfolio and Value tabs load when shown.
#include <QWidget>

#include <QDate>

#include "storage/book/clientqueries.h"

class QFormLayout;
class QLabel;
class QTableWidget;
class QGroupBox;
class QTabWidget;

namespace bd::ui {

class PortfolioTab;
class ClientValueTab;

class ClientDetailPane : public QWidget {
    Q_OBJECT
  public:
    explicit ClientDetailPane(QWidget* parent = nullptr);

    /// Shows a client; ages are computed on `today`.
    void showDetail(const storage::ClientDetail& detail, const QDate& today = QDate::currentDate());
    /// Shows the empty state ("Select a client").
    void clear();
    /// Row id of the client shown, 0 when empty.
    qint64 clientRef() const { return m_ref; }
    /// The book the Portfolio and Value tabs read (not owned; nullptr detaches).
    void setDatabase(storage::Database* db);
    /// Tab indexes.
    enum Tab { OverviewTab = 0, PortfolioTabIndex = 1, ValueTabIndex = 2 };
    /// Switches to a tab (loading it when needed).
    void setCurrentTab(Tab tab);
    PortfolioTab* portfolioTab() const { return m_portfolio; }
    ClientValueTab* valueTab() const { return m_value; }

  private:
    void loadCurrentTab();

    storage::Database* m_db = nullptr;
    QString m_clientCode;
    bool m_portfolioStale = true;
    bool m_valueStale = true;
    QTabWidget* m_tabs = nullptr;
    PortfolioTab* m_portfolio = nullptr;
    ClientValueTab* m_value = nullptr;
    QLabel* addField(QFormLayout* form, const QString& label, const char* objectName);

    qint64 m_ref = 0;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    QGroupBox* m_profileBox = nullptr;
    QLabel* m_clientId = nullptr;
    QLabel* m_gender = nullptr;
    QLabel* m_age = nullptr;
    QLabel* m_idNumber = nullptr;
    QLabel* m_phone = nullptr;
    QLabel* m_email = nullptr;
    QLabel* m_broker = nullptr;
    QLabel* m_branch = nullptr;
    QLabel* m_opened = nullptr;
    QLabel* m_risk = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_channel = nullptr;
    QLabel* m_hours = nullptr;
    QLabel* m_aumTotal = nullptr;
    QLabel* m_aumCash = nullptr;
    QLabel* m_aumMarket = nullptr;
    QLabel* m_aumDate = nullptr;
    QGroupBox* m_tradesBox = nullptr;
    QGroupBox* m_contactsBox = nullptr;
    QTableWidget* m_trades = nullptr;
    QTableWidget* m_contacts = nullptr;
};

} // namespace bd::ui
