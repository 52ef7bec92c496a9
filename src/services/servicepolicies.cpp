#include "services/servicepolicies.h"

#include <algorithm>

#include "core/text.h"
#include "phrasebook/phrasebook.h"
#include "storage/book/segmentstore.h"

namespace bd::services {
namespace {

constexpr analytics::RelationshipType kTypes[] = {
    analytics::RelationshipType::Basic, analytics::RelationshipType::Reactive,
    analytics::RelationshipType::Accountable, analytics::RelationshipType::Proactive,
    analytics::RelationshipType::Partnership};
constexpr analytics::ServedBy kServedBy[] = {
    analytics::ServedBy::SeniorBroker, analytics::ServedBy::Broker,
    analytics::ServedBy::ServiceDesk, analytics::ServedBy::Automated};

std::string normalized(std::string_view s) {
    std::string out(trim(s));
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c == '_' || c == '-') c = ' ';
    }
    return out;
}

} // namespace

namespace {} // namespace

std::optional<analytics::RelationshipType> parseRelationshipType(std::string_view s) {
    return phrase::relationshipTypeNamed(s);
}

std::optional<analytics::ServedBy> parseServedBy(std::string_view s) {
    return phrase::servedByNamed(s);
}

Result<std::vector<ContactChannel>> parseChannels(std::string_view s) {
    std::vector<ContactChannel> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const std::size_t comma = std::min(s.find(',', start), s.size());
        const std::string_view item = trim(s.substr(start, comma - start));
        if (!item.empty()) {
            auto c = parseContactChannel(normalized(item));
            if (!c) c = parseContactChannel(item);
            if (!c || *c == ContactChannel::Unknown)
                return makeError(ErrorCode::InvalidInput,
                                 "unknown contact channel '" + std::string(item) +
                                     "' (phone, sms, wechat, email, visit, seminar, other)");
            if (std::find(out.begin(), out.end(), *c) == out.end()) out.push_back(*c);
        }
        start = comma + 1;
    }
    if (out.empty()) return makeError(ErrorCode::InvalidInput, "name at least one contact channel");
    return out;
}

std::string formatChannels(const std::vector<ContactChannel>& channels) {
    std::string out;
    for (auto c : channels) out += (out.empty() ? "" : ",") + std::string(toString(c));
    return out;
}

Result<std::vector<analytics::ServicePolicy>> loadServicePolicies(storage::Database& db) {
    auto rows = storage::loadServicePolicies(db);
    if (!rows) return rows.error();
    std::vector<analytics::ServicePolicy> out;
    for (auto t : kTypes) {
        analytics::ServicePolicy p = analytics::defaultServicePolicy(t);
        for (const auto& r : *rows) {
            if (r.relationship_type != static_cast<int>(t)) continue;
            p.contact_cadence_days = r.cadence_days;
            p.proactive_contact = r.proactive;
            if (r.served_by >= 0 && r.served_by < 4)
                p.served_by = kServedBy[static_cast<std::size_t>(r.served_by)];
            if (auto ch = parseChannels(r.channels)) p.channels = *ch;
        }
        out.push_back(std::move(p));
    }
    return out;
}

analytics::ServicePolicy policyFor(const std::vector<analytics::ServicePolicy>& policies,
                                   int type) {
    if (type >= 0 && static_cast<std::size_t>(type) < policies.size())
        return policies[static_cast<std::size_t>(type)];
    return analytics::defaultServicePolicy(analytics::RelationshipType::Accountable);
}

Status saveServicePolicy(storage::Database& db, const analytics::ServicePolicy& p) {
    if (p.contact_cadence_days < 1)
        return makeError(ErrorCode::InvalidInput, "the contact cadence must be at least 1 day");
    if (p.channels.empty())
        return makeError(ErrorCode::InvalidInput, "name at least one contact channel");
    storage::ServicePolicyRow row;
    row.relationship_type = static_cast<int>(p.type);
    row.cadence_days = p.contact_cadence_days;
    row.channels = formatChannels(p.channels);
    row.served_by = static_cast<int>(p.served_by);
    row.proactive = p.proactive_contact;
    return storage::saveServicePolicy(db, row);
}

Status saveServicePolicies(storage::Database& db,
                           const std::vector<analytics::ServicePolicy>& policies) {
    storage::Transaction tx(db);
    if (!tx.began()) return tx.began();
    for (const auto& p : policies)
        if (auto s = saveServicePolicy(db, p); !s) return s;
    return tx.commit();
}

} // namespace bd::services
