#include "views/auditview.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <vector>

#include "core/refusal.h"
#include "format.h"
#include "phrasebook/phrasebook.h"
#include "services/clientlookup.h"
#include "services/commands/command.h"
#include "services/commands/records.h"
#include "services/massupdate.h"
#include "session/booksession.h"
#include "views/clientdetailpane.h"
#include "widgets/barcontrols.h"
#include "widgets/pagehead.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

namespace {

enum Column { Time, Who, Operation, Entity, ClientId, Changes };

// What an audit row changed, in words (the engine names it by its table).
QString entityLabel(const std::string& entity) {
    static const std::pair<const char*, const char*> labels[] = {
        {"client", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Client")},
        {"client_tag", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Client tag")},
        {"tag", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Tag")},
        {"note", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Note")},
        {"contact", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Contact")},
        {"correction", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Local correction")},
        {"relation", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Relation")},
        {"task", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Plan item")},
        {"calendar_day", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Calendar day")},
        {"setting", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Setting")},
        {"segment", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Segment")},
        {"policy", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Service policy")},
        {"export", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Export")},
        {"merge", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Merge")},
        {"merge_target", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Merged client")},
        {"survey_campaign", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Survey campaign")},
        {"survey_template", QT_TRANSLATE_NOOP("bd::ui::AuditView", "Survey template")}};
    for (const auto& [key, label] : labels)
        if (entity == key) return AuditView::tr(label);
    return QString::fromStdString(entity);
}

} // namespace

AuditView::AuditView(QWidget* parent) : BookView(parent) {
    setObjectName("auditView");
    const auto [layout, bar] = makeBarPageHead(this, tr("Audit trail"));
    m_client = addBarControl<QLineEdit>(bar, this, "auditClient", tr("Client"));
    m_client->setPlaceholderText(tr("Client id"));
    m_client->setClearButtonEnabled(true);
    m_kind = addBarControl<QComboBox>(bar, this, "auditKind", tr("Operation"));
    m_kind->addItem(tr("All operations"), QString());
    // A prefix ending in '.' takes every kind of its family (the store's rule).
    const std::pair<const char*, QString> kinds[] = {
        {"client.", tr("Clients")},   {"tag.", tr("Tags")},        {"note.", tr("Notes")},
        {"contact.", tr("Contacts")}, {"plan.", tr("Plan items")}, {"relation.", tr("Relations")},
        {"undo", tr("Undo")},         {"export", tr("Exports")}};
    for (const auto& [kind, label] : kinds) m_kind->addItem(label, QString::fromLatin1(kind));
    m_since = addBarControl<QDateEdit>(bar, this, "auditSince", tr("Since"));
    setDayPicker(m_since);
    m_since->setMinimumDate(QDate(2000, 1, 1));
    m_since->setSpecialValueText(tr("any day")); // the minimum: no first day
    m_since->setDate(m_since->minimumDate());
    m_summary = new QLabel(this);
    m_summary->setObjectName("auditSummary");
    bar->addSpacing(16);
    bar->addWidget(m_summary);
    bar->addStretch(1);
    m_undo = addBarButton(bar, this, "auditUndo", tr("Undo this operation"));
    m_undo->setToolTip(tr("Puts back what the selected row's operation changed, as one new "
                          "operation; refused when it was undone already or changed since."));
    m_undo->setEnabled(false);
    layout->addLayout(bar);
    m_message = addWrappingLabel(layout, this, "auditMessage");
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    m_table = makeReadOnlyTable(
        {tr("Time"), tr("Who"), tr("Operation"), tr("Entity"), tr("Client"), tr("Changes")},
        "auditTable", this);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    layout->addWidget(m_table, 1);

    auto* undoAction = new QAction(tr("Undo this operation"), this);
    undoAction->setObjectName("auditUndoAction");
    connect(undoAction, &QAction::triggered, this, &AuditView::undoSelected);
    connect(m_undo, &QPushButton::clicked, this, &AuditView::undoSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_undo->setEnabled(selectedOperation() != 0); });
    connect(m_table, &QTableWidget::customContextMenuRequested, this,
            [this, undoAction](const QPoint& at) {
                if (selectedOperation() == 0) return;
                QMenu menu(this);
                menu.addAction(undoAction);
                menu.exec(m_table->viewport()->mapToGlobal(at));
            });

    connect(m_client, &QLineEdit::editingFinished, this, &AuditView::markStale);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &AuditView::markStale);
    connect(m_since, &QDateEdit::dateChanged, this, &AuditView::markStale);
}

void AuditView::watch(BookSession& session) {
    // Every write is audited: any change the session announces may add rows.
    connect(&session, &BookSession::clientsChanged, this, &AuditView::markStale);
    connect(&session, &BookSession::contactsChanged, this, &AuditView::markStale);
    connect(&session, &BookSession::planChanged, this, &AuditView::markStale);
    connect(&session, &BookSession::settingsChanged, this, &AuditView::markStale);
}

std::int64_t AuditView::selectedOperation() const {
    const auto* item = m_table->item(m_table->currentRow(), Time);
    return item && item->isSelected() ? item->data(Qt::UserRole).toLongLong() : 0;
}

bool AuditView::undoSelected() {
    const std::int64_t operation = selectedOperation();
    if (operation == 0 || !session()) return false;
    // The session announces what the undo changed: every view updates, this page with them.
    auto r = session()->execute(services::cmd::UndoOperation{operation});
    if (r) {
        m_message->clear();
        m_message->hide();
        return true;
    }
    m_message->setText(tr("Not undone: %1").arg(errorText(r.error())));
    m_message->show();
    return false;
}

void AuditView::reload() {
    m_undo->setEnabled(false);
    m_table->setRowCount(0);
    if (!db()) return;
    auto store = services::sqliteRecordStore(*db());
    services::AuditFilter filter;
    filter.kind = m_kind->currentData().toString().toStdString();
    if (m_since->date() != m_since->minimumDate())
        filter.since = DateTime::fromParts(fromQDate(m_since->date()), 0, 0, 0);
    filter.limit = kRowLimit;
    const QString client = m_client->text().trimmed();
    std::optional<services::ClientLookup> found;
    if (!client.isEmpty()) {
        // A merged client's id lists its history and the kept client's (and says so).
        auto lookup = services::lookupClient(*store, client.toStdString());
        if (!lookup) {
            const bool unknown = lookup.error().refusal &&
                                 lookup.error().refusal->fact.kind == RefusalKind::UnknownClient;
            m_summary->setText(unknown ? tr("No client %1 in this book.").arg(client)
                                       : errorText(lookup.error()));
            return;
        }
        found = std::move(*lookup);
    }
    auto rows = found ? services::clientAudit(*store, *found, filter) : store->listAudit(filter);
    if (!rows) {
        m_summary->setText(errorText(rows.error()));
        return;
    }
    // The rows' client ids in one read, not one per row.
    std::vector<std::int64_t> refs;
    for (const auto& a : *rows)
        if (a.client_ref) refs.push_back(*a.client_ref);
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    auto ids = services::clientIdsOf(*db(), refs);
    if (!ids) {
        m_summary->setText(errorText(ids.error()));
        return;
    }
    const auto clientId = [&](std::optional<std::int64_t> ref) -> QString {
        if (!ref) return {};
        const auto it = ids->find(*ref);
        return it == ids->end() ? QString() : QString::fromStdString(it->second);
    };
    m_table->setRowCount(static_cast<int>(rows->size()));
    int r = 0;
    for (const auto& a : *rows) {
        auto* time = textItem(formatDateTime(a.at));
        time->setData(Qt::UserRole, static_cast<qlonglong>(a.operation));
        m_table->setItem(r, Time, time);
        m_table->setItem(r, Who, textItem(QString::fromStdString(a.actor)));
        m_table->setItem(r, Operation, textItem(ClientDetailPane::auditKindText(a)));
        m_table->setItem(r, Entity,
                         textItem(QStringLiteral("%1 · %2").arg(
                             entityLabel(a.entity), ClientDetailPane::auditEntityIdText(a))));
        m_table->setItem(r, ClientId, textItem(clientId(a.client_ref)));
        auto* changes = textItem(ClientDetailPane::auditChangesText(a));
        changes->setToolTip(changes->text());
        m_table->setItem(r, Changes, changes);
        ++r;
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    QString shown =
        rows->size() >= static_cast<std::size_t>(kRowLimit)
            ? tr("Newest %1 rows shown; narrow the filters to see older ones.").arg(kRowLimit)
            : tr("%1 rows").arg(rows->size());
    if (found && found->merged_from)
        shown = tr("%1 (both clients' history). %2")
                    .arg(QString::fromStdString(phrase::mergedInto(
                             *found->merged_from, found->record.client.client_id, uiLang())),
                         shown);
    m_summary->setText(shown);
}

} // namespace bd::ui
