#include "widgets/clientsearchbox.h"

#include <spdlog/spdlog.h>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QKeyEvent>
#include <QTimer>
#include <QTreeWidget>

#include <utility>

#include "format.h"
#include "jobs/workerbook.h"
#include "session/booksession.h"

namespace bd::ui {

namespace {

using IndexPtr = std::shared_ptr<const services::ClientSearchIndex>;

enum Column { NameColumn, IdColumn, PhoneColumn, BrokerColumn, WhyColumn, ColumnCount };
constexpr int kRefRole = Qt::UserRole;
constexpr int kIdRole = Qt::UserRole + 1;

/// Builds the index of the book at `path` on a connection of its own; nullptr on error or once
/// `cancel` is set.
IndexPtr buildFromFile(const std::string& path, const std::atomic<bool>& cancel) {
    QElapsedTimer timer;
    timer.start();
    auto own = openWorkerBook(path);
    if (!own) {
        spdlog::error("search index: {}", own.error().toString());
        return nullptr;
    }
    auto clients = services::readSearchClients(*own);
    if (!clients) {
        spdlog::error("search index: {}", clients.error().toString());
        return nullptr;
    }
    if (cancel) return nullptr;
    auto built = services::ClientSearchIndex::build(std::move(*clients), cancel);
    if (!built) return nullptr;
    spdlog::info("search index of {} clients built in {} ms", built->size(), timer.elapsed());
    return std::make_shared<const services::ClientSearchIndex>(std::move(*built));
}

/// Lets go of an index on a worker: freeing 100,000 clients' names, pinyin and keys took tens
/// of milliseconds of the window's thread when an import replaced the book.
void retire(IndexPtr index) {
    if (!index) return;
    (void)runInBackground([old = std::move(index)]() mutable { old.reset(); });
}

QString brokerText(const services::SearchHit& h) {
    const QString id = QString::fromStdString(h.broker_id);
    return h.broker_name.empty() ? id : id + ' ' + QString::fromStdString(h.broker_name);
}

} // namespace

ClientSearchBox::ClientSearchBox(QWidget* parent) : QLineEdit(parent) {
    setObjectName("instantSearch");
    setPlaceholderText(tr("Find a client: name, pinyin (zxr), client ID, phone digits, ID "
                          "number tail… (Ctrl+F)"));
    setClearButtonEnabled(true);
    m_popup = new QTreeWidget(this);
    m_popup->setObjectName("instantSearchResults");
    m_popup->hide();
    m_popup->setColumnCount(ColumnCount);
    m_popup->setHeaderLabels(
        {tr("Name"), tr("Client ID"), tr("Phone"), tr("Broker"), tr("Found by")});
    m_popup->setRootIsDecorated(false);
    m_popup->setUniformRowHeights(true);
    m_popup->setFocusPolicy(Qt::NoFocus); // typing stays in the box
    m_popup->setSelectionMode(QAbstractItemView::SingleSelection);
    m_popup->setFrameShape(QFrame::Box);
    m_popup->setAlternatingRowColors(true);
    m_popup->header()->setStretchLastSection(true);
    m_popup->setStyleSheet("#instantSearchResults{border:1px solid #3B6E9E;background:white;}");
    connect(m_popup, &QTreeWidget::itemClicked, this,
            [this](QTreeWidgetItem* item) { choose(m_popup->indexOfTopLevelItem(item)); });
    connect(this, &QLineEdit::textChanged, this, &ClientSearchBox::runSearch);
}

ClientSearchBox::~ClientSearchBox() {
    if (m_cancel) *m_cancel = true; // the application need not wait for it to end
    // The list lives in the window while shown; it goes with the box.
    if (m_popup && m_popup->parent() != this) delete m_popup;
}

void ClientSearchBox::setSession(BookSession* session) {
    Q_ASSERT(!m_session && session);
    m_session = session;
    connect(session, &BookSession::clientsChanged, this, [this] { rebuild(false); });
    connect(session, &BookSession::analyticsChanged, this,
            [this](const services::AnalyticsChange& c) {
                if (c.kind == services::AnalyticsChange::Kind::NewRun) rebuild(false); // ranks
            });
    connect(session, &BookSession::bookReplaced, this, [this] { rebuild(true); });
    rebuild(true);
}

void ClientSearchBox::rebuild(bool replaced) {
    if (replaced) {
        // Another book: the old index must not answer, and a build under way is for it.
        retire(std::exchange(m_index, nullptr));
        if (m_cancel) *m_cancel = true;
        m_building = false;
        m_buildAgain = false;
        ++m_generation;
        runSearch();
        if (!isPrivateBook(m_session->book().path())) {
            // Built once the window has read the new book (the next turn of the event loop):
            // reading every client on a worker meanwhile made the window's reads wait for a
            // core and for the book's pages.
            m_building = true;
            QTimer::singleShot(0, this, [this, generation = m_generation] {
                if (generation != m_generation) return; // yet another book came meanwhile
                m_building = false;
                m_buildAgain = false; // the build below reads the book as it is now
                rebuild(false);
            });
            return;
        }
    }
    if (m_building) {
        m_buildAgain = true; // once the current build is in
        return;
    }
    const int generation = ++m_generation;
    const std::string path = m_session->book().path();
    if (isPrivateBook(path)) {
        // A private in-memory book has no second connection: index here.
        auto built = services::buildClientSearchIndex(m_session->book());
        if (!built) {
            spdlog::error("search index: {}", built.error().toString());
            return;
        }
        adopt(std::make_shared<const services::ClientSearchIndex>(std::move(*built)));
        return;
    }
    m_building = true;
    auto* watcher = new QFutureWatcher<IndexPtr>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation) return; // the book was replaced meanwhile
        m_building = false;
        if (IndexPtr index = watcher->result()) adopt(std::move(index));
        if (m_buildAgain) {
            m_buildAgain = false;
            rebuild(false);
        }
    });
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    watcher->setFuture(
        runInBackground([path, cancel = m_cancel] { return buildFromFile(path, *cancel); }));
}

