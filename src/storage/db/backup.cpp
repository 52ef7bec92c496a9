#include "storage/db/backup.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include <sqlite3.h>

namespace bd::storage {
namespace {

/// Pages per step: 64 MiB of 16 KiB pages, a step is a few tens of milliseconds.
constexpr int kPagesPerStep = 4096;

} // namespace

Status copyDatabase(Database& from, Database& to, const CopyProgress& progress) {
    sqlite3_backup* b = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (b == nullptr) return to.lastError("backup");
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        rc = sqlite3_backup_step(b, kPagesPerStep);
        if (progress) {
            const int total = sqlite3_backup_pagecount(b);
            progress(total - sqlite3_backup_remaining(b), total);
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    }
    // finish() ends the copy's transaction on `to`: committed only when every page went over.
    const int finished = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE || finished != SQLITE_OK) return to.lastError("backup");
    return {};
}

Status backupDatabase(Database& db, const std::string& out, const CopyProgress& progress) {
    const std::string part = out + ".part";
    std::error_code ec;
    std::filesystem::remove(part, ec);
    {
        auto target = Database::open(part, true);
        if (!target) return target.error();
        // A plain rollback journal: the copy is one file, ready to open or mail as it is.
        if (auto s = copyDatabase(db, *target, progress); !s) {
            target = Database::open(":memory:"); // let go of the file before removing it
            std::filesystem::remove(part, ec);
            return s;
        }
        if (auto s = target->exec("PRAGMA journal_mode=DELETE"); !s) return s;
    }
    std::filesystem::rename(part, out, ec);
    if (ec) {
        Error e = makeError(ErrorCode::Io, "cannot rename the backup into place: " + ec.message());
        e.file = out;
        return e;
    }
    return {};
}

} // namespace bd::storage
