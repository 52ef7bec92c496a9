#pragma once
// The Value dashboard: profit concentration figures, the Pareto curve (cumulative profit share
// against client share) and profit against AUM on a log axis with VIPs highlighted and
// AUM-rich, low-value clients flagged — assets are not value.
#include <array>

#include "core/result.h"
#include "jobs/latestread.h"
#include "services/valueoverview.h"
#include "views/bookview.h"

class QChartView;
class QLabel;

namespace bd::ui {

class ValueDashboard : public BookView {
    Q_OBJECT
  public:
    explicit ValueDashboard(QWidget* parent = nullptr);

    /// Most "other" clients drawn in the scatter (VIPs and flagged clients are always drawn).
    static constexpr int kMaxScatterOthers = 8000;
    /// Points per series after the last load (series name -> count), for tests.
    int scatterPoints(const QString& seriesName) const;
    /// Points of the Pareto curve.
    int paretoPoints() const;
    bool isLoading() const override { return m_overviewRead.pending(); }

  protected:
    void reload() override;
    void watch(BookSession& session) override;

  private:
    /// The cards of key figures, left to right.
    enum Kpi { TotalProfit, Top1, Top5, Top20, Vips, Flagged, LossMaking, KpiCount };

    /// Fills the page from the newest run's points (read off the window's thread).
    void showOverview(const Result<std::optional<services::ValueOverview>>& overview);
    QLabel* addKpi(const QString& caption, const char* objectName);
    void clearCharts();

    QWidget* m_kpiRow = nullptr;
    QLabel* m_runInfo = nullptr;
    QLabel* m_settingsNote = nullptr;
    std::array<QLabel*, KpiCount> m_kpis{}; // the figures of the cards
    QChartView* m_pareto = nullptr;
    QChartView* m_scatter = nullptr;
    QLabel* m_scatterNote = nullptr;
    LatestRead m_overviewRead; // drops the result of a read started before the latest reload
};

} // namespace bd::ui