void ClientSearchBox::adopt(std::shared_ptr<const services::ClientSearchIndex> index) {
    retire(std::exchange(m_index, std::move(index)));
    if (hasFocus() || m_popup->isVisible()) runSearch(); // "indexing…" becomes results
    emit indexReady();
}

void ClientSearchBox::runSearch() {
    const QString query = text().trimmed();
    m_popup->clear();
    if (query.isEmpty()) {
        m_popup->hide();
        return;
    }
    auto note = [this](const QString& words) {
        auto* item = new QTreeWidgetItem(m_popup, {words});
        item->setFlags(Qt::NoItemFlags);
        item->setFirstColumnSpanned(true);
    };
    if (!m_index) {
        note(tr("Indexing clients…"));
        showPopup();
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const auto found = m_index->search(query.toStdString(), kMaxResults);
    m_lastSearchMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    for (const auto& h : found.hits) {
        QString why = enumLabel(h.match);
        if (!h.tag.empty()) why += ' ' + QString::fromStdString(h.tag);
        if (h.match == MatchKind::IdNumberTail) why += ' ' + QString::fromStdString(h.id_masked);
        auto* item = new QTreeWidgetItem(
            m_popup, {QString::fromStdString(h.name), QString::fromStdString(h.client_id),
                      QString::fromStdString(h.phone_masked), brokerText(h), why});
        item->setData(NameColumn, kRefRole, static_cast<qlonglong>(h.ref));
        item->setData(NameColumn, kIdRole, QString::fromStdString(h.client_id));
        if (h.vip) {
            QFont bold = item->font(NameColumn);
            bold.setBold(true);
            item->setFont(NameColumn, bold);
            item->setText(NameColumn, item->text(NameColumn) + QStringLiteral(" ★"));
            item->setToolTip(NameColumn, tr("VIP"));
        }
    }
    if (found.hits.empty())
        note(tr("No client found"));
    else if (found.total > found.hits.size())
        note(tr("%1 more found: type more to narrow the list")
                 .arg(formatCount(static_cast<qint64>(found.total - found.hits.size()))));
    if (!found.hits.empty()) m_popup->setCurrentItem(m_popup->topLevelItem(0));
    showPopup();
}

void ClientSearchBox::showPopup() {
    QWidget* host = window();
    if (m_popup->parentWidget() != host) {
        m_popup->setParent(host);
        host->installEventFilter(this);
    }
    placePopup();
    m_popup->show();
    m_popup->raise();
}

void ClientSearchBox::placePopup() {
    QWidget* host = m_popup->parentWidget();
    const QPoint below = mapTo(host, QPoint(0, height()));
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int widths[ColumnCount] = {12, 11, 14, 14, 16};
    int width = 0;
    for (int c = 0; c < ColumnCount; ++c) {
        m_popup->setColumnWidth(c, widths[c] * digit + 12);
        width += widths[c] * digit + 12;
    }
    width = std::min(std::max(width + 4, this->width()), host->width() - 8);
    const int x = std::max(4, std::min(below.x(), host->width() - width - 4));
    // As tall as its rows (laid out by the view: visualItemRect lays out what is pending).
    int height = m_popup->header()->sizeHint().height() + 2 * m_popup->frameWidth();
    for (int r = 0; r < m_popup->topLevelItemCount(); ++r)
        height += m_popup->visualItemRect(m_popup->topLevelItem(r)).height();
    m_popup->setGeometry(x, below.y() + 2, width, std::min(height, host->height() - below.y()));
}

void ClientSearchBox::choose(int row) {
    auto* item = m_popup->topLevelItem(row);
    if (!item || !item->data(NameColumn, kRefRole).isValid()) return;
    m_popup->hide();
    emit clientChosen(item->data(NameColumn, kRefRole).toLongLong(),
                      item->data(NameColumn, kIdRole).toString());
}

void ClientSearchBox::moveCurrent(int delta) {
    const int n = m_popup->topLevelItemCount();
    int row = m_popup->indexOfTopLevelItem(m_popup->currentItem());
    for (int step = 0; step < n; ++step) {
        row = (row + delta + n) % n;
        if (m_popup->topLevelItem(row)->data(NameColumn, kRefRole).isValid()) {
            m_popup->setCurrentItem(m_popup->topLevelItem(row));
            return;
        }
    }
}

void ClientSearchBox::keyPressEvent(QKeyEvent* e) {
    const bool shown = m_popup->isVisible();
    switch (e->key()) {
    case Qt::Key_Down:
    case Qt::Key_Up:
        if (shown)
            moveCurrent(e->key() == Qt::Key_Down ? 1 : -1);
        else
            runSearch();
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!shown) runSearch();
        choose(m_popup->indexOfTopLevelItem(m_popup->currentItem()));
        return;
    case Qt::Key_Escape:
        if (shown) {
            m_popup->hide();
            return;
        }
        break;
    default:
        break;
    }
    QLineEdit::keyPressEvent(e);
}

void ClientSearchBox::focusOutEvent(QFocusEvent* e) {
    QLineEdit::focusOutEvent(e);
    // A click on the list keeps the focus here (the list takes none); anything else closes it.
    // (The window losing activation keeps it: it is there again when the window comes back.)
    if (e->reason() != Qt::PopupFocusReason && e->reason() != Qt::ActiveWindowFocusReason)
        m_popup->hide();
}

bool ClientSearchBox::eventFilter(QObject* watched, QEvent* e) {
    if (watched == m_popup->parentWidget() && e->type() == QEvent::Resize && m_popup->isVisible())
        placePopup();
    return QLineEdit::eventFilter(watched, e);
}

} // namespace bd::ui
