#pragma once
// The workstation's main window: the client book (paged table, search, broker filter) with a
// detail pane for the selected client.
#include <QMainWindow>

#include "storage/database.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;
class QAction;

namespace bd::ui {

class ClientTableModel;
class ClientDetailPane;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    /// Takes ownership of an open book.
    explicit MainWindow(storage::Database db, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens another book in place of the current one; false (with a message box unless
    /// `quiet`) when it cannot be opened.
    bool openBookFile(const QString& path, bool quiet = false);
    /// The search debounce delay in milliseconds.
    static constexpr int kSearchDelayMs = 250;

  private:
    void buildUi();
    void buildMenus();
    void attachBook();
    void reloadBrokers();
    void refreshStatus();
    void showClient(const QModelIndex& current);
    void selectFirstRow();
    void chooseBookFile();
    void showAbout();

    storage::Database m_db;
    ClientTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    ClientDetailPane* m_detail = nullptr;
    QSplitter* m_splitter = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_broker = nullptr;
    QTimer* m_searchTimer = nullptr;
    QLabel* m_status = nullptr;
    QAction* m_showDetail = nullptr;
    qint64 m_totalClients = 0;
    qint64 m_totalTrades = 0;
    qint64 m_totalContacts = 0;
};

} // namespace bd::ui
