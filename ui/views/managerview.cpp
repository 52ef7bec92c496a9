#include "views/managerview.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

#include "format.h"
#include "jobs/workerread.h"
#include "models/kpileaguemodel.h"
#include "reports/kpireportpdf.h"
#include "services/plancalendar.h"
#include "services/planrebuild.h"
#include "session/booksession.h"
#include "views/evaluationpanel.h"
#include "views/surveypanel.h"
#include "widgets/barcontrols.h"
#include "widgets/levelchoice.h"
#include "widgets/pagehead.h"
#include "widgets/sparklinedelegate.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

namespace {

QString monthText(KpiMonth m) {
    return QString::fromStdString(kpiMonthText(m));
}

/// Whose figures the summary shows: the firm, a branch manager's branch or a broker's own line,
/// named, so that a branch manager reads which branch the figures are.
QString headlineName(const services::KpiBoardLine& l) {
    const QString id = QString::fromStdString(l.id), name = QString::fromStdString(l.name);
    const QString named =
        name.isEmpty() || name == id ? id : ManagerView::tr("%1 %2", "id name").arg(id, name);
    switch (l.scope) {
    case KpiScope::Firm:
        return ManagerView::tr("Whole firm");
    case KpiScope::Branch:
        return ManagerView::tr("Branch %1").arg(named);
    case KpiScope::Broker:
        return ManagerView::tr("Broker %1").arg(named);
    case KpiScope::Unknown:
        break;
    }
    return named;
}

} // namespace

ManagerView::ManagerView(QWidget* parent) : BookView(parent) {
    setObjectName("managerView");
    const auto [layout, bar] = makeBarPageHead(this, tr("Manager's desk"));
    m_level = addBarControl<LevelChoice>(bar, this, "kpiLevel");
    m_month = addBarControl<QComboBox>(bar, this, "kpiMonth", tr("Month"));
    m_month->setMinimumWidth(110);
    bar->addStretch(1);
    m_export = addBarButton(bar, this, "exportKpiReport", tr("Export report…"));
    m_export->setToolTip(tr("The month's branch report: every branch and its brokers, then the "
                            "firm (Excel workbook, CSV or PDF)"));
    layout->addLayout(bar);
    m_summary = addSummaryLine(layout, this, "kpiSummary");
    m_summary->setWordWrap(true);
    m_withoutClients = addSummaryLine(layout, this, "kpiWithoutClients");
    m_withoutClients->setWordWrap(true);
    m_withoutClients->hide();

    m_model = new KpiLeagueModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(KpiLeagueModel::SortRole);
    auto* split = new QSplitter(Qt::Vertical, this);
    m_table = new QTableView(split);
    m_table->setObjectName("kpiLeagueTable");
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(KpiLeagueModel::Profit, Qt::DescendingOrder); // the league's order
    setListLook(m_table);
    m_table->setItemDelegateForColumn(KpiLeagueModel::Trend,
                                      new SparklineDelegate(KpiLeagueModel::TrendRole, m_table));
    m_table->setToolTip(tr("Double-click a broker to open the book in Clients"));

    auto* lower = new QSplitter(Qt::Horizontal, split);
    QVBoxLayout* left =
        addHeadedColumn(lower, tr("VIP review — who entered or left the VIP list this month"));
    m_vipReview = makeReadOnlyTable({tr("Client"), tr("Name"), tr("Broker"), tr("Change"),
                                     tr("Profit 12m"), tr("Last month"), tr("Why")},
                                    "vipReviewTable", left->parentWidget());
    left->addWidget(m_vipReview, 1);
    QVBoxLayout* right = addHeadedColumn(
        lower, tr("Needs attention — neglected VIPs and urgent calls past their deadline"));
    m_attention = makeReadOnlyTable(
        {tr("Client"), tr("Name"), tr("Broker"), tr("What"), tr("Since / due"), tr("Days")},
        "attentionTable", right->parentWidget());
    right->addWidget(m_attention, 1);
    m_vipReview->horizontalHeader()->setStretchLastSection(true);
    m_attention->horizontalHeader()->setStretchLastSection(true);
    lower->addWidget(left->parentWidget());
    lower->addWidget(right->parentWidget());
    m_tabs = new QTabWidget(split);
    m_tabs->setObjectName("managerTabs");
    m_evaluation = new EvaluationPanel(m_tabs);
    m_surveys = new SurveyPanel(m_tabs);
    m_tabs->addTab(m_evaluation, tr("CRM evaluation"));
    m_tabs->addTab(m_surveys, tr("Surveys"));
    split->addWidget(m_table);
    split->addWidget(lower);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 2);
    layout->addWidget(split, 1);

    connect(m_level, &LevelChoice::currentIndexChanged, this, [this] { fill(); });
    connect(m_month, &QComboBox::activated, this, [this] { loadMonth(); });
    connect(m_evaluation, &EvaluationPanel::runRequested, this, [this] {
        if (db()) m_evaluation->evaluate(*db());
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        if (!m_board) return;
        QString path = QFileDialog::getSaveFileName(
            this, tr("Export report"),
            QStringLiteral("branch-report-%1.xlsx").arg(monthText(m_board->month)),
            tr("Excel workbook (*.xlsx);;CSV text (*.csv);;Printable report (*.pdf)"));
        if (path.isEmpty()) return;
        if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".xlsx");
        if (auto error = exportReport(path))
            QMessageBox::warning(this, tr("Export report"), *error);
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& i) {
        if (m_level->byBranch()) return; // a branch has no single book to open
        emit brokerActivated(i.data(KpiLeagueModel::IdRole).toString());
    });
    for (QTableWidget* t : {m_vipReview, m_attention})
        connect(t, &QTableWidget::cellActivated, this, [this, t](int row, int) {
            if (auto* item = t->item(row, 0)) emit clientActivated(item->text());
        });
}

