#pragma once
// Service policies per Kotler relationship type, as stored in the book (defaults follow
// analytics::defaultServicePolicy()), with parsing of the names users type.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/relationship.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::services {

/// A relationship type from its English or Chinese name ("proactive", "能动型"), any case.
std::optional<analytics::RelationshipType> parseRelationshipType(std::string_view s);
/// A served-by from its English name with a space, '_' or '-' ("senior broker") or Chinese.
std::optional<analytics::ServedBy> parseServedBy(std::string_view s);
/// Channels from "phone,wechat" (English or Chinese names; Unknown is not a channel).
Result<std::vector<ContactChannel>> parseChannels(std::string_view s);
/// "phone,wechat".
std::string formatChannels(const std::vector<ContactChannel>& channels);

/// The book's policy per relationship type, basic first; types without a row get the default.
Result<std::vector<analytics::ServicePolicy>> loadServicePolicies(storage::Database& db);
/// The policy of relationship type `type` (0..4, basic first) from `policies` as
/// loadServicePolicies() returns them; any other number: the default accountable policy.
analytics::ServicePolicy policyFor(const std::vector<analytics::ServicePolicy>& policies, int type);
/// Stores one type's policy. InvalidInput for a cadence < 1 day or no channel.
Status saveServicePolicy(storage::Database& db, const analytics::ServicePolicy& policy);
/// Stores several types' policies in one transaction: all of them, or none on the first error.
Status saveServicePolicies(storage::Database& db,
                           const std::vector<analytics::ServicePolicy>& policies);

} // namespace bd::services
