#include "views/clientdetailpane.h"

#include <QAction>
#include <QColorDialog>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/idnumber.h"
#include "dialogs/contactfixdialog.h"
#include "dialogs/editclientdialog.h"
#include "dialogs/logcontactdialog.h"
#include "format.h"
#include "services/commands/clientfields.h"
#include "services/commands/records.h"
#include "services/household.h"
#include "services/riskassessment.h"
#include "services/surveys.h"
#include "session/booksession.h"
#include "views/clientvaluetab.h"
#include "views/portfoliotab.h"
#include "widgets/clientsearchbox.h"
#include "widgets/pagehead.h"
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

namespace cmd = services::cmd;

// The audit trail's kinds of operation, in words.
QString kindLabel(const std::string& kind) {
    if (kind == "client.edit") return ClientDetailPane::tr("Profile edited");
    if (kind == "client.add") return ClientDetailPane::tr("Client added");
    if (kind == "tag.set") return ClientDetailPane::tr("Tag set");
    if (kind == "tag.remove") return ClientDetailPane::tr("Tag removed");
    if (kind == "note.add") return ClientDetailPane::tr("Note added");
    if (kind == "contact.log") return ClientDetailPane::tr("Contact logged");
    if (kind == "contact.correct") return ClientDetailPane::tr("Contact corrected");
    if (kind == "contact.void") return ClientDetailPane::tr("Contact voided");
    if (kind == "plan.reschedule") return ClientDetailPane::tr("Plan item moved");
    if (kind == "plan.skip") return ClientDetailPane::tr("Plan item skipped");
    if (kind == "relation.set") return ClientDetailPane::tr("Relation set");
    if (kind == "relation.remove") return ClientDetailPane::tr("Relation removed");
    if (kind == "undo") return ClientDetailPane::tr("Undo");
    if (kind == "export") return ClientDetailPane::tr("Export");
    return QString::fromStdString(kind);
}

// A stored value's key, in words (a profile field's label, else the key itself).
QString keyLabel(const std::string& key) {
    const auto f = cmd::parseClientField(key);
    if (!f) {
        if (key == "channel") return ClientDetailPane::tr("Channel");
        if (key == "direction") return ClientDetailPane::tr("Direction");
        if (key == "outcome") return ClientDetailPane::tr("Outcome");
        if (key == "satisfaction") return ClientDetailPane::tr("Satisfaction");
        if (key == "notes") return ClientDetailPane::tr("Notes");
        if (key == "void_reason") return ClientDetailPane::tr("Void reason");
        if (key == "next_follow_up") return ClientDetailPane::tr("Follow-up");
        if (key == "colour") return ClientDetailPane::tr("Colour");
        return QString::fromStdString(key);
    }
    return ClientDetailPane::fieldLabel(*f);
}

// A stored value as shown: the words of channels, directions and outcomes in the UI language.
QString valueText(const std::string& key, const std::string& value) {
    if (key == "channel" || key == "preferred_channel")
        if (auto c = parseContactChannel(value)) return enumLabel(*c);
    if (key == "direction")
        if (auto d = parseDirection(value)) return enumLabel(*d);
    if (key == "outcome")
        if (auto o = parseOutcome(value)) return enumLabel(*o);
    return QString::fromStdString(value);
}