void ManagerView::showSurveys() {
    m_tabs->setCurrentWidget(m_surveys);
}

void ManagerView::setByBranch(bool byBranch) {
    m_level->setByBranch(byBranch);
}

void ManagerView::watch(BookSession& session) {
    // The history is written by each refresh (a new run); the attention list follows contacts,
    // the plan and the clients like the Coverage page.
    followNewRuns(session);
    connect(&session, &BookSession::contactsChanged, this, &ManagerView::markStale);
    connect(&session, &BookSession::planChanged, this, &ManagerView::markStale);
    connect(&session, &BookSession::clientsChanged, this, &ManagerView::markStale);
    followSettings(session, {services::SettingsChange::Kind::Surveys});
}

void ManagerView::reload() {
    QElapsedTimer timer;
    timer.start();
    auto months = services::kpiMonths(*db());
    const QString keep = m_month->currentData().toString();
    {
        const QSignalBlocker block(m_month);
        m_month->clear();
        if (months)
            for (auto it = months->rbegin(); it != months->rend(); ++it)
                m_month->addItem(monthText(it->first), static_cast<int>(it->first));
        // The latest complete month unless one was chosen: an open month's figures run to
        // its as-of day only, and its changes against a whole month would mislead.
        int at = m_month->findData(keep.toInt());
        if (at < 0 && months && months->size() > 1) {
            const Date last = months->back().second;
            int y = 0, m = 0, d = 0;
            last.toYmd(y, m, d);
            at = d == daysInMonth(y, m) ? 0 : 1;
        }
        m_month->setCurrentIndex(std::max(0, at));
    }
    auto days = services::latestPlanDays(*db());
    const Date asOf = days && *days ? (*days)->as_of : services::localToday();
    loadMonth();
    m_surveys->load(*db());
    spdlog::info("manager's desk: the month's board and the surveys in {} ms", timer.elapsed());
    loadAttention(asOf);
}

void ManagerView::loadAttention(Date asOf) {
    m_coverage.reset();
    fillAttention(); // empty until the coverage is in
    // Coverage reads every open client's contacts and the plan (about 2 s on 100,000 clients):
    // on a worker thread with its own connection for a book file, so the league shows at once.
    const int ticket = m_attentionRead.start();
    readOffWindow<Result<services::CoverageReport>>(
        this, *db(),
        [asOf](services::Database& book) { return services::computeCoverage(book, asOf); },
        [this, ticket](Result<services::CoverageReport> coverage) {
            if (!m_attentionRead.finish(ticket)) return; // a newer load is on its way
            if (coverage) m_coverage = std::move(*coverage);
            fillAttention();
        });
}

