#pragma once
// Read-only queries behind the workstation's value and VIP views: one client's stored score and
// the branch list for scope selectors.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "storage/analyticsstore.h"
#include "storage/database.h"

namespace bd::storage {

/// One client's score in a run with its identifiers; nullopt when the run has no score for it.
Result<std::optional<ScoredClient>> readClientScore(Database& db, std::int64_t runId,
                                                    std::int64_t clientRef);

/// A branch with its name and client count (clients of its brokers or assigned directly).
struct BranchEntry {
    std::string branch_id;
    std::string name;
    std::int64_t clients = 0;
};

/// All branches ordered by id.
Result<std::vector<BranchEntry>> listBranches(Database& db);

} // namespace bd::storage
