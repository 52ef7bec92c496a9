#pragma once
// Money and prices are exact: integer counts of 0.0001 CNY (the interchange format allows
// up to 4 decimals). double appears only inside analytics and is rounded back explicitly.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bd {

/// 1 CNY = 10,000 units.
inline constexpr std::int64_t kMoneyScale = 10000;

/// An exact CNY amount in units of 0.0001 CNY.
struct Money {
    std::int64_t units = 0;

    static constexpr Money fromUnits(std::int64_t u) { return Money{u}; }
    static constexpr Money fromYuan(std::int64_t yuan) { return Money{yuan * kMoneyScale}; }
    /// Rounds half away from zero to the nearest unit.
    static Money fromDouble(double yuan) {
        return Money{
            static_cast<std::int64_t>(std::llround(yuan * static_cast<double>(kMoneyScale)))};
    }
    double toDouble() const {
        return static_cast<double>(units) / static_cast<double>(kMoneyScale);
    }
    /// Rounded to the cent (half away from zero), in fen.
    std::int64_t roundedFen() const {
        // Divided first, then the remainder decides: correct up to INT64_MAX and INT64_MIN.
        const std::int64_t q = kMoneyScale / 100;
        const std::int64_t rem = units % q;
        return units / q + (rem >= q / 2 ? 1 : rem <= -q / 2 ? -1 : 0);
    }

    constexpr Money operator+(Money o) const { return Money{units + o.units}; }
    constexpr Money operator-(Money o) const { return Money{units - o.units}; }
    constexpr Money operator-() const { return Money{-units}; }
    Money& operator+=(Money o) {
        units += o.units;
        return *this;
    }
    Money& operator-=(Money o) {
        units -= o.units;
        return *this;
    }
    constexpr auto operator<=>(const Money&) const = default;
};

/// Parses a decimal amount: optional sign, digits, optional '.' and up to 4 decimals;
/// thousands separators ',' allowed when `allowThousands`. Returns nullopt when malformed or
/// beyond ±922,337,203,685,477.5807 (then `*outOfRange`, when given, is set).
std::optional<Money> parseMoney(std::string_view text, bool allowThousands = true,
                                bool* outOfRange = nullptr);

/// "1234.5" style, trailing zeros trimmed but at least 2 decimals ("12.30", "0.0001").
std::string formatMoney(Money m);

/// "1,234,567.89" rounded to the cent, for display.
std::string formatMoneyGrouped(Money m);

} // namespace bd