// What an audit row changed: "Phone: 138… → 139…" for each value that differs.
QString changesText(const services::AuditRow& row) {
    using Members = std::vector<std::pair<std::string, std::string>>;
    const Members before =
        row.before ? cmd::readFlatJson(*row.before).value_or(Members{}) : Members{};
    const Members after = row.after ? cmd::readFlatJson(*row.after).value_or(Members{}) : Members{};
    auto find = [](const Members& m, const std::string& key) -> const std::string* {
        for (const auto& [k, v] : m)
            if (k == key) return &v;
        return nullptr;
    };
    const std::string* state = nullptr;
    if (row.entity == "correction") {
        const Members& m = row.after ? after : before;
        const std::string* field = find(m, "field");
        const QString label = keyLabel(field ? *field : std::string());
        return row.after
                   ? ClientDetailPane::tr("%1 kept as a local correction (over imports)").arg(label)
                   : ClientDetailPane::tr("Local correction of %1 removed").arg(label);
    }
    if (row.entity == "client_tag") {
        const auto slash = row.entity_id.find('/');
        const QString tag = QString::fromStdString(
            slash == std::string::npos ? row.entity_id : row.entity_id.substr(slash + 1));
        return row.after ? ClientDetailPane::tr("Tag “%1”").arg(tag)
                         : ClientDetailPane::tr("Tag “%1” removed").arg(tag);
    }
    if (row.entity == "relation") {
        const Members& m = row.after ? after : before;
        const std::string* a = find(m, "a");
        const std::string* b = find(m, "b");
        const std::string* kind = find(m, "kind");
        const QString who = QStringLiteral("%1 → %2").arg(QString::fromStdString(a ? *a : ""),
                                                          QString::fromStdString(b ? *b : ""));
        const QString what =
            enumLabel(parseRelationKind(kind ? *kind : "").value_or(RelationKind::Unknown));
        return row.after ? ClientDetailPane::tr("Relation %1: %2").arg(who, what)
                         : ClientDetailPane::tr("Relation %1 (%2) removed").arg(who, what);
    }
    if (row.entity == "note" && (state = find(row.after ? after : before, "text")))
        return ClientDetailPane::tr("Note: %1").arg(QString::fromStdString(*state));
    QStringList parts;
    for (const auto& [k, v] : after) {
        const std::string* was = find(before, k);
        if (k == "client_id" || (was && *was == v) || (!was && v.empty())) continue;
        parts << (was ? ClientDetailPane::tr("%1: %2 → %3")
                            .arg(keyLabel(k), valueText(k, *was), valueText(k, v))
                      : ClientDetailPane::tr("%1: %2").arg(keyLabel(k), valueText(k, v)));
    }
    for (const auto& [k, v] : before)
        if (!find(after, k))
            parts << ClientDetailPane::tr("%1: %2 removed").arg(keyLabel(k), valueText(k, v));
    return parts.join(QStringLiteral("; "));
}

// A tag as a coloured chip.
QString chipStyle(const std::string& colour) {
    const QColor c(QString::fromStdString(colour));
    const QColor bg = c.isValid() ? c : QColor(0x9e, 0x9e, 0x9e);
    const QString fg = bg.lightnessF() > 0.6 ? QStringLiteral("#222") : QStringLiteral("#fff");
    return QStringLiteral(
               "QLabel { background: %1; color: %2; border-radius: 8px; padding: 1px 8px; }")
        .arg(bg.name(), fg);
}

} // namespace

