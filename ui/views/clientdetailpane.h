#pragma once
// Right-hand pane of the client book: one client's profile, latest assets, and the newest
// trades and contacts (Overview tab), the portfolio (Portfolio tab) and the value analysis
// (Value tab), its notes (Notes tab) and audit trail (History tab); Edit…, Log contact…, the
// tag chips and the household box (relations to other clients) write through the session. The
// Portfolio and Value tabs load when shown. It follows the book session: a change to the client
// shown (a contact logged on Today, a new refresh) shows at once.
#include <QWidget>

#include <QDate>

#include "services/clientbook.h"
#include "services/commands/command.h"
#include "services/commands/records.h"

class QFormLayout;
class QLabel;
class QTableWidget;
class QGroupBox;
class QTabWidget;
class QListWidget;
class QPushButton;

namespace bd::ui {

class BookSession;
class PortfolioTab;
class ClientValueTab;

class ClientDetailPane : public QWidget {
    Q_OBJECT
  public:
    explicit ClientDetailPane(QWidget* parent = nullptr);

    /// The session whose book the pane reads (not owned; set once).
    void setSession(BookSession* session);
    /// Reads a client's detail from the book and shows it (the empty state on error, which is
    /// reported through errorOccurred).
    void showClient(qint64 clientRef);
    /// Shows a client; ages are computed on `today`.
    void showDetail(const services::ClientDetail& detail,
                    const QDate& today = QDate::currentDate());
    /// Shows the empty state ("Select a client").
    void clear();
    /// Row id of the client shown, 0 when empty.
    qint64 clientRef() const { return m_ref; }
    /// Tab indexes.
    enum Tab {
        OverviewTab = 0,
        PortfolioTabIndex = 1,
        ValueTabIndex = 2,
        NotesTabIndex = 3,
        HistoryTabIndex = 4
    };
    /// Switches to a tab (loading it when needed).
    void setCurrentTab(Tab tab);
    PortfolioTab* portfolioTab() const { return m_portfolio; }
    ClientValueTab* valueTab() const { return m_value; }

    // The pane's writes, each through the session (also what its buttons do after asking).
    /// Opens the Edit client dialog for the client shown.
    void editClient();
    /// Opens the Log contact dialog (a contact without a plan item, inbound or outbound).
    void logContact();
    /// Sets or removes a tag on the client shown; false (with errorOccurred) when refused.
    bool setTag(const QString& tag, bool remove);
    /// Gives a tag another colour ("#rrggbb") for every client carrying it (an undoable
    /// command); false (with errorOccurred) when refused. The chip's colour button asks here.
    bool setTagColour(const QString& tag, const QString& colour);
    /// Adds a note to the client shown; false (with errorOccurred) when refused.
    bool addNote(const QString& text);
    /// Opens Correct contact (notes, outcome) or Void contact (reason) for the selected row of
    /// the recent contacts (ContactFixDialog: one command through the session).
    void correctContact();
    void voidContact();
    /// The recent contacts (the contact's id in column 0's Qt::UserRole).
    QTableWidget* contactsTable() const { return m_contacts; }
    /// The History tab's table (the client's audit rows, newest first).
    QTableWidget* historyTable() const { return m_history; }
    /// Relates the client shown to another (`kind`: what the other is to it); false (with
    /// errorOccurred) when refused.
    bool relateTo(const QString& otherClientId, RelationKind kind);
    /// Removes the relation between the client shown and another; false when refused.
    bool unrelate(const QString& otherClientId);
    /// Opens the Add relation dialog (search a client, pick the kind).
    void addRelation();
    /// The household table (members, then other relations) and its totals line.
    QTableWidget* householdTable() const { return m_household; }
    QLabel* householdTotals() const { return m_householdTotals; }

    /// An audit row's kind of operation and what it changed, in words (the History tab's and
    /// the Audit page's columns).
    static QString auditKindText(const services::AuditRow& row);
    static QString auditChangesText(const services::AuditRow& row);
    /// What an audit row names (its entity id), with a profile field in words: a local
    /// correction "C1/email" reads "C1/Email".
    static QString auditEntityIdText(const services::AuditRow& row);
    /// A profile field's label ("Preferred channel"), as the pane and the edit dialog show it.
    static QString fieldLabel(services::cmd::ClientField f);

  signals:
    void errorOccurred(const QString& message);

  private:
    void loadCurrentTab();
    /// Tags, notes and history of the client shown (read through services).
    void loadRecords();
    /// The household box of the client shown.
    void loadHousehold();
    void clearChips();
    /// Opens the correct (true) or void dialog for the selected contact.
    void fixContact(bool correct);

    BookSession* m_session = nullptr;
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
    QLabel* m_riskAssessed = nullptr;
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
    QPushButton* m_edit = nullptr;
    QPushButton* m_log = nullptr;
    QPushButton* m_correctContact = nullptr;
    QPushButton* m_voidContact = nullptr;
    QWidget* m_tagChips = nullptr;
    QListWidget* m_notes = nullptr;
    QTableWidget* m_history = nullptr;
    QGroupBox* m_householdBox = nullptr;
    QTableWidget* m_household = nullptr;
    QLabel* m_householdTotals = nullptr;
    QPushButton* m_addRelation = nullptr;
    QPushButton* m_removeRelation = nullptr;
};

} // namespace bd::ui
