#pragma once
// The command layer's refusals: an InvalidInput error that carries its refusal as a fact
// (core/refusal.h) for the phrasebook to word in the reader's language, with the English words
// as its message (logs, tests) and the field and value it names as its column and value.
#include <vector>

#include "core/refusal.h"
#include "core/result.h"

namespace bd::services::cmd {

/// An InvalidInput error refusing a command for `fact` (and what details it).
Error refused(RefusalFact fact, std::vector<RefusalFact> details = {});

} // namespace bd::services::cmd
