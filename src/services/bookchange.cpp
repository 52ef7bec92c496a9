#include "services/bookchange.h"

#include <algorithm>

namespace bd::services {

ClientSet ClientSet::all() {
    ClientSet s;
    s.everyone = true;
    return s;
}

ClientSet ClientSet::of(std::vector<std::int64_t> refs) {
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    ClientSet s;
    s.refs = std::move(refs);
    return s;
}

bool ClientSet::contains(std::int64_t ref) const {
    return everyone || std::binary_search(refs.begin(), refs.end(), ref);
}

bool PlanChange::touchesBroker(const std::string& id) const {
    return brokers.empty() || std::binary_search(brokers.begin(), brokers.end(), id);
}

} // namespace bd::services
