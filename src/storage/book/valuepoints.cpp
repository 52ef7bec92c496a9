#include "storage/book/valuepoints.h"

#include "storage/db/query.h"

namespace bd::storage {

Result<std::vector<ValuePoint>> readValuePoints(Database& db, std::int64_t runId) {
    // The merged-away clients through their partial index (schema v15), not a join per score.
    return queryRows(
        db,
        "SELECT aum, profit_12m, vip, aum_rich_low_value FROM client_scores WHERE run_id = ?1 "
        "AND client_ref NOT IN (SELECT id FROM clients WHERE merged_into IS NOT NULL) "
        "ORDER BY value_rank, client_ref",
        [](const Statement& row) {
            return ValuePoint{Money{row.int64(0)}, Money{row.int64(1)}, row.int64(2) != 0,
                              row.int64(3) != 0};
        },
        runId);
}

} // namespace bd::storage
