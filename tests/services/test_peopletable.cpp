// The writer of every export for people (services/peopletable.h), on the unusual clients a
// back office found: ids with leading zeros, 18-digit id numbers, phones with a country code and
// an area code's leading zero, names beginning with = - @, long reasons, negative zeros. The
// files are read back as a spreadsheet reads them: CSV as Excel parses it, XLSX unzipped.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "services/calllistexport.h"
#include "services/peopletable.h"
#include "support/tempdir.h"
#include "support/xlsxread.h"

using namespace bd;
using namespace bd::services;

namespace {

const std::string kLongReason =
    "Complaint on 2025-09-20 about the app's margin call notice; promised a call back with the "
    "branch manager and a written answer within five working days; client asked for mornings";

PeopleTable unusualClients() {
    using K = ColumnKind;
    PeopleTable t;
    t.title = "Clients & VIPs";
    t.columns = {{"client_id", K::Id, 0, false},   {"id_number", K::Id, 0, false},
                 {"name", K::Text, 0, false},      {"phone", K::Phone, 0, false},
                 {"open_date", K::Date, 0, false}, {"aum", K::Money, 2, false},
                 {"growth", K::Number, 3, false},  {"share", K::Percent, 4, false},
                 {"reasons", K::Text, 0, true}};
    t.rows = {{std::string("000100000001"), std::string("110121197612065432"),
               std::string("=HYPERLINK(\"x\")"), std::string("+8613912345678"),
               Date::fromYmd(2024, 1, 5), Money::fromUnits(12345678910), -0.0001, 0.2512,
               kLongReason},
              {std::string("000100000002"), std::string("11012119761206543X"), std::string("-2+3"),
               std::string("02161234567"), Date::fromYmd(2023, 12, 31), Money{-4}, -0.0004, 0.0,
               std::string("@home")},
              {std::string("C3"), PeopleCell{}, std::string("李𬱖"), std::string("13800138000"),
               PeopleCell{}, PeopleCell{}, PeopleCell{}, PeopleCell{}, PeopleCell{}}};
    return t;
}

} // namespace

TEST(PeopleTable, CsvReadsInExcelWithBomQuotingAndNoApostropheOnPhones) {
    const auto path = bdtest::scratchDir() / "people.csv";
    ASSERT_TRUE(writePeopleCsv(path.string(), unusualClients()).ok());
    const auto csv = bdtest::readCsvAsExcel(path.string());
    EXPECT_TRUE(csv.bom) << "Excel on a Chinese Windows reads a CSV without BOM as GBK";
    EXPECT_TRUE(csv.crlf);
    ASSERT_EQ(csv.rows.size(), 4u);
    EXPECT_EQ(csv.rows[0][0], "client_id"); // the BOM is not part of the first header
    for (const auto& row : csv.rows) ASSERT_EQ(row.size(), 9u);
    EXPECT_EQ(csv.rows[1][0], "000100000001");
    EXPECT_EQ(csv.rows[1][1], "110121197612065432");
    // Phones need no guard: digits only, + written as the international prefix 00.
    EXPECT_EQ(csv.rows[1][3], "008613912345678");
    EXPECT_EQ(csv.rows[2][3], "02161234567");
    for (std::size_t r = 1; r < csv.rows.size(); ++r)
        EXPECT_NE(csv.rows[r][3].front(), '\'') << csv.rows[r][3];
    // Text that a spreadsheet would evaluate keeps its guard; quoting round-trips.
    EXPECT_EQ(csv.rows[1][2], "'=HYPERLINK(\"x\")");
    EXPECT_EQ(csv.rows[2][2], "'-2+3");
    EXPECT_EQ(csv.rows[2][8], "'@home");
    EXPECT_EQ(csv.rows[3][2], "李𬱖");
    EXPECT_EQ(csv.rows[1][8], kLongReason);
    // Numbers: never guarded, never a negative zero.
    EXPECT_EQ(csv.rows[1][4], "2024-01-05");
    EXPECT_EQ(csv.rows[1][5], "1234567.89");
    EXPECT_EQ(csv.rows[1][6], "0.000");
    EXPECT_EQ(csv.rows[2][6], "0.000");
    EXPECT_EQ(csv.rows[2][5], "0.00");
    EXPECT_EQ(csv.rows[1][7], "0.2512");
    EXPECT_EQ(csv.rows[3][4], "");
}

