#pragma once
// The command layer's refusals: an InvalidInput error that carries its refusal as a fact
// (core/refusal.h) for the phrasebook to word in the reader's language, with the English words
// as its message (logs, tests) and the field and value it names as its column and value.
#include <string>
#include <vector>

#include "core/refusal.h"
#include "core/result.h"

namespace bd::storage {
class RecordStore;
}

namespace bd::services::cmd {

/// An InvalidInput error refusing a command for `fact` (and what details it).
Error refused(RefusalFact fact, std::vector<RefusalFact> details = {});

/// A refusal the server made (ErrorCode::NotPermitted), worded by the phrasebook.
Error notPermitted(RefusalFact fact);

/// A branch server's policy refusal (NotPermitted, worded by the database or the store) of
/// `entity` `id` (a client, contact or plan item the login may not change; none: the change as
/// a whole) as the phrasebook's NotYours; any other error as it is.
Error policyRefusal(Error e, std::string entity, std::string id);

/// A broker named for a list (a call list) whom the login's copy does not hold: on a branch
/// server a colleague the copy leaves out (storage::keepLoginsPeople) exists in `store`, the
/// book itself, and is NotYours (their clients are not the login's); a broker the book does not
/// know is UnknownBroker, with the service desk queue's id as the id to name instead.
Error brokerOutOfView(storage::RecordStore& store, const std::string& brokerId);

} // namespace bd::services::cmd
