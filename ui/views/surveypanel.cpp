#include "views/surveypanel.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <map>

#include "format.h"
#include "phrasebook/phrasebook.h"
#include "services/segmentation.h"
#include "widgets/pagehead.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {
namespace {

QString npsText(const analytics::SurveyTally& t) {
    return QString::fromStdString(phrase::nps(t.nps(), uiLang()));
}

/// One group's row: name, answers, promoters, passives, detractors, NPS, mean item score.
void addGroupRow(QTableWidget* t, const QString& name, const analytics::SurveyTally& g) {
    const int row = t->rowCount();
    t->insertRow(row);
    t->setItem(row, 0, textItem(name));
    const auto n = [](std::int64_t v) {
        return numberItem(QString::number(v), static_cast<double>(v));
    };
    t->setItem(row, 1, n(g.recommendAnswers()));
    t->setItem(row, 2, n(g.promoters));
    t->setItem(row, 3, n(g.passives));
    t->setItem(row, 4, n(g.detractors));
    t->setItem(row, 5, numberItem(npsText(g), g.nps().value_or(-1000.0)));
    const auto mean = g.meanItemScore();
    t->setItem(row, 6,
               numberItem(mean ? QString::number(*mean, 'f', 2) : QStringLiteral("—"),
                          mean.value_or(0.0)));
}

} // namespace

SurveyPanel::SurveyPanel(QWidget* parent) : QWidget(parent) {
    setObjectName("surveyPanel");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    m_summary = addWrappingLabel(layout, this, "surveySummary");
    auto* grid = new QGridLayout;
    const QStringList groupHeads{tr("Group"),      tr("Answers"), tr("Promoters"), tr("Passives"),
                                 tr("Detractors"), tr("NPS"),     tr("Mean score")};
    QStringList segmentHeads = groupHeads, brokerHeads = groupHeads, monthHeads = groupHeads;
    segmentHeads[0] = tr("Segment");
    brokerHeads[0] = tr("Broker");
    monthHeads[0] = tr("Month");
    m_campaigns =
        // The survey of a campaign is its cell's tooltip: the table stays narrow enough to
        // show the progress beside the trend.
        makeReadOnlyTable({tr("Campaign"), tr("Audience"), tr("Launched"), tr("Deadline"),
                           tr("Calls"), tr("Made"), tr("Answered"), tr("Due")},
                          "surveyCampaignTable", this);
    m_segments = makeReadOnlyTable(segmentHeads, "surveySegmentTable", this);
    m_brokers = makeReadOnlyTable(brokerHeads, "surveyBrokerTable", this);
    m_months = makeReadOnlyTable(monthHeads, "surveyMonthTable", this);
    grid->addWidget(makeHeading(tr("Campaigns — calls made, answered and still due"), this), 0, 0);
    grid->addWidget(m_campaigns, 1, 0);
    grid->addWidget(makeHeading(tr("Trend — NPS by month"), this), 0, 1);
    grid->addWidget(m_months, 1, 1);
    grid->addWidget(makeHeading(tr("NPS by segment"), this), 2, 0);
    grid->addWidget(m_segments, 3, 0);
    grid->addWidget(makeHeading(tr("NPS by broker"), this), 2, 1);
    grid->addWidget(m_brokers, 3, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    layout->addLayout(grid, 1);
}

void SurveyPanel::load(services::Database& db) {
    const auto lang = uiLang();
    for (QTableWidget* t : {m_campaigns, m_segments, m_brokers, m_months}) {
        t->setSortingEnabled(false);
        t->setRowCount(0);
    }
    auto campaigns = services::listSurveyCampaigns(db);
    auto templates = services::listSurveyTemplates(db);
    auto results = services::surveyResults(db);
    if (!campaigns || !templates || !results) {
        const Error& e = !campaigns   ? campaigns.error()
                         : !templates ? templates.error()
                                      : results.error();
        m_summary->setText(tr("Cannot read the surveys: %1").arg(errorText(e)));
        return;
    }
    std::map<std::int64_t, QString> names;
    for (const auto& t : *templates)
        names[t.id] = t.standard != 0
                          ? QString::fromUtf8(
                                phrase::name(static_cast<StandardSurvey>(t.standard), lang).data())
                          : QString::fromStdString(t.name);
    for (const auto& c : *campaigns) {
        const int row = m_campaigns->rowCount();
        m_campaigns->insertRow(row);
        auto* name =
            textItem(c.name.empty() ? names[c.template_id] : QString::fromStdString(c.name));
        name->setToolTip(tr("Survey: %1").arg(names[c.template_id]));
        m_campaigns->setItem(row, 0, name);
        m_campaigns->setItem(row, 1,
                             textItem(QString::fromStdString(phrase::audience(
                                 static_cast<AudienceKind>(c.audience), c.audience_arg, lang))));
        m_campaigns->setItem(row, 2, textItem(formatDate(c.launch_date)));
        m_campaigns->setItem(row, 3, textItem(formatDate(c.deadline_date)));
        int col = 4;
        for (std::int64_t v : {c.calls, c.made, c.answered, c.calls - c.answered})
            m_campaigns->setItem(row, col++,
                                 numberItem(QString::number(v), static_cast<double>(v)));
    }
    std::map<int, QString> segmentNames;
    if (auto seg = services::loadLatestSegmentation(db); seg && *seg)
        for (const auto& s : (*seg)->segments)
            segmentNames[s.segment_id] = QString::fromStdString(
                phrase::segmentName(s.name_fact, s.name_zh, s.name_en, lang));
    for (const auto& g : results->by_segment) {
        const int id = std::stoi(g.key);
        addGroupRow(m_segments, segmentNames.contains(id) ? segmentNames[id] : QString::number(id),
                    g.tally);
    }
    for (const auto& g : results->by_broker)
        addGroupRow(m_brokers,
                    g.name.empty() ? QString::fromStdString(g.key)
                                   : QStringLiteral("%1 (%2)").arg(QString::fromStdString(g.name),
                                                                   QString::fromStdString(g.key)),
                    g.tally);
    for (auto it = results->by_month.rbegin(); it != results->by_month.rend(); ++it)
        addGroupRow(m_months, QString::fromStdString(it->key), it->tally);
    for (QTableWidget* t : {m_campaigns, m_segments, m_brokers, m_months}) {
        t->setSortingEnabled(true);
        t->resizeColumnsToContents();
        t->horizontalHeader()->setStretchLastSection(true);
    }
    const auto& total = results->total;
    if (total.recommendAnswers() == 0) {
        m_summary->setText(
            campaigns->empty()
                ? tr("No survey campaign yet: launch one with brokerdesk-cli survey launch; its "
                     "calls enter the brokers' and the service desk's plans.")
                : tr("No answers yet: answers are recorded in the Log contact dialog of a "
                     "survey call."));
        return;
    }
    m_summary->setText(
        tr("NPS %1 from %2 answers (%3 promoters, %4 passives, %5 detractors) · mean item score "
           "%6 · NPS = %promoters (9–10) − %detractors (0–6)")
            .arg(npsText(total))
            .arg(total.recommendAnswers())
            .arg(total.promoters)
            .arg(total.passives)
            .arg(total.detractors)
            .arg(total.meanItemScore() ? QString::number(*total.meanItemScore(), 'f', 2)
                                       : QStringLiteral("—")));
}

} // namespace bd::ui
