#include "services/household.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "storage/book/analyticsstore.h"
#include "storage/book/clientqueries.h"
#include "storage/book/recordstore.h"

namespace bd::services {
namespace {

/// A client with its figures: the newest value run's, else the latest snapshot's AUM.
Result<RelatedClient> describe(storage::Database* db, storage::RecordStore& store,
                               std::optional<std::int64_t> run, std::int64_t ref) {
    auto rec = store.loadClientByRef(ref);
    RelatedClient out;
    out.ref = ref;
    // On a branch server a relative may be another broker's client: listed, but nameless.
    if (!rec && rec.error().code == ErrorCode::NotPermitted) return out;
    if (!rec) return rec.error();
    out.client_id = rec->client.client_id;
    out.name = rec->client.name;
    if (!db) return out;
    if (run) {
        auto score = storage::readClientScore(*db, *run, ref);
        if (!score) return score.error();
        if (*score) {
            out.aum = (*score)->score.aum;
            out.profit_12m = (*score)->score.profit_12m;
            out.value_score = (*score)->score.value_score;
            return out;
        }
    }
    auto detail = storage::loadClientDetail(*db, ref, 0, 0);
    if (!detail) return detail.error();
    if (detail->latest_assets)
        out.aum = detail->latest_assets->cash + detail->latest_assets->market_value;
    return out;
}

} // namespace

Result<Household> loadHousehold(storage::Database& db, std::int64_t clientRef) {
    auto store = storage::sqliteRecordStore(db);
    return loadHousehold(*store, &db, clientRef);
}

Result<Household> loadHousehold(storage::RecordStore& store, storage::Database* db,
                                std::int64_t clientRef) {
    std::optional<std::int64_t> run;
    if (db) {
        auto latest = storage::latestScoredRunId(*db, "value");
        if (!latest) return latest.error();
        run = *latest;
    }
    if (auto self = store.loadClientByRef(clientRef); !self) return self.error();
    Household h;
    h.client_ref = clientRef;
    // The direct relations, seen from the client.
    auto direct = store.relationsOf(clientRef);
    if (!direct) return direct.error();
    std::map<std::int64_t, RelationKind> kindOf;
    for (const auto& r : *direct) {
        const bool mine = r.client_a == clientRef;
        kindOf[mine ? r.client_b : r.client_a] = mine ? r.kind : inverse(r.kind);
    }
    // The household: everyone reached through household relations.
    std::set<std::int64_t> seen{clientRef};
    std::deque<std::int64_t> next{clientRef};
    while (!next.empty()) {
        const std::int64_t at = next.front();
        next.pop_front();
        auto rels = store.relationsOf(at);
        if (!rels) return rels.error();
        for (const auto& r : *rels) {
            if (!formsHousehold(r.kind)) continue;
            const std::int64_t other = r.client_a == at ? r.client_b : r.client_a;
            if (seen.insert(other).second) next.push_back(other);
        }
    }
    for (std::int64_t ref : seen) {
        auto m = describe(db, store, run, ref);
        if (!m) return m.error();
        m->in_household = true;
        if (auto k = kindOf.find(ref); k != kindOf.end()) m->kind = k->second;
        h.aum += m->aum.value_or(Money{});
        h.profit_12m += m->profit_12m.value_or(Money{});
        h.value_score += m->value_score.value_or(0.0);
        h.members.push_back(std::move(*m));
    }
    for (const auto& [ref, kind] : kindOf) {
        if (seen.count(ref)) continue;
        auto m = describe(db, store, run, ref);
        if (!m) return m.error();
        m->kind = kind;
        h.others.push_back(std::move(*m));
    }
    const auto byId = [](const RelatedClient& x, const RelatedClient& y) {
        return x.client_id < y.client_id;
    };
    std::sort(h.members.begin(), h.members.end(), [&](const auto& x, const auto& y) {
        if ((x.ref == clientRef) != (y.ref == clientRef)) return x.ref == clientRef;
        return byId(x, y);
    });
    std::sort(h.others.begin(), h.others.end(), byId);
    return h;
}

} // namespace bd::services
