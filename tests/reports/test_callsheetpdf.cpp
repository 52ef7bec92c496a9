// The call sheet PDF: pages per day, embedded CJK font, headings by language, errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "pdfprobe.h"
#include "reports/callsheetpdf.h"
#include "support/tempdir.h"

using namespace bd;

namespace {

std::string tempPdf(const std::string& name) {
    return (bdtest::scratchDir() / ("bd_reports_" + name + ".pdf")).string();
}

/// `perDay` calls on each of `days` working days from 2026-03-02, Chinese names and reasons.
std::vector<services::CallListRow> rows(int days, int perDay, bool chinese = true) {
    std::vector<services::CallListRow> out;
    const Date first = Date::fromYmd(2026, 3, 2);
    for (int d = 0; d < days; ++d) {
        for (int i = 0; i < perDay; ++i) {
            services::CallListRow r;
            r.date = first.addDays(d);
            r.priority = 95.0 - i * 2.5;
            r.client_id = "BR01" + std::to_string(10000 + d * 100 + i);
            r.name = chinese ? (i % 2 ? "张伟" : "欧阳明月") : (i % 2 ? "Zhang Wei" : "Li Na");
            r.phone = "138****" + std::to_string(5600 + i);
            r.channel = chinese ? "电话" : "phone";
            r.time_window = "09:30-10:00";
            r.reasons = chinese ? "资产较上月下降 45%；活跃概率 0.42；已 93 天未联系；生日将至"
                                : "AUM -45% last month; p_alive 0.42; last call 93 days ago";
            r.value_tier = i < 3 ? "A" : "B";
            if (i % 3) r.last_contact = r.date.addDays(-93);
            r.segment_name = chinese ? "高净值活跃" : "affluent active";
            out.push_back(r);
        }
    }
    return out;
}

reports::CallSheetOptions options(bool chinese) {
    reports::CallSheetOptions o;
    o.broker_id = "EBR01";
    o.broker_name = chinese ? "王芳" : "Wang Fang";
    o.branch = chinese ? "BR01 上海浦东营业部" : "BR01 Shanghai Pudong";
    o.language =
        chinese ? services::CallListLanguage::Chinese : services::CallListLanguage::English;
    o.printed_at = "2026-03-01 18:00";
    return o;
}

} // namespace

TEST(CallSheetPdf, OnePageSectionPerDayWithEmbeddedCjkFont) {
    const auto path = tempPdf("callsheet_3days_zh");
    const Status s = reports::writeCallSheetPdf(path, rows(3, 4), options(true));
    ASSERT_TRUE(s.ok()) << s.error().toString();
    const bdtest::PdfProbe pdf(path);
    EXPECT_TRUE(pdf.isPdf());
    EXPECT_EQ(pdf.pages(), 3); // four calls fit a page; each day starts a new one
    EXPECT_TRUE(pdf.embedsFontFile());
    EXPECT_TRUE(pdf.hasBaseFontContaining("CJK")) << "expected Noto Sans CJK to be embedded";
    // Headings, names and reasons in Chinese are real text (mapped back to Unicode).
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("客户回访清单序号优先级结果备注")));
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("欧阳明月张伟王芳浦东")));
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("星期一二三")));
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("第页共")));
    // 户, 页, 一 and 月 come out as ideographs, not as the radicals sharing their glyphs.
    EXPECT_FALSE(pdf.mapsRadicals());
}

TEST(CallSheetPdf, EnglishHeadingsHaveNoChineseText) {
    const auto path = tempPdf("callsheet_en");
    const Status s = reports::writeCallSheetPdf(path, rows(2, 3, false), options(false));
    ASSERT_TRUE(s.ok()) << s.error().toString();
    const bdtest::PdfProbe pdf(path);
    EXPECT_TRUE(pdf.isPdf());
    EXPECT_EQ(pdf.pages(), 2);
    EXPECT_TRUE(pdf.embedsFontFile());
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("CallsheetPriorityOutcome/notes")));
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("01235689*:-"))); // phones, dates, times
    EXPECT_FALSE(pdf.mapsAllCharacters(QStringLiteral("回")));
    EXPECT_FALSE(pdf.mapsAllCharacters(QStringLiteral("序")));
}

TEST(CallSheetPdf, LongDayContinuesOnFurtherPages) {
    const auto path = tempPdf("callsheet_30");
    const Status s = reports::writeCallSheetPdf(path, rows(1, 30), options(true));
    ASSERT_TRUE(s.ok()) << s.error().toString();
    const bdtest::PdfProbe pdf(path);
    // 13 mm rows leave room for about ten calls a page: 30 calls need 3 or 4 pages, not 1 or 30.
    EXPECT_GE(pdf.pages(), 3);
    EXPECT_LE(pdf.pages(), 5);
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("续"))); // "（续）" on continuation pages
}

TEST(CallSheetPdf, DaysAreSortedAndEachStartsAPage) {
    auto r = rows(3, 2);
    std::reverse(r.begin(), r.end()); // dates out of order
    const auto path = tempPdf("callsheet_unsorted");
    ASSERT_TRUE(reports::writeCallSheetPdf(path, r, options(true)).ok());
    EXPECT_EQ(bdtest::PdfProbe(path).pages(), 3);
}

TEST(CallSheetPdf, NoRowsGiveOnePageSayingSo) {
    const auto path = tempPdf("callsheet_empty");
    ASSERT_TRUE(reports::writeCallSheetPdf(path, {}, options(false)).ok());
    const bdtest::PdfProbe pdf(path);
    EXPECT_TRUE(pdf.isPdf());
    EXPECT_EQ(pdf.pages(), 1);
    EXPECT_TRUE(pdf.mapsAllCharacters(QStringLiteral("Nocallsareplanned")));
}

TEST(CallSheetPdf, UnwritablePathIsAnIoError) {
    const Status s =
        reports::writeCallSheetPdf("/nonexistent-dir/x/sheet.pdf", rows(1, 1), options(false));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, ErrorCode::Io);
    EXPECT_EQ(s.error().file, "/nonexistent-dir/x/sheet.pdf");
}