QString ClientDetailPane::fieldLabel(cmd::ClientField f) {
    // In ClientField order.
    static constexpr const char* kLabels[] = {QT_TR_NOOP("Name"),
                                              QT_TR_NOOP("Gender"),
                                              QT_TR_NOOP("Birth date"),
                                              QT_TR_NOOP("ID number"),
                                              QT_TR_NOOP("Phone"),
                                              QT_TR_NOOP("Email"),
                                              QT_TR_NOOP("Broker"),
                                              QT_TR_NOOP("Branch"),
                                              QT_TR_NOOP("Risk level"),
                                              QT_TR_NOOP("Status"),
                                              QT_TR_NOOP("Preferred channel"),
                                              QT_TR_NOOP("Contact hours"),
                                              QT_TR_NOOP("Risk assessed on")};
    static_assert(std::size(kLabels) == static_cast<std::size_t>(cmd::ClientField::Count));
    return tableLabel<ClientDetailPane>(kLabels, f);
}

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

    auto* actions = new QHBoxLayout;
    m_edit = new QPushButton(tr("Edit…"), this);
    m_edit->setObjectName("editClientButton");
    connect(m_edit, &QPushButton::clicked, this, &ClientDetailPane::editClient);
    m_log = new QPushButton(tr("Log contact…"), this);
    m_log->setObjectName("logContactButton");
    connect(m_log, &QPushButton::clicked, this, &ClientDetailPane::logContact);
    actions->addWidget(m_edit);
    actions->addWidget(m_log);
    actions->addSpacing(12);
    auto* tagsLabel = new QLabel(tr("Tags:"), this);
    actions->addWidget(tagsLabel);
    m_tagChips = new QWidget(this);
    m_tagChips->setObjectName("tagChips");
    auto* chips = new QHBoxLayout(m_tagChips);
    chips->setContentsMargins(0, 0, 0, 0);
    chips->setSpacing(4);
    actions->addWidget(m_tagChips);
    auto* tagInput = new QLineEdit(this);
    tagInput->setObjectName("tagInput");
    tagInput->setPlaceholderText(tr("new tag"));
    tagInput->setMaximumWidth(120);
    auto* addTag = new QToolButton(this);
    addTag->setObjectName("addTagButton");
    addTag->setText(tr("Add tag"));
    const auto add = [this, tagInput] {
        if (setTag(tagInput->text().trimmed(), false)) tagInput->clear();
    };
    connect(addTag, &QToolButton::clicked, this, add);
    connect(tagInput, &QLineEdit::returnPressed, this, add);
    actions->addWidget(tagInput);
    actions->addWidget(addTag);
    actions->addStretch(1);
    layout->addLayout(actions);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName("detailTabs");
    m_tabs->setDocumentMode(true);
    // The overview and the value tab scroll rather than set the window's height: the
    // overview's boxes and three tables need about 820 px, more than a laptop's screen leaves
    // the pane.
    const auto scrolled = [this](QWidget* content) {
        auto* scroll = new QScrollArea(m_tabs);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(content);
        return scroll;
    };
    auto* overview = new QWidget;
    overview->setObjectName("overviewTab");
    m_tabs->addTab(scrolled(overview), tr("Overview"));
    m_portfolio = new PortfolioTab(m_tabs);
    m_tabs->addTab(m_portfolio, tr("Portfolio"));
    m_value = new ClientValueTab;
    m_tabs->addTab(scrolled(m_value), tr("Value"));
    auto* notesTab = new QWidget(m_tabs);
    notesTab->setObjectName("notesTab");
    auto* notesLayout = new QVBoxLayout(notesTab);
    m_notes = new QListWidget(notesTab);
    m_notes->setObjectName("notesList");
    m_notes->setWordWrap(true);
    auto* addNoteButton = new QPushButton(tr("Add note"), notesTab);
    addNoteButton->setObjectName("addNoteButton");
    connect(addNoteButton, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(this, tr("Add note"),
                                                            tr("Note (not a contact):"), {}, &ok);
        if (ok && !text.trimmed().isEmpty()) addNote(text.trimmed());
    });
    notesLayout->addWidget(addNoteButton, 0, Qt::AlignLeft);
    notesLayout->addWidget(m_notes, 1);
    m_tabs->addTab(notesTab, tr("Notes"));
    m_history =
        makeReadOnlyTable({tr("Time"), tr("By"), tr("Operation"), tr("Changes")}, "historyTable",
                          m_tabs, {.row_height_px = 22, .single_selection = false});
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_tabs->addTab(m_history, tr("History"));
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
    m_riskAssessed = addField(accForm, tr("Risk assessed on"), "detailRiskAssessed");
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

    m_householdBox = new QGroupBox(tr("Household and relations"), overview);
    m_householdBox->setObjectName("householdBox");
    auto* hl = new QVBoxLayout(m_householdBox);
    m_household = makeTable({tr("Client"), tr("Name"), tr("Relation"), tr("AUM"),
                             tr("Profit (12 months)"), tr("Value score")},
                            "householdTable", m_householdBox);
    m_household->setSelectionMode(QAbstractItemView::SingleSelection);
    // Room for a household of four and a relation without scrolling.
    m_household->setMinimumHeight(6 * 22 + m_household->horizontalHeader()->sizeHint().height());
    hl->addWidget(m_household);
    auto* hrow = new QHBoxLayout;
    m_householdTotals = new QLabel(m_householdBox);
    m_householdTotals->setObjectName("householdTotals");
    m_householdTotals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    hrow->addWidget(m_householdTotals, 1);
    m_addRelation = new QPushButton(tr("Add relation…"), m_householdBox);
    m_addRelation->setObjectName("addRelationButton");
    connect(m_addRelation, &QPushButton::clicked, this, &ClientDetailPane::addRelation);
    m_removeRelation = new QPushButton(tr("Remove relation"), m_householdBox);
    m_removeRelation->setObjectName("removeRelationButton");
    connect(m_removeRelation, &QPushButton::clicked, this, [this] {
        const int row = m_household->currentRow();
        const auto* item = row >= 0 ? m_household->item(row, 0) : nullptr;
        if (!item || item->data(Qt::UserRole).toBool()) return; // none, or the client itself
        if (QMessageBox::question(this, tr("Remove relation"),
                                  tr("Remove the relation to %1?").arg(item->text())) ==
            QMessageBox::Yes)
            unrelate(item->text());
    });
    hrow->addWidget(m_addRelation);
    hrow->addWidget(m_removeRelation);
    hl->addLayout(hrow);
    page->addWidget(m_householdBox, 3);

    m_tradesBox = new QGroupBox(tr("Recent trades"), overview);
    m_tradesBox->setObjectName("tradesBox");
    auto* tl = new QVBoxLayout(m_tradesBox);
    m_trades = makeTable({tr("Time"), tr("Security"), tr("Side"), tr("Quantity"), tr("Price"),
                          tr("Amount"), tr("Commission"), tr("Channel")},
                         "recentTrades", m_tradesBox);
    tl->addWidget(m_trades);
    page->addWidget(m_tradesBox, 2);

    m_contactsBox = new QGroupBox(tr("Recent contacts"), overview);
    m_contactsBox->setObjectName("contactsBox");
    auto* cl = new QVBoxLayout(m_contactsBox);
    m_contacts = makeTable({tr("Time"), tr("Channel"), tr("Direction"), tr("Outcome"),
                            tr("Satisfaction"), tr("Broker"), tr("Notes")},
                           "recentContacts", m_contactsBox);
    m_contacts->horizontalHeader()->setStretchLastSection(true);
    cl->addWidget(m_contacts);
    // A mistaken contact is corrected or voided, never deleted: the audit trail keeps both.
    auto* fixRow = new QHBoxLayout;
    fixRow->addStretch(1);
    m_correctContact = new QPushButton(tr("Correct…"), m_contactsBox);
    m_correctContact->setObjectName("correctContactButton");
    m_correctContact->setToolTip(tr("Correct the selected contact's notes and outcome"));
    connect(m_correctContact, &QPushButton::clicked, this, &ClientDetailPane::correctContact);
    m_voidContact = new QPushButton(tr("Void…"), m_contactsBox);
    m_voidContact->setObjectName("voidContactButton");
    m_voidContact->setToolTip(tr("Void the selected contact, giving a reason"));
    connect(m_voidContact, &QPushButton::clicked, this, &ClientDetailPane::voidContact);
    fixRow->addWidget(m_correctContact);
    fixRow->addWidget(m_voidContact);
    cl->addLayout(fixRow);
    m_contacts->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* correctAction = new QAction(tr("Correct…"), m_contacts);
    connect(correctAction, &QAction::triggered, this, &ClientDetailPane::correctContact);
    auto* voidAction = new QAction(tr("Void…"), m_contacts);
    connect(voidAction, &QAction::triggered, this, &ClientDetailPane::voidContact);
    m_contacts->addActions({correctAction, voidAction});
    page->addWidget(m_contactsBox, 2);
    clear();
}

