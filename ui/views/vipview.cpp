#include "views/vipview.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

#include "format.h"
#include "models/viptablemodel.h"
#include "services/clientbook.h"
#include "services/household.h"
#include "services/surveys.h"
#include "services/vipranking.h"
#include "session/booksession.h"
#include "widgets/pagehead.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

VipView::VipView(QWidget* parent) : BookView(parent) {
    setObjectName("vipView");
    const auto head = makeRunPageHead(this, tr("VIP ranking"), "vipRunInfo");
    auto* layout = head.layout;
    m_runInfo = head.run_info;

    auto* bar = new QHBoxLayout;
    bar->setSpacing(8);
    auto* scopeLabel = new QLabel(tr("Scope:"), this);
    m_scope = new QComboBox(this);
    m_scope->setObjectName("vipScope");
    fillScopes();
    scopeLabel->setBuddy(m_scope);
    m_scopeId = new QComboBox(this);
    m_scopeId->setObjectName("vipScopeId");
    m_scopeId->setMinimumWidth(220);
    m_scopeId->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* topLabel = new QLabel(tr("Top:"), this);
    m_percent = new QDoubleSpinBox(this);
    m_percent->setObjectName("vipPercent");
    m_percent->setRange(0.1, 100.0);
    m_percent->setDecimals(1);
    m_percent->setSingleStep(1.0);
    m_percent->setSuffix(QStringLiteral(" %"));
    m_percent->setValue(5.0);
    topLabel->setBuddy(m_percent);
    bar->addWidget(scopeLabel);
    bar->addWidget(m_scope);
    bar->addWidget(m_scopeId);
    bar->addSpacing(16);
    bar->addWidget(topLabel);
    bar->addWidget(m_percent);
    bar->addSpacing(16);
    m_summary = new QLabel(this);
    m_summary->setObjectName("vipSummary");
    bar->addWidget(m_summary, 1);
    layout->addLayout(bar);

    m_model = new VipTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(VipTableModel::SortRole);
    m_table = new QTableView(this);
    m_table->setObjectName("vipTable");
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(VipTableModel::Rank, Qt::AscendingOrder);
    setListLook(m_table);
    auto* header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int widths[VipTableModel::ColumnCount] = {5, 13, 7, 13, 6, 11, 9, 7, 11, 11, 12, 7, 40};
    for (int c = 0; c < VipTableModel::ColumnCount; ++c)
        header->resizeSection(c, widths[c] * digit + 18);
    layout->addWidget(m_table, 1);

    m_explanation = addTextBox(layout, this, tr("Why this client ranks here"), "vipExplanation");
    m_explanation->setMinimumHeight(fontMetrics().height() * 3);

    connect(m_scope, &QComboBox::currentIndexChanged, this, [this](int) {
        fillScopeIds();
        rerank();
    });
    connect(m_scopeId, &QComboBox::currentIndexChanged, this, [this](int) { rerank(); });
    connect(m_percent, &QDoubleSpinBox::valueChanged, this, [this](double) { rerank(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { showExplanation(); });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
        const QModelIndex src = m_proxy->mapToSource(i);
        if (src.isValid())
            emit clientActivated(QString::fromStdString(m_model->clientAt(src.row()).client_id));
    });
    fillScopeIds();
}

void VipView::watch(BookSession& session) {
    followNewRuns(session);
    connect(&session, &BookSession::clientsChanged, this, &VipView::markStale); // names, scopes
    // The VIP share is a setting: the ranking follows it at once (the scores stay the run's).
    followSettings(session, {services::SettingsChange::Kind::ValueModel});
}

void VipView::fillScopes() {
    // What a scope means follows the login: on a branch server a broker sees their own
    // clients only and a branch manager their branch, so "the firm" (or a broker's "branch")
    // would name clients the login cannot see; those scopes are not offered. A desk and a
    // manager of the whole firm see every client.
    const services::ServerIdentity* login = session() ? session()->server() : nullptr;
    const bool broker = login && login->role == "broker";
    const bool branchManager = login && login->role == "manager" && !login->branch.empty();
    std::vector<ScopeKind> kinds{Firm, Branch, Broker};
    if (broker)
        kinds = {Broker};
    else if (branchManager)
        kinds = {Branch, Broker};
    const ScopeKind was = scopeKind();
    const QSignalBlocker block(m_scope);
    m_scope->clear();
    for (ScopeKind k : kinds)
        m_scope->addItem(k == Firm ? tr("Firm") : k == Branch ? tr("Branch") : tr("Broker"), k);
    m_scope->setCurrentIndex(std::max(0, m_scope->findData(was)));
    m_scope->setEnabled(kinds.size() > 1);
}

VipView::ScopeKind VipView::scopeKind() const {
    return m_scope->count() ? static_cast<ScopeKind>(m_scope->currentData().toInt()) : Firm;
}

void VipView::reload() {
    fillScopes();
    fillScopeIds();
    if (auto loyalty = services::loadLoyalty(*db()); loyalty)
        m_model->setLoyalty(std::move(loyalty->by_client));
    m_scoresLoad.start(session(), this,
                       [this](const Result<ScoresCache::Scores>& scores) { showScores(scores); });
}

