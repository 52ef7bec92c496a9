#include "storage/schema/schema.h"

#include "storage/pg/pgconnection.h"

#include <spdlog/spdlog.h>

#include <vector>

#include "storage/book/tradedays.h"
#include "storage/schema/schema_v1.h"
#include "storage/schema/schema_v10.h"
#include "storage/schema/schema_v11.h"
#include "storage/schema/schema_v12.h"
#include "storage/schema/schema_v13.h"
#include "storage/schema/schema_v14.h"
#include "storage/schema/schema_v15.h"
#include "storage/schema/schema_v16.h"
#include "storage/schema/schema_v2.h"
#include "storage/schema/schema_v3.h"
#include "storage/schema/schema_v4.h"
#include "storage/schema/schema_v5.h"
#include "storage/schema/schema_v6.h"
#include "storage/schema/schema_v7.h"
#include "storage/schema/schema_v8.h"
#include "storage/schema/schema_v9.h"
#include "storage/schema/tradelayout.h"
#include <string_view>

namespace bd::storage {
namespace {

// Each entry upgrades version i to i+1: a list of SQL fragments run in one transaction.
// Append only; never edit a released migration.
const std::vector<std::vector<std::string_view>>& migrations() {
    static const std::vector<std::vector<std::string_view>> kMigrations{
        {kSchemaV1Book, kSchemaV1Analytics, kSchemaV1Segments, kSchemaV1Scheduling},
        {kSchemaV2PackedTradeDays},
        {kSchemaV3TradesByMonth, kTradeDaysTriggers, kTradesStatistics},
        {kSchemaV4TradesKeyFirst, kTradeDaysTriggers, kTradesStatistics},
        {kSchemaV5TradesById},
        {kSchemaV6TradeDaysByBlock},
        {kSchemaV7FactsNotWords},
        {kSchemaV8Record},
        {kSchemaV9Kpi},
        {kSchemaV10KChoices},
        {kSchemaV11SegmentCertainty},
        {kSchemaV12Households},
        {kSchemaV13Merge},
        {kSchemaV14Surveys},
        {kSchemaV15Indexes},
        {kSchemaV16TradeDaysAdded},
    };
    return kMigrations;
}

// What a migration does beyond its SQL, in the same transaction (by the version it reaches).
Status migrationStep(int version, Database& db) {
    return version == 7 ? convertV6WordsToFacts(db) : Status{};
}

} // namespace

int currentSchemaVersion() {
    return static_cast<int>(migrations().size());
}

Status migrate(Database& db, bool backupFirst) {
    auto v = queryInt(db, "PRAGMA user_version");
    if (!v) return v.error();
    const int have = static_cast<int>(*v);
    const int want = currentSchemaVersion();
    if (have > want) {
        Error e = makeError(ErrorCode::Version,
                            "this book was written by a newer BrokerDesk (schema version " +
                                std::to_string(have) + "; this build reads up to " +
                                std::to_string(want) + "); upgrade BrokerDesk to open it");
        e.file = db.path();
        return e;
    }
    if (have == want) return {};
    if (have > 0 && backupFirst && db.path() != ":memory:" && !db.path().empty()) {
        const std::string backup = db.path() + ".v" + std::to_string(have) + ".bak";
        auto st = db.prepare("VACUUM INTO ?");
        if (!st) return st.error();
        st->bind(1, std::string_view(backup));
        if (auto s = st->run(); !s) return s;
        spdlog::info("backed up book schema v{} to {}", have, backup);
    }
    for (int i = have; i < want; ++i) {
        Transaction tx(db);
        if (!tx.began()) return tx.began();
        for (std::string_view fragment : migrations()[static_cast<std::size_t>(i)])
            if (auto s = db.exec(fragment); !s) return s;
        if (auto s = migrationStep(i + 1, db); !s) return s;
        if (auto s = db.exec("PRAGMA user_version = " + std::to_string(i + 1)); !s) return s;
        if (auto s = tx.commit(); !s) return s;
        spdlog::info("migrated book {} to schema v{}", db.path(), i + 1);
    }
    return {};
}

Result<Database> openBook(const std::string& path, OpenOptions options) {
    // A branch server is no file: say which commands reach it, rather than "cannot open".
    if (isServerLocation(path))
        return makeError(
            ErrorCode::Usage,
            "this works on a desk's book file; on a branch server (" + redactedLocation(path) +
                ") the client, contact, log-contact, audit, undo, duplicates, merge, server, "
                "settings, policy, deadlines, calendar, the read commands and exports (coverage, "
                "kpi, stats, search, portfolio, evaluate, export) and (by the batch login) "
                "import, refresh and plan work so far (docs/deployment.md)");
    auto db = Database::open(path, options.create);
    if (!db) return db.error();
    // A new book gets 16 KiB pages (fewer B-tree levels and splits for the trades table: about
    // 10-15% less CPU in bulk imports); the pragma is a no-op on an existing book.
    // WAL lets the workstation read while an import writes; foreign keys guard references.
    if (auto s =
            db->exec("PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                     "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
        !s)
        return s.error();
    if (auto s = migrate(*db, options.backupBeforeMigrate); !s) return s.error();
    if (!options.durable)
        if (auto s = db->exec("PRAGMA synchronous=OFF"); !s) return s.error();
    return db;
}

} // namespace bd::storage
