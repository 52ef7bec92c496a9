#include "dialogs/editclientdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "format.h"
#include "services/commands/clientfields.h"
#include "session/booksession.h"
#include "views/clientdetailpane.h"
#include "widgets/pagehead.h"

namespace bd::ui {

namespace cmd = services::cmd;

namespace {

// The pane's label, with the date format the field is typed in.
QString fieldLabel(cmd::ClientField f) {
    return f == cmd::ClientField::RiskAssessedOn
               ? EditClientDialog::tr("Risk assessed on (YYYY-MM-DD)")
               : ClientDetailPane::fieldLabel(f);
}

/// The values a field takes as (code, words), or none for a field of free text. The first is
/// empty: the field may be left unset, as in clients.csv.
std::vector<std::pair<std::string, QString>> choicesOf(cmd::ClientField f) {
    std::vector<std::pair<std::string, QString>> out{{std::string(), QStringLiteral("—")}};
    const auto add = [&](auto v) { out.emplace_back(std::string(toString(v)), enumLabel(v)); };
    switch (f) {
    case cmd::ClientField::Gender:
        for (auto v : {Gender::Male, Gender::Female}) add(v);
        return out;
    case cmd::ClientField::Status:
        for (auto v : {ClientStatus::Active, ClientStatus::Dormant, ClientStatus::Closed,
                       ClientStatus::Prospect})
            add(v);
        return out;
    case cmd::ClientField::PreferredChannel:
        for (int c = 1; c < kContactChannelCount; ++c) add(static_cast<ContactChannel>(c));
        return out;
    case cmd::ClientField::RiskLevel:
        for (int level = 1; level <= 5; ++level)
            out.emplace_back("C" + std::to_string(level), riskLabel(level));
        return out;
    default:
        return {};
    }
}

/// The editor of one field holding `text`: a list of its values in words, or a line of text.
QWidget* makeEditor(cmd::ClientField f, const std::string& text, QWidget* parent) {
    const auto choices = choicesOf(f);
    if (choices.empty()) return new QLineEdit(QString::fromStdString(text), parent);
    auto* box = new QComboBox(parent);
    for (const auto& [code, words] : choices) box->addItem(words, QString::fromStdString(code));
    int at = box->findData(QString::fromStdString(text));
    if (at < 0) { // a stored value outside the list stays as it is unless changed
        box->addItem(QString::fromStdString(text), QString::fromStdString(text));
        at = box->count() - 1;
    }
    box->setCurrentIndex(at);
    return box;
}

} // namespace

QLineEdit* EditClientDialog::editor(cmd::ClientField f) const {
    return qobject_cast<QLineEdit*>(m_edits[index(f)]);
}

QComboBox* EditClientDialog::choice(cmd::ClientField f) const {
    return qobject_cast<QComboBox*>(m_edits[index(f)]);
}

std::string EditClientDialog::valueOf(std::size_t i) const {
    if (auto* box = qobject_cast<QComboBox*>(m_edits[i]))
        return box->currentData().toString().toStdString();
    return qobject_cast<QLineEdit*>(m_edits[i])->text().trimmed().toStdString();
}

EditClientDialog::EditClientDialog(BookSession* session, const services::ClientRecord& record,
                                   QWidget* parent)
    : QDialog(parent), m_session(session), m_record(record) {
    setObjectName("editClientDialog");
    setWindowTitle(tr("Edit client %1").arg(QString::fromStdString(record.client.client_id)));
    auto* layout = new QVBoxLayout(this);
    m_general = addWrappingLabel(layout, this, "editClientError");
    m_general->setStyleSheet("color: #c62828");
    m_general->hide();
    auto* form = new QFormLayout;
    for (std::size_t i = 0; i < kFields; ++i) {
        const auto f = static_cast<cmd::ClientField>(i);
        auto* row = new QHBoxLayout;
        m_edits[i] = makeEditor(f, cmd::fieldText(record, f), this);
        m_edits[i]->setObjectName(QStringLiteral("edit_") +
                                  QString::fromUtf8(cmd::fieldKey(f).data()));
        m_errors[i] = new QLabel(this);
        m_errors[i]->setObjectName(QStringLiteral("error_") +
                                   QString::fromUtf8(cmd::fieldKey(f).data()));
        m_errors[i]->setStyleSheet("color: #c62828");
        m_errors[i]->hide();
        row->addWidget(m_edits[i], 1);
        row->addWidget(m_errors[i]);
        form->addRow(fieldLabel(f), row);
    }
    layout->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName("saveClient");
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save()) accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

bool EditClientDialog::save() {
    for (auto* e : m_errors) e->hide();
    m_general->hide();
    cmd::EditClient edit{m_record.client.client_id, m_record.version, {}};
    for (std::size_t i = 0; i < kFields; ++i) {
        const auto f = static_cast<cmd::ClientField>(i);
        const std::string now = valueOf(i);
        if (now != cmd::fieldText(m_record, f)) edit.values.push_back({f, now});
    }
    if (edit.values.empty()) return true;
    auto r = m_session->execute(edit);
    if (r) return true;
    // The engine names the field it refused and why, worded in the workstation's language.
    const Error& e = r.error();
    for (std::size_t i = 0; i < kFields; ++i)
        if (e.column_name == cmd::fieldKey(static_cast<cmd::ClientField>(i))) {
            m_errors[i]->setText(
                tr("Not accepted: %1")
                    .arg(QString::fromStdString(e.refusal ? phrase::refusal(*e.refusal, uiLang())
                                                          : e.message)));
            m_errors[i]->show();
            m_edits[i]->setFocus();
            return false;
        }
    if (e.column_name == "version") {
        // Someone else saved this client meanwhile: show their value next to this edit's for
        // each field, and base the next Save on their version (saving again keeps these values).
        auto store = services::sqliteRecordStore(m_session->book());
        auto now = store->loadClient(m_record.client.client_id);
        if (now) {
            for (const auto& v : edit.values) {
                const auto i = index(v.field);
                m_errors[i]->setText(tr("Changed meanwhile to “%1”; yours: “%2”")
                                         .arg(QString::fromStdString(cmd::fieldText(*now, v.field)),
                                              QString::fromStdString(v.value)));
                m_errors[i]->show();
            }
            m_record = *now;
        }
        m_general->setText(tr("Someone else changed this client while you were editing it. "
                              "Both values are shown; Save again to keep yours."));
    } else {
        m_general->setText(errorText(e));
    }
    m_general->show();
    return false;
}

} // namespace bd::ui
