#pragma once
// Correct or void a logged contact (issue 18): the client pane's Correct… edits its notes and
// outcome, Void… asks for the reason; each runs one command through the session (audited, undoable
// with Ctrl+Z, every view told). A refusal is shown in the dialog, which stays open.
#include <QDialog>

#include "core/enums.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace bd::ui {

class BookSession;

class ContactFixDialog : public QDialog {
    Q_OBJECT
  public:
    enum class Mode { Correct, Void };

    /// Corrects or voids contact `contactId`, starting from its `notes` and `outcome`.
    ContactFixDialog(BookSession* session, Mode mode, qint64 contactId, const QString& notes,
                     Outcome outcome, QWidget* parent = nullptr);

    /// The editors and the refusal label (for tests); null when the mode has none.
    QPlainTextEdit* notesEdit() const { return m_notes; }
    QComboBox* outcomeBox() const { return m_outcome; }
    QLineEdit* reasonEdit() const { return m_reason; }
    QLabel* errorLabel() const { return m_error; }
    /// Runs the command; true when done (the dialog is then accepted).
    bool save();

  private:
    BookSession* m_session;
    Mode m_mode;
    qint64 m_contactId;
    QPlainTextEdit* m_notes = nullptr;
    QComboBox* m_outcome = nullptr;
    QLineEdit* m_reason = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace bd::ui