QLabel* ClientDetailPane::addField(QFormLayout* form, const QString& label,
                                   const char* objectName) {
    return addFormField(form, this, label, objectName);
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
        emit errorOccurred(errorText(d.error()));
        return;
    }
    showDetail(*d);
    loadRecords();
}

void ClientDetailPane::clearChips() {
    // A chip's own remove button may be what asked (its signal still running): detach, delete
    // later.
    for (auto* chip : m_tagChips->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
        chip->hide();
        chip->setParent(nullptr);
        chip->deleteLater();
    }
}

void ClientDetailPane::loadRecords() {
    m_edit->setEnabled(true);
    m_log->setEnabled(true);
    m_correctContact->setEnabled(true);
    m_voidContact->setEnabled(true);
    loadHousehold();
    auto store = services::sqliteRecordStore(m_session->book());

    clearChips();
    if (auto tags = store->tagsOf(m_ref)) {
        for (const auto& t : *tags) {
            const QString name = QString::fromStdString(t.name);
            auto* chip = new QWidget(m_tagChips);
            chip->setObjectName(QStringLiteral("tag_") + name);
            auto* row = new QHBoxLayout(chip);
            row->setContentsMargins(0, 0, 0, 0);
            row->setSpacing(0);
            auto* label = new QLabel(name, chip);
            label->setStyleSheet(chipStyle(t.colour));
            auto* remove = new QToolButton(chip);
            remove->setObjectName("removeTag");
            remove->setText(QStringLiteral("×"));
            remove->setAutoRaise(true);
            remove->setToolTip(tr("Remove tag %1").arg(name));
            connect(remove, &QToolButton::clicked, this, [this, name] { setTag(name, true); });
            auto* colour = new QToolButton(chip);
            colour->setObjectName("tagColour");
            colour->setText(QStringLiteral("●"));
            colour->setAutoRaise(true);
            colour->setToolTip(tr("Colour of tag %1").arg(name));
            const QColor was(QString::fromStdString(t.colour));
            connect(colour, &QToolButton::clicked, this, [this, name, was] {
                const QColor c =
                    QColorDialog::getColor(was, this, tr("Colour of tag %1").arg(name));
                if (c.isValid()) setTagColour(name, c.name());
            });
            row->addWidget(label);
            row->addWidget(colour);
            row->addWidget(remove);
            m_tagChips->layout()->addWidget(chip);
        }
    }

    m_notes->clear();
    if (auto notes = store->notesOf(m_ref))
        for (const auto& n : *notes)
            m_notes->addItem(tr("%1 · %2: %3")
                                 .arg(formatDateTime(n.at), QString::fromStdString(n.author),
                                      QString::fromStdString(n.text)));

    services::AuditFilter filter;
    filter.client_ref = m_ref;
    filter.limit = 500;
    auto rows = store->listAudit(filter);
    m_history->setRowCount(rows ? static_cast<int>(rows->size()) : 0);
    if (!rows) return;
    int r = 0;
    for (const auto& a : *rows) {
        m_history->setItem(r, 0, cell(formatDateTime(a.at)));
        m_history->setItem(r, 1, cell(QString::fromStdString(a.actor)));
        m_history->setItem(r, 2, cell(auditKindText(a)));
        auto* changes = cell(changesText(a));
        changes->setToolTip(changes->text());
        m_history->setItem(r, 3, changes);
        ++r;
    }
    m_history->resizeColumnsToContents();
    m_history->horizontalHeader()->setStretchLastSection(true);
}

