#pragma once
// What of a Chinese report is still English: the words of three Latin letters or more, once the
// ids, numbers, dates and file paths a reader takes as they are have been taken out.
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace bdtest {

/// The English words left in `text` after removing each of `verbatim` (file paths, names the
/// test planted) and skipping `allowed` tokens (the program's name, "VIP"); a word with a digit
/// (B07, 600519.SH) is an id, unless it is a key (profit_12m).
inline std::vector<std::string> englishWords(std::string text,
                                             const std::vector<std::string>& verbatim = {},
                                             const std::set<std::string>& allowed = {}) {
    for (const auto& v : verbatim)
        for (auto at = text.find(v); !v.empty() && at != std::string::npos; at = text.find(v))
            text.erase(at, v.size());
    static const std::set<std::string> kAllowed{"brokerdesk-cli", "VIP"};
    static const std::regex word(R"([A-Za-z0-9_.\-]*[A-Za-z]{3,}[A-Za-z0-9_.\-]*)");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), word);
         it != std::sregex_iterator(); ++it) {
        const std::string w = it->str();
        // A key such as profit_12m is no id, digits or not.
        const bool id =
            w.find_first_of("0123456789") != std::string::npos && w.find('_') == std::string::npos;
        if (id || kAllowed.count(w) || allowed.count(w)) continue;
        out.push_back(w);
    }
    return out;
}

} // namespace bdtest