void VipView::showScores(const Result<ScoresCache::Scores>& scores) {
    if (!scores || !*scores) {
        m_clients = std::make_shared<std::vector<services::ScoredClient>>();
        m_runInfo->setText(
            !scores ? tr("Cannot read the value scores: %1").arg(errorText(scores.error()))
            : onServer()
                ? tr("No value analysis yet — the branch's nightly batch ranks the clients; ask "
                     "the branch's administrator if it has not run.")
                : tr("No value analysis yet — run Refresh to rank clients."));
    } else {
        const auto& b = **scores;
        // On a server the batch ranks every client of the firm (its "Firm rank"); the login
        // reads the scores of the clients it sees, so the count is of those, said as such.
        m_runInfo->setText(
            (onServer() ? tr("The branch's nightly batch of %1 · as of %2 · ranked the whole "
                             "firm; %3 of its clients are in your view")
                        : tr("Refresh of %1 · as of %2 · %3 clients scored"))
                .arg(QString::fromStdString(b.run.started_at), formatDate(b.run.as_of),
                     formatCount(static_cast<qint64>(b.clients.size()))));
        const QSignalBlocker block(m_percent);
        m_percent->setValue(b.vip_percent);
        // The run's clients as the cache holds them (shared, not copied).
        m_clients = std::shared_ptr<const std::vector<services::ScoredClient>>(*scores, &b.clients);
    }
    fillScopeIds();
    rerank();
}

void VipView::fillScopeIds() {
    const QSignalBlocker block(m_scopeId);
    m_scopeId->clear();
    const ScopeKind kind = scopeKind();
    m_scopeId->setEnabled(kind != Firm);
    if (kind == Firm || !db()) return;
    if (kind == Branch) {
        if (auto branches = services::listBranches(*db()))
            for (const auto& b : *branches)
                m_scopeId->addItem(QStringLiteral("%1 %2").arg(QString::fromStdString(b.branch_id),
                                                               QString::fromStdString(b.name)),
                                   QString::fromStdString(b.branch_id));
    } else if (auto brokers = services::listBrokers(*db())) {
        for (const auto& b : *brokers)
            m_scopeId->addItem(QStringLiteral("%1 %2").arg(QString::fromStdString(b.broker_id),
                                                           QString::fromStdString(b.name)),
                               QString::fromStdString(b.broker_id));
    }
}

void VipView::setScope(ScopeKind kind, const QString& id) {
    // A scope the login is not offered (a broker's firm) stays as it is.
    if (const int i = m_scope->findData(kind); i >= 0)
        m_scope->setCurrentIndex(i); // refills the ids and re-ranks
    if (kind != Firm) {
        const int i = m_scopeId->findData(id);
        if (i >= 0) m_scopeId->setCurrentIndex(i);
    }
    rerank();
}

void VipView::setTopPercent(double percent) {
    m_percent->setValue(percent);
}

int VipView::vipCount() const {
    return m_model->rowCount();
}

void VipView::rerank() {
    if (!m_clients) return;
    services::VipScope scope;
    const ScopeKind kind = scopeKind();
    scope.kind = kind == Branch   ? services::VipScope::Kind::Branch
                 : kind == Broker ? services::VipScope::Kind::Broker
                                  : services::VipScope::Kind::Firm;
    scope.id = m_scopeId->currentData().toString().toStdString();
    const auto members = services::scopeMembers(*m_clients, scope);
    auto vips = services::rankVips(*m_clients, scope, m_percent->value());
    m_scopeSize = static_cast<qint64>(members.size());
    double scopeProfit = 0.0, vipProfit = 0.0;
    for (auto i : members)
        scopeProfit += static_cast<double>((*m_clients)[i].score.profit_12m.units);
    for (auto i : vips) vipProfit += static_cast<double>((*m_clients)[i].score.profit_12m.units);
    m_summary->setText(
        tr("%1 VIPs of %2 clients · %3 of the scope's 12-month profit")
            .arg(formatCount(static_cast<qint64>(vips.size())), formatCount(m_scopeSize),
                 scopeProfit > 0 ? formatPercent(vipProfit / scopeProfit) : QStringLiteral("—")));
    m_model->setRows(m_clients, std::move(vips));
    if (m_proxy->rowCount() > 0)
        m_table->selectRow(0);
    else
        m_explanation->clear();
}

void VipView::showExplanation() {
    const QModelIndex src = m_proxy->mapToSource(m_table->currentIndex());
    if (!src.isValid()) {
        m_explanation->clear();
        return;
    }
    const auto& c = m_model->clientAt(src.row());
    QString text = QStringLiteral("<b>%1 %2</b> — ")
                       .arg(QString::fromStdString(c.client_id),
                            QString::fromStdString(c.name).toHtmlEscaped());
    // The UI's language first, the other underneath (managers forward these to either side).
    const phrase::Lang lang = uiLang();
    const phrase::Lang other = lang == phrase::Lang::Zh ? phrase::Lang::En : phrase::Lang::Zh;
    // The client's household, when it has one, is part of why it matters.
    std::optional<services::Household> household;
    if (session())
        if (auto h = services::loadHousehold(session()->book(), c.score.client_ref);
            h && h->exists())
            household = std::move(*h);
    const auto words = [&](phrase::Lang l) {
        std::string s = phrase::explanation(c.score.explanation_code, l);
        if (household)
            s += " · " + phrase::householdFact(static_cast<int>(household->members.size()),
                                               household->aum, l);
        return QString::fromStdString(s).toHtmlEscaped();
    };
    text += words(lang);
    text += "<br>" + words(other);
    m_explanation->setText(text);
}

} // namespace bd::ui
