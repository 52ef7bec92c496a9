#include "services/channelorder.h"

#include <algorithm>

namespace bd::services {

std::vector<ContactChannel> channelOrder(ContactChannel preferred,
                                         const std::vector<ContactChannel>& policy) {
    std::vector<ContactChannel> out;
    auto add = [&](ContactChannel c) {
        if (c == ContactChannel::Unknown || c == ContactChannel::Other) return;
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    };
    add(preferred);
    for (ContactChannel c : policy) add(c);
    add(ContactChannel::Phone);
    return out;
}

ContactChannel channelAfterFailures(const std::vector<ContactChannel>& order, int noAnswerStreak) {
    if (order.empty()) return ContactChannel::Phone;
    const auto step = static_cast<std::size_t>(std::max(noAnswerStreak, 0) / 2);
    return order[step % order.size()];
}

} // namespace bd::services
