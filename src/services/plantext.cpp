#include "services/plantext.h"

namespace bd::services::plantext {

std::vector<Reason> storedReasons(const std::string& text) {
    if (auto facts = decodeReasons(text)) return std::move(*facts);
    return {Reason(ReasonKind::Unknown)};
}

} // namespace bd::services::plantext
