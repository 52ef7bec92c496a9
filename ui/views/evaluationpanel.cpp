#include "views/evaluationpanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "format.h"
#include "jobs/workerread.h"
#include "phrasebook/phrasebook.h"
#include "widgets/barcontrols.h"
#include "widgets/pagehead.h"
#include "widgets/tablehelpers.h"

namespace bd::ui {

namespace {

QString words(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

EvaluationPanel::EvaluationPanel(QWidget* parent) : QWidget(parent) {
    setObjectName("evaluationPanel");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(
        makeHeading(tr("CRM evaluation — did the programme change the outcomes?"), this));
    auto* bar = new QHBoxLayout;
    m_start = addBarControl<QDateEdit>(bar, this, "evalStart", tr("Programme start"));
    setDayPicker(m_start);
    m_months = addBarControl<QSpinBox>(bar, this, "evalMonths", tr("Months each side"));
    m_months->setRange(1, 24);
    m_months->setValue(6);
    m_group = addBarControl<QComboBox>(bar, this, "evalGroup", tr("On the programme"));
    m_group->setMinimumWidth(220);
    m_run = addBarButton(bar, this, "evalRun", tr("Evaluate"));
    bar->addStretch(1);
    layout->addLayout(bar);
    m_summary = addWrappingLabel(layout, this, "evalSummary");
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = makeReadOnlyTable({tr("Outcome"), tr("Programme before"), tr("Programme after"),
                                 tr("Programme change"), tr("Comparison change"), tr("Estimate"),
                                 tr("95% interval"), tr("Conclusion")},
                                "evalTable", this);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);
    auto* method = new QLabel(
        tr("How to read it: each client's outcome is compared over two windows of equal length "
           "before and after the start. With a comparison group (every other client), the "
           "estimate is the programme group's change minus the comparison group's change "
           "(difference in differences): what both groups lived through cancels out. It "
           "assumes both groups would have moved alike without the programme. The interval "
           "comes from resampling the clients 1,000 times; when it lies wholly above or below "
           "zero the change is clear, when it covers zero the data cannot tell it from chance. "
           "Without a comparison group only the before/after change is shown, and it includes "
           "everything else that changed."),
        this);
    method->setObjectName("evalMethod");
    method->setWordWrap(true);
    method->setStyleSheet("color:#556;");
    layout->addWidget(method);
    connect(m_run, &QPushButton::clicked, this, &EvaluationPanel::runRequested);
    fill();
}

void EvaluationPanel::setChoices(const services::KpiBoard& board) {
    const QString keep = m_group->currentData().toString();
    m_group->clear();
    // On a branch server a branch manager or a broker evaluates the clients they see, not the
    // firm (the board then has no firm line).
    m_group->addItem(board.firm ? tr("Whole firm (no comparison group)")
                                : tr("All clients in view (no comparison group)"),
                     QString());
    for (const auto& b : board.branches)
        m_group->addItem(tr("Branch %1 %2").arg(words(b.id), words(b.name)),
                         QStringLiteral("branch:") + words(b.id));
    for (const auto& b : board.brokers)
        m_group->addItem(tr("Broker %1 %2").arg(words(b.id), words(b.name)),
                         QStringLiteral("broker:") + words(b.id));
    m_group->setCurrentIndex(std::max(0, m_group->findData(keep)));
    // A whole after window ending with the board's month.
    const QDate end = toQDate(board.as_of);
    m_start->setDate(QDate(end.year(), end.month(), 1).addMonths(1 - m_months->value()));
}

void EvaluationPanel::evaluate(services::Database& db) {
    services::EvalOptionsIn o;
    const QDate s = m_start->date();
    o.start = Date::fromYmd(s.year(), s.month(), s.day());
    o.months = m_months->value();
    const QString group = m_group->currentData().toString();
    if (!group.isEmpty()) {
        auto sel = services::parseEvalSelector(group.toStdString());
        if (sel) o.treated = *sel;
    }
    const int ticket = m_evaluation.start();
    m_run->setEnabled(false);
    m_summary->setText(tr("Evaluating…"));
    // A book file is evaluated on a worker thread with its own connection, a private in-memory
    // book here, under the wait cursor.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    readOffWindow<Result<services::EvalReport>>(
        this, db, [o](services::Database& book) { return services::evaluateProgramme(book, o); },
        [this, ticket](const Result<services::EvalReport>& r) {
            if (!m_evaluation.finish(ticket)) return; // a newer run is on its way
            m_run->setEnabled(true);
            show(r);
        });
    QApplication::restoreOverrideCursor();
}

void EvaluationPanel::show(const Result<services::EvalReport>& r) {
    m_report.reset();
    if (!r) {
        fill();
        m_summary->setText(words(r.error().message));
        return;
    }
    m_report = *r;
    fill();
}

void EvaluationPanel::fill() {
    m_table->setSortingEnabled(false);
    m_table->setRowCount(0);
    if (!m_report) {
        m_summary->setText(tr("Choose the programme's start and group, then Evaluate."));
        return;
    }
    const phrase::Lang lang = uiLang();
    const EvalResult& r = m_report->result;
    QString text = words(phrase::evalSummary(r, lang));
    for (EvalCaveat c : r.caveats)
        text += QStringLiteral("\n") + words(phrase::evalCaveat(c, lang));
    m_summary->setText(text);
    for (const auto& o : r.outcomes) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const bool num = o.verdict != EvalVerdict::NotEnoughData;
        const auto level = [&](double v) {
            return num ? words(phrase::evalLevel(o.outcome, v, lang)) : QStringLiteral("—");
        };
        const auto change = [&](double v, bool shown = true) {
            return num && shown ? words(phrase::evalChange(o.outcome, v, lang))
                                : QStringLiteral("—");
        };
        m_table->setItem(row, 0, textItem(words(std::string(phrase::name(o.outcome, lang)))));
        m_table->setItem(row, 1, textItem(level(o.treated_before)));
        m_table->setItem(row, 2, textItem(level(o.treated_after)));
        m_table->setItem(row, 3, textItem(change(o.treated_change)));
        m_table->setItem(row, 4, textItem(change(o.comparison_change, r.has_comparison)));
        m_table->setItem(row, 5, textItem(change(o.estimate)));
        m_table->setItem(
            row, 6,
            textItem(num ? QStringLiteral("[%1, %2]").arg(change(o.ci_low), change(o.ci_high))
                         : QStringLiteral("—")));
        auto* conclusion =
            textItem(words(phrase::evalConclusion(o, r.has_comparison, r.confidence, lang)));
        if (o.verdict == EvalVerdict::Rose) conclusion->setForeground(QColor(0x2E, 0x7D, 0x32));
        if (o.verdict == EvalVerdict::Fell) conclusion->setForeground(QColor(0xB0, 0x30, 0x20));
        m_table->setItem(row, 7, conclusion);
    }
    m_table->resizeColumnsToContents();
}

} // namespace bd::ui
