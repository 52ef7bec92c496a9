// The trades bulk path (empty table): rows are checked for duplicates in file order and written
// month by month, in primary-key order, while the file is still being parsed; rows of a month
// already written are kept back and written last. Its outcome must be exactly that of the
// incremental path, whatever the order of the file.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <sqlite3.h>

#include "import_fixture.h"
#include "storage/import/import_keyset.h"
#include "storage/import/import_kinds.h"
#include "support/tradedaysdump.h"

namespace {

/// trade_days unpacked, one "client_ref,day,trades,amount,commission" line per day.
std::string storedDays(bd::storage::Database& db) {
    return bdtest::dumpTradeDays(db, ',', false);
}

using bd::storage::ImportFiles;
using bd::storage::ImportOptions;
using bd::storage::ImportReport;

constexpr int kRows = 12000; // six months of 2024

const std::string kClients = "client_id,name,broker_id,open_date\n"
                             "C001,Client 1,B01,2020-01-02\n"
                             "C002,Client 2,B01,2020-01-02\n"
                             "C003,Client 3,B02,2020-01-02\n";

std::string tradeId(int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "T%07d", i);
    return buf;
}

/// A time-ordered file over six months (except one client's block written backwards within
/// its month, and rows of January among June's) with problems in both halves: a bad amount and
/// a bad quantity, duplicates of a first-half key in the second half, and a duplicate within
/// the second half. `quote` wraps trade ids in quotes.
std::string tradesCsv(bool quote) {
    std::string out = "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,"
                      "commission,fees,channel\n";
    for (int i = 0; i < kRows; ++i) {
        std::string id = tradeId(i);
        if (i == 9000 || i == 9500) id = tradeId(10);
        if (i == 6100) id = tradeId(6050);
        // Client 3's rows between 2000 and 3000 go back in time: the sort must fix them.
        int minute = (i >= 2000 && i < 3000 && i % 3 == 2) ? 5000 - i : i;
        // Late rows: January's month was written long before these come.
        if (i >= 10600 && i < 10700 && i % 2 == 0) minute = i - 10000;
        char time[32];
        std::snprintf(time, sizeof time, "2024-%02d-%02d %02d:%02d:00", minute / 2000 + 1,
                      minute / 1440 % 28 + 1, minute / 60 % 24, minute % 60);
        const int qty = i == 7000 ? 0 : 100 * (i % 7 + 1);
        const int tenths = qty / 100 * 12005; // quantity x 12.005 in 0.1 CNY
        const std::string amount =
            i == 3 ? "abc" : std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
        out += (quote ? "\"" + id + "\"" : id) + ",C00" + std::to_string(i % 3 + 1) + "," + time +
               "," + (i % 2 ? "600519.SH" : "000001") + "," + (i % 2 ? "buy" : "卖出") + "," +
               std::to_string(qty) + ",12.005," + amount + ",5," + (i % 5 ? "0.1" : "") + "," +
               (i % 4 ? "online" : "") + "\n";
    }
    return out;
}

struct Outcome {
    std::string trades;              // table content
    std::vector<std::string> errors; // line:column:value:message
    std::string rejects;
    std::int64_t rows_new = 0, rows_rejected = 0;
    bool merged_runs = false; // the load wrote sorted runs to disk and merged them back
};

/// Two loads (their outcome and stored trade days) agree in every respect.
void expectSame(const std::pair<Outcome, std::string>& got,
                const std::pair<Outcome, std::string>& want) {
    EXPECT_EQ(got.first.errors, want.first.errors);
    EXPECT_EQ(got.first.rejects, want.first.rejects);
    EXPECT_EQ(got.first.trades, want.first.trades);
    EXPECT_EQ(got.first.rows_new, want.first.rows_new);
    EXPECT_EQ(got.first.rows_rejected, want.first.rows_rejected);
    EXPECT_EQ(got.second, want.second);
}