TEST(PeopleTable, NegativeZeroNeverPrints) {
    EXPECT_EQ(formatFixed(-0.0, 3), "0.000");
    EXPECT_EQ(formatFixed(-0.0004, 3), "0.000");
    EXPECT_EQ(formatFixed(-0.0005001, 3), "-0.001");
    EXPECT_EQ(formatFixed(-12.25, 1), "-12.2"); // printf's rounding of the binary value
    EXPECT_EQ(formatFixed(3.14159, 2), "3.14");
}

TEST(PeopleTable, XlsxKeepsTypesWrapsAndPrintsLandscapeOnePageWide) {
    const auto path = bdtest::scratchDir() / "people.xlsx";
    ASSERT_TRUE(writePeopleXlsx(path.string(), unusualClients()).ok());
    const bdtest::Xlsx x(path.string());
    // Header row, bold and frozen, with an autofilter over the whole table.
    EXPECT_EQ(x.text("A1"), "client_id");
    EXPECT_EQ(x.text("I1"), "reasons");
    EXPECT_NE(x.sheetXml().find("<autoFilter ref=\"A1:I4\""), std::string::npos);
    EXPECT_NE(x.sheetXml().find("state=\"frozen\""), std::string::npos);
    // Ids and phones are text, exactly as in the book.
    EXPECT_TRUE(x.isText("A2"));
    EXPECT_EQ(x.text("A2"), "000100000001");
    EXPECT_TRUE(x.isText("B2"));
    EXPECT_EQ(x.text("B2"), "110121197612065432");
    EXPECT_EQ(x.text("B3"), "11012119761206543X");
    EXPECT_TRUE(x.isText("D2"));
    EXPECT_EQ(x.text("D2"), "+8613912345678"); // a text cell is never a formula: no guard
    EXPECT_EQ(x.text("D3"), "02161234567");
    EXPECT_EQ(x.text("C2"), "=HYPERLINK(\"x\")");
    EXPECT_EQ(x.sheetXml().find("<f>"), std::string::npos); // no formula anywhere
    EXPECT_EQ(x.text("C4"), "李𬱖");
    // ... and Excel's "number stored as text" marker is off on exactly those columns.
    EXPECT_NE(x.sheetXml().find("<ignoredError sqref=\"A2:A4 B2:B4 D2:D4\" "
                                "numberStoredAsText=\"1\"/>"),
              std::string::npos)
        << x.sheetXml();
    // Dates are dates.
    EXPECT_TRUE(x.isDate("E2")) << x.format("E2");
    EXPECT_EQ(x.number("E2"), bdtest::Xlsx::serial(Date::fromYmd(2024, 1, 5).days));
    EXPECT_EQ(x.format("E2"), "yyyy-mm-dd");
    // Money, numbers and percentages are numbers with their formats; no negative zero.
    EXPECT_TRUE(x.isNumber("F2"));
    EXPECT_DOUBLE_EQ(x.number("F2"), 1234567.89);
    EXPECT_EQ(x.format("F2"), "#,##0.00");
    EXPECT_EQ(x.text("F3"), "0");
    EXPECT_EQ(x.text("G2"), "0");
    EXPECT_EQ(x.format("G2"), "0.000");
    EXPECT_DOUBLE_EQ(x.number("H2"), 0.2512);
    EXPECT_EQ(x.format("H2"), "0.00%");
    // Long text wraps in a bounded column instead of running off the edge.
    EXPECT_TRUE(x.wraps("I2"));
    EXPECT_FALSE(x.wraps("C2"));
    EXPECT_NE(x.sheetXml().find("<col min=\"9\" max=\"9\" width=\"48"), std::string::npos)
        << x.sheetXml();
    // Printing: A4 landscape, one page wide, margins, a footer with title and page numbers,
    // the header row repeated on every page.
    const std::string sheet = x.sheetXml();
    EXPECT_NE(sheet.find("<pageSetUpPr fitToPage=\"1\"/>"), std::string::npos);
    EXPECT_NE(sheet.find("orientation=\"landscape\""), std::string::npos);
    EXPECT_NE(sheet.find("paperSize=\"9\""), std::string::npos);
    EXPECT_NE(sheet.find("fitToHeight=\"0\""), std::string::npos);
    EXPECT_NE(sheet.find("<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.7\""),
              std::string::npos);
    EXPECT_NE(sheet.find("<oddFooter>&amp;LClients &amp;&amp; VIPs&amp;R&amp;P / &amp;N"),
              std::string::npos)
        << sheet;
    EXPECT_NE(x.part("xl/workbook.xml").find("_xlnm.Print_Titles"), std::string::npos);
    EXPECT_NE(x.part("xl/workbook.xml").find("!$1:$1"), std::string::npos);
}

