#pragma once
// Edit › Settings…: every setting of the book (services/booksettings.h) in tabs — value model,
// VIP & segments, planning & capacity, deadlines, portfolio, general — with its allowed range
// and default beside it, checked as it is typed. Apply and OK run one SaveSettings command
// through the book session (validated, audited, undoable, announced to every view); nothing is
// stored while a value is out of range. The language is the workstation's own choice.
#include <QDialog>
#include <QMap>

#include "services/booksettings.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QWidget;

namespace bd::ui {

class BookSession;

class SettingsDialog : public QDialog {
    Q_OBJECT
  public:
    explicit SettingsDialog(BookSession* session, QWidget* parent = nullptr);

    /// Stores the changed values; false (with the reason shown) when one is out of range or
    /// the book refused them.
    bool apply();
    /// The editor of a setting (a QLineEdit or a QComboBox), nullptr for an unknown key.
    QWidget* editor(const QString& key) const { return m_editors.value(key); }
    /// The message under the tabs: the first value out of range and its allowed range.
    QLabel* errorLabel() const { return m_error; }
    /// The text beside a setting's editor: its range and default, or why its value is refused.
    QLabel* fieldMessage(const QString& key) const { return m_hints.value(key); }
    QTabWidget* tabs() const { return m_tabs; }
    /// The text of a setting's allowed range, as the dialog shows it.
    static QString rangeText(const services::SettingSpec& spec);

  private:
    void load();
    /// Checks every editor in place; the first error's text, empty when all are allowed.
    QString validate();
    QWidget* makeEditor(const services::SettingSpec& spec, QWidget* parent);
    QString labelFor(const services::SettingSpec& spec) const;

    BookSession* m_session;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_error = nullptr;
    int m_errorTab = 0; // the tab of the first value out of range (tabs follow SettingGroup)
    QComboBox* m_language = nullptr;
    QString m_languageShown;
    QDialogButtonBox* m_buttons = nullptr;
    QMap<QString, QWidget*> m_editors;
    QMap<QString, QLabel*> m_hints;             // beside each editor
    QMap<QString, QString> m_hintTexts;         // what it says while the value is allowed
    std::vector<services::SettingSpec> m_specs; // the catalogue, then each broker's capacity
    QMap<QString, QString> m_brokerNames;       // capacity key -> "B1 Name"
    std::vector<services::SettingValue> m_loaded;
};

} // namespace bd::ui