void ClientDetailPane::loadHousehold() {
    m_addRelation->setEnabled(true);
    m_removeRelation->setEnabled(true);
    m_household->setRowCount(0);
    auto h = services::loadHousehold(m_session->book(), m_ref);
    if (!h) {
        m_householdTotals->setText(errorText(h.error()));
        return;
    }
    const QString dash = QStringLiteral("—");
    int row = 0;
    const auto add = [&](const services::RelatedClient& m) {
        m_household->insertRow(row);
        const bool self = m.ref == m_ref;
        auto* id = cell(QString::fromStdString(m.client_id));
        id->setData(Qt::UserRole, self);
        m_household->setItem(row, 0, id);
        m_household->setItem(row, 1, cell(QString::fromStdString(m.name)));
        QString kind = self ? tr("this client") : enumLabel(m.kind);
        if (!self && m.kind == RelationKind::Unknown) kind = tr("household member");
        if (!m.in_household) kind = tr("%1 (not household)").arg(kind);
        m_household->setItem(row, 2, cell(kind));
        m_household->setItem(row, 3, cell(m.aum ? formatCny(*m.aum) : dash, kRight));
        m_household->setItem(row, 4,
                             cell(m.profit_12m ? formatCnySigned(*m.profit_12m) : dash, kRight));
        m_household->setItem(
            row, 5, cell(m.value_score ? QString::number(*m.value_score, 'f', 2) : dash, kRight));
        ++row;
    };
    if (h->exists())
        for (const auto& m : h->members) add(m);
    for (const auto& m : h->others) add(m);
    m_household->resizeColumnsToContents();
    m_householdTotals->setText(
        h->exists() ? tr("Household of %1: combined AUM %2 · profit (12 months) %3 · value %4")
                          .arg(h->members.size())
                          .arg(formatCny(h->aum), formatCnySigned(h->profit_12m),
                               QString::number(h->value_score, 'f', 2))
                    : tr("No household: relate a spouse, parent, child or sibling."));
}

bool ClientDetailPane::relateTo(const QString& otherClientId, RelationKind kind) {
    if (!m_session || m_ref == 0) return false;
    auto r = m_session->execute(
        cmd::RelateClients{m_clientCode.toStdString(), otherClientId.toStdString(), kind});
    if (!r) emit errorOccurred(errorText(r.error()));
    return static_cast<bool>(r);
}

bool ClientDetailPane::unrelate(const QString& otherClientId) {
    if (!m_session || m_ref == 0) return false;
    auto r = m_session->execute(
        cmd::UnrelateClients{m_clientCode.toStdString(), otherClientId.toStdString()});
    if (!r) emit errorOccurred(errorText(r.error()));
    return static_cast<bool>(r);
}

