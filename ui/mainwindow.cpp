#include "mainwindow.h"
#include "phrasebook/phrasebook.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include <QAction>
#include <QApplication>
#include <QButtonGroup>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "dialogs/bulkactiondialog.h"
#include "dialogs/connectdialog.h"
#include "dialogs/duplicatesdialog.h"
#include "dialogs/settingsdialog.h"
#include "format.h"
#include "i18n.h"
#include "jobs/datajobs.h"
#include "jobs/workerbook.h"
#include "models/clienttablemodel.h"
#include "services/clientbook.h"
#include "services/summarycheck.h"
#include "session/booksession.h"
#include "timers.h"
#include "views/auditview.h"
#include "views/calendarview.h"
#include "views/clientdetailpane.h"
#include "views/coverageview.h"
#include "views/managerview.h"
#include "views/segmentsview.h"
#include "views/todayview.h"
#include "views/valuedashboard.h"
#include "views/vipview.h"
#include "widgets/clientfilterbar.h"
#include "widgets/clientsearchbox.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

MainWindow::MainWindow(services::Database db, QWidget* parent)
    : QMainWindow(parent), m_session(new BookSession(std::move(db), this)) {
    setObjectName("mainWindow");
    buildUi();
    buildMenus();
    // The data jobs add to the File menu, a Tools menu and a banner (found as "dataJobs").
    new DataJobs(this, m_session);
    attachBook();
    // The size the pages were laid out for, within the screen it opens on: on a 1280x800
    // laptop a fixed 1440x860 put the client pane past the screen's edge.
    const QSize laidOutFor(1440, 860);
    const QScreen* screen = QGuiApplication::primaryScreen();
    resize(screen ? laidOutFor.boundedTo(screen->availableGeometry().size()) : laidOutFor);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi() {
    auto* shell = new QWidget(this);
    auto* shellLayout = new QHBoxLayout(shell);
    shellLayout->setContentsMargins(0, 0, 0, 0);
    shellLayout->setSpacing(0);
    // Navigation: a column of exclusive, checkable buttons (one per page).
    m_nav = new QWidget(shell);
    m_nav->setObjectName("navigation");
    m_nav->setFixedWidth(136);
    m_nav->setAttribute(Qt::WA_StyledBackground);
    m_nav->setStyleSheet(
        "#navigation{background:#22303C;}"
        "#navigation QPushButton{color:#DCE3EA;background:transparent;border:none;"
        "text-align:left;padding:10px 18px;font-size:11pt;}"
        "#navigation QPushButton:hover{background:#2E4050;}"
        "#navigation QPushButton:checked{background:#3B6E9E;color:white;font-weight:bold;}");
    m_navLayout = new QVBoxLayout(m_nav);
    m_navLayout->setContentsMargins(0, 10, 0, 10);
    m_navLayout->setSpacing(2);
    m_navLayout->addStretch(1);
    m_navGroup = new QButtonGroup(this);
    m_navGroup->setExclusive(true);
    auto* pagesColumn = new QWidget(shell); // the reminder bar above the pages
    auto* columnLayout = new QVBoxLayout(pagesColumn);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(0);
    buildReminderBar(pagesColumn);
    columnLayout->addWidget(m_reminderBar);
    m_pages = new QStackedWidget(pagesColumn);
    m_pages->setObjectName("pages");
    columnLayout->addWidget(m_pages, 1);
    shellLayout->addWidget(m_nav);
    shellLayout->addWidget(pagesColumn, 1);
    connect(m_pages, &QStackedWidget::currentChanged, this, [this](int i) {
        if (auto* b = navButton(i)) b->setChecked(true);
    });

    auto* central = new QWidget(m_pages);
    central->setObjectName("clientsPage");
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);

    auto* bar = new QHBoxLayout;
    m_search = new QLineEdit(central);
    m_search->setObjectName("searchBox");
    m_search->setPlaceholderText(tr("Filter the list: name, client ID or phone (prefix)…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(320);
    auto* brokerLabel = new QLabel(tr("Broker:"), central);
    m_broker = new QComboBox(central);
    m_broker->setObjectName("brokerFilter");
    m_broker->setMinimumWidth(200);
    m_broker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    brokerLabel->setBuddy(m_broker);
    bar->addWidget(m_search, 2);
    bar->addSpacing(12);
    bar->addWidget(brokerLabel);
    bar->addWidget(m_broker);
    bar->addStretch(1);
    // Many rows at once: select them (or filter) and act on all (reassign, tag, status).
    auto* bulk = new QPushButton(tr("Bulk action…"), central);
    bulk->setObjectName("bulkActionButton");
    connect(bulk, &QPushButton::clicked, this, [this] { openBulkAction(); });
    bar->addWidget(bulk);
    layout->addLayout(bar);
    m_filters = new ClientFilterBar(central);
    layout->addWidget(m_filters);

    m_splitter = new QSplitter(Qt::Horizontal, central);
    m_splitter->setObjectName("mainSplitter");
    m_model = new ClientTableModel(this);
    m_model->setObjectName("clientModel");
    m_table = new QTableView(m_splitter);
    m_table->setObjectName("clientTable");
    m_table->setModel(m_model);
    setListLook(m_table, ListLook{0, false}); // many rows may be selected for a bulk action
    auto* header = m_table->horizontalHeader();
    header->setSortIndicator(ClientTableModel::Aum, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    // In digit widths, in column order: id, name, broker, AUM, trades, last contact, risk,
    // status, opened, branch, phone.
    const int widths[ClientTableModel::ColumnCount] = {13, 7, 7, 14, 9, 11, 4, 7, 10, 22, 12};
    for (int c = 0; c < ClientTableModel::ColumnCount; ++c)
        header->resizeSection(c, widths[c] * digit + 16);
    header->setStretchLastSection(true);

    m_detail = new ClientDetailPane(m_splitter);
    m_detail->setSession(m_session);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({960, 480});
    layout->addWidget(m_splitter, 1);
    addPage(tr("Clients"), central);
    addPage(tr("VIP"), new VipView(m_pages));
    addPage(tr("Value"), new ValueDashboard(m_pages));
    addPage(tr("Segments"), new SegmentsView(m_pages));
    addPage(tr("Today"), new TodayView(m_pages), 1); // the broker's morning, right after the book
    addPage(tr("Coverage"), new CoverageView(m_pages));
    auto* manager = new ManagerView(m_pages);
    addPage(tr("Manager"), manager);
    addPage(tr("Calendar"), new CalendarView(m_pages));
    addPage(tr("Audit"), new AuditView(m_pages));
    if (auto* todayButton = navButton(1)) { // the reminders' count
        auto* badgeLayout = new QHBoxLayout(todayButton);
        badgeLayout->setContentsMargins(0, 0, 10, 0);
        badgeLayout->addStretch(1);
        m_todayBadge = new QLabel(todayButton);
        m_todayBadge->setObjectName("todayBadge");
        m_todayBadge->setAlignment(Qt::AlignCenter);
        m_todayBadge->setMinimumWidth(20);
        m_todayBadge->setStyleSheet("background:#D32F2F;color:white;border-radius:9px;"
                                    "padding:1px 5px;font-size:9pt;font-weight:bold;");
        m_todayBadge->hide();
        badgeLayout->addWidget(m_todayBadge, 0, Qt::AlignVCenter);
    }
    // Drill-down: a broker's line opens that broker's book in the Clients page.
    connect(manager, &ManagerView::brokerActivated, this, &MainWindow::openBrokerBook);
    m_pages->setCurrentIndex(0);
    if (auto* b = navButton(0)) b->setChecked(true);
    setCentralWidget(shell);

    // Instant search over the whole book, on every page (Ctrl+F).
    auto* searchBar = new QToolBar(tr("Search"), this);
    searchBar->setObjectName("searchBar");
    searchBar->setMovable(false);
    searchBar->setFloatable(false);
    m_instantSearch = new ClientSearchBox(searchBar);
    m_instantSearch->setMinimumWidth(520);
    m_instantSearch->setMaximumWidth(720);
    auto* searchSpacer = new QWidget(searchBar);
    searchSpacer->setFixedWidth(m_nav->minimumWidth() - 8); // the box starts above the pages
    searchBar->addWidget(searchSpacer);
    searchBar->addWidget(m_instantSearch);
    addToolBar(Qt::TopToolBarArea, searchBar);
    m_instantSearch->setSession(m_session);
    connect(m_instantSearch, &ClientSearchBox::clientChosen, this, &MainWindow::openClientRef);

    m_status = new QLabel(this);
    m_status->setObjectName("statusCounts");
    statusBar()->addPermanentWidget(m_status);
    m_serverStatus = new QLabel(this);
    m_serverStatus->setObjectName("statusServer");
    m_serverStatus->hide();
    statusBar()->addPermanentWidget(m_serverStatus);
    connect(m_session, &BookSession::serverChanged, this, &MainWindow::showWhere);
    connect(m_session, &BookSession::connectionChanged, this, &MainWindow::showWhere);

    m_searchTimer = singleShotTimer(this, "searchTimer", kSearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this,
            [this] { m_model->setSearch(m_search->text()); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer->stop();
        m_model->setSearch(m_search->text());
        m_table->setFocus();
    });
    connect(m_broker, &QComboBox::currentIndexChanged, this,
            [this](int) { m_model->setBrokerFilter(m_broker->currentData().toString()); });
    connect(m_filters, &ClientFilterBar::filtersChanged, m_model, &ClientTableModel::setFilters);
    connect(header, &QHeaderView::sortIndicatorChanged, this,
            [this, header](int column, Qt::SortOrder) {
                // Columns without an index keep the current order; put the indicator back.
                if (!ClientTableModel::sortKeyFor(column))
                    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
            });
    connect(m_model, &ClientTableModel::reloaded, this, [this] {
        refreshStatus();
        if (m_keepRef == 0 || !selectRef(m_keepRef)) selectFirstRow();
    });
    connect(m_model, &ClientTableModel::rowsInserted, this, &MainWindow::refreshStatus);
    connect(m_model, &ClientTableModel::countChanged, this, &MainWindow::refreshStatus);
    const auto showError = [this](const QString& msg) { statusBar()->showMessage(msg, 10000); };
    connect(m_model, &ClientTableModel::errorOccurred, this, showError);
    connect(m_detail, &ClientDetailPane::errorOccurred, this, showError);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current, const QModelIndex&) { showClient(current); });

    // The Clients page follows the book (the pane and the other pages listen for themselves).
    connect(m_session, &BookSession::contactsChanged, this,
            [this](const services::ContactsChange& c) {
                m_totalContacts += c.added;
                applyClientChange(c.clients);
                refreshStatus();
            });
    connect(m_session, &BookSession::clientsChanged, this,
            [this](const services::ClientsChange& c) {
                reloadBrokers();                          // their book sizes
                m_filters->reloadTags(m_session->book()); // a new tag (branches and segments
                                                          // come with imports and refreshes)
                applyClientChange(c.clients);
            });
    connect(m_session, &BookSession::analyticsChanged, this,
            [this](const services::AnalyticsChange&) {
                m_filters->reloadSegments(m_session->book()); // a new run, or renamed segments
            });
    connect(m_session, &BookSession::bookReplaced, this, &MainWindow::attachBook);
    // A logged call or a rebuilt plan changes what is due: the count follows.
    const auto remindAgain = [this] { refreshReminders(services::localToday()); };
    connect(m_session, &BookSession::contactsChanged, this, remindAgain);
    connect(m_session, &BookSession::planChanged, this, remindAgain);
    connect(m_session, &BookSession::undoRefused, this, [this](const QString& reason) {
        statusBar()->showMessage(tr("Not undone, the book is unchanged: %1").arg(reason), 15000);
    });
}

void MainWindow::applyClientChange(const services::ClientSet& clients) {
    m_keepRef = m_detail->clientRef();
    m_model->refreshClients(clients);
    m_keepRef = 0;
}

bool MainWindow::selectRef(qint64 ref) {
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (m_model->refAt(r) == ref) {
            m_table->setCurrentIndex(m_model->index(r, ClientTableModel::Name));
            return true;
        }
    return false;
}

void MainWindow::addPage(const QString& title, QWidget* page, int position) {
    const int at = position < 0 || position > m_pages->count() ? m_pages->count() : position;
    m_pages->insertWidget(at, page);
    auto* button = new QPushButton(title, m_nav);
    button->setObjectName(QStringLiteral("nav_%1").arg(page->objectName()));
    button->setCheckable(true);
    button->setCursor(Qt::PointingHandCursor);
    button->setFocusPolicy(Qt::NoFocus);
    m_navGroup->addButton(button);
    m_navLayout->insertWidget(at, button); // the stretch stays last
    connect(button, &QPushButton::clicked, this, [this, page] { m_pages->setCurrentWidget(page); });
    if (auto* view = qobject_cast<BookView*>(page); view && !m_bookViews.contains(view)) {
        m_bookViews << view;
        view->setSession(m_session);
        connect(view, &BookView::clientActivated, this, &MainWindow::openClient);
    }
}

bool MainWindow::isLoading(bool withSearchIndex) const {
    if (withSearchIndex && m_instantSearch->isIndexing()) return true;
    if (findChild<QObject*>("totalsWatcher", Qt::FindDirectChildrenOnly)) return true;
    return std::any_of(m_bookViews.begin(), m_bookViews.end(),
                       [](const BookView* v) { return v->isLoading(); });
}

QPushButton* MainWindow::navButton(int index) const {
    auto* item = m_navLayout->itemAt(index);
    return item ? qobject_cast<QPushButton*>(item->widget()) : nullptr;
}

void MainWindow::setDetailShare(double share) {
    const int total = m_splitter->width() > 0 ? m_splitter->width() : width();
    const int detail = static_cast<int>(total * std::clamp(share, 0.1, 0.9));
    m_splitter->setSizes({total - detail, detail});
}

bool MainWindow::showPage(const QString& objectName) {
    for (int i = 0; i < m_pages->count(); ++i)
        if (m_pages->widget(i)->objectName() == objectName) {
            m_pages->setCurrentIndex(i);
            return true;
        }
    return false;
}

void MainWindow::openClient(const QString& clientId) {
    showPage("clientsPage");
    m_broker->setCurrentIndex(0);
    m_search->setText(clientId);
    m_searchTimer->stop();
    m_model->setSearch(clientId);
}

void MainWindow::openBrokerBook(const QString& brokerId) {
    showPage("clientsPage");
    m_search->clear();
    m_searchTimer->stop();
    m_model->setSearch({});
    const int at = m_broker->findData(brokerId);
    if (at >= 0) m_broker->setCurrentIndex(at); // the filter follows the combo box
}

void MainWindow::openClientRef(qint64 ref, const QString& clientId) {
    m_keepRef = ref; // a list re-read selects it
    openClient(clientId);
    m_keepRef = 0;
    selectRef(ref); // the list was already filtered so: select it now
    m_table->setFocus();
}

void MainWindow::buildMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName("menuFile");
    auto* open = file->addAction(tr("&Open book…"), this, &MainWindow::chooseBookFile);
    open->setObjectName("actionOpenBook");
    open->setShortcut(QKeySequence::Open);
    auto* server =
        file->addAction(tr("Connect to &branch server…"), this, [this] { openConnect(); });
    server->setObjectName("actionConnectServer");
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName("actionQuit");
    quit->setShortcut(QKeySequence::Quit);

    // Undo and redo of every edit since the book was opened (the session's undo stack); the
    // texts name the operation ("Undo Edit client C000123").
    auto* edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName("menuEdit");
    auto* undo = m_session->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName("actionUndo");
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    edit->addAction(undo);
    auto* redo = m_session->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName("actionRedo");
    redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    edit->addAction(redo);
    edit->addSeparator();
    auto* settings = edit->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setObjectName("actionSettings");
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    auto* bulk =
        edit->addAction(tr("&Bulk action on clients…"), this, [this] { openBulkAction(); });
    bulk->setObjectName("actionBulkAction");
    auto* duplicates =
        edit->addAction(tr("Find &duplicate clients…"), this, [this] { openDuplicates(); });
    duplicates->setObjectName("actionDuplicates");

    auto* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName("menuView");
    m_showDetail = view->addAction(tr("Client &details"));
    m_showDetail->setObjectName("actionShowDetail");
    m_showDetail->setCheckable(true);
    m_showDetail->setChecked(true);
    m_showDetail->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(m_showDetail, &QAction::toggled, m_detail, &QWidget::setVisible);
    auto* find = view->addAction(tr("&Find client"), this, [this] {
        m_instantSearch->setFocus(Qt::ShortcutFocusReason);
        m_instantSearch->selectAll();
    });
    find->setObjectName("actionFind");
    find->setShortcut(QKeySequence::Find);
    auto* clearFilters = view->addAction(tr("&Clear filters"), this, [this] {
        m_search->clear();
        m_broker->setCurrentIndex(0);
        m_filters->clear();
        m_searchTimer->stop();
        m_model->setSearch({});
    });
    clearFilters->setObjectName("actionClearFilters");
    view->addSeparator();
    // Ctrl+1.. jumps to the navigation's pages.
    for (int i = 0; i < m_pages->count() && i < 9; ++i) {
        auto* go = view->addAction(tr("Go to %1").arg(navButton(i)->text()), this,
                                   [this, i] { m_pages->setCurrentIndex(i); });
        go->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    view->addSeparator();
    // Reads the book again after other programs (the CLI's import or refresh) wrote to it.
    auto* refresh = view->addAction(tr("&Refresh"), this,
                                    [this] { m_session->announce(services::BookReplaced{}); });
    refresh->setObjectName("actionRefresh");
    refresh->setShortcut(QKeySequence::Refresh);
    // Language: saved and applied at the next start (widgets are built once, in one language).
    auto* language = view->addMenu(tr("&Language"));
    for (const auto& [code, lang] :
         {std::pair{"zh", phrase::Lang::Zh}, std::pair{"en", phrase::Lang::En}}) {
        auto* a = language->addAction(
            QString::fromUtf8(phrase::languageName(lang).data()), this, [this, c = QString(code)] {
                saveUiLanguage(c);
                statusBar()->showMessage(
                    tr("The language changes when BrokerDesk starts next time."), 10000);
            });
        a->setCheckable(true);
        a->setChecked((QLocale().language() == QLocale::Chinese) == (QString(code) == "zh"));
    }

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName("menuHelp");
    auto* about = help->addAction(tr("&About BrokerDesk"), this, &MainWindow::showAbout);
    about->setObjectName("actionAbout");
    auto* aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setObjectName("actionAboutQt");
}

void MainWindow::attachBook() {
    QElapsedTimer timer;
    timer.start();
    services::Database& db = m_session->book();
    showWhere();
    // Sorting by AUM / trades / last contact reads the summary cache; it is rebuilt when the
    // book changed since it was last computed (after an import, or a book never opened here),
    // and the status bar shows the book's totals. Both count every trade (the freshness check
    // took 380 ms of the window's thread after an import into a 20,000-client book, 1.5 s on
    // 100,000 clients and 9.85M trades), so a book file is checked and counted on a worker with
    // its own connection while the list shows the summary as stored; a rebuilt summary reloads
    // the list. A newer check replaces one still running. A private in-memory book is done here.
    // A summary never built (a book no workstation or import opened yet) is built here once,
    // so that the list has its order from the start.
    const std::string path = db.path();
    std::optional<BookCheck> here;
    auto state = services::readClientSummaryState(db);
    if (isPrivateBook(path) || !state || !*state) {
        here = BookCheck{services::ensureClientSummaryFresh(db), services::readBookTotals(db)};
        if (here->summary_fresh && *here->summary_fresh)
            spdlog::info("client summary built in {} ms", timer.elapsed());
    }
    reloadBrokers();
    // A new or re-read book starts unfiltered (the pages reload themselves).
    {
        const QSignalBlocker block(m_broker);
        m_broker->setCurrentIndex(0);
    }
    m_model->setBrokerFilter({});
    {
        const QSignalBlocker block(m_filters);
        m_filters->clear();
        m_filters->reload(db);
    }
    m_model->setFilters({});
    m_model->setDatabase(&db); // selects the first row, which the pane then shows
    if (here) {
        if (here->summary_fresh) here->summary_fresh = false; // the list was read after it
        applyBookCheck(*here);
    }
    m_remindersDismissed = false;
    refreshReminders(services::localToday());
    // The check reads every trade: started once the window has read what it shows, so that its
    // reads do not compete with the window's for the two cores and the book's pages.
    if (!here) checkBook(path);
    spdlog::info("opened book {} in {} ms (its totals follow)", db.path(), timer.elapsed());
}

void MainWindow::checkBook(const std::string& path) {
    if (auto* running = findChild<QObject*>("totalsWatcher", Qt::FindDirectChildrenOnly))
        running->deleteLater(); // its answer is of the book before
    auto* watcher = new QFutureWatcher<BookCheck>(this);
    watcher->setObjectName("totalsWatcher");
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->setObjectName({});
        watcher->deleteLater();
        applyBookCheck(watcher->result());
    });
    watcher->setFuture(runInBackground([path]() -> BookCheck {
        auto own = openWorkerBook(path);
        if (!own) return {own.error(), own.error()};
        QElapsedTimer checking;
        checking.start();
        // The totals come from the freshness check's own counts: every trade counted once.
        auto fresh = services::ensureClientSummaryFreshCounted(*own);
        BookCheck check = fresh ? BookCheck{fresh->rebuilt, std::move(fresh->totals)}
                                : BookCheck{fresh.error(), fresh.error()};
        spdlog::info("book checked and counted in {} ms", checking.elapsed());
        return check;
    }));
}

