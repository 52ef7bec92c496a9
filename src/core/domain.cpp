#include "core/domain.h"

#include "core/text.h"

namespace bd {

std::optional<std::string> normalizeSecurityCode(std::string_view raw) {
    const std::string_view code = trim(raw);
    auto sixDigits = [](std::string_view s) {
        if (s.size() != 6) return false;
        for (char c : s)
            if (c < '0' || c > '9') return false;
        return true;
    };
    if (code.size() == 9 && code[6] == '.' && sixDigits(code.substr(0, 6))) {
        const std::string market = toLowerAscii(code.substr(7));
        if (market == "sh" || market == "sz" || market == "bj") {
            std::string out(code.substr(0, 7));
            out += static_cast<char>(market[0] - 32);
            out += static_cast<char>(market[1] - 32);
            return out;
        }
        return std::nullopt;
    }
    if (!sixDigits(code)) return std::nullopt;
    switch (code[0]) {
    case '6':
    case '9':
    case '5': // SH funds
        return std::string(code) + ".SH";
    case '0':
    case '2':
    case '3':
    case '1': // SZ funds
        return std::string(code) + ".SZ";
    case '4':
    case '8':
        return std::string(code) + ".BJ";
    default:
        return std::nullopt;
    }
}

} // namespace bd
