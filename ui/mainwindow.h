#pragma once
// The workstation's main window: a navigation list on the left and one page per task —
// Clients (the client book with a detail pane), Today, VIP, Value, Segments, Coverage,
// Manager (the manager's desk: KPIs over time), Calendar (the exchange calendar) and Audit
// (the audit trail, filtered). Edit ›
// Settings… edits the book's settings; when a book opens, a bar reminds of promised calls due
// today and urgent items overdue, and Today's button carries their count. The
// window creates the book session; every page receives it, loads when first shown and follows
// the session's changes; addPage() is how a page joins.
#include <QMainWindow>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "services/book.h"
#include "services/bookchange.h"
#include "services/reminders.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSplitter;
class QTableView;
class QTimer;
class QAction;
class QButtonGroup;
class QPushButton;
class QVBoxLayout;
class QStackedWidget;

namespace bd::ui {

class BookSession;
class BookView;
class ClientTableModel;
class ClientDetailPane;
class ClientSearchBox;
class SettingsDialog;
class ClientFilterBar;
class BulkActionDialog;
class DuplicatesDialog;
class ConnectDialog;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    /// Takes ownership of an open book (through the session it creates).
    explicit MainWindow(services::Database db, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens another book in place of the current one; false (with a message box unless
    /// `quiet`) when it cannot be opened.
    bool openBookFile(const QString& path, bool quiet = false);
    /// The search debounce delay in milliseconds.
    static constexpr int kSearchDelayMs = 250;

    /// Adds a page to the navigation at `position` (-1 = last); its object name is its key. A
    /// book view gets the session, and opens a client it is asked to.
    void addPage(const QString& title, QWidget* page, int position = -1);
    /// Shows the page with this object name ("clientsPage", "vipView", "valueDashboard",
    /// "segmentsView"); false when there is none.
    bool showPage(const QString& objectName);
    /// Shows a client in the Clients page (search for its id, select it).
    void openClient(const QString& clientId);
    /// Shows one broker's book in the Clients page (the broker filter set, the search cleared).
    void openBrokerBook(const QString& brokerId);
    /// The same for a client whose row id is known (a search result): selects exactly it.
    void openClientRef(qint64 ref, const QString& clientId);
    /// The instant search box in the tool bar (Ctrl+F).
    ClientSearchBox* instantSearch() const { return m_instantSearch; }
    ClientDetailPane* detailPane() const { return m_detail; }
    /// The open book and every write to it.
    BookSession* session() const { return m_session; }
    /// True while a page is still loading in the background (screenshots wait for it), or the
    /// instant search's index is still being built (unless `withSearchIndex` is false: a page
    /// is usable before its search box answers).
    bool isLoading(bool withSearchIndex = true) const;
    /// Gives the client detail pane this share (0.1..0.9) of the Clients page's width.
    void setDetailShare(double share);

    /// Opens Edit › Settings… (non-modal; it deletes itself when closed).
    SettingsDialog* openSettings();
    /// Reads the reminders of `today` again (promised calls due, urgent items overdue): the
    /// badge on Today and the reminder bar. On a book file this runs on a worker thread.
    void refreshReminders(Date today);
    const std::vector<services::Reminder>& reminders() const { return m_reminders; }
    /// The count on the Today button (hidden when there is nothing to remind of).
    QLabel* todayBadge() const { return m_todayBadge; }
    /// The bar above the pages that lists the reminders (dismissable).
    QWidget* reminderBar() const { return m_reminderBar; }
    QListWidget* reminderList() const { return m_reminderList; }

  private:
    QPushButton* navButton(int index) const;
    void buildUi();
    void buildMenus();
    void attachBook();
    /// What a worker found when a book was attached: whether the client summary had to be
    /// rebuilt, and the book's totals.
    struct BookCheck {
        Result<bool> summary_fresh;
        Result<services::BookStats> stats;
    };
    /// Checks the summary and counts the totals of the book file at `path` on a worker, then
    /// applies them (a newer check replaces one still running).
    void checkBook(const std::string& path);
    void applyBookCheck(const BookCheck& check);
    void reloadBrokers();
    void refreshStatus();
    void showClient(const QModelIndex& current);
    /// Client rows changed: refreshed in place, or re-read keeping the client shown.
    void applyClientChange(const services::ClientSet& clients);
    /// Selects the client's row when loaded; false when it is not.
    bool selectRef(qint64 ref);
    void selectFirstRow();
    void chooseBookFile();
    /// The title and the status bar say which book, or which server and who is logged in.
    void showWhere();
    /// The clients a bulk action acts on: the selected rows, or every client matching the
    /// filters when at most one row is selected.
    std::vector<std::pair<std::int64_t, std::string>> bulkClients() const;

  public:
    /// Opens the bulk action dialog on bulkClients(): modal, or (`modal` false, for tests)
    /// shown and returned; it deletes itself when closed.
    BulkActionDialog* openBulkAction(bool modal = true);
    /// Opens the duplicates dialog (the same way).
    DuplicatesDialog* openDuplicates(bool modal = true);
    /// File › Connect to branch server…: the login dialog (the same way); accepted, the server's
    /// book opens in place of this one (or a message says why not, and this one stays).
    ConnectDialog* openConnect(bool modal = true);
    ClientFilterBar* filterBar() const { return m_filters; }

  private:
    void showAbout();
    void buildReminderBar(QWidget* parent);
    void showReminders(std::vector<services::Reminder> reminders);

    BookSession* m_session = nullptr;
    QLabel* m_serverStatus = nullptr; // the server and login; the connection when it dropped
    qint64 m_keepRef = 0;             // the client to select again after a change re-read the list
    QWidget* m_nav = nullptr;
    QVBoxLayout* m_navLayout = nullptr;
    QButtonGroup* m_navGroup = nullptr;
    QStackedWidget* m_pages = nullptr;
    QList<BookView*> m_bookViews;
    ClientTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    ClientDetailPane* m_detail = nullptr;
    QSplitter* m_splitter = nullptr;
    QLineEdit* m_search = nullptr; // the Clients list's filter (prefix)
    ClientSearchBox* m_instantSearch = nullptr;
    QComboBox* m_broker = nullptr;
    ClientFilterBar* m_filters = nullptr;
    QTimer* m_searchTimer = nullptr;
    QLabel* m_status = nullptr;
    QAction* m_showDetail = nullptr;
    qint64 m_totalClients = 0;
    qint64 m_totalTrades = 0;
    qint64 m_totalContacts = 0;
    std::vector<services::Reminder> m_reminders;
    int m_reminderGeneration = 0;
    bool m_remindersDismissed = false;
    QLabel* m_todayBadge = nullptr;
    QWidget* m_reminderBar = nullptr;
    QLabel* m_reminderText = nullptr;
    QPushButton* m_reminderShow = nullptr;
    QListWidget* m_reminderList = nullptr;
};

} // namespace bd::ui
