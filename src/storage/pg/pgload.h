#pragma once
// `server load`: a desk's SQLite book moved into an empty branch book on the server, in one
// transaction, every table's row count checked against the desk's. The desk's audit trail
// moves as it was written (actors and times kept); the load itself is recorded in the
// server's trail, one row per table. The book's settings (schema v5) replace the server's
// defaults. Analytics, plans and segments are not moved: the server's nightly refresh computes
// them.
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

struct LoadReport {
    struct Table {
        std::string name;
        std::int64_t rows = 0;
    };
    std::vector<Table> tables;
};

/// Needs the database administrator (a superuser); InvalidInput when the branch book already
/// holds clients; nothing is written unless every table arrived whole.
Result<LoadReport> loadDeskBook(Database& desk, PgConnection& admin);

} // namespace bd::storage
