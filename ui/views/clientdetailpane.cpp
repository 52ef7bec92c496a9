#include "views/clientdetailpane.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/idnumber.h"
#include "format.h"
#include "session/booksession.h"
#include "views/clientvaluetab.h"
#include "views/portfoliotab.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

namespace {

// The pane's two small tables: compact rows, and several rows may be selected (to copy them).
QTableWidget* makeTable(const QStringList& headers, const char* name, QWidget* parent) {
    return makeReadOnlyTable(headers, name, parent,
                             {.row_height_px = 22, .single_selection = false});
}

QTableWidgetItem* cell(const QString& text,
                       Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(align);
    return item;
}

constexpr auto kRight = Qt::AlignRight | Qt::AlignVCenter;

} // namespace

ClientDetailPane::ClientDetailPane(QWidget* parent) : QWidget(parent) {
    setObjectName("clientDetail");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);

    m_title = new QLabel(this);
    m_title->setObjectName("detailTitle");
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName("detailSubtitle");
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName("detailTabs");
    m_tabs->setDocumentMode(true);
    auto* overview = new QWidget(m_tabs);
    overview->setObjectName("overviewTab");
    m_tabs->addTab(overview, tr("Overview"));
    m_portfolio = new PortfolioTab(m_tabs);
    m_tabs->addTab(m_portfolio, tr("Portfolio"));
    m_value = new ClientValueTab(m_tabs);
    m_tabs->addTab(m_value, tr("Value"));
    layout->addWidget(m_tabs, 1);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int) { loadCurrentTab(); });
    auto* page = new QVBoxLayout(overview);
    page->setContentsMargins(0, 4, 0, 0);

    auto* top = new QHBoxLayout;
    m_profileBox = new QGroupBox(tr("Profile"), overview);
    m_profileBox->setObjectName("profileBox");
    auto* form = new QFormLayout(m_profileBox);
    form->setLabelAlignment(Qt::AlignRight);
    m_clientId = addField(form, tr("Client ID"), "detailClientId");
    m_gender = addField(form, tr("Gender"), "detailGender");
    m_age = addField(form, tr("Age"), "detailAge");
    m_idNumber = addField(form, tr("ID number"), "detailIdNumber");
    m_phone = addField(form, tr("Phone"), "detailPhone");
    m_email = addField(form, tr("Email"), "detailEmail");
    m_channel = addField(form, tr("Preferred channel"), "detailChannel");
    m_hours = addField(form, tr("Contact hours"), "detailHours");
    top->addWidget(m_profileBox, 3);

    auto* right = new QVBoxLayout;
    auto* accountBox = new QGroupBox(tr("Account"), overview);
    accountBox->setObjectName("accountBox");
    auto* accForm = new QFormLayout(accountBox);
    accForm->setLabelAlignment(Qt::AlignRight);
    m_broker = addField(accForm, tr("Broker"), "detailBroker");
    m_branch = addField(accForm, tr("Branch"), "detailBranch");
    m_opened = addField(accForm, tr("Opened"), "detailOpened");
    m_risk = addField(accForm, tr("Risk level"), "detailRisk");
    m_status = addField(accForm, tr("Status"), "detailStatus");
    right->addWidget(accountBox);

    auto* aumBox = new QGroupBox(tr("Assets (CNY)"), overview);
    aumBox->setObjectName("aumBox");
    auto* aumForm = new QFormLayout(aumBox);
    aumForm->setLabelAlignment(Qt::AlignRight);
    m_aumTotal = addField(aumForm, tr("Total"), "detailAumTotal");
    QFont bold = m_aumTotal->font();
    bold.setBold(true);
    m_aumTotal->setFont(bold);
    m_aumCash = addField(aumForm, tr("Cash"), "detailAumCash");
    m_aumMarket = addField(aumForm, tr("Market value"), "detailAumMarket");
    m_aumDate = addField(aumForm, tr("As of"), "detailAumDate");
    right->addWidget(aumBox);
    top->addLayout(right, 2);
    page->addLayout(top);

    m_tradesBox = new QGroupBox(tr("Recent trades"), overview);
    m_tradesBox->setObjectName("tradesBox");
    auto* tl = new QVBoxLayout(m_tradesBox);
    m_trades = makeTable({tr("Time"), tr("Security"), tr("Side"), tr("Quantity"), tr("Price"),
                          tr("Amount"), tr("Commission"), tr("Channel")},
                         "recentTrades", m_tradesBox);
    tl->addWidget(m_trades);
    page->addWidget(m_tradesBox, 3);

    m_contactsBox = new QGroupBox(tr("Recent contacts"), overview);
    m_contactsBox->setObjectName("contactsBox");
    auto* cl = new QVBoxLayout(m_contactsBox);
    m_contacts = makeTable({tr("Time"), tr("Channel"), tr("Direction"), tr("Outcome"),
                            tr("Satisfaction"), tr("Broker"), tr("Notes")},
                           "recentContacts", m_contactsBox);
    m_contacts->horizontalHeader()->setStretchLastSection(true);
    cl->addWidget(m_contacts);
    page->addWidget(m_contactsBox, 2);
    clear();
}

