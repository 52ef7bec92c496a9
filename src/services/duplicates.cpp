#include "services/duplicates.h"

#include <algorithm>
#include <map>
#include <utility>

#include "storage/book/duplicaterows.h"
#include "storage/book/recordstore.h"

namespace bd::services {
namespace {

std::string tail(const std::string& s) {
    return s.size() <= 4 ? s : s.substr(s.size() - 4);
}

DuplicateSide sideOf(const storage::ClientRecord& r) {
    DuplicateSide s;
    s.ref = r.ref;
    s.client_id = r.client.client_id;
    s.name = r.client.name;
    s.broker_id = r.client.broker_id;
    s.branch_id = r.client.branch_id;
    s.phone = r.client.phone;
    s.id_number_tail = tail(r.client.id_number);
    s.birth_date = r.client.birth_date;
    s.open_date = r.client.open_date;
    s.status = r.client.status;
    return s;
}

} // namespace

Result<DuplicateList> findDuplicates(storage::Database& db, const DuplicateOptions& options) {
    auto groups = storage::duplicateGroups(db);
    if (!groups) return groups.error();
    DuplicateList out;
    std::map<std::pair<std::int64_t, std::int64_t>, std::vector<DuplicateReason>> pairs;
    for (const storage::DuplicateGroup& g : *groups) {
        if (static_cast<int>(g.refs.size()) > options.max_group) {
            ++out.large_groups;
            continue;
        }
        DuplicateReason why;
        why.kind = g.kind;
        if (g.kind == DuplicateKind::SameNameAndBirthDate) {
            why.name = g.value;
            why.birth_date = Date{g.birth_date};
        } else {
            why.tail = tail(g.value);
        }
        for (std::size_t i = 0; i < g.refs.size(); ++i)
            for (std::size_t j = i + 1; j < g.refs.size(); ++j)
                pairs[{g.refs[i], g.refs[j]}].push_back(why);
    }
    auto store = storage::sqliteRecordStore(db);
    std::map<std::int64_t, DuplicateSide> sides;
    auto side = [&](std::int64_t ref) -> Result<DuplicateSide> {
        if (auto it = sides.find(ref); it != sides.end()) return it->second;
        auto r = store->loadClientByRef(ref);
        if (!r) return r.error();
        return sides[ref] = sideOf(*r);
    };
    for (auto& [refs, reasons] : pairs) {
        auto a = side(refs.first), b = side(refs.second);
        if (!a) return a.error();
        if (!b) return b.error();
        DuplicatePair p;
        const bool aOlder = a->open_date.days < b->open_date.days ||
                            (a->open_date.days == b->open_date.days && a->ref < b->ref);
        p.keep = aOlder ? std::move(*a) : std::move(*b);
        p.absorb = aOlder ? std::move(*b) : std::move(*a);
        std::sort(reasons.begin(), reasons.end(),
                  [](const auto& x, const auto& y) { return x.kind < y.kind; });
        p.reasons = std::move(reasons);
        out.pairs.push_back(std::move(p));
    }
    std::stable_sort(out.pairs.begin(), out.pairs.end(), [](const auto& x, const auto& y) {
        if (x.reasons.size() != y.reasons.size()) return x.reasons.size() > y.reasons.size();
        return x.keep.client_id < y.keep.client_id;
    });
    return out;
}

} // namespace bd::services
