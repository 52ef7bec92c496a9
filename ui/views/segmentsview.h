#pragma once
// The Segments page, from the latest segmented analytics run: factor scatter (points coloured
// by segment, a fixed sample beyond 20,000 clients), segment size / AUM / profit shares, the
// profile table with editable names, the migration matrix since the previous run, and the
// service policy editor.
#include <vector>

#include "services/segmentscatter.h"
#include "storage/book/segmentstore.h"
#include "views/bookview.h"

class QChartView;
class QLabel;
class QTabWidget;
class QTableWidget;

namespace bd::ui {

class PolicyEditor;

class SegmentsView : public BookView {
    Q_OBJECT
  public:
    explicit SegmentsView(QWidget* parent = nullptr);

    /// Points drawn in the factor scatter at most.
    static constexpr std::size_t kMaxScatterPoints = 20000;
    /// Profile table columns before the feature means.
    enum ProfileColumn {
        SegId,
        NameZh,
        NameEn,
        Relationship,
        Size,
        ClientShare,
        AumShare,
        ProfitShare,
        MeanAum,
        MeanProfit,
        MeanClv,
        Growth,
        FirstFeature
    };
    QTableWidget* profileTable() const { return m_profiles; }
    QTableWidget* migrationTable() const { return m_migration; }
    PolicyEditor* policyEditor() const { return m_policies; }
    /// Points in the scatter after the last load.
    int scatterPointCount() const;
    bool isLoading() const override { return m_scatterPending; }

  protected:
    void reload() override;

  private:
    void clearAll(const QString& message);
    void fillScatter(std::int64_t runId);
    void showScatter(const services::FactorScatter& scatter,
                     const std::vector<storage::SegmentRow>& segments);
    void renameFromCell(int row, int column);

    QLabel* m_runInfo = nullptr;
    QChartView* m_scatter = nullptr;
    QChartView* m_bars = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableWidget* m_profiles = nullptr;
    QTableWidget* m_migration = nullptr;
    QLabel* m_migrationNote = nullptr;
    PolicyEditor* m_policies = nullptr;
    bool m_filling = false;
    bool m_scatterPending = false;
    int m_scatterGeneration = 0; // drops results of loads started before the latest reload
    std::vector<storage::SegmentRow> m_segments;
};

} // namespace bd::ui
