// Backup and restore of a book (File › Back up book…, File › Restore from backup…, the CLI's
// backup and restore): a backup taken while the book is open opens as the same book; a restore
// refuses what is not a book, or is of a newer version, and leaves the open book as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "storage/db/backup.h"
#include "storage/import/importer.h"
#include "storage/schema/bookfile.h"
#include "storage/schema/schema.h"
#include "support/tempdir.h"

namespace {

using bd::ErrorCode;
using bd::storage::Database;

std::int64_t count(Database& db, const std::string& table) {
    auto n = bd::storage::queryInt(db, "SELECT count(*) FROM " + table);
    return n.ok() ? *n : -1;
}

/// A book of `clients` clients with one trade each.
Database makeBook(const bdtest::TempDir& dir, const std::string& name, int clients) {
    auto db = bd::storage::openBook(dir.file(name));
    EXPECT_TRUE(db.ok());
    std::string c = "client_id,name,broker_id,open_date\n";
    std::string t = "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,"
                    "commission\n";
    for (int i = 0; i < clients; ++i) {
        c += "C" + std::to_string(1000 + i) + ",Name,B01,2020-01-02\n";
        t += "T" + std::to_string(5000 + i) + ",C" + std::to_string(1000 + i) +
             ",2024-03-04 10:00:00,600519.SH,buy,100,10,1000,5\n";
    }
    bd::storage::ImportFiles f;
    f.clients = dir.write(name + ".clients.csv", c);
    f.trades = dir.write(name + ".trades.csv", t);
    auto r = bd::storage::importFiles(*db, f, {});
    EXPECT_TRUE(r.ok() && r->committed);
    return std::move(*db);
}

TEST(BookFile, ABackupTakenWhileTheBookIsOpenOpensAsTheSameBook) {
    bdtest::TempDir dir;
    Database db = makeBook(dir, "book.bdbook", 300);
    // A reader holds a transaction open on another connection meanwhile.
    auto reader = bd::storage::openBook(dir.file("book.bdbook"));
    ASSERT_TRUE(reader.ok());
    ASSERT_TRUE(reader->exec("BEGIN; SELECT count(*) FROM clients;").ok());
    int calls = 0;
    const std::string out = dir.file("copy.bdbook");
    ASSERT_TRUE(bd::storage::backupBook(db, out, [&](int done, int total) {
                    ++calls;
                    EXPECT_LE(done, total);
                }).ok());
    EXPECT_GE(calls, 1);
    EXPECT_FALSE(std::filesystem::exists(out + ".part"));
    auto info = bd::storage::inspectBookFile(out);
    ASSERT_TRUE(info.ok()) << info.error().toString();
    EXPECT_EQ(info->schema_version, bd::storage::currentSchemaVersion());
    EXPECT_EQ(info->clients, 300);
    EXPECT_EQ(info->trades, 300);
    auto copy = bd::storage::openBook(out, {.create = false});
    ASSERT_TRUE(copy.ok());
    EXPECT_EQ(count(*copy, "clients"), count(db, "clients"));
    EXPECT_EQ(count(*copy, "trades"), count(db, "trades"));
    EXPECT_EQ(count(*copy, "import_log"), count(db, "import_log"));
    (void)reader->exec("COMMIT");
}

TEST(BookFile, ARestoreReplacesTheOpenBookAfterSavingItBeside) {
    bdtest::TempDir dir;
    { Database backup = makeBook(dir, "old.bdbook", 40); } // closed: a backup file at rest
    Database db = makeBook(dir, "book.bdbook", 75);
    auto r = bd::storage::restoreBook(db, dir.file("old.bdbook"));
    ASSERT_TRUE(r.ok()) << r.error().toString();
    EXPECT_EQ(r->restored.clients, 40);
    // The same connection now reads the restored book.
    EXPECT_EQ(count(db, "clients"), 40);
    EXPECT_EQ(count(db, "trades"), 40);
    // What the book held before is kept beside it.
    auto saved = bd::storage::inspectBookFile(r->saved_copy);
    ASSERT_TRUE(saved.ok()) << saved.error().toString();
    EXPECT_EQ(saved->clients, 75);
    // And a fresh connection sees the restored book too.
    auto again = bd::storage::openBook(dir.file("book.bdbook"), {.create = false});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(count(*again, "clients"), 40);
}

TEST(BookFile, ARestoreOfAFileThatIsNotABookIsRefusedAndTheBookIsUntouched) {
    bdtest::TempDir dir;
    Database db = makeBook(dir, "book.bdbook", 20);
    const std::string text = dir.write("notes.txt", "client_id,name\nC1,A\n");
    auto r = bd::storage::restoreBook(db, text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    EXPECT_NE(r.error().message.find("not a BrokerDesk book"), std::string::npos);
    // A SQLite database, but not a book.
    {
        auto other = Database::open(dir.file("other.db"));
        ASSERT_TRUE(other.ok());
        ASSERT_TRUE(other->exec("CREATE TABLE clients(id INTEGER); PRAGMA user_version=3").ok());
    }
    auto r2 = bd::storage::restoreBook(db, dir.file("other.db"));
    ASSERT_FALSE(r2.ok());
    EXPECT_EQ(r2.error().code, ErrorCode::InvalidInput);
    auto r3 = bd::storage::restoreBook(db, dir.file("missing.bdbook"));
    ASSERT_FALSE(r3.ok());
    EXPECT_EQ(r3.error().code, ErrorCode::NotFound);
    EXPECT_EQ(count(db, "clients"), 20);
    EXPECT_EQ(count(db, "trades"), 20);
    // Nothing was saved beside the book: nothing was replaced.
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        EXPECT_EQ(e.path().string().find("before-restore"), std::string::npos) << e.path();
}

TEST(BookFile, ARestoreOfABookOfANewerVersionIsRefusedAndTheBookIsUntouched) {
    bdtest::TempDir dir;
    {
        Database newer = makeBook(dir, "newer.bdbook", 5);
        ASSERT_TRUE(newer
                        .exec("PRAGMA user_version = " +
                              std::to_string(bd::storage::currentSchemaVersion() + 1))
                        .ok());
    }
    Database db = makeBook(dir, "book.bdbook", 20);
    auto r = bd::storage::restoreBook(db, dir.file("newer.bdbook"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Version);
    EXPECT_EQ(count(db, "clients"), 20);
}

} // namespace
