#pragma once
// Call-list rows for stored plan items: what `export calllist` and the workstation's printed call
// sheet write for a broker's days.
#include <vector>

#include "services/calllistexport.h"
#include "services/planitems.h"

namespace bd::services {

/// Call-list rows for items (phones masked when asked, words in the chosen language).
std::vector<CallListRow> callListRowsFor(const std::vector<PlanItem>& items,
                                         const CallListOptions& options);

} // namespace bd::services
