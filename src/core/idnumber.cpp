#include "core/idnumber.h"

namespace bd {

char idNumberCheckChar(std::string_view first17) {
    static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char kChecks[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (first17[static_cast<std::size_t>(i)] - '0') * kWeights[i];
    return kChecks[sum % 11];
}

std::optional<Date> idNumberBirthDate(std::string_view id) {
    if (id.size() != 18) return std::nullopt;
    return parseDate(id.substr(6, 8));
}

bool isValidIdNumber(std::string_view id) {
    if (id.size() != 18) return false;
    for (int i = 0; i < 17; ++i)
        if (id[static_cast<std::size_t>(i)] < '0' || id[static_cast<std::size_t>(i)] > '9')
            return false;
    if (!idNumberBirthDate(id)) return false;
    char last = id[17] == 'x' ? 'X' : id[17];
    return last == idNumberCheckChar(id.substr(0, 17));
}

} // namespace bd
