#pragma once
// The stable keys of an enum whose values run 0..N-1 in declaration order (files, logs, JSON and
// the CLI use them): one list gives both directions, so a key cannot be added on one side only.
//   constexpr auto kKeys = enumKeys<Level>("low", "medium", "high");
//   kKeys(Level::High) == "high";  kKeys.find("medium") == Level::Medium
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace bd {

template <typename E, std::size_t N>
struct EnumKeys {
    std::array<std::string_view, N> keys;

    /// The key of `v`; the key at index `fallback` for a value outside the list.
    constexpr std::string_view operator()(E v, std::size_t fallback = 0) const {
        const auto i = static_cast<std::size_t>(v);
        return keys[i < N ? i : fallback];
    }
    /// The value whose key is exactly `key`, from index `first` on.
    constexpr std::optional<E> find(std::string_view key, std::size_t first = 0) const {
        for (std::size_t i = first; i < N; ++i)
            if (keys[i] == key) return static_cast<E>(i);
        return std::nullopt;
    }
};

template <typename E, typename... K>
constexpr EnumKeys<E, sizeof...(K)> enumKeys(K... keys) {
    return {{std::string_view(keys)...}};
}

} // namespace bd
