#include "views/clientvaluetab.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include "core/valueexplanation.h"
#include "format.h"
#include "services/surveys.h"
#include "services/vipranking.h"
#include "widgets/pagehead.h"

namespace bd::ui {

ClientValueTab::ClientValueTab(QWidget* parent) : QWidget(parent) {
    setObjectName("clientValueTab");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 6, 4, 4);
    m_note = addWrappingLabel(layout, this, "valueNote");

    auto* top = new QHBoxLayout;
    auto* scoreBox = new QGroupBox(tr("Value score"), this);
    auto* sf = new QFormLayout(scoreBox);
    sf->setLabelAlignment(Qt::AlignRight);
    m_score = addRow(sf, tr("Score"), "valueScore");
    m_rank = addRow(sf, tr("Firm rank"), "valueRank");
    m_flags = addRow(sf, tr("Flags"), "valueFlags");
    m_loyalty = addRow(sf, tr("Loyalty (NPS)"), "valueLoyalty");
    m_aum = addRow(sf, tr("AUM"), "valueAum");
    m_recency = addRow(sf, tr("Last trade"), "valueRecency");
    top->addWidget(scoreBox, 1);

    auto* futureBox = new QGroupBox(tr("Future value (12 months)"), this);
    auto* ff = new QFormLayout(futureBox);
    ff->setLabelAlignment(Qt::AlignRight);
    m_clv = addRow(ff, tr("CLV"), "valueClv");
    m_pAlive = addRow(ff, tr("P(alive)"), "valuePAlive");
    m_expected = addRow(ff, tr("Expected trades"), "valueExpectedTrades");
    top->addWidget(futureBox, 1);
    layout->addLayout(top);

    auto* profitBox = new QGroupBox(tr("Profit over the last 12 months (CNY)"), this);
    auto* pf = new QFormLayout(profitBox);
    pf->setLabelAlignment(Qt::AlignRight);
    m_commission = addRow(pf, tr("Commission revenue"), "valueCommission");
    m_interest = addRow(pf, tr("Interest spread"), "valueInterest");
    m_handling = addRow(pf, tr("− Handling cost"), "valueHandling");
    m_service = addRow(pf, tr("− Service cost"), "valueService");
    m_maintenance = addRow(pf, tr("− Account maintenance"), "valueMaintenance");
    m_profit = addRow(pf, tr("= Profit"), "valueProfit");
    QFont bold = m_profit->font();
    bold.setBold(true);
    m_profit->setFont(bold);
    layout->addWidget(profitBox);

    m_explanation = addTextBox(layout, this, tr("Why this score"), "valueExplanation");
    layout->addStretch(1);
    clear();
}

QLabel* ClientValueTab::addRow(QFormLayout* form, const QString& label, const char* objectName) {
    auto* value = addFormField(form, this, label, objectName);
    value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    value->setMinimumWidth(value->fontMetrics().horizontalAdvance("000,000,000.00"));
    return value;
}

void ClientValueTab::clear() {
    m_note->setText(tr("No client selected."));
    for (QLabel* l :
         {m_score, m_rank, m_flags, m_commission, m_interest, m_handling, m_service, m_maintenance,
          m_profit, m_clv, m_pAlive, m_expected, m_recency, m_aum, m_explanation, m_loyalty}) {
        l->clear();
        l->setStyleSheet({});
    }
}

void ClientValueTab::showClient(services::Database& db, qint64 clientRef, bool onServer) {
    clear();
    // Loyalty beside value: the client's latest 0..10 answer, else the branch's NPS.
    if (auto loyalty = services::clientLoyalty(db, clientRef); loyalty) {
        if (loyalty->recommend)
            m_loyalty->setText(
                tr("%1 (%2/10, %3)")
                    .arg(QString::fromUtf8(phrase::name(loyalty->loyalty, uiLang()).data()))
                    .arg(*loyalty->recommend)
                    .arg(formatDate(loyalty->answered_on)));
        else if (loyalty->branch_nps)
            m_loyalty->setText(
                tr("not surveyed · branch NPS %1")
                    .arg(QString::fromStdString(phrase::nps(loyalty->branch_nps, uiLang()))));
        else
            m_loyalty->setText(tr("not surveyed"));
    }
    auto latest = services::loadLatestClientScore(db, clientRef);
    if (!latest) {
        m_note->setText(QString::fromStdString(latest.error().toString()));
        return;
    }
    if (!latest->run) {
        m_note->setText(
            onServer ? tr("No value analysis yet: the branch's nightly batch computes profit, CLV "
                          "and value scores; ask the branch's administrator if it has not run.")
                     : tr("No value analysis yet: run Refresh (brokerdesk-cli refresh) to "
                          "compute profit, CLV and value scores."));
        return;
    }
    if (!latest->client) {
        m_note->setText(onServer
                            ? tr("This client was not scored in the branch's latest nightly batch.")
                            : tr("This client was not scored in the latest refresh."));
        return;
    }
    const auto& s = latest->client->score;
    const auto& rec = *latest->run;
    // On a server the rank is the batch's among every client of the firm, not among the
    // clients this login sees: the note says so.
    m_note->setText((onServer ? tr("From the branch's nightly batch of %1 (as of %2), which ranks "
                                   "every client of the firm.")
                              : tr("From the refresh of %1 (as of %2)."))
                        .arg(QString::fromStdString(rec.started_at), formatDate(rec.as_of)));
    const QLocale en(QLocale::English);
    m_score->setText(en.toString(s.value_score, 'f', 2));
    m_rank->setText(tr("#%1").arg(formatCount(s.value_rank)));
    QStringList flags;
    if (s.vip) flags << tr("VIP (firm)");
    if (s.aum_rich_low_value)
        flags << tr("AUM-rich, low value: %1")
                     .arg(QString::fromStdString(
                         phrase::flagReasons(flagReasonsFromCodes(s.flag_reason), uiLang())));
    m_flags->setText(flags.isEmpty() ? QStringLiteral("—") : flags.join("\n"));
    if (s.vip)
        m_flags->setStyleSheet("color:#8A6D00;font-weight:bold;");
    else if (s.aum_rich_low_value)
        m_flags->setStyleSheet("color:#B71C1C;");
    m_aum->setText(QStringLiteral("¥") + formatCny(s.aum));
    m_recency->setText(s.frequency > 0 || s.recency_days > 0
                           ? tr("%1 days ago").arg(formatCount(s.recency_days))
                           : QStringLiteral("—"));
    m_clv->setText(QStringLiteral("¥") + formatCny(s.clv_12m));
    m_pAlive->setText(formatPercent(s.p_alive, 1));
    m_pAlive->setStyleSheet(s.p_alive < 0.3 ? "color:#B71C1C;" : "");
    m_expected->setText(en.toString(s.expected_trades_12m, 'f', 1));
    auto money = [](QLabel* l, Money m, bool cost) {
        l->setText(formatCny(m));
        if (cost && m.units > 0) l->setStyleSheet("color:#6B6B6B;");
    };
    money(m_commission, s.commission_12m, false);
    money(m_interest, s.interest_12m, false);
    money(m_handling, s.handling_cost_12m, true);
    money(m_service, s.service_cost_12m, true);
    money(m_maintenance, s.maintenance_12m, true);
    m_profit->setText(formatCny(s.profit_12m));
    const QColor c = pnlColor(s.profit_12m.toDouble());
    if (c.isValid()) m_profit->setStyleSheet(QStringLiteral("color:%1;").arg(c.name()));
    const std::string why = phrase::explanation(s.explanation_code, uiLang());
    m_explanation->setText(QString::fromStdString(why));
}

} // namespace bd::ui
