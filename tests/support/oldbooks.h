#pragma once
// Books as older versions of BrokerDesk wrote them (schema version 1 to 8), built from the
// released migration fragments with a little data, for the upgrade tests.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "storage/book/tradedays.h"
#include "storage/db/database.h"
#include "storage/schema/schema_v1.h"
#include "storage/schema/schema_v10.h"
#include "storage/schema/schema_v11.h"
#include "storage/schema/schema_v2.h"
#include "storage/schema/schema_v3.h"
#include "storage/schema/schema_v4.h"
#include "storage/schema/schema_v5.h"
#include "storage/schema/schema_v6.h"
#include "storage/schema/schema_v7.h"
#include "storage/schema/schema_v8.h"
#include "storage/schema/schema_v9.h"
#include "storage/schema/tradelayout.h"

namespace bdtest {

/// The newest version writeOldBook can write; a later migration that changes the tables adds
/// its fragments to oldSchema and raises this.
inline constexpr int kNewestOldBook = 11;

/// The schema fragments of versions 1 .. `version`, in order.
inline std::vector<std::string_view> oldSchema(int version) {
    using namespace bd::storage;
    std::vector<std::string_view> f{kSchemaV1Book, kSchemaV1Analytics, kSchemaV1Segments,
                                    kSchemaV1Scheduling};
    if (version >= 2) f.push_back(kSchemaV2PackedTradeDays);
    if (version >= 3) {
        f.push_back(kSchemaV3TradesByMonth);
        f.push_back(kTradeDaysTriggers);
        f.push_back(kTradesStatistics);
    }
    if (version >= 4) {
        f.push_back(kSchemaV4TradesKeyFirst);
        f.push_back(kTradeDaysTriggers);
        f.push_back(kTradesStatistics);
    }
    if (version >= 5) f.push_back(kSchemaV5TradesById);
    if (version >= 6) f.push_back(kSchemaV6TradeDaysByBlock);
    if (version >= 7) f.push_back(kSchemaV7FactsNotWords);
    if (version >= 8) f.push_back(kSchemaV8Record);
    if (version >= 9) f.push_back(kSchemaV9Kpi);
    if (version >= 10) f.push_back(kSchemaV10KChoices);
    if (version >= 11) f.push_back(kSchemaV11SegmentCertainty);
    return f;
}

/// Writes a book at `version` (1..kNewestOldBook) to `path`: two clients, five trades around month
/// ends and before 1970, an asset snapshot and a contact. Version 1 keeps its per-day trade_days
/// rows; later versions leave the packed table to be rebuilt (as those versions did after an
/// upgrade). Returns the trade times, indexed by trade number (trade_id "T<i>").
inline std::vector<std::int64_t> writeOldBook(const std::string& path, int version) {
    using bd::Date;
    using bd::DateTime;
    const std::vector<std::int64_t> times = {
        DateTime::fromParts(Date::fromYmd(2024, 1, 31), 23, 59, 59).secs,
        DateTime::fromParts(Date::fromYmd(2024, 2, 1), 0, 0, 0).secs,
        DateTime::fromParts(Date::fromYmd(2024, 2, 29), 14, 0, 0).secs,
        DateTime::fromParts(Date::fromYmd(1969, 12, 31), 10, 0, 0).secs,
        DateTime::fromParts(Date::fromYmd(2023, 12, 1), 9, 30, 0).secs,
    };
    EXPECT_LE(version, kNewestOldBook) << "no fragments for this version";
    auto db = bd::storage::Database::open(path, true);
    EXPECT_TRUE(db) << db.error().toString();
    if (!db) return times;
    for (std::string_view f : oldSchema(version)) EXPECT_TRUE(db->exec(f));
    // Version 7's migration ends in a step in C++ (on an empty book it only drops columns).
    if (version >= 7) {
        EXPECT_TRUE(bd::storage::convertV6WordsToFacts(*db));
    }
    EXPECT_TRUE(
        db->exec("PRAGMA user_version = " + std::to_string(version) +
                 ";"
                 "INSERT INTO branches(branch_id, name) VALUES ('BR1', 'North');"
                 "INSERT INTO brokers(broker_id, name, branch_id) VALUES ('B1', 'Li', 'BR1');"
                 "INSERT INTO clients(client_id, name, broker_id, open_date) VALUES "
                 "('C1', 'A', 'B1', 18000), ('C2', 'B', 'B1', 18000);"
                 "INSERT INTO assets(client_ref, date, cash, market_value) VALUES (1, 19700, 5, 7);"
                 "INSERT INTO contacts(client_ref, broker_id, contact_time, channel) VALUES "
                 "(2, 'B1', 1700000000, 1);"));
    const std::string columns = version >= 3 ? ", trade_month" : "";
    const std::string values = version >= 3 ? ", ?4" : "";
    auto st = db->prepare("INSERT INTO trades(trade_id, client_ref, trade_time, security_code, "
                          "side, quantity, price, amount, commission" +
                          columns +
                          ") VALUES (?1, ?2, ?3, '600000.SH', 1, 100, 100000, 10000000, "
                          "50000" +
                          values + ")");
    EXPECT_TRUE(st);
    if (!st) return times;
    for (std::size_t i = 0; i < times.size(); ++i) {
        st->reset();
        st->bind(1, std::string_view("T" + std::to_string(i)))
            .bind(2, static_cast<std::int64_t>(1 + i % 2))
            .bind(3, times[i]);
        if (version >= 3) st->bind(4, bd::storage::tradeMonthOf(times[i]));
        EXPECT_TRUE(st->run());
    }
    if (version == 1) {
        EXPECT_TRUE(db->exec("INSERT INTO trade_days(client_ref, day, trades, amount, commission) "
                             "SELECT client_ref, CASE WHEN trade_time >= 0 THEN trade_time / 86400 "
                             "ELSE (trade_time - 86399) / 86400 END AS d, count(*), sum(amount), "
                             "sum(commission) FROM trades GROUP BY 1, 2"));
    }
    EXPECT_TRUE(db->exec("DELETE FROM trade_days_dirty"));
    return times;
}

/// The first line of PRAGMA integrity_check ("ok" for a sound book).
inline std::string integrityCheck(bd::storage::Database& db) {
    auto st = db.prepare("PRAGMA integrity_check");
    if (!st || !*st->step()) return "(no answer)";
    return st->text(0);
}

/// Rows PRAGMA foreign_key_check reports (0 for a sound book).
inline int foreignKeyViolations(bd::storage::Database& db) {
    auto st = db.prepare("PRAGMA foreign_key_check");
    int n = 0;
    while (st && *st->step()) ++n;
    return n;
}

/// The book's schema (every table, index and trigger with its SQL), for comparing two books.
inline std::string schemaOf(bd::storage::Database& db) {
    auto st = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema "
                         "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
    std::string out;
    while (st && *st->step())
        out += st->text(0) + " " + st->text(1) + " " + st->text(2) + "\n" + st->text(3) + "\n";
    return out;
}

} // namespace bdtest
