// The import as the workstation runs it (File › Import): a dry run that counts and changes
// nothing, a cancel that leaves the book as it was, the user's own names for columns, and a
// preview that reads a file's kind, encoding and first records from its start.
#include <atomic>
#include <string>

#include "import_fixture.h"
#include "storage/import/importpreview.h"

namespace {

using bd::storage::ColumnAlias;
using bd::storage::ImportFiles;
using bd::storage::ImportKind;
using bd::storage::ImportOptions;

const std::string kClientsHeader = "client_id,name,broker_id,open_date\n";
const std::string kTradesHeader = "trade_id,client_id,trade_time,security_code,side,quantity,"
                                  "price,amount,commission,fees,channel\n";

std::string clientRow(int i, const std::string& name) {
    char id[16];
    std::snprintf(id, sizeof id, "C%03d", i);
    return std::string(id) + "," + name + ",B01,2020-01-02\n";
}

/// `n` trades of client C000..C009, ids from `first`.
std::string trades(int first, int n) {
    std::string t = kTradesHeader;
    for (int i = first; i < first + n; ++i) {
        char row[160];
        std::snprintf(row, sizeof row,
                      "T%07d,C%03d,2024-%02d-%02d 10:%02d:00,600519.SH,buy,100,12.5,1250,5,,"
                      "online\n",
                      i, i % 10, i % 12 + 1, i % 28 + 1, i % 60);
        t += row;
    }
    return t;
}

class ImportJobs : public bdtest::ImportTest {
  protected:
    void SetUp() override {
        bdtest::ImportTest::SetUp();
        std::string clients = kClientsHeader;
        for (int i = 0; i < 10; ++i) clients += clientRow(i, "Client");
        ImportFiles f;
        f.clients = write("clients.csv", clients);
        f.trades = write("trades0.csv", trades(0, 100));
        ASSERT_TRUE(run(f).committed);
    }
};

TEST_P(ImportJobs, ADryRunCountsWhatAnImportWouldDoAndLeavesTheBookUnchanged) {
    // Clients: C000 renamed (updated), C001..C009 as stored (unchanged), C010 new; trades:
    // the 100 stored ones again and 5000 new (a first load would stream; this one upserts).
    std::string clients = kClientsHeader + clientRow(0, "Renamed");
    for (int i = 1; i < 10; ++i) clients += clientRow(i, "Client");
    clients += clientRow(10, "New");
    ImportFiles f;
    f.clients = write("clients2.csv", clients);
    f.trades = write("trades1.csv", trades(0, 5100));
    const std::string before = dump();
    ImportOptions dry;
    dry.dry_run = true;
    const auto report = run(f, dry);
    EXPECT_FALSE(report.committed);
    EXPECT_TRUE(report.would_commit);
    ASSERT_EQ(report.files.size(), 2u);
    EXPECT_EQ(report.files[0].rows_new, 1);
    EXPECT_EQ(report.files[0].rows_updated, 1);
    EXPECT_EQ(report.files[0].rows_unchanged, 9);
    EXPECT_EQ(report.files[1].rows_new, 5000);
    EXPECT_EQ(report.files[1].rows_unchanged, 100);
    EXPECT_EQ(dump(), before) << "a dry run changed the book";
    // The import itself does what the dry run said.
    const auto real = run(f);
    ASSERT_TRUE(real.committed);
    EXPECT_EQ(real.files[0].rows_new, 1);
    EXPECT_EQ(real.files[0].rows_updated, 1);
    EXPECT_EQ(real.files[1].rows_new, 5000);
    EXPECT_EQ(count("trades"), 5100);
}

TEST_P(ImportJobs, ADryRunOfABadFileListsEveryLocatedErrorAndWouldNotCommit) {
    ImportFiles f;
    f.clients = write("bad.csv", kClientsHeader + "C020,Bad,B01,2020-13-45\n" +
                                     clientRow(21, "Good") + "C022,,B01,2020-01-02\n");
    const std::string before = dump();
    ImportOptions dry;
    dry.dry_run = true;
    const auto report = run(f, dry);
    EXPECT_FALSE(report.would_commit);
    ASSERT_EQ(report.errors.size(), 2u);
    EXPECT_EQ(report.errors[0].line, 2);
    EXPECT_EQ(report.errors[0].column_name, "open_date");
    EXPECT_EQ(report.errors[1].line, 4);
    EXPECT_EQ(report.errors[1].column_name, "name");
    EXPECT_EQ(report.files[0].rows_rejected, 2);
    EXPECT_EQ(dump(), before);
}

TEST_P(ImportJobs, ACancelledImportIntoStoredTablesLeavesTheBookUnchanged) {
    ImportFiles f;
    f.trades = write("trades1.csv", trades(100, 20000));
    const std::string before = dump();
    std::atomic<bool> cancel{false};
    int reports = 0;
    ImportOptions o;
    o.cancel = &cancel;
    o.progress = [&](const bd::storage::ImportProgress&) {
        if (++reports == 2) cancel = true; // mid-file: rows of the first batches are written
    };
    auto r = bd::storage::importFiles(db(), f, o);
    ASSERT_TRUE(r.ok()) << r.error().toString();
    EXPECT_TRUE(r->cancelled);
    EXPECT_FALSE(r->committed);
    EXPECT_GE(reports, 2);
    EXPECT_EQ(dump(), before) << "a cancelled import changed the book";
}

TEST_P(ImportJobs, ACancelledFirstLoadOfTradesLeavesTheBookUnchanged) {
    // Into an empty trades table the load streams month by month (import_stream.h).
    ASSERT_TRUE(db().exec("DELETE FROM trades").ok());
    ImportFiles f;
    f.trades = write("trades1.csv", trades(0, 30000));
    const std::string before = dump();
    std::atomic<bool> cancel{false};
    ImportOptions o;
    o.cancel = &cancel;
    o.progress = [&](const bd::storage::ImportProgress&) { cancel = true; };
    auto r = bd::storage::importFiles(db(), f, o);
    ASSERT_TRUE(r.ok()) << r.error().toString();
    EXPECT_TRUE(r->cancelled);
    EXPECT_EQ(dump(), before);
    EXPECT_EQ(count("trades"), 0);
    // The book still takes the same file afterwards.
    EXPECT_TRUE(run(f).committed);
    EXPECT_EQ(count("trades"), 30000);
}

TEST_P(ImportJobs, AHeaderTheUserMappedIsReadAsItsColumnAndAnIgnoredOneIsNotReported) {
    ImportFiles f;
    f.clients = write("mapped.csv", "kundennr,name,broker_id,open_date,memo\n"
                                    "C030,Mapped,B01,2020-01-02,x\n");
    // Without the mapping the file lacks client_id.
    ImportOptions dry;
    dry.dry_run = true;
    const auto unmapped = run(f, dry);
    EXPECT_FALSE(unmapped.would_commit);
    ImportOptions o;
    o.column_aliases = {ColumnAlias{ImportKind::Clients, "KundenNr", "client_id"},
                        ColumnAlias{ImportKind::Clients, "memo", ""},
                        ColumnAlias{ImportKind::Trades, "name", "client_id"}}; // other kind
    const auto mapped = run(f, o);
    ASSERT_TRUE(mapped.committed) << (mapped.errors.empty() ? "" : mapped.errors[0].toString());
    EXPECT_TRUE(mapped.files[0].unknown_columns.empty());
    EXPECT_EQ(count("clients"), 11);
}

TEST_P(ImportJobs, APreviewReadsTheKindEncodingColumnsAndFirstRecordsOfAFile) {
    // Chinese headers (the trades kind's aliases) and one column no kind knows.
    const std::string zh = "成交编号,客户号,成交时间,证券代码,买卖方向,成交数量,成交价格,"
                           "成交金额,佣金,备注\n";
    std::string body = zh;
    for (int i = 0; i < 30; ++i)
        body += "T9" + std::to_string(100000 + i) +
                ",C001,2024-01-02 10:00:00,600519.SH,buy,100,1,100,5,"
                "x\n";
    const std::string path = write("zh_trades.csv", body);
    auto p = bd::storage::previewImportFile(path, bd::storage::Encoding::Auto, {}, 20);
    ASSERT_TRUE(p.ok()) << p.error().toString();
    ASSERT_TRUE(p->kind.has_value());
    EXPECT_EQ(*p->kind, ImportKind::Trades);
    EXPECT_EQ(p->encoding, enc() == bdtest::Enc::Utf8 ? bd::storage::Encoding::Utf8
                                                      : bd::storage::Encoding::Gb18030);
    ASSERT_EQ(p->header.size(), 10u);
    EXPECT_EQ(p->column_of[0], "trade_id");
    EXPECT_EQ(p->column_of[8], "commission");
    EXPECT_EQ(p->column_of[9], "");
    ASSERT_EQ(p->unknown.size(), 1u);
    EXPECT_EQ(p->unknown[0], "备注");
    EXPECT_TRUE(p->missing_required.empty());
    ASSERT_EQ(p->records.size(), 20u);
    EXPECT_EQ(p->records[0].line, 2);
    EXPECT_EQ(p->records[0].fields[0], "T9100000");
    // A mapping moves the unknown column to a known one.
    auto mapped = bd::storage::previewImportFile(
        path, bd::storage::Encoding::Auto, {ColumnAlias{ImportKind::Trades, "备注", "channel"}});
    ASSERT_TRUE(mapped.ok());
    EXPECT_EQ(mapped->column_of[9], "channel");
    EXPECT_TRUE(mapped->unknown.empty());
}

TEST_P(ImportJobs, APreviewOfAClientsFileMissingARequiredColumnNamesIt) {
    const std::string path = write("c.csv", "client_id,name,open_date\nC1,A,2020-01-02\n");
    auto p = bd::storage::previewImportFile(path, bd::storage::Encoding::Auto);
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE(p->kind.has_value());
    EXPECT_EQ(*p->kind, ImportKind::Clients);
    ASSERT_EQ(p->missing_required.size(), 1u);
    EXPECT_EQ(p->missing_required[0], "broker_id");
}

TEST_P(ImportJobs, APreviewOfAFileLargerThanItReadsStopsAtAWholeRecord) {
    // About 1 MB: the preview reads its first 256 KiB and never shows a record cut short.
    const std::string path = write("big.csv", trades(0, 12000));
    auto p = bd::storage::previewImportFile(path, bd::storage::Encoding::Auto, {}, 100000);
    ASSERT_TRUE(p.ok()) << p.error().toString();
    ASSERT_TRUE(p->kind.has_value());
    EXPECT_EQ(*p->kind, ImportKind::Trades);
    ASSERT_GT(p->records.size(), 100u);
    EXPECT_LT(p->records.size(), 12000u);
    for (const auto& r : p->records) ASSERT_EQ(r.fields.size(), 11u) << "line " << r.line;
    EXPECT_EQ(p->records.back().line, static_cast<std::int64_t>(p->records.size()) + 1);
}

INSTANTIATE_TEST_SUITE_P(Enc, ImportJobs, BD_IMPORT_ENCODINGS);

} // namespace
