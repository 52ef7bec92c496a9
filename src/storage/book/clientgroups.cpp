#include "storage/book/clientgroups.h"

#include <string_view>
#include <type_traits>

#include "storage/db/query.h"

namespace bd::storage {
namespace {

/// The refs as a JSON array, bound as one parameter.
std::string refsJson(const std::vector<std::int64_t>& refs) {
    std::string s = "[";
    for (std::size_t i = 0; i < refs.size(); ++i) s += (i ? "," : "") + std::to_string(refs[i]);
    return s + "]";
}

/// `refs` grouped by `column` (a name of this file, never input), each group marked when its
/// value is `target`.
template <typename Value>
Result<std::vector<ClientGroup<Value>>> groupBy(Database& db, const std::vector<std::int64_t>& refs,
                                                std::string_view column, const Value& target) {
    return queryRows(
        db,
        "SELECT " + std::string(column) + ", count(*), " + std::string(column) +
            " = ?2 FROM clients WHERE id IN (SELECT value FROM json_each(?1)) "
            "GROUP BY 1 ORDER BY 1",
        [](const Statement& r) {
            ClientGroup<Value> g;
            if constexpr (std::is_same_v<Value, std::string>)
                g.value = r.text(0);
            else
                g.value = r.int32(0);
            g.clients = r.int64(1);
            g.at_target = r.int64(2) != 0;
            return g;
        },
        refsJson(refs), target);
}

} // namespace

Result<std::vector<ClientGroup<std::string>>>
groupClientsByBroker(Database& db, const std::vector<std::int64_t>& refs,
                     const std::string& brokerId) {
    return groupBy<std::string>(db, refs, "broker_id", brokerId);
}

Result<std::int64_t> countBranchMoves(Database& db, const std::vector<std::int64_t>& refs,
                                      const std::string& brokerId) {
    // The client's branch is its own, else its broker's; the new broker's branch when it has one.
    constexpr std::string_view kSql =
        "SELECT count(*) FROM clients c LEFT JOIN brokers o ON o.broker_id = c.broker_id "
        "JOIN brokers n ON n.broker_id = ?2 AND COALESCE(n.branch_id, '') <> '' "
        "WHERE c.id IN (SELECT value FROM json_each(?1)) AND c.broker_id <> ?2 "
        "AND COALESCE(NULLIF(c.branch_id, ''), o.branch_id, '') <> n.branch_id";
    auto n = queryFirst(db, kSql, firstInt64, refsJson(refs), brokerId);
    if (!n) return n.error();
    return n->value_or(0);
}

Result<std::vector<ClientGroup<int>>>
groupClientsByStatus(Database& db, const std::vector<std::int64_t>& refs, int status) {
    return groupBy<int>(db, refs, "status", status);
}

Result<std::unordered_map<std::int64_t, std::string>>
clientIdsOf(Database& db, const std::vector<std::int64_t>& refs) {
    auto st = prepareBound(
        db, "SELECT id, client_id FROM clients WHERE id IN (SELECT value FROM json_each(?1))",
        refsJson(refs));
    if (!st) return st.error();
    std::unordered_map<std::int64_t, std::string> out;
    auto read = st->forEach([&](const Statement& r) { out.emplace(r.int64(0), r.text(1)); });
    if (!read) return read.error();
    return out;
}

} // namespace bd::storage
