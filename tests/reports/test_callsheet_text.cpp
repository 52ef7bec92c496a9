// The call sheet read back as a back office reads it (pdftotext): whole phone numbers, one
// reference date a row, no lone rows or characters, rare characters searchable (issue 22).
#include <QString>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "pdftext.h"
#include "reports/callsheetpdf.h"
#include "services/calllistrows.h"
#include "support/tempdir.h"

using namespace bd;

namespace {

services::CallListRow row(Date day, int i) {
    services::CallListRow r;
    r.date = day;
    r.priority = 90.0 - i;
    r.client_id = "C" + std::to_string(700000 + i);
    r.name = "张伟";
    r.phone = "13812345678";
    r.channel = "电话";
    r.time_window = "09:30-10:00";
    r.reasons = "服务策略每30天联系一次";
    r.value_tier = "A";
    r.segment_name = "高资产";
    return r;
}

reports::CallSheetOptions zh() {
    reports::CallSheetOptions o;
    o.broker_id = "EBR01";
    o.broker_name = "王芳";
    o.language = services::CallListLanguage::Chinese;
    o.printed_at = "2026-03-01 18:00";
    return o;
}

std::string write(const bdtest::TempDir& dir, const std::string& name,
                  const std::vector<services::CallListRow>& rows,
                  const reports::CallSheetOptions& options = zh()) {
    const std::string path = dir.file(name);
    const Status s = reports::writeCallSheetPdf(path, rows, options);
    EXPECT_TRUE(s.ok()) << s.error().toString();
    return path;
}

/// Pages of a PDF (pdftotext separates them with form feeds).
int pageCount(const std::string& text) {
    return bdtest::occurrences(text, "\f");
}

} // namespace

TEST(CallSheetText, LongPhoneNumbersPrintWholeOnOneLine) {
    const bdtest::TempDir dir;
    const Date day = Date::fromYmd(2026, 3, 2);
    const std::vector<std::string> phones = {"+8613912345678", "008613800138000", "0861380013800",
                                             "086138****8000", "02161234567"};
    std::vector<services::CallListRow> rows;
    for (std::size_t i = 0; i < phones.size(); ++i) {
        rows.push_back(row(day, static_cast<int>(i)));
        rows.back().phone = phones[i];
    }
    const std::string text = bdtest::pdfText(write(dir, "phones.pdf", rows));
    for (const auto& p : phones)
        EXPECT_NE(text.find(p), std::string::npos) << p << " is cut or broken in:\n" << text;
}

TEST(CallSheetText, ReasonsAndLastContactCountDaysFromTheStatedCallDay) {
    const bdtest::TempDir dir;
    // Planned on 03-02 (the complaint was then 19 days old), called on 03-04.
    const Date planned = Date::fromYmd(2026, 3, 2);
    const Date complaint = planned.addDays(-19);
    services::PlanItem item;
    item.client_id = "C700001";
    item.name = "张伟";
    item.phone = "13812345678";
    item.date = planned.addDays(2);
    item.last_contact = complaint;
    item.reasons = {Reason(ReasonKind::Complaint).date(Arg::On, complaint).count(Arg::Ago, 19),
                    Reason(ReasonKind::Cadence)
                        .count(Arg::Every, 30)
                        .date(Arg::Last, complaint)
                        .count(Arg::Ago, 19)
                        .date(Arg::Due, complaint.addDays(30))};
    const auto rows = services::callListRowsFor(
        {item}, {services::CallListLanguage::Chinese, /*mask_phone=*/false});
    // Lines joined: a wrapped reason may break between "21" and "天前".
    std::string text = bdtest::pdfText(write(dir, "days.pdf", rows));
    std::erase_if(text, [](char c) { return c == '\n' || c == ' '; });
    EXPECT_EQ(text.find("19天前"), std::string::npos) << text;
    // The complaint, the cadence and the last-contact column: 21 days before the call day.
    EXPECT_EQ(bdtest::occurrences(text, "21天前"), 3) << text;
    EXPECT_NE(text.find("天数均按回访日2026-03-04计算"), std::string::npos) << text;
}

