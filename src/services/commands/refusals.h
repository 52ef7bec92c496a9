#pragma once
// The command layer's refusals: an InvalidInput error that carries its refusal as a fact
// (core/refusal.h) for the phrasebook to word in the reader's language, with the English words
// as its message (logs, tests) and the field and value it names as its column and value.
#include <string>
#include <vector>

#include "core/refusal.h"
#include "core/result.h"

namespace bd::services::cmd {

/// An InvalidInput error refusing a command for `fact` (and what details it).
Error refused(RefusalFact fact, std::vector<RefusalFact> details = {});

/// A refusal the server made (ErrorCode::NotPermitted), worded by the phrasebook.
Error notPermitted(RefusalFact fact);

/// A branch server's policy refusal (NotPermitted, worded by the database or the store) of
/// `entity` `id` (a client, contact or plan item the login may not change; none: the change as
/// a whole) as the phrasebook's NotYours; any other error as it is.
Error policyRefusal(Error e, std::string entity, std::string id);

} // namespace bd::services::cmd
