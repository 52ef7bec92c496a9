#include "core/privacy.h"

namespace bd {

std::string maskPhone(std::string_view phone) {
    int digits = 0;
    for (char c : phone)
        if (c >= '0' && c <= '9') ++digits;
    // Digit positions [from, to) are masked.
    int from = 0;
    int to = digits;
    if (digits >= 11) {
        from = digits - 8;
        to = digits - 4;
    } else if (digits > 4) {
        to = digits - 4;
    }
    std::string out(phone);
    int index = 0;
    for (char& c : out) {
        if (c < '0' || c > '9') continue;
        if (index >= from && index < to) c = '*';
        ++index;
    }
    return out;
}

std::string maskIdNumber(std::string_view id) {
    if (id.size() <= 7) return std::string(id.size(), '*');
    return std::string(id.substr(0, 3)) + std::string(id.size() - 7, '*') +
           std::string(id.substr(id.size() - 4));
}

} // namespace bd
