#pragma once
// A client's household and relations (issue 18, item 4). Relations are stored one row per pair
// (services/commands: RelateClients, UnrelateClients); a household is the clients connected to
// one another through spouse, parent, child and sibling relations (core formsHousehold), found
// by walking those relations from the client. Colleagues, referrals and other relations are
// listed as relations, never counted in the household. The figures are plain facts: each
// member's AUM, 12-month profit and value score from the newest value run (AUM from the latest
// snapshot when no run scored the client), and their sums.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enums.h"
#include "core/money.h"
#include "core/result.h"
#include "storage/book/recordstore.h"
#include "storage/db/database.h"

namespace bd::services {

/// One client of a household or a relation, with its figures (none: not known).
struct RelatedClient {
    std::int64_t ref = 0;
    std::string client_id;
    std::string name;
    /// What this client is to the client asked about when directly related; Unknown for the
    /// client itself and for members reached through another member.
    RelationKind kind = RelationKind::Unknown;
    bool in_household = false;
    std::optional<Money> aum;
    std::optional<Money> profit_12m;
    std::optional<double> value_score;
};

struct Household {
    std::int64_t client_ref = 0;
    /// The household: the client first, then the others by client id. Only the client when it
    /// has no household relation.
    std::vector<RelatedClient> members;
    /// Direct relations outside the household (colleague, referral, other), by client id.
    std::vector<RelatedClient> others;
    // Sums over the members (what is not known counts as nothing).
    Money aum;
    Money profit_12m;
    double value_score = 0.0;
    /// Whether the client has a household (another member besides itself).
    bool exists() const { return members.size() > 1; }
};

/// The household and relations of a client; NotFound when the client does not exist.
Result<Household> loadHousehold(storage::Database& db, std::int64_t clientRef);
/// The same from any record store (a branch server's too); the figures only with a desk's
/// book (`db`; none on a server: no figures, no sums).
Result<Household> loadHousehold(storage::RecordStore& store, storage::Database* db,
                                std::int64_t clientRef);

} // namespace bd::services
