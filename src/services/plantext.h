#pragma once
// How a plan item's reasons and talking points are stored in the book (follow_up_tasks.reasons,
// .talking_points): facts in the encoding of core/facts.h. Used by the rebuild, the item reader
// and contact logging, nowhere else.
#include <string>
#include <vector>

#include "core/facts.h"

namespace bd::services::plantext {

/// The stored facts of a reasons / talking_points column; a text that is not an encoding of
/// facts (none since schema v7) reads as one reason of unknown kind.
std::vector<Reason> storedReasons(const std::string& text);

} // namespace bd::services::plantext
