// The monthly branch report as a PDF (reports/kpireportpdf.h): each branch with its brokers,
// the firm last, in Chinese as searchable text.
#include <gtest/gtest.h>

#include <regex>

#include "pdfprobe.h"
#include "pdftext.h"
#include "reports/kpireportpdf.h"
#include "support/tempdir.h"

using namespace bd;

namespace {

services::KpiBoardLine line(KpiScope scope, const std::string& id, const std::string& name,
                            const std::string& branch, std::int64_t clients) {
    services::KpiBoardLine l;
    l.scope = scope;
    l.id = id;
    l.name = name;
    l.branch_id = branch;
    l.now.clients = clients;
    l.now.active = clients / 2;
    l.now.commission = clients * 1'000'000;
    l.now.profit_12m = clients * 5'000'000;
    l.before = l.now;
    l.before->commission = clients * 800'000;
    return l;
}

} // namespace

TEST(KpiReportPdf, ListsEachBranchWithItsBrokersThenTheFirmInChinese) {
    services::KpiBoard board;
    board.month = 202610;
    board.as_of = Date::fromYmd(2026, 10, 31);
    board.branches = {line(KpiScope::Branch, "3101", "浦东营业部", "3101", 30)};
    board.brokers = {line(KpiScope::Broker, "E1", "欧阳明月", "3101", 20),
                     line(KpiScope::Broker, "E2", "张伟", "3101", 10)};
    board.firm = line(KpiScope::Firm, "", "", "", 30);
    bdtest::TempDir dir;
    const std::string path = dir.file("report.pdf");
    const Status s = reports::writeKpiReportPdf(path, board, phrase::Lang::Zh);
    ASSERT_TRUE(s.ok()) << s.error().toString();
    const bdtest::PdfProbe pdf(path);
    EXPECT_TRUE(pdf.isPdf());
    EXPECT_EQ(pdf.pages(), 1);
    const std::string text = bdtest::pdfText(path);
    EXPECT_NE(text.find("营业部月度报告 2026-10"), std::string::npos) << text;
    EXPECT_NE(text.find("欧阳明月"), std::string::npos);
    EXPECT_NE(text.find("全公司"), std::string::npos);
    EXPECT_NE(text.find("+25.0%"), std::string::npos); // commission 20 -> 25 (x 0.8)
    EXPECT_LT(text.find("浦东营业部"), text.find("欧阳明月"));
    EXPECT_LT(text.find("张伟"), text.find("全公司"));
}

TEST(KpiReportPdf, HeadsItsEnglishColumnsWithDisplayNamesNotColumnIds) {
    services::KpiBoard board;
    board.month = 202610;
    board.as_of = Date::fromYmd(2026, 10, 31);
    board.branches = {line(KpiScope::Branch, "3101", "Pudong", "3101", 30)};
    board.brokers = {line(KpiScope::Broker, "E1", "Ouyang", "3101", 20)};
    board.firm = line(KpiScope::Firm, "", "", "", 30);
    bdtest::TempDir dir;
    const std::string path = dir.file("report-en.pdf");
    const Status s = reports::writeKpiReportPdf(path, board, phrase::Lang::En);
    ASSERT_TRUE(s.ok()) << s.error().toString();
    const std::string text = bdtest::pdfText(path);
    std::smatch m;
    EXPECT_FALSE(std::regex_search(text, m, std::regex("[a-z0-9]+_[a-z0-9_]+")))
        << m.str() << " in\n"
        << text;
    for (const char* heading : {"Branch / Broker", "Retention", "VIPs", "Firm"})
        EXPECT_NE(text.find(heading), std::string::npos) << heading << " in\n" << text;
}