QLabel* ClientDetailPane::addField(QFormLayout* form, const QString& label,
                                   const char* objectName) {
    auto* value = new QLabel(this);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label + QLatin1Char(':'), value);
    return value;
}

void ClientDetailPane::setSession(BookSession* session) {
    m_session = session;
    const auto reshow = [this](const services::ClientSet& clients) {
        if (m_ref != 0 && clients.contains(m_ref)) showClient(m_ref);
    };
    connect(session, &BookSession::contactsChanged, this,
            [reshow](const services::ContactsChange& c) { reshow(c.clients); });
    connect(session, &BookSession::clientsChanged, this,
            [reshow](const services::ClientsChange& c) { reshow(c.clients); });
    connect(session, &BookSession::analyticsChanged, this,
            [this](const services::AnalyticsChange& c) {
                if (c.kind != services::AnalyticsChange::Kind::NewRun) return;
                m_valueStale = true;
                loadCurrentTab();
            });
    connect(session, &BookSession::settingsChanged, this,
            [this](const services::SettingsChange& c) {
                if (c.kind != services::SettingsChange::Kind::PortfolioOptions) return;
                m_portfolioStale = true;
                loadCurrentTab();
            });
    // What is shown belongs to the previous book.
    connect(session, &BookSession::bookReplaced, this, &ClientDetailPane::clear);
}

void ClientDetailPane::showClient(qint64 clientRef) {
    if (!m_session || clientRef == 0) {
        clear();
        return;
    }
    auto d = services::loadClientDetail(m_session->book(), clientRef);
    if (!d) {
        clear();
        emit errorOccurred(QString::fromStdString(d.error().toString()));
        return;
    }
    showDetail(*d);
}

void ClientDetailPane::setCurrentTab(Tab tab) {
    m_tabs->setCurrentIndex(tab);
    loadCurrentTab();
}

void ClientDetailPane::loadCurrentTab() {
    const int tab = m_tabs->currentIndex();
    if (!m_session || m_ref == 0) return;
    if (tab == PortfolioTabIndex && m_portfolioStale) {
        m_portfolio->showClient(m_session->book(), m_clientCode);
        m_portfolioStale = false;
    } else if (tab == ValueTabIndex && m_valueStale) {
        m_value->showClient(m_session->book(), m_ref);
        m_valueStale = false;
    }
}

void ClientDetailPane::clear() {
    m_ref = 0;
    m_clientCode.clear();
    m_portfolioStale = m_valueStale = true;
    m_portfolio->clear();
    m_value->clear();
    m_title->setText(tr("No client selected"));
    m_subtitle->setText(tr("Select a client in the book to see the profile, assets and activity."));
    for (QLabel* l :
         {m_clientId, m_gender, m_age, m_idNumber, m_phone, m_email, m_broker, m_branch, m_opened,
          m_risk, m_status, m_channel, m_hours, m_aumTotal, m_aumCash, m_aumMarket, m_aumDate})
        l->clear();
    m_trades->setRowCount(0);
    m_contacts->setRowCount(0);
    m_tradesBox->setTitle(tr("Recent trades"));
    m_contactsBox->setTitle(tr("Recent contacts"));
}