class ImportBulk : public bdtest::ImportTest {
  protected:
    void SetUp() override {
        bdtest::ImportTest::SetUp();
        ImportFiles f;
        f.clients = write("clients.csv", kClients);
        ASSERT_TRUE(run(f).committed);
    }
    std::string tradesTable() {
        return rows("SELECT * FROM trades WHERE trade_id <> 'X' ORDER BY trade_id");
    }
    Outcome importTrades(const std::string& csv, bool lenient, std::size_t memoryRows = 0) {
        ImportFiles f;
        f.trades = write("trades.csv", csv);
        ImportOptions o;
        o.lenient = lenient;
        o.memory_rows = memoryRows;
        if (lenient) o.rejects_path = path("rejects.csv");
        const ImportReport r = run(f, o);
        EXPECT_EQ(r.committed, lenient);
        Outcome out;
        for (const auto& e : r.errors)
            out.errors.push_back(std::to_string(e.line) + ":" + std::to_string(e.column) + ":" +
                                 e.value + ":" + e.message);
        if (lenient) {
            std::ifstream in(path("rejects.csv"), std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            out.rejects = ss.str();
        }
        out.rows_new = r.files.at(0).rows_new;
        out.rows_rejected = r.files.at(0).rows_rejected;
        for (const auto& stage : r.files.at(0).stages)
            out.merged_runs = out.merged_runs || stage.name.rfind("merge of ", 0) == 0;
        out.trades = tradesTable();
        return out;
    }
};

TEST_P(ImportBulk, StreamedLoadFindsEveryProblemInFileOrder) {
    const Outcome o = importTrades(tradesCsv(false), true);
    EXPECT_EQ(o.rows_new, kRows - 5);
    EXPECT_EQ(o.rows_rejected, 5);
    ASSERT_EQ(o.errors.size(), 5u);
    // Line = row + 2 (header on line 1).
    EXPECT_EQ(o.errors[0].rfind("5:8:abc:", 0), 0u) << o.errors[0];
    EXPECT_EQ(o.errors[1], "6102:1:T0006050:duplicate natural key in this file (first on line "
                           "6052)");
    EXPECT_EQ(o.errors[2].rfind("7002:6:0:", 0), 0u) << o.errors[2];
    EXPECT_EQ(o.errors[3], "9002:1:T0000010:duplicate natural key in this file (first on line 12)");
    EXPECT_EQ(o.errors[4], "9502:1:T0000010:duplicate natural key in this file (first on line 12)");
    // The rejects file lists them in the same order, after its header.
    std::istringstream lines(o.rejects);
    std::string line;
    std::getline(lines, line);
    for (const char* want : {",5,", ",6102,", ",7002,", ",9002,", ",9502,"}) {
        ASSERT_TRUE(std::getline(lines, line));
        EXPECT_NE(line.find(want), std::string::npos) << line;
    }
    EXPECT_EQ(count("trades"), kRows - 5);
    // The first occurrence of a duplicated key is the one stored.
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT quantity FROM trades WHERE trade_id = "
                                           "'T0000010'"),
              100 * (10 % 7 + 1));
}

TEST_P(ImportBulk, SameOutcomeQuotedAndIncrementally) {
    const Outcome split = importTrades(tradesCsv(false), true);
    ASSERT_TRUE(db().exec("DELETE FROM trades"));
    // Quoted fields take the reader's quoting path.
    const Outcome oneThread = importTrades(tradesCsv(true), true);
    EXPECT_EQ(oneThread.errors, split.errors);
    EXPECT_EQ(oneThread.trades, split.trades);
    EXPECT_EQ(oneThread.rows_new, split.rows_new);
    EXPECT_EQ(oneThread.rows_rejected, split.rows_rejected);
    // Into a table that has a row already: no bulk path, rows are upserted in file order.
    ASSERT_TRUE(db().exec("DELETE FROM trades; INSERT INTO trades(trade_id, client_ref, "
                          "trade_time, security_code, side, quantity, price, amount, commission, "
                          "trade_month) VALUES ('X', 1, 0, '600519.SH', 1, 1, 1, 1, 0, 0)"));
    const Outcome incremental = importTrades(tradesCsv(false), true);
    EXPECT_EQ(incremental.errors, split.errors);
    EXPECT_EQ(incremental.trades, split.trades);
    EXPECT_EQ(incremental.rows_new, split.rows_new);
    // Again: everything is unchanged.
    const Outcome again = importTrades(tradesCsv(false), true);
    EXPECT_EQ(again.rows_new, 0);
    EXPECT_EQ(again.trades, split.trades);
}

