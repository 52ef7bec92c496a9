#include "views/coverageview.h"

#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include "format.h"
#include "jobs/workerread.h"
#include "phrasebook/phrasebook.h"
#include "services/plancalendar.h"
#include "services/planrebuild.h"
#include "session/booksession.h"
#include "widgets/barcontrols.h"
#include "widgets/levelchoice.h"
#include "widgets/pagehead.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

namespace {

QStandardItem* cell(const QString& s) {
    auto* i = new QStandardItem(s);
    i->setEditable(false);
    return i;
}

QStandardItem* numberCell(double sortKey, const QString& shown) {
    auto* i = cell(shown);
    i->setData(sortKey, Qt::UserRole);
    i->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return i;
}

// The coverage lists' rows: 24 px, any number selected.
constexpr ListLook kLook{.row_height_px = 24, .single_selection = false};

/// The heads and cells every list of clients starts with: who the client is and whose.
QStringList clientHeads() {
    return {CoverageView::tr("Client"), CoverageView::tr("Name"), CoverageView::tr("Broker"),
            CoverageView::tr("Branch")};
}
QList<QStandardItem*> clientCells(const std::string& clientId, const std::string& name,
                                  const std::string& brokerId, const std::string& branchId) {
    return {cell(QString::fromStdString(clientId)), cell(QString::fromStdString(name)),
            cell(QString::fromStdString(brokerId)), cell(QString::fromStdString(branchId))};
}

} // namespace

CoverageView::CoverageView(QWidget* parent) : BookView(parent) {
    setObjectName("coverageView");
    const auto [layout, bar] = makeBarPageHead(this, tr("Coverage"));
    m_level = addBarControl<LevelChoice>(bar, this, "level");
    m_asOf = addBarControl<QDateEdit>(bar, this, "asOf", tr("As of"));
    setDayPicker(m_asOf);
    m_asOf->setDate(toQDate(services::localToday()));
    m_asOf->setToolTip(tr("Coverage is measured on this day (the latest plan's day when a plan "
                          "exists)"));
    bar->addStretch(1);
    layout->addLayout(bar);
    m_summary = addSummaryLine(layout, this, "coverageSummary");

    auto* split = new QSplitter(Qt::Vertical, this);
    m_lines = addList("coverageTable", split);
    m_neglected =
        addClientList(split, tr("Neglected VIPs — beyond their contact cadence"), "neglectedTable");
    m_shortfalls =
        addClientList(split, tr("Deadlines missed — urgent calls the plan cannot make in time"),
                      "shortfallTable");
    split->addWidget(m_lines.view);
    split->addWidget(m_shortfalls.view->parentWidget()); // the urgent calls first
    split->addWidget(m_neglected.view->parentWidget());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 2);
    layout->addWidget(split, 1);

    connect(m_level, &LevelChoice::currentIndexChanged, this, [this] { fill(); });
    connect(m_asOf, &QDateEdit::dateChanged, this, [this] {
        m_dateChosen = true;
        if (db()) reload();
    });
}

CoverageView::List CoverageView::addList(const char* objectName, QWidget* parent) {
    auto* rows = new QStandardItemModel(this);
    rows->setSortRole(Qt::UserRole);
    return {rows, makeListView(rows, objectName, parent, kLook)};
}

CoverageView::List CoverageView::addClientList(QSplitter* split, const QString& heading,
                                               const char* objectName) {
    QVBoxLayout* column = addHeadedColumn(split, heading);
    const List list = addList(objectName, column->parentWidget());
    column->addWidget(list.view, 1);
    connect(list.view, &QTableView::activated, this,
            [this, rows = list.rows](const QModelIndex& i) {
                emit clientActivated(rows->item(i.row(), 0)->text());
            });
    return list;
}

void CoverageView::setByBranch(bool byBranch) {
    m_level->setByBranch(byBranch);
}

void CoverageView::watch(BookSession& session) {
    // Coverage counts contacts against cadences (policies, segments) and overdue plan items.
    connect(&session, &BookSession::contactsChanged, this, &CoverageView::markStale);
    connect(&session, &BookSession::planChanged, this, &CoverageView::markStale);
    connect(&session, &BookSession::clientsChanged, this, &CoverageView::markStale);
    followNewRuns(session); // VIPs and relationship types
    using Kind = services::SettingsChange::Kind;
    followSettings(session, {Kind::ServicePolicies, Kind::Calendar}); // cadences, working days
}

CoverageView::Loaded CoverageView::load(services::Database& db, std::optional<Date> asOf) {
    Loaded out(services::CoverageReport{});
    if (!asOf) { // follow the book's plan day until the user picks a date
        auto days = services::latestPlanDays(db);
        out.plan_day = days && *days ? (*days)->as_of : services::localToday();
        asOf = out.plan_day;
    }
    out.report = services::computeCoverage(db, asOf);
    return out;
}

void CoverageView::reload() {
    // Coverage reads every client's cadence and last contact (a second of 100,000 clients and
    // 1.8M contacts): a book file is read on a worker thread with its own connection.
    const std::optional<Date> asOf =
        m_dateChosen ? std::optional<Date>(fromQDate(m_asOf->date())) : std::nullopt;
    const int ticket = m_load.start();
    readOffWindow<Loaded>(
        this, *db(), [asOf](services::Database& book) { return load(book, asOf); },
        [this, ticket](Loaded loaded) {
            if (m_load.finish(ticket)) show(std::move(loaded)); // else a newer load is on its way
        });
}

