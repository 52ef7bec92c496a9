#include "dialogs/logcontactdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "format.h"
#include "phrasebook/phrasebook.h"
#include "widgets/barcontrols.h"

namespace bd::ui {

LogContactDialog::LogContactDialog(const services::PlanItem& item, Date today, QWidget* parent,
                                   bool chooseDirection)
    : QDialog(parent), m_clientId(item.client_id) {
    setObjectName("logContactDialog");
    setWindowTitle(tr("Log contact"));
    auto* layout = new QVBoxLayout(this);
    auto* who = new QLabel(QStringLiteral("<b>%1</b> · %2 · %3")
                               .arg(QString::fromStdString(item.name).toHtmlEscaped(),
                                    QString::fromStdString(item.client_id),
                                    QString::fromStdString(item.phone)),
                           this);
    layout->addWidget(who);

    auto* form = new QFormLayout;
    if (chooseDirection) {
        m_direction = new QComboBox(this);
        m_direction->setObjectName("direction");
        m_direction->addItem(tr("Outbound (we contacted the client)"),
                             static_cast<int>(Direction::Outbound));
        m_direction->addItem(tr("Inbound (the client contacted us)"),
                             static_cast<int>(Direction::Inbound));
        form->addRow(tr("Direction"), m_direction);
    }
    m_channel = new QComboBox(this);
    m_channel->setObjectName("channel");
    for (ContactChannel c :
         {ContactChannel::Phone, ContactChannel::Wechat, ContactChannel::Sms, ContactChannel::Email,
          ContactChannel::Visit, ContactChannel::Seminar, ContactChannel::Other})
        m_channel->addItem(enumLabel(c), static_cast<int>(c));
    m_channel->setCurrentIndex(std::max(0, m_channel->findData(static_cast<int>(item.channel))));
    form->addRow(tr("Channel"), m_channel);

    m_outcome = new QComboBox(this);
    m_outcome->setObjectName("outcome");
    for (Outcome o : {Outcome::Reached, Outcome::NoAnswer, Outcome::Callback, Outcome::Complaint,
                      Outcome::Refused})
        m_outcome->addItem(enumLabel(o), static_cast<int>(o));
    form->addRow(tr("Outcome"), m_outcome);

    m_satisfaction = new QComboBox(this);
    m_satisfaction->setObjectName("satisfaction");
    m_satisfaction->addItem(tr("not asked"), 0);
    for (int s = 5; s >= 1; --s) m_satisfaction->addItem(QString(s, QChar(0x2605)), s);
    form->addRow(tr("Satisfaction"), m_satisfaction);

    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName("notes");
    m_notes->setPlaceholderText(tr("What was discussed, what the client asked for"));
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(90);
    form->addRow(tr("Notes"), m_notes);

    auto* nextRow = new QHBoxLayout;
    m_hasNext = new QCheckBox(tr("Follow up on"), this);
    m_hasNext->setObjectName("hasNext");
    m_next = new QDateEdit(toQDate(today.addDays(7)), this);
    m_next->setObjectName("next");
    setDayPicker(m_next);
    m_next->setMinimumDate(toQDate(today.addDays(1)));
    m_next->setEnabled(false);
    connect(m_hasNext, &QCheckBox::toggled, m_next, &QWidget::setEnabled);
    nextRow->addWidget(m_hasNext);
    nextRow->addWidget(m_next, 1);
    form->addRow(tr("Next"), nextRow);
    layout->addLayout(form);

    auto* hint = new QLabel(tr("No answer books a retry on the next working day; after two "
                               "failures the next channel is tried."),
                            this);
    hint->setWordWrap(true);
    hint->setStyleSheet("color:#667;");
    layout->addWidget(hint);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Log"));
    buttons->button(QDialogButtonBox::Ok)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_outcome->setFocus();
}

void LogContactDialog::setSurvey(const services::OpenSurvey& survey) {
    if (m_surveyBox) return; // one survey per contact
    m_surveyCampaign = survey.call.campaign_id;
    const auto lang = uiLang();
    const QString name =
        survey.survey.standard != 0
            ? QString::fromUtf8(
                  phrase::name(static_cast<StandardSurvey>(survey.survey.standard), lang).data())
            : QString::fromStdString(survey.survey.name);
    m_surveyBox =
        new QGroupBox(tr("Survey answered: %1 (due %2)")
                          .arg(name, QString::fromStdString(survey.call.due_date.toString())),
                      this);
    m_surveyBox->setObjectName("surveyBox");
    m_surveyBox->setCheckable(true);
    m_surveyBox->setChecked(false);
    auto* form = new QFormLayout(m_surveyBox);
    for (const auto& item : survey.survey.items) {
        auto* box = new QComboBox(m_surveyBox);
        box->setObjectName(QStringLiteral("surveyItem%1").arg(item.position));
        box->addItem(tr("not answered"), -1);
        for (int s = kMaxItemScore; s >= kMinItemScore; --s)
            box->addItem(QString(s, QChar(0x2605)), s);
        const QString text =
            item.standard_item != 0
                ? QString::fromUtf8(
                      phrase::surveyItem(static_cast<StandardItem>(item.standard_item), lang)
                          .data())
                : QString::fromStdString(item.text);
        auto* label = new QLabel(text, m_surveyBox);
        label->setWordWrap(true);
        form->addRow(label, box);
        m_surveyItems.push_back(box);
    }
    m_recommend = new QComboBox(m_surveyBox);
    m_recommend->setObjectName("surveyRecommend");
    m_recommend->addItem(tr("not answered"), -1);
    for (int s = kMaxRecommendScore; s >= kMinRecommendScore; --s)
        m_recommend->addItem(QString::number(s), s);
    auto* question =
        new QLabel(QString::fromUtf8(phrase::recommendQuestion(lang).data()), m_surveyBox);
    question->setWordWrap(true);
    form->addRow(question, m_recommend);
    // Above the hint and the buttons: the survey is part of the call.
    if (auto* box = qobject_cast<QVBoxLayout*>(layout())) box->insertWidget(2, m_surveyBox);
}

services::ContactLog LogContactDialog::contactLog() const {
    services::ContactLog log;
    log.client_id = m_clientId;
    log.channel = static_cast<ContactChannel>(m_channel->currentData().toInt());
    log.outcome = static_cast<Outcome>(m_outcome->currentData().toInt());
    if (const int s = m_satisfaction->currentData().toInt(); s > 0) log.satisfaction = s;
    log.notes = m_notes->toPlainText().trimmed().toStdString();
    if (m_hasNext->isChecked()) log.next_follow_up = fromQDate(m_next->date());
    log.direction = m_direction ? static_cast<Direction>(m_direction->currentData().toInt())
                                : Direction::Outbound;
    if (m_surveyBox && m_surveyBox->isChecked()) {
        // An item left unanswered goes as -1: the engine refuses it naming the item.
        services::SurveyResponse r;
        r.campaign_id = m_surveyCampaign;
        for (const QComboBox* box : m_surveyItems)
            r.item_scores.push_back(box->currentData().toInt());
        r.recommend = m_recommend->currentData().toInt();
        log.survey = r;
    }
    return log;
}

} // namespace bd::ui
