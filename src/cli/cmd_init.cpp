#include <iostream>

#include "cli/commands.h"
#include "storage/schema/schema.h"

namespace bd::cli {

Command makeInitCommand() {
    return catalogued("init", [](const Args& a) {
        auto db = storage::openBook(*a.get("db"));
        if (!db) return reportError(db.error());
        std::cout << "book ready: " << *a.get("db") << " (schema v"
                  << storage::currentSchemaVersion() << ")\n";
        return static_cast<int>(kOk);
    });
}

} // namespace bd::cli