void ClientDetailPane::addRelation() {
    if (!m_session || m_ref == 0) return;
    QDialog dialog(this);
    dialog.setObjectName("addRelationDialog");
    dialog.setWindowTitle(tr("Add relation"));
    auto* form = new QFormLayout(&dialog);
    auto* search = new ClientSearchBox(&dialog);
    search->setObjectName("relationSearch");
    search->setPlaceholderText(tr("name, pinyin, client ID, phone digits…"));
    search->setSession(m_session);
    auto* chosen = new QLabel(tr("(none chosen)"), &dialog);
    chosen->setObjectName("relationChosen");
    auto* kind = new QComboBox(&dialog);
    kind->setObjectName("relationKind");
    for (int k = 1; k < kEnumCodes<RelationKind>; ++k)
        kind->addItem(enumLabel(static_cast<RelationKind>(k)), k);
    form->addRow(tr("Client:"), search);
    form->addRow(QString(), chosen);
    form->addRow(tr("Is this client's:"), kind);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    form->addRow(buttons);
    QString other;
    connect(search, &ClientSearchBox::clientChosen, &dialog, [&](qint64, const QString& clientId) {
        other = clientId;
        chosen->setText(clientId);
        buttons->button(QDialogButtonBox::Ok)->setEnabled(clientId != m_clientCode);
    });
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted || other.isEmpty()) return;
    relateTo(other, static_cast<RelationKind>(kind->currentData().toInt()));
}

void ClientDetailPane::editClient() {
    if (!m_session || m_ref == 0) return;
    auto store = services::sqliteRecordStore(m_session->book());
    auto record = store->loadClientByRef(m_ref);
    if (!record) {
        emit errorOccurred(errorText(record.error()));
        return;
    }
    EditClientDialog dialog(m_session, *record, this);
    dialog.exec();
}

void ClientDetailPane::logContact() {
    if (!m_session || m_ref == 0) return;
    auto d = services::loadClientDetail(m_session->book(), m_ref);
    if (!d) return;
    services::PlanItem item;
    item.client_ref = m_ref;
    item.client_id = d->client.client_id;
    item.name = d->client.name;
    item.phone = d->client.phone;
    if (d->client.preferred_channel != ContactChannel::Unknown)
        item.channel = d->client.preferred_channel;
    LogContactDialog dialog(item, fromQDate(QDate::currentDate()), this, true);
    if (auto survey = services::openSurveyFor(m_session->book(), m_ref); survey && *survey)
        dialog.setSurvey(**survey);
    if (dialog.exec() != QDialog::Accepted) return;
    auto r = m_session->logContact(dialog.contactLog());
    if (!r) emit errorOccurred(errorText(r.error()));
}

bool ClientDetailPane::setTag(const QString& tag, bool remove) {
    if (!m_session || m_ref == 0 || tag.isEmpty()) return false;
    auto r = m_session->execute(
        cmd::TagClients{{m_clientCode.toStdString()}, tag.toStdString(), {}, remove});
    if (!r) emit errorOccurred(errorText(r.error()));
    return static_cast<bool>(r);
}

bool ClientDetailPane::setTagColour(const QString& tag, const QString& colour) {
    if (!m_session) return false;
    auto r = m_session->execute(cmd::SetTagColour{tag.toStdString(), colour.toStdString()});
    if (!r) emit errorOccurred(errorText(r.error()));
    return static_cast<bool>(r);
}

bool ClientDetailPane::addNote(const QString& text) {
    if (!m_session || m_ref == 0) return false;
    auto r = m_session->execute(cmd::AddNote{m_clientCode.toStdString(), text.toStdString(), {}});
    if (!r) emit errorOccurred(errorText(r.error()));
    return static_cast<bool>(r);
}

QString ClientDetailPane::auditKindText(const services::AuditRow& row) {
    return row.undoes ? tr("Undo of operation %1").arg(*row.undoes) : kindLabel(row.kind);
}

QString ClientDetailPane::auditChangesText(const services::AuditRow& row) {
    return changesText(row);
}

QString ClientDetailPane::auditEntityIdText(const services::AuditRow& row) {
    const auto slash = row.entity_id.rfind('/');
    if (row.entity != "correction" || slash == std::string::npos)
        return QString::fromStdString(row.entity_id);
    return QString::fromStdString(row.entity_id.substr(0, slash + 1)) +
           keyLabel(row.entity_id.substr(slash + 1));
}