void ClientDetailPane::showDetail(const services::ClientDetail& d, const QDate& today) {
    // The same client again (a change to it) keeps its loaded tabs; they follow their own kinds
    // of change.
    const bool another = d.ref != m_ref;
    m_ref = d.ref;
    const Client& c = d.client;
    const QString dash = QStringLiteral("—");
    auto orDash = [&](const std::string& s) {
        return s.empty() ? dash : QString::fromStdString(s);
    };

    m_title->setText(QString::fromStdString(c.name));
    m_subtitle->setText(tr("%1 · %2 · %3")
                            .arg(QString::fromStdString(c.client_id), riskLabel(c.risk_level),
                                 enumLabel(c.status)));
    m_clientId->setText(QString::fromStdString(c.client_id));
    m_gender->setText(enumLabel(c.gender));
    // The birth date may be missing while a valid ID number still encodes it.
    auto birth = c.birth_date;
    if (!birth) birth = idNumberBirthDate(c.id_number);
    if (birth) {
        const auto age = ageOn(*birth, fromQDate(today));
        m_age->setText(age ? tr("%1 (born %2)").arg(*age).arg(formatDate(*birth))
                           : formatDate(*birth));
    } else {
        m_age->setText(dash);
    }
    m_idNumber->setText(c.id_number.empty() ? dash
                                            : maskIdNumber(QString::fromStdString(c.id_number)));
    m_phone->setText(orDash(c.phone));
    m_email->setText(orDash(c.email));
    m_channel->setText(enumLabel(c.preferred_channel));
    m_hours->setText(orDash(d.contact_hours));
    m_broker->setText(d.broker_name.empty()
                          ? QString::fromStdString(c.broker_id)
                          : QStringLiteral("%1 (%2)").arg(QString::fromStdString(d.broker_name),
                                                          QString::fromStdString(c.broker_id)));
    m_branch->setText(d.branch_name.empty() ? orDash(c.branch_id)
                                            : QString::fromStdString(d.branch_name));
    m_opened->setText(formatDate(c.open_date));
    m_risk->setText(riskLabel(c.risk_level));
    m_status->setText(enumLabel(c.status));
    if (d.latest_assets) {
        const auto& a = *d.latest_assets;
        m_aumTotal->setText(formatCny(a.cash + a.market_value));
        m_aumCash->setText(formatCny(a.cash));
        m_aumMarket->setText(formatCny(a.market_value));
        m_aumDate->setText(formatDate(a.date));
    } else {
        m_aumTotal->setText(tr("no snapshot"));
        m_aumCash->setText(dash);
        m_aumMarket->setText(dash);
        m_aumDate->setText(dash);
    }

    m_tradesBox->setTitle(
        tr("Recent trades (%1 of %2)").arg(d.recent_trades.size()).arg(d.trades_total));
    m_trades->setRowCount(static_cast<int>(d.recent_trades.size()));
    int row = 0;
    for (const auto& t : d.recent_trades) {
        const QString sec =
            t.security_name.empty()
                ? QString::fromStdString(t.security_code)
                : QStringLiteral("%1 %2").arg(QString::fromStdString(t.security_code),
                                              QString::fromStdString(t.security_name));
        m_trades->setItem(row, 0, cell(formatDateTime(t.time)));
        m_trades->setItem(row, 1, cell(sec));
        auto* side = cell(enumLabel(t.side), Qt::AlignCenter);
        // Red for buys, green for sells: the convention on Chinese exchanges.
        side->setForeground(t.side == Side::Buy ? QColor(0xC0, 0x20, 0x20)
                                                : QColor(0x10, 0x80, 0x30));
        m_trades->setItem(row, 2, side);
        m_trades->setItem(
            row, 3,
            cell(QLocale(QLocale::English).toString(static_cast<qlonglong>(t.quantity)), kRight));
        m_trades->setItem(row, 4, cell(QString::fromStdString(formatMoney(t.price)), kRight));
        m_trades->setItem(row, 5, cell(formatCny(t.amount), kRight));
        m_trades->setItem(row, 6, cell(formatCny(t.commission), kRight));
        m_trades->setItem(row, 7, cell(enumLabel(t.channel), Qt::AlignCenter));
        ++row;
    }
    m_trades->resizeColumnsToContents();

    m_contactsBox->setTitle(
        tr("Recent contacts (%1 of %2)").arg(d.recent_contacts.size()).arg(d.contacts_total));
    m_contacts->setRowCount(static_cast<int>(d.recent_contacts.size()));
    row = 0;
    for (const auto& k : d.recent_contacts) {
        m_contacts->setItem(row, 0, cell(formatDateTime(k.time)));
        m_contacts->setItem(row, 1, cell(enumLabel(k.channel), Qt::AlignCenter));
        m_contacts->setItem(row, 2, cell(enumLabel(k.direction), Qt::AlignCenter));
        m_contacts->setItem(row, 3, cell(enumLabel(k.outcome), Qt::AlignCenter));
        m_contacts->setItem(row, 4,
                            cell(k.satisfaction > 0 ? QString(k.satisfaction, QChar(0x2605)) : dash,
                                 Qt::AlignCenter));
        m_contacts->setItem(row, 5, cell(QString::fromStdString(k.broker_id), Qt::AlignCenter));
        m_contacts->setItem(row, 6, cell(QString::fromStdString(k.notes)));
        ++row;
    }
    m_contacts->resizeColumnsToContents();
    m_contacts->horizontalHeader()->setStretchLastSection(true);

    m_clientCode = QString::fromStdString(c.client_id);
    if (another) {
        m_portfolioStale = m_valueStale = true;
        loadCurrentTab();
    }
}

} // namespace bd::ui
