#include "dialogs/bulkactiondialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "dialogs/commandoutcome.h"
#include "format.h"
#include "jobs/workerread.h"
#include "services/clientbook.h"
#include "session/booksession.h"
#include "widgets/pagehead.h"

namespace bd::ui {

namespace cmd = services::cmd;

BulkActionDialog::BulkActionDialog(BookSession* session,
                                   std::vector<std::pair<std::int64_t, std::string>> clients,
                                   QWidget* parent)
    : QDialog(parent), m_session(session), m_clients(std::move(clients)) {
    setObjectName("bulkActionDialog");
    setWindowTitle(tr("Bulk action"));
    setMinimumWidth(520); // the preview names every broker the clients come from
    auto* layout = new QVBoxLayout(this);
    auto* count =
        new QLabel(tr("%n client(s) chosen", nullptr, static_cast<int>(m_clients.size())), this);
    count->setObjectName("bulkCount");
    layout->addWidget(count);
    auto* form = new QFormLayout;
    m_action = new QComboBox(this);
    m_action->setObjectName("bulkAction");
    m_action->addItem(tr("Reassign broker"), Reassign);
    m_action->addItem(tr("Add tag"), AddTag);
    m_action->addItem(tr("Remove tag"), RemoveTag);
    m_action->addItem(tr("Set status"), SetStatus);
    form->addRow(tr("Action:"), m_action);
    m_broker = new QComboBox(this);
    m_broker->setObjectName("bulkBroker");
    if (auto brokers = services::listBrokers(session->book()))
        for (const auto& b : *brokers)
            m_broker->addItem(QStringLiteral("%1 %2").arg(QString::fromStdString(b.broker_id),
                                                          QString::fromStdString(b.name)),
                              QString::fromStdString(b.broker_id));
    form->addRow(tr("Broker:"), m_broker);
    m_tag = new QLineEdit(this);
    m_tag->setObjectName("bulkTag");
    if (auto tags = services::listTags(session->book()); tags && !tags->empty())
        m_tag->setPlaceholderText(QString::fromStdString(tags->front().first));
    form->addRow(tr("Tag:"), m_tag);
    m_status = new QComboBox(this);
    m_status->setObjectName("bulkStatus");
    for (ClientStatus s : {ClientStatus::Active, ClientStatus::Dormant, ClientStatus::Closed,
                           ClientStatus::Prospect})
        m_status->addItem(enumLabel(s), static_cast<int>(s));
    form->addRow(tr("Status:"), m_status);
    layout->addLayout(form);
    m_preview = addWrappingLabel(layout, this, "bulkPreview");
    m_error = addWrappingLabel(layout, this, "bulkError");
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_apply = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName("bulkApply");
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
    layout->addWidget(buttons);

    auto* formLayout = form;
    const auto showFields = [this, formLayout] {
        const int a = m_action->currentData().toInt();
        formLayout->setRowVisible(m_broker, a == Reassign);
        formLayout->setRowVisible(m_tag, a == AddTag || a == RemoveTag);
        formLayout->setRowVisible(m_status, a == SetStatus);
        updatePreview();
    };
    connect(m_action, &QComboBox::currentIndexChanged, this, showFields);
    connect(m_broker, &QComboBox::currentIndexChanged, this, [this] { updatePreview(); });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] { updatePreview(); });
    connect(m_tag, &QLineEdit::textChanged, this, [this] { updatePreview(); });
    showFields();
}

QString BulkActionDialog::previewText() const {
    return m_preview->text();
}

void BulkActionDialog::updatePreview() {
    std::vector<std::int64_t> refs;
    refs.reserve(m_clients.size());
    for (const auto& c : m_clients) refs.push_back(c.first);
    const int action = m_action->currentData().toInt();
    if (action == AddTag || action == RemoveTag) {
        m_previewRead.drop(); // counts under way are of a choice since changed
        const QString tag = m_tag->text().trimmed();
        const int n = static_cast<int>(m_clients.size());
        m_preview->setText(
            tag.isEmpty() ? tr("Name the tag.")
            : action == AddTag
                ? tr("%n client(s) will be tagged %1", nullptr, n).arg(tag)
                : tr("Tag %1 will be removed from %n client(s)", nullptr, n).arg(tag));
        return;
    }
    // The counts read every chosen client (all 100,000 of a book with no filter): off the
    // window's thread, the newest choice's answer shown.
    const int ticket = m_previewRead.start();
    const std::string to = m_broker->currentData().toString().toStdString();
    const int status = m_status->currentData().toInt();
    const QString statusText = m_status->currentText();
    std::function<Result<services::BulkPreview>(services::Database&)> read =
        action == Reassign ? std::function<Result<services::BulkPreview>(services::Database&)>(
                                 [refs, to](services::Database& db) {
                                     return services::previewReassign(db, refs, to);
                                 })
                           : [refs, status](services::Database& db) {
                                 return services::previewStatus(db, refs, status);
                             };
    readOffWindow<Result<services::BulkPreview>>(
        this, m_session->book(), std::move(read),
        [this, ticket, action, to, statusText](const Result<services::BulkPreview>& p) {
            if (!m_previewRead.finish(ticket)) return; // a newer choice is being counted
            m_preview->setText(p ? previewWords(action, *p, to, statusText) : errorText(p.error()));
        });
}

QString BulkActionDialog::previewWords(int action, const services::BulkPreview& p,
                                       const std::string& to, const QString& statusText) {
    if (action == SetStatus)
        return tr("%n client(s) will be set to %1", nullptr, static_cast<int>(p.changing))
            .arg(statusText);
    QStringList from;
    for (const auto& [broker, n] : p.from)
        if (broker != to)
            from << QStringLiteral("%1 (%2)").arg(QString::fromStdString(broker)).arg(n);
    QString text =
        tr("%n client(s) will be reassigned from %1 to %2", nullptr, static_cast<int>(p.changing))
            .arg(from.isEmpty() ? QStringLiteral("—") : from.join(QStringLiteral(", ")),
                 QString::fromStdString(to));
    if (p.clients > p.changing)
        text += QLatin1Char(' ') +
                tr("(%n already there)", nullptr, static_cast<int>(p.clients - p.changing));
    if (p.changing_branch > 0)
        text += tr("; %n of them will move to the broker's branch", nullptr,
                   static_cast<int>(p.changing_branch));
    return text;
}

bool BulkActionDialog::apply() {
    std::vector<std::string> ids;
    ids.reserve(m_clients.size());
    for (const auto& c : m_clients) ids.push_back(c.second);
    const int action = m_action->currentData().toInt();
    Result<cmd::Applied> r = makeError(ErrorCode::Usage, "");
    if (action == Reassign)
        r = m_session->execute(
            cmd::ReassignClients{ids, m_broker->currentData().toString().toStdString()});
    else if (action == SetStatus)
        r = m_session->execute(cmd::SetClientsStatus{
            ids,
            std::string(toString(static_cast<ClientStatus>(m_status->currentData().toInt())))});
    else
        r = m_session->execute(
            cmd::TagClients{ids, m_tag->text().trimmed().toStdString(), "", action == RemoveTag});
    return acceptOrShowRefusal(*this, *m_error, r);
}

} // namespace bd::ui
