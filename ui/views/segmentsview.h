#pragma once
// The Segments page, from the latest segmented analytics run: factor scatter (points coloured
// by segment, a fixed sample beyond 20,000 clients), segment size / AUM / profit shares, the
// profile table with editable names, the migration matrix since the previous run, and the
// service policy editor.
#include <vector>

#include "jobs/latestread.h"
#include "services/segmentation.h"
#include "services/segmentscatter.h"
#include "views/bookview.h"

class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace bd::ui {

class PolicyEditor;
class SegmentProfileModel;

class SegmentsView : public BookView {
    Q_OBJECT
  public:
    explicit SegmentsView(QWidget* parent = nullptr);

    /// Points drawn in the factor scatter at most.
    static constexpr std::size_t kMaxScatterPoints = services::kScatterPoints;
    QTableView* profileTable() const { return m_profiles; }
    SegmentProfileModel* profileModel() const { return m_profileModel; }
    QTableWidget* migrationTable() const { return m_migration; }
    PolicyEditor* policyEditor() const { return m_policies; }
    /// The choice of k: the criterion per candidate k, and the k a manager may fix.
    QChartView* kChart() const { return m_kChart; }
    QLabel* kNote() const { return m_kNote; }
    QComboBox* kFix() const { return m_kFix; }
    /// Points of the criterion drawn (one per candidate k).
    int kCriterionPointCount() const;
    /// Points in the scatter after the last load.
    int scatterPointCount() const;
    bool isLoading() const override { return m_scatterRead.pending(); }

  protected:
    void reload() override;
    void watch(BookSession& session) override;

  private:
    void clearAll(const QString& message);
    void fillMigration(const services::Segmentation& segmentation);
    void labelMigrationRows();
    void fillScatter(std::int64_t runId);
    void showScatter(const services::FactorScatter& scatter);
    static QString seriesName(const services::SegmentRow& segment);
    void rename(int segmentId, const QString& nameZh, const QString& nameEn);
    /// Puts renamed segments' names in the table, the scatter's legend and the migration rows.
    void showNames();
    void fillKChoice(const services::Segmentation& segmentation);
    /// Fixes k (or lets the criterion choose) through the command layer, then segments again.
    void applyK();

    QLabel* m_runInfo = nullptr;
    QChartView* m_scatter = nullptr;
    QChartView* m_bars = nullptr;
    QTabWidget* m_tabs = nullptr;
    SegmentProfileModel* m_profileModel = nullptr;
    QTableView* m_profiles = nullptr;
    QTableWidget* m_migration = nullptr;
    std::vector<int> m_migrationFrom; // the migration rows' previous segments (-1: new)
    QLabel* m_migrationNote = nullptr;
    PolicyEditor* m_policies = nullptr;
    QChartView* m_kChart = nullptr;
    QLabel* m_kNote = nullptr;
    QComboBox* m_kFix = nullptr;
    QPushButton* m_kApply = nullptr;
    BookSession* m_session = nullptr;
    LatestRead m_scatterRead; // only the newest load's scatter is shown
};

} // namespace bd::ui
