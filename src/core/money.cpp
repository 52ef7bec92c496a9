#include "core/money.h"

#include <cstdlib>

namespace bd {

std::optional<Money> parseMoney(std::string_view s, bool allowThousands, bool* outOfRange) {
    if (outOfRange != nullptr) *outOfRange = false;
    if (s.empty()) return std::nullopt;
    {
        // The common form first (digits, then '.' and at most 4 digits; no sign, no separator,
        // at most 14 whole digits so nothing can overflow), as every trade row has four
        // amounts. Anything else falls through to the full rules below, which agree on this form.
        std::size_t i = 0;
        std::int64_t whole = 0;
        while (i < s.size() && i < 15 && s[i] >= '0' && s[i] <= '9')
            whole = whole * 10 + (s[i++] - '0');
        if (i > 0 && i < 15) {
            if (i == s.size()) return Money{whole * kMoneyScale};
            if (s[i] == '.' && s.size() - i - 1 <= 4) {
                std::int64_t frac = 0;
                std::size_t j = i + 1;
                while (j < s.size() && s[j] >= '0' && s[j] <= '9')
                    frac = frac * 10 + (s[j++] - '0');
                if (j == s.size()) {
                    for (std::size_t k = s.size() - i - 1; k < 4; ++k) frac *= 10;
                    return Money{whole * kMoneyScale + frac};
                }
            }
        }
    }
    bool neg = false;
    std::size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    // Overflow is tested before each step and the digits are still checked after it, so a huge
    // but well-formed amount is told apart from a malformed one.
    std::int64_t whole = 0;
    bool tooLarge = false;
    int digits = 0;
    int sinceComma = -1; // digits since the last thousands separator
    for (; i < s.size() && s[i] != '.'; ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            if (!tooLarge && (__builtin_mul_overflow(whole, 10, &whole) ||
                              __builtin_add_overflow(whole, c - '0', &whole)))
                tooLarge = true;
            ++digits;
            if (sinceComma >= 0) ++sinceComma;
        } else if (c == ',' && allowThousands && digits > 0 &&
                   (sinceComma < 0 || sinceComma == 3)) {
            if (sinceComma < 0 && digits > 3) return std::nullopt;
            sinceComma = 0;
        } else {
            return std::nullopt;
        }
    }
    if (sinceComma >= 0 && sinceComma != 3) return std::nullopt;
    std::int64_t frac = 0;
    int fracDigits = 0;
    if (i < s.size()) {
        ++i; // '.'
        for (; i < s.size(); ++i) {
            const char c = s[i];
            if (c < '0' || c > '9') return std::nullopt;
            if (fracDigits == 4) {
                if (c != '0') return std::nullopt; // more than 4 significant decimals
                continue;
            }
            frac = frac * 10 + (c - '0');
            ++fracDigits;
        }
        if (digits == 0 && fracDigits == 0) return std::nullopt;
    } else if (digits == 0) {
        return std::nullopt;
    }
    for (int k = fracDigits; k < 4; ++k) frac *= 10;
    std::int64_t units = 0;
    if (tooLarge || __builtin_mul_overflow(whole, kMoneyScale, &units) ||
        __builtin_add_overflow(units, frac, &units)) {
        if (outOfRange != nullptr) *outOfRange = true;
        return std::nullopt;
    }
    return Money{neg ? -units : units};
}

std::string formatMoney(Money m) {
    // The magnitude in unsigned arithmetic: -INT64_MIN does not fit an int64.
    const bool neg = m.units < 0;
    const std::uint64_t u =
        neg ? ~static_cast<std::uint64_t>(m.units) + 1 : static_cast<std::uint64_t>(m.units);
    char frac[5];
    std::uint64_t f = u % kMoneyScale;
    for (int i = 3; i >= 0; --i, f /= 10) frac[i] = static_cast<char>('0' + f % 10);
    int len = 4;
    while (len > 2 && frac[len - 1] == '0') --len;
    std::string out = neg ? "-" : "";
    out += std::to_string(u / kMoneyScale);
    out += '.';
    out.append(frac, static_cast<std::size_t>(len));
    return out;
}

std::string formatMoneyGrouped(Money m) {
    std::int64_t fen = m.roundedFen();
    const bool neg = fen < 0;
    if (neg) fen = -fen;
    const std::string whole = std::to_string(fen / 100);
    std::string out = neg ? "-" : "";
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
        out += whole[i];
    }
    out += '.';
    out += static_cast<char>('0' + (fen % 100) / 10);
    out += static_cast<char>('0' + fen % 10);
    return out;
}

} // namespace bd