TEST_P(ImportBulk, StrictRunReportsTheSameAndWritesNothing) {
    auto journalMode = [&] {
        auto st = db().prepare("PRAGMA journal_mode");
        EXPECT_TRUE(st.ok() && *st->step());
        return st->text(0);
    };
    // The first load runs with a rollback journal (the book is not shared): its rollback
    // leaves nothing behind and the book is back in WAL mode.
    const Outcome strict = importTrades(tradesCsv(false), false);
    EXPECT_EQ(strict.errors.size(), 5u);
    EXPECT_EQ(count("trades"), 0);
    EXPECT_EQ(journalMode(), "wal");
    // The rollback restores the trade_days triggers the bulk load dropped.
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT count(*) FROM sqlite_master WHERE type = "
                                           "'trigger' AND tbl_name = 'trades'"),
              3);
    // Without the bad rows the file is accepted whole.
    std::string csv;
    std::istringstream in(tradesCsv(false));
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        const int row = n++ - 1;
        if (row == 3 || row == 6100 || row == 7000 || row == 9000 || row == 9500) continue;
        csv += line + "\n";
    }
    ImportFiles f;
    f.trades = write("fixed.csv", csv);
    {
        // Another connection has the book open: the load stays in WAL mode, same outcome.
        auto other = bd::storage::Database::open(db().path(), false);
        ASSERT_TRUE(other.ok());
        EXPECT_EQ(*bd::storage::queryInt(*other, "SELECT count(*) FROM clients"), 3);
        const ImportReport shared = run(f);
        EXPECT_TRUE(shared.committed);
        EXPECT_EQ(count("trades"), kRows - 5);
        EXPECT_EQ(journalMode(), "wal");
        ASSERT_TRUE(db().exec("DELETE FROM trades; DELETE FROM trade_days;").ok());
    }
    // Alone with the book: the load holds it exclusively, so a connection arriving mid-load is
    // turned away (here at once: busy timeout 0) instead of holding up the load's commit.
    ImportOptions o;
    int probes = 0, turnedAway = 0;
    o.progress = [&](const bd::storage::ImportProgress& p) {
        if (p.kind != bd::storage::ImportKind::Trades || probes > 0) return;
        ++probes;
        sqlite3* late = nullptr;
        ASSERT_EQ(sqlite3_open_v2(db().path().c_str(), &late, SQLITE_OPEN_READWRITE, nullptr),
                  SQLITE_OK);
        sqlite3_busy_timeout(late, 0);
        if (sqlite3_exec(late, "SELECT count(*) FROM clients", nullptr, nullptr, nullptr) ==
            SQLITE_BUSY)
            ++turnedAway;
        sqlite3_close(late);
    };
    const ImportReport r = run(f, o);
    EXPECT_TRUE(r.committed);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(count("trades"), kRows - 5);
    EXPECT_EQ(journalMode(), "wal");
    EXPECT_EQ(probes, 1);
    EXPECT_EQ(turnedAway, 1);
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT sum(day_count) FROM trade_days"),
              *bd::storage::queryInt(db(), "SELECT count(DISTINCT client_ref || ':' || "
                                           "(trade_time / 86400)) FROM trades"));
}