void MainWindow::applyBookCheck(const BookCheck& check) {
    if (!check.summary_fresh) {
        spdlog::error("client summary: {}", check.summary_fresh.error().toString());
        statusBar()->showMessage(
            tr("Cannot rebuild the client summary: %1").arg(errorText(check.summary_fresh.error())),
            10000);
    } else if (*check.summary_fresh) {
        spdlog::info("client summary rebuilt");
        // The list was read from the summary before the rebuild: read again, keeping the client.
        m_keepRef = m_detail->clientRef();
        m_model->reload();
        m_keepRef = 0;
    }
    if (!check.stats) return;
    m_totalClients = check.stats->count("clients");
    m_totalTrades = check.stats->count("trades");
    m_totalContacts = check.stats->count("contacts");
    refreshStatus();
}

void MainWindow::reloadBrokers() {
    const QSignalBlocker block(m_broker);
    const QString keep = m_broker->currentData().toString();
    m_broker->clear();
    m_broker->addItem(tr("All brokers"), QString());
    if (auto brokers = services::listBrokers(m_session->book())) {
        for (const auto& b : *brokers) {
            const QString name =
                b.name.empty() ? QString::fromStdString(b.broker_id)
                               : QStringLiteral("%1 %2").arg(QString::fromStdString(b.broker_id),
                                                             QString::fromStdString(b.name));
            m_broker->addItem(tr("%1 (%2)").arg(name).arg(b.clients),
                              QString::fromStdString(b.broker_id));
        }
    }
    m_broker->setCurrentIndex(std::max(0, m_broker->findData(keep)));
}

