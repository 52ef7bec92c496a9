#pragma once
// Mass updates (issue 18 item 7): which clients a bulk action acts on, and what it would change,
// before it runs (the preview the workstation shows and `reassign --dry-run` prints). The writes
// are commands (services/commands: ReassignClients, SetClientsStatus, TagClients).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::services {

/// Where the clients of a bulk action are now: how many per current broker (or status code),
/// by broker id.
struct BulkPreview {
    std::int64_t clients = 0;                               // named and found
    std::int64_t changing = 0;                              // not already as asked
    std::vector<std::pair<std::string, std::int64_t>> from; // current broker -> clients
    std::vector<std::pair<int, std::int64_t>> from_status;  // current status code -> clients
    std::int64_t changing_branch = 0; // reassign: moving to the new broker's branch
};

/// What reassigning `refs` to `brokerId` changes.
Result<BulkPreview> previewReassign(storage::Database& db, const std::vector<std::int64_t>& refs,
                                    const std::string& brokerId);
/// What setting the status code `status` of `refs` changes.
Result<BulkPreview> previewStatus(storage::Database& db, const std::vector<std::int64_t>& refs,
                                  int status);

/// The client id of each ref that is a client of the book, in one read (a list of audit rows
/// names its clients by ref).
Result<std::unordered_map<std::int64_t, std::string>>
clientIdsOf(storage::Database& db, const std::vector<std::int64_t>& refs);

} // namespace bd::services