void ClientDetailPane::correctContact() {
    fixContact(true);
}

void ClientDetailPane::voidContact() {
    fixContact(false);
}

void ClientDetailPane::fixContact(bool correct) {
    if (!m_session || m_ref == 0) return;
    const int row = m_contacts->currentRow();
    const auto* item = row >= 0 ? m_contacts->item(row, 0) : nullptr;
    if (!item) {
        emit errorOccurred(tr("Select a contact first."));
        return;
    }
    ContactFixDialog dialog(
        m_session, correct ? ContactFixDialog::Mode::Correct : ContactFixDialog::Mode::Void,
        item->data(Qt::UserRole).toLongLong(), item->data(Qt::UserRole + 1).toString(),
        static_cast<Outcome>(item->data(Qt::UserRole + 2).toInt()), this);
    dialog.exec();
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
        m_value->showClient(m_session->book(), m_ref, m_session->onServer());
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
    for (QLabel* l : {m_clientId, m_gender, m_age, m_idNumber, m_phone, m_email, m_broker, m_branch,
                      m_opened, m_risk, m_riskAssessed, m_status, m_channel, m_hours, m_aumTotal,
                      m_aumCash, m_aumMarket, m_aumDate})
        l->clear();
    m_trades->setRowCount(0);
    m_contacts->setRowCount(0);
    m_notes->clear();
    m_history->setRowCount(0);
    m_household->setRowCount(0);
    m_householdTotals->clear();
    m_addRelation->setEnabled(false);
    m_removeRelation->setEnabled(false);
    clearChips();
    m_edit->setEnabled(false);
    m_log->setEnabled(false);
    m_correctContact->setEnabled(false);
    m_voidContact->setEnabled(false);
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
    if (c.risk_assessed_on) {
        const auto validity = m_session
                                  ? services::loadRiskAssessmentValidity(m_session->book())
                                  : Result<int>(services::kDefaultRiskAssessmentValidityMonths);
        const Date expires = services::riskAssessmentExpiry(
            *c.risk_assessed_on,
            validity ? *validity : services::kDefaultRiskAssessmentValidityMonths);
        const bool expired = expires <= fromQDate(today);
        m_riskAssessed->setText((expired ? tr("%1 (expired %2)") : tr("%1 (valid until %2)"))
                                    .arg(formatDate(*c.risk_assessed_on),
                                         formatDate(expires.addDays(expired ? 0 : -1))));
        m_riskAssessed->setStyleSheet(expired ? QStringLiteral("color: #c02020;") : QString());
    } else {
        m_riskAssessed->setText(tr("not recorded"));
        m_riskAssessed->setStyleSheet(QString());
    }
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
        auto* time = cell(formatDateTime(k.time));
        time->setData(Qt::UserRole, static_cast<qlonglong>(k.id));
        time->setData(Qt::UserRole + 1, QString::fromStdString(k.notes));
        time->setData(Qt::UserRole + 2, static_cast<int>(k.outcome));
        m_contacts->setItem(row, 0, time);
        m_contacts->setItem(row, 1, cell(enumLabel(k.channel), Qt::AlignCenter));
        m_contacts->setItem(row, 2, cell(enumLabel(k.direction), Qt::AlignCenter));
        auto* outcome = cell(k.void_reason ? tr("Void") : enumLabel(k.outcome), Qt::AlignCenter);
        if (k.void_reason)
            outcome->setToolTip(tr("Voided: %1").arg(QString::fromStdString(*k.void_reason)));
        m_contacts->setItem(row, 3, outcome);
        m_contacts->setItem(row, 4,
                            cell(k.satisfaction > 0 ? QString(k.satisfaction, QChar(0x2605)) : dash,
                                 Qt::AlignCenter));
        m_contacts->setItem(row, 5, cell(QString::fromStdString(k.broker_id), Qt::AlignCenter));
        m_contacts->setItem(row, 6, cell(QString::fromStdString(k.notes)));
        if (k.void_reason) // a void contact reads struck through and grey, still in the book
            for (int col = 0; col < m_contacts->columnCount(); ++col)
                if (auto* it = m_contacts->item(row, col)) {
                    QFont f = it->font();
                    f.setStrikeOut(true);
                    it->setFont(f);
                    it->setForeground(Qt::gray);
                }
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
