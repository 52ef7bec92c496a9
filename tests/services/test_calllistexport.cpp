// Call-list exports: exact CSV bytes (BOM, CRLF, quoting, formula neutralising) and a real XLSX.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "services/calllistexport.h"
#include "support/tempdir.h"
#include "support/xlsxread.h"

using namespace bd;
using namespace bd::services;

namespace {

CallListRow sampleRow() {
    CallListRow r;
    r.date = Date::fromYmd(2025, 10, 9);
    r.priority = 2.5;
    r.client_id = "C001";
    r.name = "张三";
    r.phone = "138****5678";
    r.channel = "phone";
    r.time_window = "09:00-09:30";
    r.reasons = "AUM \u221245% since 2025-09-01; \"VIP\", call, back";
    r.value_tier = "VIP";
    r.last_contact = Date::fromYmd(2025, 6, 25);
    r.segment_name = "=HYPERLINK(\"http://x\")";
    r.talking_points = "AUM \u221245% since 2025-09-01 · promised: send the prospectus";
    return r;
}

std::string readAll(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

TEST(CallListExport, CsvBytesAreExact) {
    const std::string csv = renderCallListCsv({sampleRow()});
    const std::string expected =
        "\xEF\xBB\xBF"
        "date,priority,client_id,name,phone,channel,time_window,reasons,value_tier,last_contact,"
        "segment_name,talking_points\r\n"
        "2025-10-09,2.50,C001,张三,138****5678,phone,09:00-09:30,"
        "\"AUM \u221245% since 2025-09-01; \"\"VIP\"\", call, back\",VIP,2025-06-25,"
        "\"'=HYPERLINK(\"\"http://x\"\")\",AUM \u221245% since 2025-09-01 · promised: send the "
        "prospectus\r\n";
    EXPECT_EQ(csv, expected);
}

TEST(CallListExport, FormulaInjectionIsNeutralised) {
    for (const char* bad : {"=1+1", "+86 138", "-2", "@SUM(A1)", "\tx", "\rx"})
        EXPECT_EQ(neutraliseFormula(bad), std::string("'") + bad);
    EXPECT_EQ(neutraliseFormula("ok = fine"), "ok = fine");
    EXPECT_EQ(neutraliseFormula(""), "");
    CallListRow r = sampleRow();
    r.name = "-cmd|' /C calc'!A0";
    r.reasons = "\t=evil";
    const std::string csv = renderCallListCsv({r});
    EXPECT_NE(csv.find(",'-cmd|' /C calc'!A0,"), std::string::npos);
    EXPECT_NE(csv.find(",'\t=evil,"), std::string::npos);
}

TEST(CallListExport, ChineseHeader) {
    const std::string csv = renderCallListCsv({}, CallListLanguage::Chinese);
    EXPECT_EQ(csv, "\xEF\xBB\xBF日期,优先级,客户号,姓名,电话,渠道,时段,原因,价值等级,上次联系,客群,"
                   "谈话要点\r\n");
}

TEST(CallListExport, RowsFromAPlanMaskPhones) {
    analytics::CallItem item;
    item.client_ref = 1;
    item.client_id = "C001";
    item.value_tier = "A";
    analytics::Trigger t;
    t.reason = Reason(ReasonKind::Birthday)
                   .date(Arg::On, Date::fromYmd(2025, 10, 11))
                   .count(Arg::Age, 50)
                   .count(Arg::InDays, 1);
    item.triggers.push_back(t);
    analytics::Plan plan;
    analytics::PlannedCall call;
    call.item_index = 0;
    call.client_ref = 1;
    call.client_id = "C001";
    call.date = Date::fromYmd(2025, 10, 10);
    call.channel = ContactChannel::Visit;
    call.time_window = "10:00-10:30";
    plan.calls.push_back(call);
    const std::unordered_map<std::int64_t, CallListClient> clients{
        {1, {"李四", "13812345678", "核心客户"}}};
    auto rows = callListRows(plan, {item}, clients, {CallListLanguage::Chinese, true});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].phone, "138****5678");
    EXPECT_EQ(rows[0].channel, "拜访");
    EXPECT_EQ(rows[0].reasons, "2025-10-11生日（50岁）");
    EXPECT_EQ(rows[0].segment_name, "核心客户");
    auto plain = callListRows(plan, {item}, clients, {CallListLanguage::English, false});
    EXPECT_EQ(plain[0].phone, "13812345678");
    EXPECT_EQ(plain[0].channel, "visit");
}

TEST(CallListExport, CsvFileMatchesRendering) {
    const auto path = bdtest::scratchDir() / "bd_test_calllist.csv";
    ASSERT_TRUE(writeCallListCsv(path.string(), {sampleRow()}).ok());
    EXPECT_EQ(readAll(path), renderCallListCsv({sampleRow()}));
    std::filesystem::remove(path);
    EXPECT_FALSE(writeCallListCsv("/nonexistent-dir/x.csv", {}).ok());
}

TEST(CallListExport, XlsxIsAZipWithTheSheet) {
    const auto path = bdtest::scratchDir() / "bd_test_calllist.xlsx";
    std::filesystem::remove(path);
    std::vector<CallListRow> rows(3, sampleRow());
    ASSERT_TRUE(writeCallListXlsx(path.string(), rows, CallListLanguage::Chinese).ok());
    const bdtest::Xlsx x(path.string());
    EXPECT_EQ(x.text("D2"), "张三");
    EXPECT_EQ(x.text("A1"), "日期");
    EXPECT_EQ(x.text("K1"), "客群");
    EXPECT_NE(x.sheetXml().find("pane"), std::string::npos); // frozen header
    EXPECT_TRUE(x.isNumber("B2"));                           // priority stays a number
    EXPECT_DOUBLE_EQ(x.number("B2"), 2.5);
    EXPECT_NE(x.sheetXml().find("<col "), std::string::npos); // column widths
    std::filesystem::remove(path);
    EXPECT_FALSE(writeCallListXlsx("/nonexistent-dir/x.xlsx", rows).ok());
}