TEST(PeopleTable, ALongWorkbookSaysHowFarItIsUpToTheEnd) {
    bdtest::TempDir dir;
    PeopleTable t = unusualClients();
    const auto row = t.rows.front();
    t.rows.assign(20000, row);
    std::vector<double> seen;
    ASSERT_TRUE(writePeopleXlsx(dir.file("long.xlsx"), t, [&](double f) { seen.push_back(f); }));
    // Through the rows (every 4,096 of them), then the workbook's closing.
    ASSERT_GE(seen.size(), 5u);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_GT(seen.front(), 0.0);
    EXPECT_LT(seen.front(), 0.5);
    EXPECT_DOUBLE_EQ(seen.back(), 1.0);
    // A CSV is written at once: nothing to say.
    EXPECT_TRUE(writePeopleTable(dir.file("long.csv"), t, [&](double) { FAIL(); }));
}

TEST(PeopleTable, FormatByExtensionAndErrors) {
    EXPECT_EQ(peopleFormatFor("a.CSV"), PeopleFormat::Csv);
    EXPECT_EQ(peopleFormatFor("dir.x/a.Xlsx"), PeopleFormat::Xlsx);
    EXPECT_FALSE(peopleFormatFor("a.pdf"));
    EXPECT_FALSE(peopleFormatFor("csv"));
    EXPECT_EQ(writePeopleTable((bdtest::scratchDir() / "a.txt").string(), {}).error().code,
              ErrorCode::Usage);
    EXPECT_FALSE(writePeopleTable("/nonexistent-dir/a.xlsx", unusualClients()).ok());
    EXPECT_FALSE(writePeopleTable("/nonexistent-dir/a.csv", unusualClients()).ok());
    // An empty table is still a valid workbook with its header.
    const auto path = bdtest::scratchDir() / "empty.xlsx";
    PeopleTable t = unusualClients();
    t.rows.clear();
    ASSERT_TRUE(writePeopleTable(path.string(), t).ok());
    const bdtest::Xlsx x(path.string());
    EXPECT_EQ(x.text("B1"), "id_number");
    EXPECT_EQ(x.sheetXml().find("ignoredError"), std::string::npos);
}

TEST(PeopleTable, CallListWorkbookInChineseWithDatesAndWrappedReasons) {
    CallListRow r;
    r.date = Date::fromYmd(2025, 10, 9);
    r.priority = 2.5;
    r.client_id = "000100000001";
    r.name = "李𬱖";
    r.phone = "+8613912345678";
    r.channel = "电话";
    r.reasons = kLongReason;
    r.last_contact = Date::fromYmd(2025, 6, 25);
    const auto path = bdtest::scratchDir() / "calllist.xlsx";
    ASSERT_TRUE(writeCallListXlsx(path.string(), {r, r}, CallListLanguage::Chinese).ok());
    const bdtest::Xlsx x(path.string());
    EXPECT_EQ(x.text("A1"), "日期");
    EXPECT_EQ(x.text("K1"), "客群");
    EXPECT_TRUE(x.isDate("A2"));
    EXPECT_TRUE(x.isDate("J2"));
    EXPECT_EQ(x.number("J2"), bdtest::Xlsx::serial(Date::fromYmd(2025, 6, 25).days));
    EXPECT_DOUBLE_EQ(x.number("B2"), 2.5);
    EXPECT_EQ(x.text("C2"), "000100000001");
    EXPECT_EQ(x.text("E2"), "+8613912345678");
    EXPECT_TRUE(x.wraps("H2"));
    EXPECT_NE(x.part("xl/workbook.xml").find("回访清单"), std::string::npos);
    EXPECT_NE(x.sheetXml().find("C2:C3 E2:E3"), std::string::npos);
    // The CSV of the same rows: phone as digits, no apostrophe.
    const auto csvPath = bdtest::scratchDir() / "calllist.csv";
    ASSERT_TRUE(writeCallListCsv(csvPath.string(), {r}, CallListLanguage::Chinese).ok());
    const auto csv = bdtest::readCsvAsExcel(csvPath.string());
    ASSERT_TRUE(csv.bom);
    EXPECT_EQ(csv.rows[0][0], "日期");
    EXPECT_EQ(csv.rows[1][4], "008613912345678");
}