TEST_P(ImportBulk, ReimportFindsStoredTradesByIdAndMovesChangedOnes) {
    // trade_id has no index of its own: stored trades are found through an in-memory map and
    // read and updated by primary key, which an update of client or time changes.
    const Outcome first = importTrades(tradesCsv(false), true);
    ASSERT_EQ(first.rows_new, kRows - 5);
    std::vector<std::string> lines;
    {
        std::istringstream in(tradesCsv(false));
        for (std::string line; std::getline(in, line);) lines.push_back(line);
    }
    const auto setField = [&](int row, int field, const std::string& value) {
        std::string& line = lines.at(static_cast<std::size_t>(row) + 1);
        std::vector<std::string> fields;
        std::istringstream in(line);
        for (std::string f; std::getline(in, f, ',');) fields.push_back(f);
        if (line.back() == ',') fields.emplace_back();
        fields.at(static_cast<std::size_t>(field)) = value;
        line.clear();
        for (std::size_t k = 0; k < fields.size(); ++k) line += (k ? "," : "") + fields[k];
    };
    setField(100, 1, "C003");                // another client ...
    setField(100, 2, "2023-12-31 23:59:59"); // ... and earlier than every other trade
    setField(200, 8, "6");                   // commission only: stays in place
    std::string csv;
    for (const auto& l : lines) csv += l + "\n";
    ImportFiles f;
    f.trades = write("changed.csv", csv);
    ImportOptions o;
    o.lenient = true;
    o.rejects_path = path("rejects.csv");
    const ImportReport r = run(f, o);
    ASSERT_TRUE(r.committed);
    EXPECT_EQ(r.files.at(0).rows_new, 0);
    EXPECT_EQ(r.files.at(0).rows_updated, 2);
    EXPECT_EQ(r.files.at(0).rows_unchanged, kRows - 5 - 2);
    EXPECT_EQ(count("trades"), kRows - 5);
    auto st = db().prepare("SELECT c.client_id, t.trade_time, t.commission FROM trades t JOIN "
                           "clients c ON c.id = t.client_ref WHERE t.trade_id = ?");
    ASSERT_TRUE(st.ok());
    st->bind(1, std::string_view("T0000100"));
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->text(0), "C003");
    EXPECT_EQ(st->int64(1), 1704067199); // 2023-12-31 23:59:59
    st->reset();
    st->bind(1, std::string_view("T0000200"));
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->int64(2), 60000); // 6 CNY
    st->reset();
    // The client pane reads trades by client and time: the moved trade is C003's first.
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT trade_id = 'T0000100' FROM trades WHERE "
                                           "client_ref = (SELECT id FROM clients WHERE client_id "
                                           "= 'C003') ORDER BY trade_time LIMIT 1"),
              1);
    // trade_days follows the moved and changed trades.
    const auto days = [&](const std::string& sql) {
        auto q = db().prepare(sql);
        EXPECT_TRUE(q.ok());
        std::string out;
        while (*q->step())
            for (int c = 0; c < 5; ++c) out += std::to_string(q->int64(c)) + (c < 4 ? "," : "\n");
        return out;
    };
    const std::string want =
        days("SELECT client_ref, CASE WHEN trade_time >= 0 THEN trade_time / 86400 ELSE "
             "(trade_time - 86399) / 86400 END AS d, count(*), sum(amount), sum(commission) FROM "
             "trades GROUP BY client_ref, d ORDER BY 1, 2");
    EXPECT_FALSE(want.empty());
    EXPECT_EQ(storedDays(db()), want);
    // Once more: everything unchanged.
    const ImportReport again = run(f, o);
    ASSERT_TRUE(again.committed);
    EXPECT_EQ(again.files.at(0).rows_unchanged, kRows - 5);
    EXPECT_EQ(again.files.at(0).rows_updated, 0);
}

TEST_P(ImportBulk, BulkLoadWritesTradeDaysFromTheRowsThemselves) {
    const Outcome o = importTrades(tradesCsv(false), true);
    ASSERT_EQ(o.rows_new, kRows - 5);
    auto st = db().prepare(
        "SELECT group_concat(x, '') FROM (SELECT client_ref || ',' || (trade_time / 86400) || ',' "
        "|| count(*) || ',' || sum(amount) || ',' || sum(commission) || char(10) AS x FROM trades "
        "GROUP BY client_ref, trade_time / 86400 ORDER BY client_ref, trade_time / 86400)");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(*st->step());
    EXPECT_FALSE(st->text(0).empty());
    EXPECT_EQ(storedDays(db()), st->text(0));
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT count(*) FROM trade_days_dirty"), 0);
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT count(*) FROM sqlite_master WHERE type = "
                                           "'trigger' AND tbl_name = 'trades'"),
              3);
}

