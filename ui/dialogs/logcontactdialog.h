#pragma once
// The one-key "log contact" dialog of the Today view: channel, outcome, satisfaction, notes and
// the next follow-up. Enter accepts (Reached is preselected, so a quick call is two keys).
#include <QDialog>

#include "services/contactlog.h"
#include "services/planitems.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QPlainTextEdit;

namespace bd::ui {

class LogContactDialog : public QDialog {
    Q_OBJECT
  public:
    /// For the plan item's client, its planned channel preselected; `today` bounds the next date.
    /// `chooseDirection`: a contact without a plan item (from the client pane), which may be
    /// inbound or outbound (a planned call is outbound).
    LogContactDialog(const services::PlanItem& item, Date today, QWidget* parent = nullptr,
                     bool chooseDirection = false);

    /// What the broker entered.
    services::ContactLog contactLog() const;

    // Exposed for tests.
    QComboBox* channelBox() const { return m_channel; }
    QComboBox* outcomeBox() const { return m_outcome; }
    QComboBox* satisfactionBox() const { return m_satisfaction; }
    QPlainTextEdit* notesEdit() const { return m_notes; }
    QCheckBox* nextCheck() const { return m_hasNext; }
    QDateEdit* nextEdit() const { return m_next; }
    QComboBox* directionBox() const { return m_direction; }

  private:
    std::string m_clientId;
    QComboBox* m_channel = nullptr;
    QComboBox* m_direction = nullptr; // only for a contact without a plan item
    QComboBox* m_outcome = nullptr;
    QComboBox* m_satisfaction = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    QCheckBox* m_hasNext = nullptr;
    QDateEdit* m_next = nullptr;
};

} // namespace bd::ui