void MainWindow::refreshStatus() {
    // Grouped digits regardless of the system locale, like the money columns.
    const QLocale grouped(QLocale::English);
    auto g = [&](qint64 v) { return grouped.toString(static_cast<qlonglong>(v)); };
    m_status->setText(tr("%1 of %2 clients shown (%3 loaded) · %4 trades · %5 contacts")
                          .arg(g(m_model->matchingCount()), g(m_totalClients),
                               g(m_model->rowCount()), g(m_totalTrades), g(m_totalContacts)));
}

void MainWindow::selectFirstRow() {
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(0, ClientTableModel::Name));
    else
        m_detail->clear();
}

void MainWindow::showClient(const QModelIndex& current) {
    m_detail->showClient(current.isValid() ? m_model->refAt(current.row()) : 0);
}

bool MainWindow::openBookFile(const QString& path, bool quiet) {
    // A branch server's replica is copied first (seconds for a manager): the cursor says so.
    const bool server = services::isServerLocation(path.toStdString());
    if (server) QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    Status opened = m_session->open(path);
    if (server) QGuiApplication::restoreOverrideCursor();
    // The session announces the new book, which attachBook() shows.
    if (!opened) {
        if (quiet) return false;
        if (server)
            QMessageBox::warning(
                this, tr("Connect to branch server"),
                connectFailureText(
                    opened.error(),
                    QString::fromStdString(services::redactedServerLocation(path.toStdString()))));
        else
            QMessageBox::warning(this, tr("Open book"),
                                 tr("Cannot open %1:\n%2").arg(path, errorText(opened.error())));
        return false;
    }
    m_search->clear();
    m_searchTimer->stop();
    m_model->setSearch({});
    return true;
}

