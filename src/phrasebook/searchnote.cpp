// The note under `search`'s hits (src/cli/cmd_search.cpp).
#include "phrasebook/words.h"

namespace bd::phrase {

std::string moreHits(std::size_t n, Lang l) {
    if (l == Lang::Zh) return "（另有" + std::to_string(n) + "位客户；--limit 可显示更多）";
    return "(" + std::to_string(n) + " more; --limit shows more)";
}

} // namespace bd::phrase