void ManagerView::loadMonth() {
    m_board.reset();
    if (m_month->count() > 0) {
        auto board =
            services::loadKpiBoard(*db(), static_cast<KpiMonth>(m_month->currentData().toInt()));
        if (board) m_board = std::move(*board);
    }
    if (m_board) m_evaluation->setChoices(*m_board);
    fill();
    fillVipReview();
    fillAttention();
}

void ManagerView::fill() {
    m_export->setEnabled(m_board.has_value());
    m_withoutClients->hide();
    if (!m_board) {
        m_model->setLines({});
        m_summary->setText(onServer() ? tr("No KPI history yet: the branch's nightly batch "
                                           "computes it, back to the book's first month; ask the "
                                           "branch's administrator if it has not run.")
                                      : tr("No KPI history yet: Refresh computes it, back to the "
                                           "book's first month."));
        return;
    }
    const bool byBranch = m_level->byBranch();
    m_model->setLines(byBranch ? m_board->branches : m_board->brokers);
    // A broker with no clients in the month (a new one) is named as such, not a line of zeros.
    QStringList without;
    for (const auto& b : m_board->without_clients)
        without << (b.name.empty()
                        ? QString::fromStdString(b.broker_id)
                        : QStringLiteral("%1 %2").arg(QString::fromStdString(b.broker_id),
                                                      QString::fromStdString(b.name)));
    m_withoutClients->setText(tr("No clients in %1: %2", "month: brokers")
                                  .arg(monthText(m_board->month), without.join(tr(", "))));
    m_withoutClients->setVisible(!byBranch && !without.isEmpty());
    m_table->setColumnHidden(KpiLeagueModel::Branch, byBranch);
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(KpiLeagueModel::Trend, 110);
    const services::KpiBoardLine* top = services::kpiHeadline(*m_board);
    if (!top) {
        m_summary->setText(monthText(m_board->month));
        return;
    }
    const KpiFigures& f = top->now;
    const auto& before = top->before;
    const auto change = [](std::int64_t now, std::optional<std::int64_t> was) {
        const auto c =
            kpiChange(static_cast<double>(now),
                      was ? std::optional<double>(static_cast<double>(*was)) : std::nullopt);
        return c ? formatSignedPercent(*c) : QStringLiteral("—");
    };
    QString text =
        tr("%1%2 · %3 clients (%4 active, %5 new, %6 lost) · AUM %7 · commission %8 (%9) · "
           "profit 12m %10 (%11) · %12 VIPs (%13 in, %14 out) · coverage %15 · satisfaction %16 "
           "· retention %17")
            .arg(monthText(m_board->month),
                 m_board->open ? tr(" (to %1)").arg(formatDate(m_board->as_of)) : QString(),
                 formatCount(f.clients), formatCount(f.active), formatCount(f.new_clients),
                 formatCount(f.lost), formatCnyWhole(Money::fromUnits(f.aum)),
                 formatCnyWhole(Money::fromUnits(f.commission)),
                 change(f.commission, before ? std::optional(before->commission) : std::nullopt))
            .arg(formatCnyWhole(Money::fromUnits(f.profit_12m)),
                 change(f.profit_12m, before ? std::optional(before->profit_12m) : std::nullopt),
                 formatCount(f.vips), formatCount(f.vips_entered), formatCount(f.vips_left),
                 formatPercent(f.coverageShare()),
                 f.satisfaction_count > 0 ? QString::number(f.meanSatisfaction(), 'f', 2)
                                          : QStringLiteral("—"),
                 formatPercent(f.retentionRate()));
    m_summary->setText(tr("%1: %2", "whose figures: the figures").arg(headlineName(*top), text));
}

