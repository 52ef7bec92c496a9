// The Segments page's profile model under QAbstractItemModelTester, with the demo book's
// segments: what each column shows and sorts by, and renaming through an edit.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>

#include "format.h"
#include "models/segmentprofilemodel.h"
#include "modelwarnings.h"
#include "phrasebook/phrasebook.h"
#include "services/segmentation.h"
#include "viewsfixture.h"

using namespace bd;
using namespace bd::ui;

namespace {

std::vector<services::SegmentRow> demoSegments() {
    auto s = services::loadLatestSegmentation(bdtest::demoBook());
    EXPECT_TRUE(s && *s);
    return (*s)->segments;
}

} // namespace

TEST(SegmentProfileModel, ShowsEverySegmentUnderTheModelTester) {
    bdtest::ModelWarnings warnings;
    SegmentProfileModel model;
    QAbstractItemModelTester tester(&model,
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.columnCount(), 0);
    const auto segments = demoSegments();
    ASSERT_GT(segments.size(), 1u);
    model.setSegments(segments);
    ASSERT_EQ(model.rowCount(), static_cast<int>(segments.size()));
    // The features after the fixed columns, less the three the fixed columns show.
    EXPECT_EQ(model.columnCount(), SegmentProfileModel::FirstFeature +
                                       static_cast<int>(segments.front().feature_means.size()) - 3);
    for (int r = 0; r < model.rowCount(); ++r) {
        const auto& s = segments[static_cast<std::size_t>(r)];
        EXPECT_EQ(model.segmentIdAt(r), s.segment_id);
        EXPECT_EQ(model.index(r, SegmentProfileModel::NameEn).data().toString().toStdString(),
                  phrase::segmentName(s.name_fact, s.name_zh, s.name_en, phrase::Lang::En));
        EXPECT_EQ(model.index(r, SegmentProfileModel::Size).data().toString(), formatCount(s.size));
        EXPECT_EQ(model.index(r, SegmentProfileModel::Size)
                      .data(SegmentProfileModel::SortRole)
                      .toDouble(),
                  static_cast<double>(s.size));
        EXPECT_EQ(model.index(r, SegmentProfileModel::ClientShare).data().toString(),
                  formatPercent(s.client_share));
        EXPECT_TRUE(model.index(r, SegmentProfileModel::SegId).data(Qt::DecorationRole).isValid());
        EXPECT_TRUE(model.flags(model.index(r, SegmentProfileModel::NameZh)) & Qt::ItemIsEditable);
        EXPECT_FALSE(model.flags(model.index(r, SegmentProfileModel::Size)) & Qt::ItemIsEditable);
    }
    for (int c = 0; c < model.columnCount(); ++c)
        EXPECT_FALSE(model.headerData(c, Qt::Horizontal).toString().isEmpty()) << c;
    // A growth potential that rounds to zero from below reads 0.00, not -0.00.
    auto tiny = segments;
    tiny.front().growth_potential = -0.001;
    model.setSegments(tiny);
    EXPECT_EQ(model.index(0, SegmentProfileModel::Growth).data().toString(), "0.00");
    model.setSegments({});
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(warnings.count(), 0);
}

TEST(SegmentProfileModel, AnEditAsksForARenameAndTheNamesFollowTheBook) {
    bdtest::ModelWarnings warnings;
    SegmentProfileModel model;
    QAbstractItemModelTester tester(&model,
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    auto segments = demoSegments();
    model.setSegments(segments);
    QSignalSpy asked(&model, &SegmentProfileModel::renameRequested);
    QSignalSpy changed(&model, &SegmentProfileModel::dataChanged);
    const QModelIndex en = model.index(1, SegmentProfileModel::NameEn);
    EXPECT_FALSE(model.setData(en, "   ")) << "a name is required";
    EXPECT_FALSE(model.setData(en, en.data())) << "unchanged";
    ASSERT_TRUE(model.setData(en, "  Steady savers "));
    ASSERT_EQ(asked.count(), 1);
    EXPECT_EQ(asked[0][0].toInt(), segments[1].segment_id);
    // The other language keeps the words it shows (the generated name, now as typed text).
    EXPECT_EQ(asked[0][1].toString().toStdString(),
              phrase::segmentName(segments[1].name_fact, "", "", phrase::Lang::Zh));
    EXPECT_EQ(asked[0][2].toString(), QString("Steady savers"));
    EXPECT_EQ(changed.count(), 0) << "the name changes when the book has it";

    segments[1].name_zh = asked[0][1].toString().toStdString();
    segments[1].name_en = "Steady savers";
    segments[1].name_fact.clear();
    segments[1].name_edited = true;
    model.updateNames(segments);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(en.data().toString(), QString("Steady savers"));
    EXPECT_TRUE(en.data(Qt::FontRole).value<QFont>().italic());
    model.updateNames(segments); // nothing new: nothing redrawn
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(warnings.count(), 0);
}