void CoverageView::show(Loaded loaded) {
    if (loaded.plan_day) {
        const QSignalBlocker block(m_asOf);
        m_asOf->setDate(toQDate(*loaded.plan_day));
    }
    if (!loaded.report) {
        m_report.reset();
        m_summary->setText(tr("Cannot compute coverage: %1").arg(errorText(loaded.report.error())));
    } else {
        m_report = std::move(*loaded.report);
    }
    fill();
}

void CoverageView::fill() {
    m_lines.rows->clear();
    m_neglected.rows->clear();
    m_shortfalls.rows->clear();
    if (!m_report) return;
    const bool byBranch = m_level->byBranch();
    m_lines.rows->setHorizontalHeaderLabels({byBranch ? tr("Branch") : tr("Broker"), tr("Branch"),
                                             tr("Clients"), tr("Contacted in cadence"),
                                             tr("Coverage"), tr("Overdue items"), tr("VIPs"),
                                             tr("Neglected VIPs"), tr("Deadlines missed")});
    const auto addLine = [this](const services::CoverageLine& l, const QString& id) {
        QList<QStandardItem*> row{
            cell(id),
            cell(QString::fromStdString(l.branch_id)),
            numberCell(static_cast<double>(l.clients), formatCount(static_cast<qint64>(l.clients))),
            numberCell(static_cast<double>(l.covered), formatCount(static_cast<qint64>(l.covered))),
            l.hasClients() ? numberCell(l.share, formatPercent(l.share))
                           : numberCell(-1, CoverageView::tr("no clients")),
            numberCell(static_cast<double>(l.overdue), formatCount(static_cast<qint64>(l.overdue))),
            numberCell(static_cast<double>(l.vips), formatCount(static_cast<qint64>(l.vips))),
            numberCell(static_cast<double>(l.neglected_vips),
                       formatCount(static_cast<qint64>(l.neglected_vips))),
            numberCell(static_cast<double>(l.deadlines_missed),
                       formatCount(static_cast<qint64>(l.deadlines_missed)))};
        if (!l.hasClients())
            row[4]->setToolTip(CoverageView::tr("No client with a contact cadence to cover yet"));
        else if (l.share < 0.6)
            row[4]->setForeground(QColor(0xB0, 0x30, 0x20));
        if (l.neglected_vips > 0) row[7]->setForeground(QColor(0xB0, 0x30, 0x20));
        if (l.deadlines_missed > 0) row[8]->setForeground(QColor(0xB0, 0x30, 0x20));
        m_lines.rows->appendRow(row);
    };
    for (const auto& l : byBranch ? m_report->branches : m_report->brokers)
        addLine(l, QString::fromUtf8(phrase::queueName(l.id, uiLang()))); // "服务台" for the desk
    m_lines.view->setColumnHidden(1, byBranch);
    m_lines.view->resizeColumnsToContents();

    m_neglected.rows->setHorizontalHeaderLabels(
        clientHeads() << tr("Cadence (days)") << tr("Last contact") << tr("Days since"));
    for (const auto& n : m_report->neglected)
        m_neglected.rows->appendRow(
            clientCells(n.client_id, n.name, n.broker_id, n.branch_id)
            << numberCell(n.cadence_days, QString::number(n.cadence_days))
            << numberCell(n.last_contact ? static_cast<double>(n.last_contact->days) : -1.0,
                          n.last_contact ? formatDate(*n.last_contact) : tr("never"))
            << numberCell(n.days_since, QString::number(n.days_since)));
    m_neglected.view->resizeColumnsToContents();

    m_shortfalls.rows->setHorizontalHeaderLabels(clientHeads() << tr("Reason") << tr("Deadline")
                                                               << tr("Planned") << tr("Why"));
    const phrase::Lang lang = uiLang();
    for (const auto& m : m_report->shortfalls)
        m_shortfalls.rows->appendRow(
            clientCells(m.client_id, m.name, m.broker_id, m.branch_id)
            << cell(QString::fromUtf8(phrase::name(m.kind, lang)))
            << numberCell(static_cast<double>(m.deadline.days), formatDate(m.deadline))
            << numberCell(m.planned ? static_cast<double>(m.planned->days) : 1e9,
                          m.planned ? formatDate(*m.planned) : tr("not planned"))
            << cell(QString::fromStdString(phrase::drop(m.why, lang))));
    m_shortfalls.view->resizeColumnsToContents();
    const auto& t = m_report->total;
    m_summary->setText(tr("%1 of %2 clients contacted within their cadence (%3) · %4 overdue "
                          "items · %5 of %6 VIPs neglected · %7 deadlines missed by the plan")
                           .arg(formatCount(static_cast<qint64>(t.covered)),
                                formatCount(static_cast<qint64>(t.clients)),
                                t.hasClients() ? formatPercent(t.share) : QStringLiteral("—"),
                                formatCount(static_cast<qint64>(t.overdue)),
                                formatCount(static_cast<qint64>(t.neglected_vips)),
                                formatCount(static_cast<qint64>(t.vips)),
                                formatCount(static_cast<qint64>(t.deadlines_missed))));
}

} // namespace bd::ui
