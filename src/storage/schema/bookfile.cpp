#include "storage/schema/bookfile.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "storage/schema/schema.h"

namespace bd::storage {
namespace {

Error refused(ErrorCode code, const std::string& path, std::string why) {
    Error e = makeError(code, std::move(why));
    e.file = path;
    return e;
}

/// The tables every version of the book has had since version 1.
constexpr std::string_view kBookTables[] = {"clients",  "brokers",    "trades",
                                            "contacts", "import_log", "analytics_runs"};

} // namespace

Result<BookFileInfo> inspectBookFile(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return refused(ErrorCode::NotFound, path, "no such file");
    {
        // SQLite would take any file as an empty database until it reads a page: look first.
        std::ifstream in(path, std::ios::binary);
        char magic[16] = {};
        in.read(magic, sizeof magic);
        if (!in ||
            std::string_view(magic, sizeof magic) != std::string_view("SQLite format 3\0", 16))
            return refused(ErrorCode::InvalidInput, path,
                           "not a BrokerDesk book: the file is not a SQLite database");
    }
    auto db = Database::open(path, false);
    if (!db) return db.error();
    if (auto s = db->exec("PRAGMA query_only=ON"); !s) return s.error();
    BookFileInfo info;
    auto version = queryInt(*db, "PRAGMA user_version");
    if (!version)
        return refused(ErrorCode::InvalidInput, path,
                       "not a BrokerDesk book: " + version.error().message);
    info.schema_version = static_cast<int>(*version);
    auto st = db->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
    if (!st) return st.error();
    for (std::string_view table : kBookTables) {
        st->bind(1, table);
        auto n = st->step();
        const bool present = n && *n && st->int64(0) == 1;
        st->reset();
        if (!present || info.schema_version < 1)
            return refused(ErrorCode::InvalidInput, path,
                           "not a BrokerDesk book: it has no " + std::string(table) + " table");
    }
    if (info.schema_version > currentSchemaVersion())
        return refused(ErrorCode::Version, path,
                       "this book was written by a newer BrokerDesk (schema version " +
                           std::to_string(info.schema_version) + "; this build reads up to " +
                           std::to_string(currentSchemaVersion()) + ")");
    auto clients = queryInt(*db, "SELECT count(*) FROM clients");
    auto trades = queryInt(*db, "SELECT count(*) FROM trades");
    if (!clients) return clients.error();
    if (!trades) return trades.error();
    info.clients = *clients;
    info.trades = *trades;
    return info;
}

Status backupBook(Database& db, const std::string& out, const CopyProgress& progress) {
    return backupDatabase(db, out, progress);
}

Result<RestoreResult> restoreBook(Database& db, const std::string& from) {
    auto info = inspectBookFile(from);
    if (!info) return info.error();
    if (db.path() == ":memory:" || db.path().empty())
        return makeError(ErrorCode::Usage, "restore needs a book file, not an in-memory book");
    std::error_code ec;
    if (std::filesystem::equivalent(db.path(), from, ec))
        return refused(ErrorCode::Usage, from, "this is the open book itself");
    RestoreResult result;
    result.restored = *info;
    std::string stamp = nowIso('-'); // YYYY-MM-DD-HH:MM:SS, made file-name safe
    stamp.erase(std::remove(stamp.begin(), stamp.end(), ':'), stamp.end());
    result.saved_copy = db.path() + ".before-restore-" + stamp + ".bak";
    if (auto s = backupDatabase(db, result.saved_copy); !s) return s.error();
    spdlog::info("restore: saved the open book {} to {}", db.path(), result.saved_copy);
    {
        auto source = Database::open(from, false);
        if (!source) return source.error();
        if (auto s = copyDatabase(*source, db); !s) return s.error();
    }
    // An older backup is brought up to this build's schema, after its own backup copy.
    if (auto s = migrate(db, true); !s) return s.error();
    spdlog::info("restore: {} now holds {} (schema v{}, {} clients)", db.path(), from,
                 info->schema_version, info->clients);
    return result;
}

} // namespace bd::storage
