#pragma once
// The Segments page's profile table: one row per segment of a run with its names, relationship
// type, size and shares of clients, assets and profit, means, and the segmentation features'
// means (shaded by their distance from the book's mean). Names are editable: an edit asks for
// a rename (renameRequested), and the names change when the book has them (updateNames).
#include <cstddef>
#include <map>
#include <vector>

#include "analytics/survey.h"
#include "models/titledtablemodel.h"
#include "services/segmentation.h"

namespace bd::ui {

class SegmentProfileModel : public TitledTableModel {
    Q_OBJECT
  public:
    /// Columns before the feature means, which follow from FirstFeature on.
    enum Column {
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
        Nps, // loyalty: the NPS of the segment's survey answers (services/surveys.h)
        FirstFeature
    };

    explicit SegmentProfileModel(QObject* parent = nullptr);

    /// Shows these segments (ordered by id); the feature columns follow the first segment's.
    void setSegments(std::vector<services::SegmentRow> segments);
    /// Takes the names of `segments` for the segments shown (after a rename): only name cells
    /// change.
    void updateNames(const std::vector<services::SegmentRow>& segments);
    /// The survey answers of each segment (by id), for the NPS column.
    void setSurveys(std::map<int, analytics::SurveyTally> bySegment);
    const std::vector<services::SegmentRow>& segments() const { return m_segments; }
    /// The segment id of a row.
    int segmentIdAt(int row) const;

    /// The fixed columns and one per feature; none while no segment is shown.
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    /// A name edit: emits renameRequested with both names (the other one unchanged); false for
    /// an empty or unchanged name.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

  signals:
    void renameRequested(int segmentId, const QString& nameZh, const QString& nameEn);

  private:
    std::size_t rowTotal() const override { return m_segments.size(); }
    QVariant display(const services::SegmentRow& s, int column) const;
    QVariant sortKey(const services::SegmentRow& s, int column) const;
    QVariant featureCell(const services::SegmentRow& s, int column, int role) const;

    std::vector<services::SegmentRow> m_segments;
    std::vector<std::size_t> m_features; // feature_means indexes shown from FirstFeature on
    std::map<int, analytics::SurveyTally> m_surveys;
};

} // namespace bd::ui
