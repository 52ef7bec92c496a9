#include "core/json.h"

#include <charconv>
#include <cmath>

#include "core/jsonescapes.h"

namespace bd {

std::string jsonString(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (const char letter = json::kEscapeLetter[c]) {
            out += '\\';
            out += letter;
        } else if (c < 0x20) {
            constexpr char kHex[] = "0123456789abcdef";
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += ch;
        }
    }
    out += '"';
    return out;
}

std::string jsonNumber(double v) {
    if (!std::isfinite(v)) return "null";
    char buf[64];
    // The shortest digits come with their exponent in scientific form; numbers of moderate size
    // are written in fixed notation instead (what fmt's "{}" does, so stored texts keep their
    // form).
    auto sci = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const char* e = buf;
    while (e < sci.ptr && *e != 'e') ++e;
    int exp10 = 0;
    if (e < sci.ptr) std::from_chars(e + (e[1] == '+' ? 2 : 1), sci.ptr, exp10);
    if (exp10 < -4 || exp10 >= 16) return std::string(buf, sci.ptr);
    auto fixed = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, fixed.ptr);
}

std::string jsonNumber(double v, int decimals) {
    if (!std::isfinite(v)) return "null";
    const double scale = std::pow(10.0, decimals);
    const double r = std::round(v * scale) / scale;
    return jsonNumber(r == 0.0 ? 0.0 : r);
}

std::string jsonNumber(const std::optional<double>& v) {
    return v ? jsonNumber(*v) : "null";
}

std::string jsonObject(const std::vector<std::pair<std::string, double>>& members) {
    std::string out = "{";
    for (std::size_t i = 0; i < members.size(); ++i)
        out +=
            (i ? ", " : "") + jsonString(members[i].first) + ": " + jsonNumber(members[i].second);
    return out + "}";
}

std::string jsonArray(const std::vector<double>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + jsonNumber(values[i]);
    return out + "]";
}

} // namespace bd
