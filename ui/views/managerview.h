#pragma once
// The manager's desk (issue 21): the broker (or branch) league table of a month with names,
// the KPI figures (docs/kpi.md), month-over-month change and trend lines; the VIP review (who
// entered or left the firm's VIP list since last month, and why); the VIPs beyond their
// contact cadence and the urgent calls the plan cannot make in time; the monthly branch report
// as XLSX; the CRM evaluation (views/evaluationpanel) and the surveys (views/surveypanel) in
// tabs. A league row opens that broker's book in the
// Clients page.
#include <optional>

#include "jobs/latestread.h"
#include "services/coverage.h"
#include "services/kpi.h"
#include "views/bookview.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;
class QTabWidget;

namespace bd::ui {

class EvaluationPanel;
class KpiLeagueModel;
class LevelChoice;
class SurveyPanel;

class ManagerView : public BookView {
    Q_OBJECT
  public:
    explicit ManagerView(QWidget* parent = nullptr);

    KpiLeagueModel* leagueModel() const { return m_model; }
    QTableView* leagueTable() const { return m_table; }
    QTableWidget* vipReviewTable() const { return m_vipReview; }
    QTableWidget* attentionTable() const { return m_attention; }
    EvaluationPanel* evaluationPanel() const { return m_evaluation; }
    SurveyPanel* surveyPanel() const { return m_surveys; }
    /// Brings the Surveys tab to the front.
    void showSurveys();
    /// The board shown (nullopt before the first load or without a stored history).
    const std::optional<services::KpiBoard>& board() const { return m_board; }
    /// Shows branches instead of brokers.
    void setByBranch(bool byBranch);
    /// True while the attention list is still being computed in the background.
    bool isLoading() const override { return m_attentionRead.pending(); }
    /// Writes the shown month's branch report (XLSX or CSV by the extension, in the UI's
    /// language); the error's text when it cannot.
    std::optional<QString> exportReport(const QString& path);

  signals:
    /// The user asked for one broker's book (a league row double-clicked).
    void brokerActivated(const QString& brokerId);

  protected:
    void reload() override;
    void watch(BookSession& session) override;

  private:
    void loadMonth();
    /// Neglected VIPs and missed deadlines as of `asOf` (in the background for a file book).
    void loadAttention(Date asOf);
    void fill();
    void fillVipReview();
    void fillAttention();

    LevelChoice* m_level = nullptr;
    QComboBox* m_month = nullptr;
    QPushButton* m_export = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_withoutClients = nullptr; // the brokers with no clients in the month
    KpiLeagueModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QTableWidget* m_vipReview = nullptr;
    QTableWidget* m_attention = nullptr;
    EvaluationPanel* m_evaluation = nullptr;
    QTabWidget* m_tabs = nullptr;
    SurveyPanel* m_surveys = nullptr;
    std::optional<services::KpiBoard> m_board;
    std::optional<services::CoverageReport> m_coverage;
    LatestRead m_attentionRead; // only the newest coverage is shown
};

} // namespace bd::ui
