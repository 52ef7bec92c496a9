#pragma once
// Inside the phrasebook: a word in both languages and the number forms sentences share.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/money.h"
#include "phrasebook/phrasebook.h"

namespace bd::phrase {

struct Words {
    std::string_view en, zh;
};

constexpr std::string_view in(const Words& w, Lang l) {
    return l == Lang::Zh ? w.zh : w.en;
}

/// Words by the key the engine uses (a field, a setting, a feature's id).
struct Keyed {
    std::string_view key;
    Words words;
};

/// The words of `key` in `table`; nullptr when it has none.
template <std::size_t N>
constexpr const Words* wordsOf(const Keyed (&table)[N], std::string_view key) {
    for (const Keyed& k : table)
        if (k.key == key) return &k.words;
    return nullptr;
}

/// The words of `v` in a table in the enum's order; the `fallback`th for a value past its end.
template <typename E, std::size_t N>
constexpr std::string_view pick(const Words (&table)[N], E v, Lang l, std::size_t fallback = 0) {
    const auto i = static_cast<std::size_t>(v);
    return in(table[i < N ? i : fallback], l);
}

/// "45%" from 0.45.
std::string percent(double fraction);
/// "−45%" (a true minus, U+2212) or "+12%".
std::string signedPercent(double fraction);
/// "0.42" (two decimals) or as many as asked.
std::string decimal(double v, int decimals = 2);
/// "1,234,568" (yuan, grouped).
std::string yuan(Money m);
/// "1 holding" / "3 holdings" (English only: Chinese has no plural).
std::string counted(long long n, std::string_view one, std::string_view many);

} // namespace bd::phrase
