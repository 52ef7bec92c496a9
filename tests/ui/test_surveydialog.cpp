// The Log contact dialog of a survey call: the survey's items and its 0..10 question appear,
// the answers go with the contact through the session, and the call leaves the plan; the
// manager's Surveys tab shows the campaign's progress and the NPS.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QTableWidget>

#include <memory>

#include "dialogs/logcontactdialog.h"
#include "services/surveys.h"
#include "session/booksession.h"
#include "support/planbook.h"
#include "views/surveypanel.h"

using namespace bd;
using namespace bd::ui;
using bdtest::PlanBook;

namespace {

void choose(QComboBox* box, int score) {
    const int at = box->findData(score);
    ASSERT_GE(at, 0) << score;
    box->setCurrentIndex(at);
}

} // namespace

TEST(SurveyDialog, ASurveyCallShowsTheItemsAndRecordsTheAnswers) {
    PlanBook book;
    book.client("MINE");
    book.client("OTHER");
    BookSession session(std::move(book.db()));
    services::cmd::LaunchCampaign launch;
    launch.name = "Autumn";
    launch.template_id = 1; // service satisfaction: four items
    launch.audience = {AudienceKind::Segment, 0};
    launch.launch = PlanBook::asOf();
    auto applied = session.execute(launch);
    ASSERT_TRUE(applied) << applied.error().toString();
    services::PlanOptions options;
    options.as_of = PlanBook::asOf();
    ASSERT_TRUE(session.rebuildPlan(options));

    auto survey = services::openSurveyFor(session.book(), 1);
    ASSERT_TRUE(survey && *survey);
    services::PlanItem item;
    item.client_ref = 1;
    item.client_id = "MINE";
    item.name = "Client MINE";
    LogContactDialog dialog(item, PlanBook::asOf());
    EXPECT_EQ(dialog.surveyBox(), nullptr); // no survey until told
    dialog.setSurvey(**survey);
    ASSERT_NE(dialog.surveyBox(), nullptr);
    EXPECT_FALSE(dialog.surveyBox()->isChecked()); // ticked only when the client answered
    ASSERT_EQ(dialog.surveyItemBoxes().size(), 4u);
    ASSERT_NE(dialog.recommendBox(), nullptr);
    EXPECT_EQ(dialog.recommendBox()->count(), 12); // not answered, 10..0
    // The standard items are worded by the phrasebook, not stored as sentences.
    EXPECT_FALSE(dialog.surveyBox()->findChildren<QLabel*>().isEmpty());
    EXPECT_FALSE(dialog.contactLog().survey.has_value());

    dialog.surveyBox()->setChecked(true);
    for (int i = 0; i < 4; ++i) choose(dialog.surveyItemBoxes()[static_cast<std::size_t>(i)], 4);
    choose(dialog.recommendBox(), 10);
    services::ContactLog log = dialog.contactLog();
    ASSERT_TRUE(log.survey.has_value());
    EXPECT_EQ(log.survey->campaign_id, applied->campaign_id);
    EXPECT_EQ(log.survey->item_scores, (std::vector<int>{4, 4, 4, 4}));
    EXPECT_EQ(log.survey->recommend, 10);
    log.at = DateTime::fromParts(PlanBook::asOf(), 11, 0, 0);
    auto logged = session.logContact(log);
    ASSERT_TRUE(logged) << logged.error().toString();
    EXPECT_TRUE(logged->survey_campaign.has_value());
    auto after = services::openSurveyFor(session.book(), 1);
    ASSERT_TRUE(after);
    EXPECT_FALSE(after->has_value());

    // The manager's Surveys tab: one campaign, two calls, one answered; NPS +100.
    SurveyPanel panel;
    panel.load(session.book());
    ASSERT_EQ(panel.campaignTable()->rowCount(), 1);
    EXPECT_EQ(panel.campaignTable()->item(0, 0)->text(), QStringLiteral("Autumn"));
    EXPECT_EQ(panel.campaignTable()->item(0, 4)->text(), QStringLiteral("2")); // calls
    EXPECT_EQ(panel.campaignTable()->item(0, 6)->text(), QStringLiteral("1")); // answered
    EXPECT_EQ(panel.campaignTable()->item(0, 7)->text(), QStringLiteral("1")); // due
    ASSERT_EQ(panel.brokerTable()->rowCount(), 1);
    EXPECT_EQ(panel.brokerTable()->item(0, 0)->text(), QStringLiteral("Li (B1)")); // by name
    EXPECT_EQ(panel.brokerTable()->item(0, 5)->text(), QStringLiteral("+100"));
    EXPECT_EQ(panel.monthTable()->rowCount(), 1);
    EXPECT_TRUE(panel.summary()->text().contains(QStringLiteral("+100")))
        << panel.summary()->text().toStdString();
}

TEST(SurveyDialog, AnItemLeftUnansweredIsRefusedNamingTheItem) {
    PlanBook book;
    book.client("MINE");
    BookSession session(std::move(book.db()));
    services::cmd::LaunchCampaign launch;
    launch.name = "Visit";
    launch.template_id = 2;
    launch.audience = {AudienceKind::Segment, 0};
    launch.launch = PlanBook::asOf();
    ASSERT_TRUE(session.execute(launch));
    auto survey = services::openSurveyFor(session.book(), 1);
    ASSERT_TRUE(survey && *survey);
    services::PlanItem item;
    item.client_id = "MINE";
    LogContactDialog dialog(item, PlanBook::asOf());
    dialog.setSurvey(**survey);
    dialog.surveyBox()->setChecked(true);
    choose(dialog.surveyItemBoxes()[0], 5);
    choose(dialog.recommendBox(), 8); // items 2 and 3 left unanswered
    auto r = session.logContact(dialog.contactLog());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("question 2"), std::string::npos) << r.error().message;
}
