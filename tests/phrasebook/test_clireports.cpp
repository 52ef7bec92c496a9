// The command line's own reports (coverage, kpi, import) in both languages: every heading and
// line, the English as the CLI has always printed it (scripts read it; kpi's headings are words
// now, its --json keeps the ids), the Chinese with no English word and no key.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/enums.h"
#include "phrasebook/phrasebook.h"
#include "support/englishwords.h"

using namespace bd;
using phrase::Lang;

namespace {

const Date kDay = Date::fromYmd(2026, 11, 20);

void expectChinese(const std::string& zh, const std::string& en) {
    EXPECT_FALSE(zh.empty()) << en;
    EXPECT_NE(zh, en);
    EXPECT_EQ(bdtest::englishWords(zh), std::vector<std::string>{}) << zh;
}

} // namespace

TEST(CliReportWords, EveryTableWordInBothLanguages) {
    const std::vector<std::string> coverage{"broker",  "branch", "clients",   "covered",  "share",
                                            "overdue", "VIPs",   "neglected", "deadlines"};
    ASSERT_EQ(coverage.size(), static_cast<std::size_t>(phrase::kCoverageWordCount));
    for (int v = 0; v < phrase::kCoverageWordCount; ++v) {
        const auto w = static_cast<phrase::CoverageWord>(v);
        EXPECT_EQ(phrase::name(w, Lang::En), coverage[static_cast<std::size_t>(v)]);
        expectChinese(std::string(phrase::name(w, Lang::Zh)),
                      coverage[static_cast<std::size_t>(v)]);
    }
    // kpi's headings are words, not the ids of its JSON (net_inflow, profit_12m).
    const std::vector<std::string> kpi{"Month",      "ID",   "Name",  "Clients",    "Active",
                                       "New",        "Lost", "AUM",   "Net inflow", "Commission",
                                       "Profit 12m", "VIPs", "Churn", "Covered",    "Satisfaction",
                                       "Retain",     "Firm"};
    ASSERT_EQ(kpi.size(), static_cast<std::size_t>(phrase::kKpiWordCount));
    for (int v = 0; v < phrase::kKpiWordCount; ++v) {
        const auto w = static_cast<phrase::KpiWord>(v);
        EXPECT_EQ(phrase::name(w, Lang::En), kpi[static_cast<std::size_t>(v)]);
        expectChinese(std::string(phrase::name(w, Lang::Zh)), kpi[static_cast<std::size_t>(v)]);
    }
}

TEST(CliReportWords, CoverageLinesInBothLanguages) {
    EXPECT_EQ(phrase::coverageRow("B07", false, Lang::En), "B07");
    EXPECT_EQ(phrase::coverageRow("B07", false, Lang::Zh), "B07");
    EXPECT_EQ(phrase::coverageRow("", false, Lang::En), "(none)");
    EXPECT_EQ(phrase::coverageRow("total", true, Lang::En), "total");
    EXPECT_EQ(phrase::coverageRow(kServiceDeskQueue, false, Lang::En), kServiceDeskQueue);
    EXPECT_EQ(phrase::coverageRow(kServiceDeskQueue, false, Lang::Zh),
              phrase::queueName(kServiceDeskQueue, Lang::Zh));
    for (const bool total : {false, true})
        expectChinese(phrase::coverageRow("", total, Lang::Zh),
                      phrase::coverageRow("", total, Lang::En));
    EXPECT_EQ(phrase::coverageHeading(kDay, Lang::En),
              "coverage as of 2026-11-20 (clients with a proactive cadence; covered = contacted, "
              "or opened, within the cadence; deadlines = deadlines the newest plan misses)");
    EXPECT_EQ(phrase::neglectedVipsHeading(3, Lang::En), "neglected VIPs (3), most overdue first:");
    EXPECT_EQ(phrase::neglectedVip("B1", 30, kDay.addDays(-45), 45, Lang::En),
              "broker B1       cadence  30 d, last contact 2026-10-06 (45 days ago)");
    EXPECT_EQ(phrase::neglectedVip("B1", 90, std::nullopt, 120, Lang::En),
              "broker B1       cadence  90 d, never contacted (opened 120 days ago)");
    EXPECT_EQ(phrase::neglectedVip("B1", 90, std::nullopt, 120, Lang::Zh),
              "客户经理 B1       联系周期  90天，从未联系（开户已120天）");
    EXPECT_EQ(phrase::missedDeadlinesHeading(kDay, 4, Lang::En),
              "deadlines the plan of 2026-11-20 misses (4), earliest first:");
    expectChinese(phrase::coverageHeading(kDay, Lang::Zh), "");
    expectChinese(phrase::neglectedVipsHeading(3, Lang::Zh), "");
    expectChinese(phrase::neglectedVip("B1", 30, kDay, 45, Lang::Zh), "");
    expectChinese(phrase::missedDeadlinesHeading(kDay, 4, Lang::Zh), "");
}

