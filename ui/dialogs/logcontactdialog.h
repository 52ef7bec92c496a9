#pragma once
// The one-key "log contact" dialog of the Today view: channel, outcome, satisfaction, notes and
// the next follow-up. Enter accepts (Reached is preselected, so a quick call is two keys). When
// the client has an open survey call (setSurvey), the survey's items and its 0..10 question
// appear in a box the broker ticks when the client answered.
#include <QDialog>

#include "services/contactlog.h"
#include "services/planitems.h"
#include "services/surveys.h"

#include <vector>

class QCheckBox;
class QGroupBox;
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

    /// Shows the survey of the client's open survey call (its items, then the 0..10 question).
    void setSurvey(const services::OpenSurvey& survey);

    /// What the broker entered (with the survey's answers when its box is ticked).
    services::ContactLog contactLog() const;

    // Exposed for tests.
    QComboBox* channelBox() const { return m_channel; }
    QComboBox* outcomeBox() const { return m_outcome; }
    QComboBox* satisfactionBox() const { return m_satisfaction; }
    QPlainTextEdit* notesEdit() const { return m_notes; }
    QCheckBox* nextCheck() const { return m_hasNext; }
    QDateEdit* nextEdit() const { return m_next; }
    QComboBox* directionBox() const { return m_direction; }
    QGroupBox* surveyBox() const { return m_surveyBox; }
    const std::vector<QComboBox*>& surveyItemBoxes() const { return m_surveyItems; }
    QComboBox* recommendBox() const { return m_recommend; }

  private:
    std::string m_clientId;
    QComboBox* m_channel = nullptr;
    QComboBox* m_direction = nullptr; // only for a contact without a plan item
    QComboBox* m_outcome = nullptr;
    QComboBox* m_satisfaction = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    QCheckBox* m_hasNext = nullptr;
    QDateEdit* m_next = nullptr;
    std::int64_t m_surveyCampaign = 0;
    QGroupBox* m_surveyBox = nullptr;
    std::vector<QComboBox*> m_surveyItems;
    QComboBox* m_recommend = nullptr;
};

} // namespace bd::ui
