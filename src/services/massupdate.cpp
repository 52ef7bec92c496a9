#include "services/massupdate.h"

#include "storage/book/clientgroups.h"

namespace bd::services {
namespace {

/// The preview from the clients grouped by their current value.
template <typename Value>
BulkPreview preview(const std::vector<storage::ClientGroup<Value>>& groups,
                    std::vector<std::pair<Value, std::int64_t>> BulkPreview::*into) {
    BulkPreview p;
    for (const auto& g : groups) {
        p.clients += g.clients;
        if (!g.at_target) p.changing += g.clients;
        (p.*into).emplace_back(g.value, g.clients);
    }
    return p;
}

} // namespace

Result<BulkPreview> previewReassign(storage::Database& db, const std::vector<std::int64_t>& refs,
                                    const std::string& brokerId) {
    auto groups = storage::groupClientsByBroker(db, refs, brokerId);
    if (!groups) return groups.error();
    BulkPreview p = preview(*groups, &BulkPreview::from);
    auto moves = storage::countBranchMoves(db, refs, brokerId);
    if (!moves) return moves.error();
    p.changing_branch = *moves;
    return p;
}

Result<BulkPreview> previewStatus(storage::Database& db, const std::vector<std::int64_t>& refs,
                                  int status) {
    auto groups = storage::groupClientsByStatus(db, refs, status);
    if (!groups) return groups.error();
    return preview(*groups, &BulkPreview::from_status);
}

Result<std::unordered_map<std::int64_t, std::string>>
clientIdsOf(storage::Database& db, const std::vector<std::int64_t>& refs) {
    return storage::clientIdsOf(db, refs);
}

} // namespace bd::services