TEST(CliReportWords, KpiNotesInBothLanguages) {
    EXPECT_EQ(phrase::kpiOpenMonth("2026-11", kDay, Lang::En),
              "(2026-11 is open: its figures are as of 2026-11-20)");
    EXPECT_EQ(phrase::kpiOpenMonth("2026-11", kDay, Lang::Zh),
              "（2026年11月尚未结束：数据截至2026-11-20）");
    EXPECT_EQ(phrase::kpiReportWritten("2026-09", 3, 14, "r.pdf", Lang::En),
              "wrote the report of 2026-09 (3 branches, 14 brokers) to r.pdf");
    EXPECT_EQ(phrase::kpiReportWritten("2026-09", 3, 14, "r.pdf", Lang::Zh),
              "已将2026年9月的报告（3个营业部，14名客户经理）写入 r.pdf");
    EXPECT_EQ(phrase::kpiComputed(12, 600, kDay, 1.24, Lang::En),
              "computed 12 month-ends of 600 clients as of 2026-11-20 in 1.2 s");
    EXPECT_EQ(phrase::kpiNothingStored("2025-11", "2026-10", Lang::En),
              "nothing stored for that choice (months stored: 2025-11 to 2026-10)");
    expectChinese(phrase::kpiComputed(12, 600, kDay, 1.24, Lang::Zh), "");
    expectChinese(std::string(phrase::kpiNoHistory(Lang::Zh)),
                  std::string(phrase::kpiNoHistory(Lang::En)));
    expectChinese(phrase::kpiNothingStored("2025-11", "2026-10", Lang::Zh), "");
}

TEST(CliReportWords, SearchsNoteOnMoreHitsInBothLanguages) {
    EXPECT_EQ(phrase::moreHits(3, Lang::En), "(3 more; --limit shows more)");
    // The option's name stays: it is what the reader types.
    EXPECT_EQ(phrase::moreHits(3, Lang::Zh), "（另有3位客户；--limit 可显示更多）");
}

TEST(CliReportWords, ImportLinesInBothLanguages) {
    const phrase::ImportedRows rows{2, 1, 3, 4};
    EXPECT_EQ(phrase::importedFile("trades", "t.csv", rows, true, "gb18030", Lang::En),
              "trades t.csv: 2 new, 1 updated, 3 unchanged, 4 rejected [gb18030]");
    EXPECT_EQ(phrase::importedFile("trades", "t.csv", rows, false, "", Lang::En),
              "trades t.csv: 4 rejected");
    EXPECT_EQ(phrase::importedFile("trades", "t.csv", rows, true, "", Lang::Zh),
              "成交 t.csv：新增2行，更新1行，未变3行，拒绝4行");
    for (const char* kind : {"securities", "clients", "trades", "assets", "contacts", "positions"})
        expectChinese(std::string(phrase::importKind(kind, Lang::Zh)),
                      std::string(phrase::importKind(kind, Lang::En)));
    EXPECT_EQ(phrase::importKind("holdings", Lang::Zh), "holdings"); // a key this build lacks
    EXPECT_EQ(phrase::ignoredColumns("t.csv", {"memo", "x"}, Lang::En),
              "t.csv: ignored unknown columns: memo x");
    EXPECT_EQ(phrase::ignoredColumns("t.csv", {"备注", "附言"}, Lang::Zh),
              "t.csv：已忽略未识别的列：备注、附言");
    EXPECT_EQ(phrase::moreProblems(10, Lang::En), "… and 10 more");
    EXPECT_EQ(phrase::importRejected(60, Lang::En),
              "input rejected (60 problem(s)); nothing was imported");
    EXPECT_EQ(phrase::rowsRejectedTo(3, "r.csv", Lang::En), "3 row(s) rejected, written to r.csv");
    EXPECT_EQ(phrase::clientSummaryNotUpdated("disk full", Lang::En),
              "client summary not updated: disk full");
    expectChinese(phrase::moreProblems(10, Lang::Zh), "");
    expectChinese(phrase::importRejected(60, Lang::Zh), "");
    expectChinese(phrase::rowsRejectedTo(3, "", Lang::Zh), "");
    expectChinese(phrase::clientSummaryNotUpdated("", Lang::Zh), "");
}

TEST(CliReportWords, DeadlineTableInBothLanguages) {
    const std::vector<std::string> en{"kind", "default", "current", "counted as (allowed)"};
    ASSERT_EQ(en.size(), static_cast<std::size_t>(phrase::kDeadlineWordCount));
    for (int v = 0; v < phrase::kDeadlineWordCount; ++v) {
        const auto w = static_cast<phrase::DeadlineWord>(v);
        EXPECT_EQ(phrase::name(w, Lang::En), en[static_cast<std::size_t>(v)]);
        expectChinese(std::string(phrase::name(w, Lang::Zh)), en[static_cast<std::size_t>(v)]);
    }
    EXPECT_EQ(phrase::deadlineCounted(true, 0, 5, Lang::En),
              "working days after its date (0..5; 0 = on the day)");
    EXPECT_EQ(phrase::deadlineCounted(false, 1, 60, Lang::En),
              "by working day N of the plan (1..60; 1 = the first day)");
    for (const bool dated : {true, false})
        expectChinese(phrase::deadlineCounted(dated, 1, 60, Lang::Zh),
                      phrase::deadlineCounted(dated, 1, 60, Lang::En));
}
