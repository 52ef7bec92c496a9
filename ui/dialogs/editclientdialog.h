#pragma once
// Edit client: every profile field in the forms clients.csv takes (the fields with a fixed set of
// values, gender, risk level, status and preferred channel, as a choice of their names in words),
// saved through the session as one command (services/commands): the engine validates as the
// import does, and a
// refusal is shown next to the field it names (a stale version above the fields, with both
// values), the dialog staying open.
#include <QDialog>

#include <array>

#include "services/commands/command.h"
#include "services/commands/records.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace bd::ui {

class BookSession;

class EditClientDialog : public QDialog {
    Q_OBJECT
  public:
    /// Edits `record` (as read, with its version) in `session`'s book.
    EditClientDialog(BookSession* session, const services::ClientRecord& record,
                     QWidget* parent = nullptr);

    /// A text field's editor (nullptr for a choice), a choice field's list (nullptr for text)
    /// and its error label (for tests).
    QLineEdit* editor(services::cmd::ClientField f) const;
    QComboBox* choice(services::cmd::ClientField f) const;
    QLabel* errorLabel(services::cmd::ClientField f) const { return m_errors[index(f)]; }
    /// Saves the changed fields; true when saved (the dialog is then accepted).
    bool save();

  private:
    static std::size_t index(services::cmd::ClientField f) { return static_cast<std::size_t>(f); }
    static constexpr std::size_t kFields =
        static_cast<std::size_t>(services::cmd::ClientField::Count);

    BookSession* m_session;
    services::ClientRecord m_record;
    /// The value a field's editor holds, in the form the command takes.
    std::string valueOf(std::size_t i) const;

    std::array<QWidget*, kFields> m_edits{};
    std::array<QLabel*, kFields> m_errors{};
    QLabel* m_general = nullptr;
};

} // namespace bd::ui