TEST_P(ImportBulk, AnyRowOrderGivesTheSameTradesAndTradeDays) {
    // The valid rows of the file, reordered: time order as exported, by client, backwards, and
    // shuffled. Only time order lets the load write a month while the next is parsed; every
    // order must store the same rows and trade days as an incremental import.
    std::vector<std::string> rows;
    std::string header;
    {
        std::istringstream in(tradesCsv(false));
        std::getline(in, header);
        int row = 0;
        for (std::string line; std::getline(in, line); ++row)
            if (row != 3 && row != 6100 && row != 7000 && row != 9000 && row != 9500)
                rows.push_back(line);
    }
    const auto csvOf = [&](const std::vector<std::string>& r) {
        std::string out = header + "\n";
        for (const auto& l : r) out += l + "\n";
        return out;
    };
    const auto load = [&](const std::vector<std::string>& r) {
        EXPECT_TRUE(db().exec("DELETE FROM trades; DELETE FROM trade_days;").ok());
        const Outcome o = importTrades(csvOf(r), true);
        EXPECT_TRUE(o.errors.empty());
        EXPECT_EQ(o.rows_new, static_cast<std::int64_t>(r.size()));
        return std::make_pair(o.trades, storedDays(db()));
    };
    const auto timeOrder = load(rows);
    EXPECT_FALSE(timeOrder.second.empty());
    // By client, as some back offices export: every month is written again and again.
    std::vector<std::string> byClient = rows;
    std::stable_sort(byClient.begin(), byClient.end(),
                     [](const std::string& a, const std::string& b) {
                         return a.substr(a.find(',') + 1, 4) < b.substr(b.find(',') + 1, 4);
                     });
    EXPECT_EQ(load(byClient), timeOrder);
    std::vector<std::string> backwards(rows.rbegin(), rows.rend());
    EXPECT_EQ(load(backwards), timeOrder);
    std::vector<std::string> shuffled = rows;
    std::uint64_t state = 11;
    for (std::size_t i = shuffled.size(); i > 1; --i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        std::swap(shuffled[i - 1], shuffled[(state >> 33) % i]);
    }
    EXPECT_EQ(load(shuffled), timeOrder);
    // The incremental path (a stored row makes the table non-empty) agrees.
    ASSERT_TRUE(db().exec("DELETE FROM trades; DELETE FROM trade_days; INSERT INTO "
                          "trades(trade_id, client_ref, trade_time, security_code, side, "
                          "quantity, price, amount, commission, trade_month) VALUES ('X', 1, 0, "
                          "'600519.SH', 1, 1, 1, 1, 0, 0)"));
    const Outcome incremental = importTrades(csvOf(shuffled), true);
    EXPECT_EQ(incremental.trades, timeOrder.first);
    ASSERT_TRUE(db().exec("DELETE FROM trades WHERE trade_id = 'X'"));
    ASSERT_TRUE(bd::storage::syncTradeDays(db()));
    EXPECT_EQ(storedDays(db()), timeOrder.second);
    // Each trade sits in the month of its time.
    EXPECT_EQ(*bd::storage::queryInt(
                  db(), "SELECT count(*) FROM trades WHERE trade_month <> (CAST(strftime('%Y', "
                        "trade_time, 'unixepoch') AS INTEGER) - 1970) * 12 + "
                        "CAST(strftime('%m', trade_time, 'unixepoch') AS INTEGER) - 1"),
              0);
    EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT count(DISTINCT trade_month) FROM trades"), 6);
}

