#include "services/plantext.h"

namespace bd::services::plantext {

std::string encodeText(const std::string& kinds, const std::string& en, const std::string& zh) {
    return kinds + "\n" + en + "\n" + zh;
}

Decoded decodeText(const std::string& s) {
    Decoded d;
    const auto a = s.find('\n');
    if (a == std::string::npos) {
        d.en = d.zh = s;
        return d;
    }
    const auto b = s.find('\n', a + 1);
    d.kinds = s.substr(0, a);
    if (b == std::string::npos) {
        d.en = d.zh = s.substr(a + 1);
        return d;
    }
    d.en = s.substr(a + 1, b - a - 1);
    d.zh = s.substr(b + 1);
    return d;
}

std::vector<std::string> splitKinds(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        auto comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        if (comma > start) out.push_back(s.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

} // namespace bd::services::plantext
