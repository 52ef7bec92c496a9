#pragma once
// Reads over a set of clients named by ref, each one statement with the refs bound as one
// JSON array (json_each reads it back), however many there are: a bulk action's preview
// (how many clients per current broker or status) and the client ids of a list's rows.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// Clients of one current value and whether that value is already the target.
template <typename Value>
struct ClientGroup {
    Value value{};
    std::int64_t clients = 0;
    bool at_target = false;
};

/// `refs` by current broker id, ordered by broker id; at_target: the broker is `brokerId`.
Result<std::vector<ClientGroup<std::string>>>
groupClientsByBroker(Database& db, const std::vector<std::int64_t>& refs,
                     const std::string& brokerId);
/// How many of `refs` reassigning them to `brokerId` moves to another branch: their branch (their
/// own, else their broker's) is not the new broker's (a broker without a branch moves none).
Result<std::int64_t> countBranchMoves(Database& db, const std::vector<std::int64_t>& refs,
                                      const std::string& brokerId);
/// `refs` by current status code, ordered by code; at_target: the status is `status`.
Result<std::vector<ClientGroup<int>>>
groupClientsByStatus(Database& db, const std::vector<std::int64_t>& refs, int status);

/// The client id of each ref that is a client of the book (refs that are not are left out).
Result<std::unordered_map<std::int64_t, std::string>>
clientIdsOf(Database& db, const std::vector<std::int64_t>& refs);

} // namespace bd::storage
