#pragma once
// A client named by id, as a person types it: the id of a client merged into another opens the
// client it was merged into (as search finds it), and says so. The CLI's --client and the
// Audit page's client filter go through it.
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/book/recordstore.h"

namespace bd::services {

struct ClientLookup {
    storage::ClientRecord record; // the client that stands for the id now
    /// The id typed when it is a client merged into `record` (directly or through another).
    std::optional<std::string> merged_from;
    /// The refs of the clients the id passed through on its way to `record` (the typed one
    /// first); empty when the id is `record`'s own.
    std::vector<std::int64_t> absorbed_refs;
};

/// The client of `clientId`, following merges; an UnknownClient refusal when the book has no
/// client of that id.
Result<ClientLookup> lookupClient(storage::RecordStore& store, const std::string& clientId);

/// The audit rows of `filter` for the client and every client the lookup passed through (a
/// merged client's history and the kept one's), newest first, at most filter.limit.
Result<std::vector<storage::AuditRow>>
clientAudit(storage::RecordStore& store, const ClientLookup& client, storage::AuditFilter filter);

} // namespace bd::services
