// Trade rows in the usual form take a short path (storage/import/import_trades.cpp). It must agree
// with the general path on every file: the same rows stored, the same errors at the same
// places, the same rejects and counts. Random files mix usual rows with every variant the
// rules accept or refuse, and each is imported with the short path on and off.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "storage/import/import_kinds.h"
#include "storage/import/importer.h"
#include "storage/schema/schema.h"
#include "support/tempdir.h"

namespace {

namespace fs = std::filesystem;
using bd::storage::ImportFiles;
using bd::storage::ImportOptions;

struct Outcome {
    bool committed = false;
    std::vector<std::string> errors;
    std::string rejects, tables;
    std::int64_t rowsNew = 0, rowsRejected = 0;
};

std::string dumpTable(bd::storage::Database& db, const std::string& sql) {
    std::string out;
    auto st = db.prepare(sql);
    EXPECT_TRUE(st.ok());
    while (*st->step()) {
        for (int c = 0; c < st->columnCount(); ++c)
            out += (st->isNull(c) ? std::string("NULL") : st->text(c)) + "|";
        out += "\n";
    }
    return out;
}

Outcome importWith(bool plainRows, const fs::path& dir, const std::string& clients,
                   const std::string& trades, bool lenient) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto write = [&](const char* name, const std::string& text) {
        const std::string p = (dir / name).string();
        std::ofstream(p, std::ios::binary) << text;
        return p;
    };
    Outcome o;
    auto db = bd::storage::openBook((dir / "book.bdbook").string());
    EXPECT_TRUE(db.ok());
    if (!db.ok()) return o;
    ImportFiles c;
    c.clients = write("clients.csv", clients);
    EXPECT_TRUE(bd::storage::importFiles(*db, c, {})->committed);
    ImportFiles f;
    f.trades = write("trades.csv", trades);
    ImportOptions options;
    options.lenient = lenient;
    if (lenient) options.rejects_path = (dir / "rejects.csv").string();
    bd::storage::imp::setPlainTradeRows(plainRows);
    auto r = bd::storage::importFiles(*db, f, options);
    bd::storage::imp::setPlainTradeRows(true);
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return o;
    o.committed = r->committed;
    for (const auto& e : r->errors) o.errors.push_back(e.toString());
    if (!r->files.empty()) {
        o.rowsNew = r->files[0].rows_new;
        o.rowsRejected = r->files[0].rows_rejected;
    }
    if (lenient) {
        std::ifstream in(options.rejects_path, std::ios::binary);
        o.rejects.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    o.tables = dumpTable(*db, "SELECT trade_id, client_ref, trade_time, security_code, side, "
                              "quantity, price, amount, commission, fees, channel, trade_month "
                              "FROM trades ORDER BY client_ref, trade_time, trade_id") +
               dumpTable(*db, "SELECT * FROM trade_days ORDER BY client_ref, block");
    return o;
}

/// One trades file: mostly usual rows, each field replaced now and then by a variant.
std::string randomTrades(std::mt19937& rng, int rows) {
    const auto pick = [&](std::initializer_list<const char*> options) {
        const auto i = rng() % options.size();
        return std::string(*(options.begin() + static_cast<std::ptrdiff_t>(i)));
    };
    const auto odd = [&] { return rng() % 30 == 0; };
    std::string out = "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,"
                      "commission,fees,channel\n";
    std::string lastId = "T000000";
    for (int i = 0; i < rows; ++i) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "T%06d", i + 1);
        std::string id = buf;
        if (odd())
            id = pick({" T999999", "", "T0000000000000000000000000009", "T000001", "\"T7\""});
        if (rng() % 40 == 0) id = lastId; // a duplicate
        lastId = id;
        std::snprintf(buf, sizeof buf, "C%03d", static_cast<int>(rng() % 20) + 1);
        std::string client = buf;
        if (odd()) client = pick({"C999", " C003", "", "c003"});
        std::snprintf(buf, sizeof buf, "2024-01-%02d %02d:%02d:%02d",
                      static_cast<int>(rng() % 28) + 1, static_cast<int>(rng() % 7) + 9,
                      static_cast<int>(rng() % 60), static_cast<int>(rng() % 60));
        std::string time = buf;
        if (odd())
            time = pick({"2024/01/05 10:00:00", "20240105 10:00:00", "2024-01-05T10:00:00",
                         "2024-02-30 10:00:00", "2024-01-05 24:00:00", "2024-01-05 10:00",
                         "2024-01-05", "2024-01-05 10:00:00 ", "2024-1-05 10:00:00",
                         "1899-12-31 10:00:00", "2024-01-05 10:0a:00"});
        std::string code = pick({"600519.SH", "000001.SZ", "830799.BJ"});
        if (odd()) code = pick({"600519", "60051.SH", "600519.sh", " 600519.SH", "600519.HK"});
        std::string side = pick({"buy", "sell"});
        if (odd()) side = pick({"BUY", "买入", "卖出", "hold", " sell"});
        const long qty = static_cast<long>(rng() % 50 + 1) * 100;
        const long priceFen = static_cast<long>(rng() % 20000) + 1;
        std::string quantity = std::to_string(qty);
        std::snprintf(buf, sizeof buf, "%ld.%02ld", priceFen / 100, priceFen % 100);
        std::string price = buf;
        std::snprintf(buf, sizeof buf, "%ld.%02ld", qty * priceFen / 100, qty * priceFen % 100);
        std::string amount = buf;
        if (odd()) {
            switch (rng() % 3) {
            case 0:
                quantity =
                    pick({"1,000", "0", "-5", "+100", "00100", "1e3", "1000000000000000000"});
                break;
            case 1:
                price = pick({"12.345", "12.34567", "12.34560", "1,234.5", "0", "-1", ".5", "12."});
                break;
            default:
                amount = pick({"1.00", "1,234.00", "-3", "abc", "99999999999999.99"});
                break;
            }
        }
        std::string commission = pick({"5.00", "12.34", "0"});
        if (odd()) commission = pick({"-1", "", " 5", "5.00001"});
        std::string fees = pick({"", "1.20"});
        if (odd()) fees = pick({"-0.5", "abc", " 1", "1,000.5"});
        std::string channel = pick({"", "online", "mobile", "phone", "counter"});
        if (odd()) channel = pick({"Online", "网上", "fax", " phone"});
        out += id + "," + client + "," + time + "," + code + "," + side + "," + quantity + "," +
               price + "," + amount + "," + commission + "," + fees + "," + channel + "\n";
    }
    return out;
}