TEST_P(ImportBulk, FirstStretchOnTwoThreadsChangesNothing) {
    // The file's first stretch (a sixteenth) is parsed by two threads, the rest by one: a
    // problem in each part, duplicates across the cuts, and the outcome of one thread.
    std::vector<std::string> lines;
    {
        std::istringstream in(tradesCsv(false));
        for (std::string line; std::getline(in, line);) lines.push_back(line);
    }
    const auto setField = [&](int row, int field, const std::string& value) {
        std::string& line = lines.at(static_cast<std::size_t>(row) + 1);
        std::size_t from = 0;
        for (int f = 0; f < field; ++f) from = line.find(',', from) + 1;
        line.replace(from, line.find(',', from) - from, value);
    };
    setField(300, 5, "-1");               // first part (rows 0 .. ~370)
    setField(500, 5, "x");                // second part (~370 .. ~750)
    setField(600, 0, tradeId(100));       // second part, duplicate of the first
    setField(8000, 0, tradeId(550));      // the rest, duplicate of the second part
    setField(700, 2, "2024-13-01 10:00"); // second part, bad date
    std::string csv;
    for (const auto& l : lines) csv += l + "\n";
    // Where the cuts fall (as import_stream.h computes them): rows 300, 500-700 and 8000 lie
    // in the three parts.
    const std::size_t header = lines[0].size() + 1;
    const std::size_t stretch = (csv.size() - header) / 16;
    const auto rowStart = [&](int row) {
        std::size_t at = 0;
        for (int r = 0; r <= row; ++r) at += lines[static_cast<std::size_t>(r)].size() + 1;
        return at - header;
    };
    ASSERT_LT(rowStart(300), stretch / 2);
    ASSERT_GT(rowStart(500), stretch / 2);
    ASSERT_LT(rowStart(701), stretch);
    ASSERT_GT(rowStart(8000), stretch);
    const auto load = [&](std::size_t splitFrom, bool lenient) {
        EXPECT_TRUE(db().exec("DELETE FROM trades; DELETE FROM trade_days;").ok());
        bd::storage::imp::setStreamSplitFrom(splitFrom);
        Outcome o = importTrades(csv, lenient);
        bd::storage::imp::setStreamSplitFrom(std::size_t{4} << 20);
        return std::make_pair(std::move(o), storedDays(db()));
    };
    for (const bool lenient : {true, false}) {
        const auto one = load(SIZE_MAX, lenient);
        const auto two = load(64 * 1024, lenient);
        expectSame(two, one);
        // Lines as in the file: the bad rows of every part, in order.
        ASSERT_EQ(one.first.errors.size(), 10u) << lenient;
        EXPECT_EQ(one.first.errors[1].rfind("302:6:-1:", 0), 0u) << one.first.errors[1];
        EXPECT_EQ(one.first.errors[2].rfind("502:6:x:", 0), 0u) << one.first.errors[2];
        EXPECT_EQ(one.first.errors[3], "602:1:T0000100:duplicate natural key in this file "
                                       "(first on line 102)");
        EXPECT_EQ(one.first.errors[4].rfind("702:3:", 0), 0u) << one.first.errors[4];
        EXPECT_EQ(one.first.errors[7], "8002:1:T0000550:duplicate natural key in this file "
                                       "(first on line 552)");
    }
}

