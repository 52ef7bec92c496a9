#include "core/clientrules.h"

namespace bd {

bool isValidPhone(std::string_view p) {
    std::size_t i = !p.empty() && p[0] == '+' ? 1 : 0;
    if (i >= p.size()) return false;
    for (; i < p.size(); ++i)
        if (p[i] < '0' || p[i] > '9') return false;
    return true;
}

} // namespace bd