void MainWindow::chooseBookFile() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open book"), {}, tr("BrokerDesk books (*.bdbook *.db *.sqlite);;All files (*)"));
    if (!path.isEmpty()) openBookFile(path);
}

namespace {

QString roleName(const std::string& role) {
    if (role == "broker") return MainWindow::tr("broker");
    if (role == "manager") return MainWindow::tr("manager");
    if (role == "batch") return MainWindow::tr("batch");
    return MainWindow::tr("administrator");
}

} // namespace

void MainWindow::showWhere() {
    const services::ServerIdentity* server = m_session->server();
    if (!server) {
        setWindowTitle(tr("%1 — BrokerDesk").arg(QFileInfo(m_session->path()).fileName()));
        m_serverStatus->hide();
        return;
    }
    const QString where =
        tr("%1 on %2")
            .arg(QString::fromStdString(server->database), QString::fromStdString(server->host));
    const QString who =
        tr("%1 (%2)").arg(QString::fromStdString(server->login), roleName(server->role));
    setWindowTitle(tr("%1 — %2 — BrokerDesk").arg(where, who));
    m_serverStatus->setText(
        m_session->connected() ? tr("Branch server %1 · %2").arg(where, who)
                               : tr("Branch server %1: connection lost, reconnecting…").arg(where));
    m_serverStatus->setStyleSheet(m_session->connected() ? QString()
                                                         : QStringLiteral("color:#C62828;"));
    m_serverStatus->show();
}

