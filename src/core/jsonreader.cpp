#include "core/jsonreader.h"

#include <charconv>
#include <cmath>

#include "core/jsonescapes.h"

namespace bd {
namespace {

void appendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

} // namespace

void JsonReader::skipSpace() {
    while (m_i < m_s.size() &&
           (m_s[m_i] == ' ' || m_s[m_i] == '\n' || m_s[m_i] == '\t' || m_s[m_i] == '\r'))
        ++m_i;
}

bool JsonReader::atEnd() {
    skipSpace();
    return m_i >= m_s.size();
}

bool JsonReader::eat(char c) {
    if (!peek(c)) return false;
    ++m_i;
    return true;
}

bool JsonReader::peek(char c) {
    skipSpace();
    return m_i < m_s.size() && m_s[m_i] == c;
}

bool JsonReader::string(std::string& out) {
    if (!eat('"')) return false;
    out.clear();
    while (m_i < m_s.size() && m_s[m_i] != '"') {
        const char c = m_s[m_i++];
        if (c != '\\') {
            out += c;
            continue;
        }
        if (m_i >= m_s.size()) return false;
        const char e = m_s[m_i++];
        if (const char stands = json::kUnescaped[json::byteOf(e)]) {
            out += stands;
        } else if (e == 'u') {
            // The writer escapes only control characters this way; any BMP code point reads.
            unsigned code = 0;
            if (m_i + 4 > m_s.size()) return false;
            auto [p, ec] = std::from_chars(m_s.data() + m_i, m_s.data() + m_i + 4, code, 16);
            if (ec != std::errc() || p != m_s.data() + m_i + 4) return false;
            appendUtf8(out, code);
            m_i += 4;
        } else {
            out += e; // \" \\ \/
        }
    }
    return eat('"');
}

bool JsonReader::number(double& out, bool nullIsNan) {
    skipSpace();
    if (m_s.substr(m_i, 4) == "null") {
        if (!nullIsNan) return false;
        m_i += 4;
        out = std::nan("");
        return true;
    }
    // from_chars takes no leading '+', which JSON does not write either.
    auto [p, ec] = std::from_chars(m_s.data() + m_i, m_s.data() + m_s.size(), out);
    if (ec != std::errc()) return false;
    m_i = static_cast<std::size_t>(p - m_s.data());
    return true;
}

bool JsonReader::numberObject(std::vector<std::pair<std::string, double>>& out) {
    if (!eat('{')) return false;
    if (eat('}')) return true;
    do {
        std::string key;
        double v = 0;
        if (!string(key) || !eat(':') || !number(v, true)) return false;
        out.emplace_back(std::move(key), v);
    } while (eat(','));
    return eat('}');
}

bool JsonReader::numberArray(std::vector<double>& out) {
    if (!eat('[')) return false;
    if (eat(']')) return true;
    do {
        double v = 0;
        if (!number(v, true)) return false;
        out.push_back(v);
    } while (eat(','));
    return eat(']');
}

} // namespace bd
