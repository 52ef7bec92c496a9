#include "dialogs/contactfixdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "dialogs/commandoutcome.h"
#include "format.h"
#include "services/commands/command.h"
#include "session/booksession.h"
#include "widgets/pagehead.h"

namespace bd::ui {

namespace cmd = services::cmd;

ContactFixDialog::ContactFixDialog(BookSession* session, Mode mode, qint64 contactId,
                                   const QString& notes, Outcome outcome, QWidget* parent)
    : QDialog(parent), m_session(session), m_mode(mode), m_contactId(contactId) {
    setObjectName(mode == Mode::Correct ? "correctContactDialog" : "voidContactDialog");
    setWindowTitle(mode == Mode::Correct ? tr("Correct contact") : tr("Void contact"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    if (mode == Mode::Correct) {
        m_outcome = new QComboBox(this);
        m_outcome->setObjectName("contactOutcome");
        for (Outcome o : {Outcome::Reached, Outcome::NoAnswer, Outcome::Callback,
                          Outcome::Complaint, Outcome::Refused}) {
            m_outcome->addItem(enumLabel(o), static_cast<int>(o));
            if (o == outcome) m_outcome->setCurrentIndex(m_outcome->count() - 1);
        }
        m_notes = new QPlainTextEdit(notes, this);
        m_notes->setObjectName("contactNotes");
        form->addRow(tr("Outcome"), m_outcome);
        form->addRow(tr("Notes"), m_notes);
    } else {
        auto* note = new QLabel(
            tr("A void contact stays in the book, marked void, and no longer counts."), this);
        note->setWordWrap(true);
        layout->addWidget(note);
        m_reason = new QLineEdit(this);
        m_reason->setObjectName("voidReason");
        form->addRow(tr("Reason"), m_reason);
    }
    layout->addLayout(form);
    m_error = addWrappingLabel(layout, this, "contactFixError");
    m_error->setStyleSheet("color: #c62828");
    m_error->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { save(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

bool ContactFixDialog::save() {
    cmd::CommandArgs args;
    if (m_mode == Mode::Correct)
        args = cmd::CorrectContact{m_contactId, m_notes->toPlainText().toStdString(),
                                   static_cast<Outcome>(m_outcome->currentData().toInt())};
    else
        args = cmd::VoidContact{m_contactId, m_reason->text().trimmed().toStdString()};
    auto r = m_session->execute(std::move(args));
    return acceptOrShowRefusal(*this, *m_error, r);
}

} // namespace bd::ui