SettingsDialog* MainWindow::openSettings() {
    auto* dialog = new SettingsDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::buildReminderBar(QWidget* parent) {
    m_reminderBar = new QFrame(parent);
    m_reminderBar->setObjectName("reminderBar");
    m_reminderBar->setAttribute(Qt::WA_StyledBackground);
    m_reminderBar->setStyleSheet("#reminderBar{background:#FFF8E1;border-bottom:1px solid "
                                 "#FFE082;}");
    auto* layout = new QVBoxLayout(m_reminderBar);
    layout->setContentsMargins(12, 6, 12, 6);
    auto* row = new QHBoxLayout;
    m_reminderText = new QLabel(m_reminderBar);
    m_reminderText->setObjectName("reminderText");
    m_reminderShow = new QPushButton(tr("Show"), m_reminderBar);
    m_reminderShow->setObjectName("reminderShow");
    m_reminderShow->setCheckable(true);
    auto* dismiss = new QPushButton(tr("Dismiss"), m_reminderBar);
    dismiss->setObjectName("reminderDismiss");
    row->addWidget(m_reminderText, 1);
    row->addWidget(m_reminderShow);
    row->addWidget(dismiss);
    layout->addLayout(row);
    m_reminderList = new QListWidget(m_reminderBar);
    m_reminderList->setObjectName("reminderList");
    m_reminderList->setMaximumHeight(150);
    m_reminderList->hide();
    layout->addWidget(m_reminderList);
    connect(m_reminderShow, &QPushButton::toggled, m_reminderList, &QWidget::setVisible);
    connect(dismiss, &QPushButton::clicked, this, [this] {
        m_remindersDismissed = true; // until another book opens; the badge stays
        m_reminderBar->hide();
    });
    // Each reminder opens its client.
    connect(m_reminderList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { openClient(item->data(Qt::UserRole).toString()); });
    m_reminderBar->hide();
}

void MainWindow::refreshReminders(Date today) {
    const int generation = ++m_reminderGeneration;
    const std::string path = m_session->book().path();
    if (isPrivateBook(path)) { // no second connection to a private book
        auto r = services::loadReminders(m_session->book(), today);
        showReminders(r ? std::move(*r) : std::vector<services::Reminder>{});
        return;
    }
    // Every broker's overdue items: on a worker thread with its own connection.
    auto* watcher = new QFutureWatcher<Result<std::vector<services::Reminder>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_reminderGeneration) return; // a newer read is on its way
        auto r = watcher->result();
        if (!r) spdlog::warn("reminders: {}", r.error().toString());
        showReminders(r ? std::move(*r) : std::vector<services::Reminder>{});
    });
    watcher->setFuture(runInBackground([path, today]() -> Result<std::vector<services::Reminder>> {
        auto own = openWorkerBook(path);
        if (!own) return own.error();
        return services::loadReminders(*own, today);
    }));
}