std::string clientsCsv() {
    std::string out = "client_id,name,broker_id,open_date\n";
    char buf[64];
    for (int c = 1; c <= 20; ++c) {
        std::snprintf(buf, sizeof buf, "C%03d,Client %d,B01,2020-01-02\n", c, c);
        out += buf;
    }
    return out;
}

TEST(ImportPlainTradeRows, AgreeWithTheGeneralPathOnRandomFiles) {
    const fs::path base = bdtest::scratchDir() / "bd_import_plainrows";
    std::mt19937 rng(2026);
    int committedRuns = 0, rejectedRows = 0;
    for (int round = 0; round < 24; ++round) {
        const std::string trades = randomTrades(rng, 150);
        for (const bool lenient : {false, true}) {
            const Outcome on = importWith(true, base, clientsCsv(), trades, lenient);
            const Outcome off = importWith(false, base, clientsCsv(), trades, lenient);
            ASSERT_EQ(on.committed, off.committed) << round;
            EXPECT_EQ(on.errors, off.errors) << round;
            EXPECT_EQ(on.rejects, off.rejects) << round;
            EXPECT_EQ(on.rowsNew, off.rowsNew) << round;
            EXPECT_EQ(on.rowsRejected, off.rowsRejected) << round;
            EXPECT_EQ(on.tables, off.tables) << round;
            committedRuns += on.committed ? 1 : 0;
            rejectedRows += static_cast<int>(on.rowsRejected);
        }
    }
    // The files exercise both outcomes: lenient runs store their good rows, and rows are refused.
    EXPECT_GE(committedRuns, 24);
    EXPECT_GT(rejectedRows, 100);
    fs::remove_all(base);
}

TEST(ImportPlainTradeRows, UsualFileStoresTheSameRowsEitherWay) {
    const fs::path base = bdtest::scratchDir() / "bd_import_plainrows_usual";
    std::string trades = "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,"
                         "commission,fees,channel\n";
    trades += "T1,C001,2024-01-02 09:30:00,600519.SH,buy,100,1700.50,170050.00,51.02,,online\n"
              "T2,C002,2024-01-02 09:31:00,000001.SZ,sell,2000,10.01,20020.00,6.01,20.02,phone\n"
              "T3,C001,2024-01-03 14:59:59,830799.BJ,sell,300,9.9,2970,5,0.5,\n";
    const Outcome on = importWith(true, base, clientsCsv(), trades, false);
    const Outcome off = importWith(false, base, clientsCsv(), trades, false);
    ASSERT_TRUE(on.committed);
    EXPECT_EQ(on.rowsNew, 3);
    EXPECT_EQ(on.tables, off.tables);
    EXPECT_NE(on.tables.find("T2|2|"), std::string::npos) << on.tables;
    fs::remove_all(base);
}

} // namespace
