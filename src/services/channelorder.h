#pragma once
// The order in which a client's contact channels are tried, and the channel after a run of
// unanswered attempts. The plan inputs (the next call's channel) and contact logging (the
// retry's channel) follow the same rule.
#include <vector>

#include "core/enums.h"

namespace bd::services {

/// The order in which channels are tried for a client: its preferred channel, then its
/// policy's channels, then phone (no repeats).
std::vector<ContactChannel> channelOrder(ContactChannel preferred,
                                         const std::vector<ContactChannel>& policy);

/// The channel to use after `noAnswerStreak` consecutive failures: every two failures move on
/// to the next channel of `order` (wrapping around).
ContactChannel channelAfterFailures(const std::vector<ContactChannel>& order, int noAnswerStreak);

} // namespace bd::services