TEST_P(ImportBulk, SortedRunsOnDiskChangeNothing) {
    // Rows held past the limit go to sorted runs on disk and come back merged: the file in time
    // order, by client (every month stays open), backwards and shuffled, with its problems
    // (bad values, duplicates, rows of a month already written), stores, rejects and reports
    // the same with runs of 700 rows as all in memory.
    std::vector<std::string> lines;
    std::string header;
    {
        std::istringstream in(tradesCsv(false));
        std::getline(in, header);
        for (std::string line; std::getline(in, line);) lines.push_back(line);
    }
    std::vector<std::vector<std::string>> orders{lines};
    std::vector<std::string> byClient = lines;
    std::stable_sort(byClient.begin(), byClient.end(),
                     [](const std::string& a, const std::string& b) {
                         return a.substr(a.find(',') + 1, 4) < b.substr(b.find(',') + 1, 4);
                     });
    orders.push_back(byClient);
    orders.emplace_back(lines.rbegin(), lines.rend());
    std::vector<std::string> shuffled = lines;
    std::uint64_t state = 5;
    for (std::size_t i = shuffled.size(); i > 1; --i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        std::swap(shuffled[i - 1], shuffled[(state >> 33) % i]);
    }
    orders.push_back(shuffled);
    const auto load = [&](const std::vector<std::string>& rows, std::size_t spillRows,
                          bool lenient) {
        EXPECT_TRUE(db().exec("DELETE FROM trades; DELETE FROM trade_days;").ok());
        std::string csv = header + "\n";
        for (const auto& l : rows) csv += l + "\n";
        Outcome o = importTrades(csv, lenient, spillRows);
        return std::make_pair(std::move(o), storedDays(db()));
    };
    for (const auto& rows : orders) {
        for (const bool lenient : {true, false}) {
            const auto memory = load(rows, SIZE_MAX, lenient);
            const auto runs = load(rows, 700, lenient);
            expectSame(runs, memory);
            EXPECT_FALSE(memory.first.merged_runs);
            if (lenient) {
                EXPECT_EQ(memory.first.rows_new, kRows - 5);
                // Grouped by client, every month stays open: past 700 rows they go to disk.
                if (&rows == &orders[1]) {
                    EXPECT_TRUE(runs.first.merged_runs);
                }
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Enc, ImportBulk, BD_IMPORT_ENCODINGS);

// The in-file duplicate check takes a fast path for ascending keys; whatever the order, it must
// answer exactly as a plain map from key to first line.
TEST(SeenKeys, AgreesWithAMapInAnyKeyOrder) {
    std::uint64_t state = 7;
    const auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    };
    // ascending, descending, random; ascending with a few keys far ahead (a client's late trade
    // in a file grouped by client); two ascending halves, the second repeating half the first
    for (int order = 0; order < 5; ++order) {
        bd::storage::imp::SeenKeys seen;
        std::map<std::string, std::int64_t> want;
        for (std::int64_t line = 1; line <= 20000; ++line) {
            const auto l = static_cast<std::uint64_t>(line);
            std::uint64_t n = order == 0   ? l
                              : order == 1 ? 30000 - l
                              : order == 2 ? next() % 15000
                              : order == 3 ? (l % 4500 == 0 ? 1000000 + l : l)
                                           : (l <= 10000 ? 2 * l : l - 10000);
            if (line % 97 == 0) n = next() % static_cast<std::uint64_t>(line); // an earlier key
            // Padded (ascending numbers ascend as text) but in the first three orders.
            char padded[32];
            std::snprintf(padded, sizeof padded, "T%08llu", static_cast<unsigned long long>(n));
            const std::string key = order < 3 ? "T" + std::to_string(n) : std::string(padded);
            const auto [it, fresh] = want.emplace(key, line);
            ASSERT_EQ(seen.insert(key, line), fresh ? 0 : it->second)
                << "order " << order << " line " << line << " key " << key;
        }
        // The keys far ahead and the second half each start an ascending run of their own
        // instead of sending every later key to the hash set.
        if (order == 3) {
            EXPECT_GE(seen.runs(), 5u);
        } else if (order == 4) {
            EXPECT_GE(seen.runs(), 2u);
        }
    }
}

// The out-of-order keys live in a spill file with a few hash bits in memory: with no bits at
// all every probe is confirmed from the file, through every growth of the table.
TEST(SpilledKeySet, AgreesWithAMapWhateverItsHashBits) {
    for (const int bits : {24, 2, 0}) {
        std::uint64_t state = 3;
        bd::storage::imp::SpilledKeySet seen(bits);
        std::map<std::string, std::int64_t> want;
        const int lines = bits == 0 ? 3000 : 40000;
        for (std::int64_t line = 1; line <= lines; ++line) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            const std::uint64_t n = (state >> 33) % static_cast<std::uint64_t>(lines * 3 / 4);
            // Keys of every length around the eight-byte steps of the hash, one very long.
            const std::string key = std::string(n % 19, 'k') + std::to_string(n) +
                                    (n == 5 ? std::string(5000, 'x') : "");
            const auto [it, fresh] = want.emplace(key, line);
            ASSERT_EQ(seen.insert(key, line), fresh ? 0 : it->second)
                << "bits " << bits << " line " << line << " key " << key;
        }
        EXPECT_FALSE(seen.failed());
    }
}

} // namespace

