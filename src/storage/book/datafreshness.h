#pragma once
// Whether the analytics are older than the data: the newest import that was committed against
// the newest analytics run (the workstation's banner, "analytics are older than the data").
#include <optional>
#include <string>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

struct DataFreshness {
    /// When the newest committed import started ("YYYY-MM-DD HH:MM:SS", local time).
    std::optional<std::string> last_import;
    /// When the newest analytics run started (same form).
    std::optional<std::string> last_analytics;
    /// True when data came in after the newest analytics run (or there is none yet).
    bool analyticsBehind() const {
        return last_import && (!last_analytics || *last_analytics < *last_import);
    }
};

Result<DataFreshness> readDataFreshness(Database& db);

} // namespace bd::storage
