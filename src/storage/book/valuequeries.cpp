#include "storage/book/valuequeries.h"

namespace bd::storage {

Result<std::vector<BranchEntry>> listBranches(Database& db) {
    // A client belongs to its own branch, else to its broker's (as in readScores).
    auto st = db.prepare(
        "SELECT br.branch_id, br.name, "
        "(SELECT count(*) FROM clients c LEFT JOIN brokers b ON b.broker_id = c.broker_id "
        " WHERE COALESCE(c.branch_id, b.branch_id) = br.branch_id) "
        "FROM branches br ORDER BY br.branch_id");
    if (!st) return st.error();
    std::vector<BranchEntry> out;
    if (auto done = st->forEach([&] {
            out.push_back({st->text(0), st->text(1), st->int64(2)});
        });
        !done)
        return done.error();
    return out;
}

} // namespace bd::storage