TEST_P(ImportBulk, TheIndexSortLeavesTheConnectionsTemporaryStorageAsItWas) {
    // A first load sorts trades_by_id with temporary storage in files and puts the
    // connection's setting back (books are opened with it in memory). A connection whose
    // temporary database is already open cannot switch inside the run's transaction: the
    // index is then sorted in memory, and its temporary tables stay.
    std::string csv = "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,"
                      "commission\n";
    for (int i = 0; i < 300; ++i) {
        char time[32];
        std::snprintf(time, sizeof time, "2024-%02d-%02d 10:%02d:00", i % 6 + 1, i % 28 + 1,
                      i % 60);
        csv += tradeId(299 - i) + ",C00" + std::to_string(i % 3 + 1) + "," + time +
               ",600519,buy,100,10,1000,5\n";
    }
    const auto tempStore = [&] { return *bd::storage::queryInt(db(), "PRAGMA temp_store"); };
    const auto byId = [&](const std::string& id) {
        return *bd::storage::queryInt(
            db(),
            "SELECT count(*) FROM trades INDEXED BY trades_by_id WHERE trade_id = '" + id + "'");
    };
    for (const bool tempOpen : {false, true}) {
        SCOPED_TRACE(tempOpen ? "temporary database open" : "no temporary database");
        ASSERT_TRUE(db().exec("DELETE FROM trades; DELETE FROM trade_days;"));
        if (tempOpen) {
            ASSERT_TRUE(db().exec("CREATE TEMP TABLE mine(x); INSERT INTO mine VALUES(7)"));
        }
        ASSERT_EQ(tempStore(), 2);
        ImportFiles f;
        f.trades = write("sorted.csv", csv);
        const ImportReport r = run(f);
        ASSERT_TRUE(r.committed);
        EXPECT_EQ(r.files.at(0).rows_new, 300);
        EXPECT_EQ(tempStore(), 2);
        EXPECT_EQ(byId(tradeId(0)), 1);
        EXPECT_EQ(byId(tradeId(299)), 1);
        EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT count(*) FROM trades INDEXED BY "
                                               "trades_by_id WHERE trade_id >= 'T'"),
                  300);
        if (tempOpen) {
            EXPECT_EQ(*bd::storage::queryInt(db(), "SELECT x FROM temp.mine"), 7);
        }
    }
}

TEST_P(ImportBulk, LongAndShortTradeIdsAreStoredWhole) {
    // Ids up to 23 bytes live in the parsed row, longer ones are views into the file.
    const std::string longId = "EXCH-2024-0000000000000000000042"; // 32 bytes
    const std::string csv = "trade_id,client_id,trade_time,security_code,side,quantity,price,"
                            "amount,commission\n" +
                            longId +
                            ",C002,2024-03-01 10:00:00,600519,buy,100,10,1000,5\n"
                            "T23-BYTES-ID-0000000001,C001,2024-03-01 09:30:00,000001,sell,100,"
                            "10,1000,5\n"
                            "S1,C001,2024-03-01 09:31:00,000001,sell,100,10,1000,5\n";
    ImportFiles f;
    f.trades = write("ids.csv", csv);
    const ImportReport r = run(f);
    ASSERT_TRUE(r.committed);
    auto st = db().prepare("SELECT trade_id, security_code FROM trades ORDER BY client_ref, "
                           "trade_time");
    ASSERT_TRUE(st.ok());
    std::vector<std::string> ids;
    while (*st->step()) ids.push_back(st->text(0) + " " + st->text(1));
    EXPECT_EQ(ids, (std::vector<std::string>{"T23-BYTES-ID-0000000001 000001.SZ", "S1 000001.SZ",
                                             longId + " 600519.SH"}));
}