TEST(CallSheetText, NoPageHoldsALoneRow) {
    const bdtest::TempDir dir;
    const Date day = Date::fromYmd(2026, 3, 2);
    int checked = 0;
    for (int n = 8; n <= 26; ++n) {
        std::vector<services::CallListRow> rows;
        for (int i = 0; i < n; ++i) rows.push_back(row(day, i));
        const std::string path = write(dir, "rows" + std::to_string(n) + ".pdf", rows);
        const int pages = pageCount(bdtest::pdfText(path));
        if (pages > 1) ++checked;
        int seen = 0;
        for (int p = 1; p <= pages; ++p) {
            const int onPage = bdtest::occurrences(bdtest::pdfText(path, p, p), "C7000");
            EXPECT_GE(onPage, 2) << n << " rows: page " << p << " of " << pages;
            seen += onPage;
        }
        EXPECT_EQ(seen, n);
    }
    EXPECT_GT(checked, 4) << "few sheets ran over a page: the test checks little";
}

TEST(CallSheetText, WrappedSegmentNamesNeverEndInALoneCharacter) {
    const bdtest::TempDir dir;
    const Date day = Date::fromYmd(2026, 3, 2);
    const std::u32string base = U"活跃新客户近十二个月交易天数较高而且资产稳定增长型客群";
    std::vector<services::CallListRow> rows;
    for (std::size_t len = 4; len <= base.size(); ++len) {
        rows.push_back(row(day, static_cast<int>(len)));
        rows.back().segment_name = QString::fromStdU32String(base.substr(0, len)).toStdString();
    }
    const std::string text = bdtest::pdfText(write(dir, "segments.pdf", rows));
    std::istringstream lines(text);
    std::string line;
    int wrapped = 0;
    while (std::getline(lines, line)) {
        // A line of one CJK character (3 bytes of UTF-8) is an orphan.
        EXPECT_FALSE(line.size() == 3 && static_cast<unsigned char>(line[0]) >= 0xE0)
            << "lone character '" << line << "'";
        if (line.rfind("活跃新客户", 0) == 0 && line.size() < base.size() * 3) ++wrapped;
    }
    EXPECT_GT(wrapped, 3) << "no segment name wraps: the test checks nothing";
}

TEST(CallSheetText, RareCharactersOutsideTheBmpAreSearchable) {
    const bdtest::TempDir dir;
    const Date day = Date::fromYmd(2026, 3, 2);
    std::vector<services::CallListRow> rows = {row(day, 1), row(day, 2)};
    rows[0].name = "李𬱖喆";         // U+2CC56, bold (the client column)
    rows[1].name = "王䶮";               // U+4DAE, Extension A
    rows[1].segment_name = "𬱖客群"; // regular face
    const std::string path = write(dir, "rare.pdf", rows);
    const std::string text = bdtest::pdfText(path);
    EXPECT_NE(text.find("李𬱖喆"), std::string::npos) << text;
    EXPECT_NE(text.find("王䶮"), std::string::npos) << text;
    EXPECT_NE(text.find("𬱖客群"), std::string::npos) << text;
    // The file stays well formed after the repair: poppler reads it without a complaint.
    EXPECT_EQ(pageCount(text), 1);
    EXPECT_EQ(bdtest::pdfComplaints(path), "");
}

TEST(CallSheetText, TalkingPointsPrintUnderTheReasonsAndTheDeskIsNamedAsTheDesk) {
    const bdtest::TempDir dir;
    const Date day = Date::fromYmd(2026, 3, 2);
    std::vector<services::CallListRow> rows{row(day, 0)};
    rows[0].talking_points = "约定内容：寄送债券基金资料";
    reports::CallSheetOptions o = zh();
    o.broker_id = std::string(kServiceDeskQueue);
    o.broker_name = "客服中心";
    const std::string text = bdtest::pdfText(write(dir, "points.pdf", rows, o));
    EXPECT_NE(text.find("约定内容：寄送债券基金资料"), std::string::npos) << text;
    EXPECT_NE(text.find("客服中心"), std::string::npos) << text;
    EXPECT_EQ(text.find("客户经理：service-desk"), std::string::npos) << text;
    EXPECT_EQ(text.find("service-desk"), std::string::npos) << text;
}
