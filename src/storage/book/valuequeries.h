#pragma once
// Read-only queries behind the workstation's VIP view: the branch list for scope selectors.
// (One client's stored score is readClientScore in analyticsstore.h.)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "storage/book/analyticsstore.h"
#include "storage/db/database.h"

namespace bd::storage {

/// A branch with its name and client count (clients of its brokers or assigned directly).
struct BranchEntry {
    std::string branch_id;
    std::string name;
    std::int64_t clients = 0;
};

/// All branches ordered by id.
Result<std::vector<BranchEntry>> listBranches(Database& db);
/// The branches without their client counts (0), which cost a pass over every client: for a
/// list of names (the Clients page's branch filter).
Result<std::vector<BranchEntry>> listBranchNames(Database& db);

} // namespace bd::storage
