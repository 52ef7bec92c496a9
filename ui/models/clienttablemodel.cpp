#include "models/clienttablemodel.h"

#include <spdlog/spdlog.h>

#include <QBrush>
#include <QColor>
#include <QElapsedTimer>

#include <tuple>
#include <unordered_map>

#include "format.h"

namespace bd::ui {

using services::ClientSortKey;

ClientTableModel::ClientTableModel(QObject* parent) : TitledTableModel(parent) {
    static constexpr const char* kTitles[] = {
        QT_TR_NOOP("Client ID"), QT_TR_NOOP("Name"),       QT_TR_NOOP("Broker"),
        QT_TR_NOOP("AUM (CNY)"), QT_TR_NOOP("Trades 12M"), QT_TR_NOOP("Last contact"),
        QT_TR_NOOP("Risk"),      QT_TR_NOOP("Status"),     QT_TR_NOOP("Opened"),
        QT_TR_NOOP("Branch"),    QT_TR_NOOP("Phone")};
    setTitles<ColumnCount>(kTitles);
    // Biggest accounts first: what a broker scans for when the book opens.
    m_query.sort = ClientSortKey::Aum;
    m_query.descending = true;
}

void ClientTableModel::setDatabase(services::Database* db) {
    m_db = db;
    reload();
}

void ClientTableModel::setPageSize(int rows) {
    m_query.page_size = rows > 0 ? rows : 200;
}

void ClientTableModel::setSearch(const QString& text) {
    const std::string s = text.trimmed().toStdString();
    if (s == m_query.search) return;
    m_query.search = s;
    reload();
}

void ClientTableModel::setBrokerFilter(const QString& brokerId) {
    const std::string b = brokerId.toStdString();
    if (b == m_query.broker_id) return;
    m_query.broker_id = b;
    reload();
}

void ClientTableModel::setFilters(const services::ClientQuery& f) {
    services::ClientQuery q = m_query;
    q.branch_id = f.branch_id;
    q.status = f.status;
    q.risk_level = f.risk_level;
    q.segment_id = f.segment_id;
    q.vip = f.vip;
    q.tag = f.tag;
    if (q.branch_id == m_query.branch_id && q.status == m_query.status &&
        q.risk_level == m_query.risk_level && q.segment_id == m_query.segment_id &&
        q.vip == m_query.vip && q.tag == m_query.tag)
        return;
    m_query = std::move(q);
    reload();
}

std::optional<ClientSortKey> ClientTableModel::sortKeyFor(int column) {
    // By column; none for a column the book cannot order by (Risk, Status, Phone).
    static constexpr std::optional<ClientSortKey> kKeys[] = {ClientSortKey::ClientId,
                                                             ClientSortKey::Name,
                                                             ClientSortKey::Broker,
                                                             ClientSortKey::Aum,
                                                             ClientSortKey::Trades12m,
                                                             ClientSortKey::LastContact,
                                                             std::nullopt,
                                                             std::nullopt,
                                                             ClientSortKey::OpenDate,
                                                             ClientSortKey::Branch,
                                                             std::nullopt};
    static_assert(std::size(kKeys) == ColumnCount);
    if (column < 0 || column >= ColumnCount) return std::nullopt;
    return kKeys[column];
}

void ClientTableModel::sort(int column, Qt::SortOrder order) {
    const auto key = sortKeyFor(column);
    if (!key) return;
    const bool desc = order == Qt::DescendingOrder;
    if (column == m_sortColumn && desc == m_query.descending && !m_rows.empty()) return;
    m_sortColumn = column;
    m_query.sort = *key;
    m_query.descending = desc;
    reload();
}

bool ClientTableModel::loadPage(std::vector<services::ClientRow>& out, bool& more) {
    more = false;
    if (!m_db) return false;
    std::optional<services::ClientCursor> cursor;
    if (!m_rows.empty()) cursor = services::cursorAfter(m_rows.back(), m_query.sort);
    // One row beyond the page tells whether another page exists (no empty last fetch).
    services::ClientQuery q = m_query;
    q.page_size = m_query.page_size + 1;
    auto page = services::fetchClientPage(*m_db, q, cursor);
    if (!page) {
        spdlog::error("client page: {}", page.error().toString());
        emit errorOccurred(QString::fromStdString(page.error().toString()));
        return false;
    }
    out = std::move(*page);
    if (static_cast<int>(out.size()) > m_query.page_size) {
        more = true;
        out.resize(static_cast<std::size_t>(m_query.page_size));
    }
    return true;
}

void ClientTableModel::reload() {
    QElapsedTimer timer;
    timer.start();
    m_changing = true;
    beginResetModel();
    m_rows.clear();
    m_atEnd = true;
    m_matching = 0;
    std::vector<services::ClientRow> first;
    bool more = false;
    if (loadPage(first, more)) {
        m_atEnd = !more;
        m_rows = std::move(first);
        if (auto n = services::countClients(*m_db, m_query))
            m_matching = *n;
        else
            emit errorOccurred(QString::fromStdString(n.error().toString()));
    }
    endResetModel();
    m_changing = false;
    spdlog::debug("client book reload: {} rows of {} in {} ms", m_rows.size(), m_matching,
                  timer.elapsed());
    emit reloaded();
}

bool ClientTableModel::before(const services::ClientRow& a, const services::ClientRow& b) const {
    // SQL's order: the sort value (NULL first, as monostate), then the row id; both reversed
    // when descending.
    const auto ca = services::cursorAfter(a, m_query.sort);
    const auto cb = services::cursorAfter(b, m_query.sort);
    const auto ta = std::tie(ca.key, ca.ref), tb = std::tie(cb.key, cb.ref);
    return m_query.descending ? tb < ta : ta < tb;
}

void ClientTableModel::refreshClients(const services::ClientSet& clients) {
    if (!m_db || m_changing || clients.empty()) return;
    if (clients.everyone || clients.refs.size() > kMaxRefreshedRows) {
        reload();
        return;
    }
    // The changed clients as the current filter and order see them now.
    services::ClientQuery q = m_query;
    q.refs = clients.refs;
    q.page_size = static_cast<int>(clients.refs.size());
    auto fresh = services::fetchClientPage(*m_db, q, std::nullopt);
    if (!fresh) {
        emit errorOccurred(QString::fromStdString(fresh.error().toString()));
        return;
    }
    std::unordered_map<std::int64_t, std::size_t> loaded; // changed ref -> row
    for (std::size_t r = 0; r < m_rows.size(); ++r)
        if (clients.contains(m_rows[r].ref)) loaded.emplace(m_rows[r].ref, r);
    std::size_t kept = 0;
    for (const auto& row : *fresh) {
        const auto it = loaded.find(row.ref);
        if (it == loaded.end()) {
            // Not loaded: it joins the loaded rows unless it sorts after the last of them.
            if (m_atEnd || m_rows.empty() || !before(m_rows.back(), row)) return reload();
            continue;
        }
        ++kept;
        const auto& old = m_rows[it->second];
        if (services::cursorAfter(old, m_query.sort).key !=
            services::cursorAfter(row, m_query.sort).key)
            return reload(); // it moves
    }
    if (kept != loaded.size()) return reload(); // a loaded row left the filter
    for (auto& row : *fresh) {
        const auto it = loaded.find(row.ref);
        if (it == loaded.end()) continue;
        const int r = static_cast<int>(it->second);
        m_rows[it->second] = std::move(row);
        emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
    }
    if (loaded.size() < clients.refs.size()) { // one beyond the loaded rows may have come or gone
        auto n = services::countClients(*m_db, m_query);
        if (n && *n != m_matching) {
            m_matching = *n;
            emit countChanged();
        }
    }
}

bool ClientTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_atEnd && m_db && !m_changing;
}

void ClientTableModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    m_changing = true; // no re-entrant fetchMore from slots while this page loads
    std::vector<services::ClientRow> page;
    bool more = false;
    const bool ok = loadPage(page, more);
    m_atEnd = !more;
    if (ok && !page.empty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(page.size()) - 1);
        m_rows.insert(m_rows.end(), std::make_move_iterator(page.begin()),
                      std::make_move_iterator(page.end()));
        endInsertRows();
    }
    m_changing = false;
}

qint64 ClientTableModel::refAt(int row) const {
    return row >= 0 && row < static_cast<int>(m_rows.size())
               ? m_rows[static_cast<std::size_t>(row)].ref
               : 0;
}

QVariant ClientTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size())) return {};
    const auto& r = m_rows[static_cast<std::size_t>(index.row())];
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case ClientId:
            return QString::fromStdString(r.client_id);
        case Name:
            return QString::fromStdString(r.name);
        case Broker:
            return QString::fromStdString(r.broker_name.empty() ? r.broker_id : r.broker_name);
        case Branch:
            return QString::fromStdString(r.branch_name.empty() ? r.branch_id : r.branch_name);
        case Risk:
            return riskLabel(r.risk_level);
        case Status:
            return enumLabel(r.status);
        case OpenDate:
            return formatDate(r.open_date);
        case Aum:
            return r.aum ? formatCny(*r.aum) : QStringLiteral("—");
        case Trades12m:
            return QString::number(r.trades_12m);
        case LastContact:
            return r.last_contact ? formatDate(r.last_contact->date()) : tr("never");
        case Phone:
            return QString::fromStdString(r.phone);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        switch (col) {
        case Aum:
        case Trades12m:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case Risk:
        case Status:
        case OpenDate:
        case LastContact:
            return QVariant::fromValue(Qt::AlignHCenter | Qt::AlignVCenter);
        default:
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::ForegroundRole:
        if ((col == LastContact && !r.last_contact) || (col == Aum && !r.aum) ||
            (col == Status && r.status != ClientStatus::Active))
            return QBrush(QColor(0x80, 0x80, 0x80));
        return {};
    case Qt::ToolTipRole:
        if (col == Broker) return QString::fromStdString(r.broker_id);
        if (col == Branch) return QString::fromStdString(r.branch_id);
        if (col == LastContact && r.last_contact) return formatDateTime(*r.last_contact);
        return {};
    case RefRole:
        return QVariant::fromValue<qint64>(r.ref);
    default:
        return {};
    }
}

QVariant ClientTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) return TitledTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Aum:
            return tr("Cash + market value of the latest asset snapshot");
        case Trades12m:
            return tr("Trades in the 12 months up to the book's last trade date");
        case Risk:
        case Status:
        case Phone:
            return tr("Not sortable");
        default:
            return tr("Click to sort");
        }
    }
    if (role == Qt::TextAlignmentRole && (section == Aum || section == Trades12m))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace bd::ui
