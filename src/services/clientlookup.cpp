#include "services/clientlookup.h"

#include <algorithm>

#include "services/commands/refusals.h"

namespace bd::services {

namespace {
// A merge chain longer than this is a damaged book, not a chain to follow.
constexpr int kMaxMergeHops = 16;
} // namespace

Result<ClientLookup> lookupClient(storage::RecordStore& store, const std::string& clientId) {
    auto r = store.loadClient(clientId);
    if (!r && r.error().code == ErrorCode::NotFound)
        return cmd::refused(RefusalFact(RefusalKind::UnknownClient)
                                .text(Arg::Client, clientId)
                                .text(Arg::Value, clientId));
    if (!r) return cmd::policyRefusal(r.error(), "client", clientId); // another broker's
    ClientLookup out;
    out.record = std::move(*r);
    for (int hop = 0; hop < kMaxMergeHops; ++hop) {
        auto into = store.mergedInto(out.record.ref);
        if (!into) return into.error();
        if (!*into) break;
        auto kept = store.loadClientByRef(**into);
        if (!kept) return kept.error();
        out.absorbed_refs.push_back(out.record.ref);
        out.merged_from = clientId;
        out.record = std::move(*kept);
    }
    return out;
}

Result<std::vector<storage::AuditRow>>
clientAudit(storage::RecordStore& store, const ClientLookup& client, storage::AuditFilter filter) {
    std::vector<std::int64_t> refs = client.absorbed_refs;
    refs.push_back(client.record.ref);
    std::vector<storage::AuditRow> out;
    for (std::int64_t ref : refs) {
        filter.client_ref = ref;
        auto rows = store.listAudit(filter);
        if (!rows) return rows.error();
        out.insert(out.end(), std::make_move_iterator(rows->begin()),
                   std::make_move_iterator(rows->end()));
    }
    if (refs.size() > 1) {
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
        if (filter.limit > 0 && out.size() > static_cast<std::size_t>(filter.limit))
            out.resize(static_cast<std::size_t>(filter.limit));
    }
    return out;
}

} // namespace bd::services