void ManagerView::fillVipReview() {
    m_vipReview->setSortingEnabled(false);
    m_vipReview->setRowCount(0);
    if (!m_board) return;
    for (const auto& r : m_board->vip_review) {
        const VipChange& c = r.change;
        const Money now = Money::fromUnits(c.profit_12m), was = Money::fromUnits(c.prev_profit_12m);
        const Money cut = Money::fromUnits(c.cut_off), prevCut = Money::fromUnits(c.prev_cut_off);
        QString why;
        const bool entered = vipEntered(c.kind);
        switch (c.kind) {
        case VipChangeKind::EnteredProfitRose:
        case VipChangeKind::LeftProfitFell:
        case VipChangeKind::EnteredCutOffFell:
        case VipChangeKind::LeftCutOffRose: {
            // One figure crossed the other: the profit (the cut-off standing) or the cut-off.
            const bool profitMoved = c.kind == VipChangeKind::EnteredProfitRose ||
                                     c.kind == VipChangeKind::LeftProfitFell;
            const QString text =
                profitMoved ? (entered ? tr("Profit rose from %1 to %2, above the cut-off of %3")
                                       : tr("Profit fell from %1 to %2, below the cut-off of %3"))
                            : (entered ? tr("The cut-off fell from %1 to %2; profit %3")
                                       : tr("The cut-off rose from %1 to %2; profit %3"));
            why = profitMoved
                      ? text.arg(formatCnyWhole(was), formatCnyWhole(now), formatCnyWhole(cut))
                      : text.arg(formatCnyWhole(prevCut), formatCnyWhole(cut), formatCnyWhole(now));
            break;
        }
        case VipChangeKind::EnteredNewClient:
            why = tr("New client, profit %1").arg(formatCnyWhole(now));
            break;
        case VipChangeKind::LeftNotAClient:
            why = tr("Account closed");
            break;
        case VipChangeKind::Unknown:
            break;
        }
        const int row = m_vipReview->rowCount();
        m_vipReview->insertRow(row);
        m_vipReview->setItem(row, 0, textItem(QString::fromStdString(r.client_id)));
        m_vipReview->setItem(row, 1, textItem(QString::fromStdString(r.name)));
        m_vipReview->setItem(row, 2, textItem(QString::fromStdString(r.broker_id)));
        auto* change = textItem(entered ? tr("entered") : tr("left"));
        change->setForeground(entered ? QColor(0x2E, 0x7D, 0x32) : QColor(0xB0, 0x30, 0x20));
        m_vipReview->setItem(row, 3, change);
        m_vipReview->setItem(row, 4, numberItem(formatCnyWhole(now), now.toDouble()));
        m_vipReview->setItem(row, 5, numberItem(formatCnyWhole(was), was.toDouble()));
        m_vipReview->setItem(row, 6, textItem(why));
    }
    m_vipReview->setSortingEnabled(true);
    m_vipReview->sortItems(4, Qt::DescendingOrder); // highest profit first
    m_vipReview->resizeColumnsToContents();
}

void ManagerView::fillAttention() {
    m_attention->setSortingEnabled(false);
    m_attention->setRowCount(0);
    if (!m_coverage) return;
    const auto add = [this](const std::string& client, const std::string& name,
                            const std::string& broker, const QString& what, const QString& when,
                            int days) {
        const int row = m_attention->rowCount();
        m_attention->insertRow(row);
        m_attention->setItem(row, 0, textItem(QString::fromStdString(client)));
        m_attention->setItem(row, 1, textItem(QString::fromStdString(name)));
        m_attention->setItem(row, 2, textItem(QString::fromStdString(broker)));
        m_attention->setItem(row, 3, textItem(what));
        m_attention->setItem(row, 4, textItem(when));
        m_attention->setItem(row, 5, numberItem(QString::number(days), days));
    };
    const phrase::Lang lang = uiLang();
    for (const auto& m : m_coverage->shortfalls)
        add(m.client_id, m.name, m.broker_id,
            tr("Urgent: %1").arg(QString::fromUtf8(phrase::name(m.kind, lang))),
            formatDate(m.deadline),
            m.planned ? *m.planned - m.deadline : m_coverage->as_of - m.deadline);
    for (const auto& n : m_coverage->neglected)
        add(n.client_id, n.name, n.broker_id,
            tr("VIP beyond its cadence of %1 days").arg(n.cadence_days),
            n.last_contact ? formatDate(*n.last_contact) : tr("never"), n.days_since);
    m_attention->setSortingEnabled(true);
    m_attention->sortItems(5, Qt::DescendingOrder); // the longest waiting first
    m_attention->resizeColumnsToContents();
}

std::optional<QString> ManagerView::exportReport(const QString& path) {
    if (!m_board) return tr("No KPI history to export");
    const Status s = path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)
                         ? reports::writeKpiReportPdf(path.toStdString(), *m_board, uiLang())
                         : services::writePeopleTable(path.toStdString(),
                                                      services::kpiReportTable(*m_board, uiLang()));
    if (!s) return QString::fromStdString(s.error().toString());
    return std::nullopt;
}

} // namespace bd::ui