void MainWindow::showReminders(std::vector<services::Reminder> reminders) {
    m_reminders = std::move(reminders);
    const int promised = static_cast<int>(
        std::count_if(m_reminders.begin(), m_reminders.end(), [](const services::Reminder& r) {
            return r.kind == services::Reminder::Kind::PromiseDueToday;
        }));
    const int overdue = static_cast<int>(m_reminders.size()) - promised;
    if (m_todayBadge) {
        m_todayBadge->setText(QString::number(m_reminders.size()));
        m_todayBadge->setVisible(!m_reminders.empty());
        m_todayBadge->setToolTip(
            tr("%1 promised calls due today, %2 urgent items overdue").arg(promised).arg(overdue));
    }
    m_reminderText->setText(tr("Reminders: %1 promised calls due today, %2 urgent items "
                               "overdue. Each opens its client.")
                                .arg(promised)
                                .arg(overdue));
    m_reminderList->clear();
    for (const services::Reminder& r : m_reminders) {
        const auto& item = r.item;
        const QString who = QStringLiteral("%1 %2").arg(QString::fromStdString(item.client_id),
                                                        QString::fromStdString(item.name));
        const QString broker = QString::fromStdString(item.broker_id);
        QString text;
        if (r.kind == services::Reminder::Kind::PromiseDueToday) {
            text = tr("%1 · broker %2 · promised call due today").arg(who, broker);
        } else {
            QString why;
            for (const Reason& reason : item.reasons)
                if (services::isUrgentReason(reason.kind)) {
                    why = QString::fromUtf8(phrase::name(reason.kind, uiLang()).data());
                    break;
                }
            text = tr("%1 · broker %2 · %3, planned %4, not done")
                       .arg(who, broker, why,
                            QString::fromStdString(item.due.value_or(item.date).toString()));
        }
        auto* entry = new QListWidgetItem(text, m_reminderList);
        entry->setData(Qt::UserRole, QString::fromStdString(item.client_id));
    }
    m_reminderBar->setVisible(!m_reminders.empty() && !m_remindersDismissed);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About BrokerDesk"),
        tr("<h3>BrokerDesk %1</h3><p>A CRM workstation for securities brokers: client "
           "book, value analysis, segmentation and call planning.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace bd::ui

namespace bd::ui {

std::vector<std::pair<std::int64_t, std::string>> MainWindow::bulkClients() const {
    std::vector<std::pair<std::int64_t, std::string>> out;
    const QModelIndexList rows =
        m_table->selectionModel()->selectedRows(ClientTableModel::ClientId);
    if (rows.size() > 1) {
        for (const QModelIndex& i : rows)
            out.emplace_back(m_model->refAt(i.row()), i.data().toString().toStdString());
        std::sort(out.begin(), out.end());
        return out;
    }
    // One row or none: every client the list's search and filters select (loaded or not).
    if (auto all = services::matchingClients(m_session->book(), m_model->query())) out = *all;
    return out;
}

namespace {

/// Opens `dialog` (deleted when it closes): modal, run to its end (nullptr), or shown and
/// returned (tests drive it).
template <typename Dialog>
Dialog* openDialog(Dialog* dialog, bool modal) {
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!modal) {
        dialog->show();
        return dialog;
    }
    dialog->exec();
    return nullptr;
}

} // namespace

BulkActionDialog* MainWindow::openBulkAction(bool modal) {
    return openDialog(new BulkActionDialog(m_session, bulkClients(), this), modal);
}

DuplicatesDialog* MainWindow::openDuplicates(bool modal) {
    return openDialog(new DuplicatesDialog(m_session, this), modal);
}

ConnectDialog* MainWindow::openConnect(bool modal) {
    auto* dialog = new ConnectDialog(this);
    // The password goes into the URI in memory only; the session logs and shows it redacted.
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        openBookFile(QString::fromStdString(services::serverUri(dialog->form())));
    });
    return openDialog(dialog, modal);
}

} // namespace bd::ui
