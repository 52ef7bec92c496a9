#include "storage/book/valuequeries.h"

#include "storage/db/query.h"

namespace bd::storage {

Result<std::vector<BranchEntry>> listBranches(Database& db) {
    // A client belongs to its own branch, else to its broker's (as in readScores).
    return queryRows(
        db,
        "SELECT br.branch_id, br.name, "
        "(SELECT count(*) FROM clients c LEFT JOIN brokers b ON b.broker_id = c.broker_id "
        " WHERE COALESCE(c.branch_id, b.branch_id) = br.branch_id) "
        "FROM branches br ORDER BY br.branch_id",
        [](const Statement& r) {
            return BranchEntry{r.text(0), r.text(1), r.int64(2)};
        });
}

} // namespace bd::storage
