// `backup` and `restore`: a copy of a book taken while it may be open elsewhere (SQLite's online
// backup API), and a backup put back in place of a book after saving the book beside it.
#include <iostream>

#include "cli/commands.h"
#include "services/bookfile.h"
#include "storage/schema/schema.h"

namespace bd::cli {

Command makeBackupCommand() {
    return catalogued("backup", [](const Args& a) {
        auto db = storage::openBook(*a.get("db"), {.create = false});
        if (!db) return reportError(db.error());
        const std::string out = *a.get("out");
        if (auto s = services::backupBook(*db, out); !s) return reportError(s.error());
        auto info = services::inspectBookFile(out);
        if (!info) return reportError(info.error());
        std::cout << "backed up " << *a.get("db") << " to " << out << " (schema v"
                  << info->schema_version << ", " << info->clients << " clients, " << info->trades
                  << " trades)\n";
        return static_cast<int>(kOk);
    });
}

Command makeRestoreCommand() {
    return catalogued("restore", [](const Args& a) {
        auto db = storage::openBook(*a.get("db"), {.create = false});
        if (!db) return reportError(db.error());
        auto r = services::restoreBook(*db, *a.get("from"));
        if (!r) return reportError(r.error());
        std::cout << "restored " << *a.get("from") << " into " << *a.get("db") << " ("
                  << r->restored.clients << " clients, " << r->restored.trades
                  << " trades); the book before is saved as " << r->saved_copy << "\n";
        return static_cast<int>(kOk);
    });
}

} // namespace bd::cli
