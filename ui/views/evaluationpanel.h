#pragma once
// The manager's desk's "CRM evaluation" panel (docs/kpi.md "Evaluating the CRM"): a programme
// start, the windows' length and the programme's branch or broker (or the whole firm); each
// outcome's before, after and change, the difference in differences against everyone else
// with its 95% interval, and the phrasebook's conclusion, with the method in plain words.
#include <optional>

#include <QWidget>

#include "jobs/latestread.h"
#include "services/book.h"
#include "services/evaluation.h"
#include "services/kpi.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace bd::ui {

class EvaluationPanel : public QWidget {
    Q_OBJECT
  public:
    explicit EvaluationPanel(QWidget* parent = nullptr);

    /// The groups to choose from (the board's branches and brokers) and a start that leaves a
    /// whole after window before the board's month ends.
    void setChoices(const services::KpiBoard& board);
    /// Runs the evaluation as chosen on `db` and shows it (or what is missing): on a worker
    /// thread with its own connection for a file book (a 100,000-client book takes 2-3 s),
    /// here for a private in-memory one.
    void evaluate(services::Database& db);
    /// True while an evaluation runs in the background.
    bool isRunning() const { return m_evaluation.pending(); }

    QDateEdit* startEdit() const { return m_start; }
    QSpinBox* monthsEdit() const { return m_months; }
    QComboBox* groupChoice() const { return m_group; }
    QPushButton* runButton() const { return m_run; }
    QTableWidget* table() const { return m_table; }
    QLabel* summary() const { return m_summary; }
    const std::optional<services::EvalReport>& report() const { return m_report; }

  signals:
    /// The user pressed Evaluate: the owner calls evaluate() with its book.
    void runRequested();

  private:
    void fill();
    void show(const Result<services::EvalReport>& r);

    QDateEdit* m_start = nullptr;
    QSpinBox* m_months = nullptr;
    QComboBox* m_group = nullptr;
    QPushButton* m_run = nullptr;
    QLabel* m_summary = nullptr;
    QTableWidget* m_table = nullptr;
    std::optional<services::EvalReport> m_report;
    LatestRead m_evaluation; // only the newest run's report is shown
};

} // namespace bd::ui
