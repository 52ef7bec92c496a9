#pragma once
// The one JSON writer of the engine: quoted strings and numbers that read back exactly, for the
// small JSON texts the book stores (run parameters, timings, profiles) and the CLI prints.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bd {

/// `s` as a JSON string: quoted, with `"`, `\` and control characters escaped.
std::string jsonString(std::string_view s);

/// The shortest text that reads back as the same double (fixed notation from 1e-4 up to 1e16,
/// else scientific, as `fmt::format("{}")` writes it); `null` for NaN and infinity.
std::string jsonNumber(double v);
/// `v` rounded to `decimals` places first (negative zero written as 0); `null` when not finite.
std::string jsonNumber(double v, int decimals);
/// `null` when absent.
std::string jsonNumber(const std::optional<double>& v);

/// {"name": number, ...} in the given order.
std::string jsonObject(const std::vector<std::pair<std::string, double>>& members);
/// [number, ...].
std::string jsonArray(const std::vector<double>& values);
/// [f(item), ...]: f returns each item's JSON text.
template <typename T, typename F>
std::string jsonArray(const std::vector<T>& items, F f) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + f(items[i]);
    return out + "]";
}

} // namespace bd
