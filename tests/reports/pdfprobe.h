#pragma once
// Reads a PDF written by Qt's PDF engine well enough to check it: page objects, embedded font
// files and base font names (plain dictionaries), and the ToUnicode maps (plain or Flate
// streams) that say which characters the text uses.
#include <QByteArray>
#include <QString>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>
#include <string>

namespace bdtest {

struct PdfProbe {
    std::string bytes; // the file
    std::string text;  // every stream (Flate ones decompressed), concatenated, lower case

    explicit PdfProbe(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        std::size_t pos = 0;
        while ((pos = bytes.find("stream", pos)) != std::string::npos) {
            if (pos >= 3 && bytes.compare(pos - 3, 3, "end") == 0) {
                pos += 6;
                continue;
            }
            std::size_t start = pos + 6;
            if (start < bytes.size() && bytes[start] == '\r') ++start;
            if (start < bytes.size() && bytes[start] == '\n') ++start;
            const std::size_t end = bytes.find("endstream", start);
            if (end == std::string::npos) break;
            if (end > start &&
                static_cast<unsigned char>(bytes[start]) == 0x78) { // a zlib (Flate) stream
                // qUncompress wants qCompress's 4-byte big-endian size first; it grows past it.
                QByteArray z;
                const auto guess = static_cast<std::uint32_t>((end - start) * 8 + 1024);
                z.append(static_cast<char>((guess >> 24) & 0xff));
                z.append(static_cast<char>((guess >> 16) & 0xff));
                z.append(static_cast<char>((guess >> 8) & 0xff));
                z.append(static_cast<char>(guess & 0xff));
                z.append(bytes.data() + start, static_cast<qsizetype>(end - start));
                text += qUncompress(z).toLower().toStdString() + "\n";
            } else {
                text += QByteArray(bytes.data() + start, static_cast<qsizetype>(end - start))
                            .toLower()
                            .toStdString() +
                        "\n";
            }
            pos = end + 9;
        }
    }

    bool isPdf() const { return bytes.rfind("%PDF-", 0) == 0; }

    /// Count of "/Type /Page" objects (not "/Type /Pages").
    int pages() const {
        int n = 0;
        const std::string key = "/Type /Page";
        for (std::size_t p = bytes.find(key); p != std::string::npos;
             p = bytes.find(key, p + key.size()))
            if (p + key.size() >= bytes.size() || bytes[p + key.size()] != 's') ++n;
        return n;
    }

    bool embedsFontFile() const {
        return bytes.find("/FontFile2") != std::string::npos ||
               bytes.find("/FontFile3") != std::string::npos;
    }

    bool hasBaseFontContaining(const std::string& part) const {
        for (std::size_t p = bytes.find("/BaseFont /"); p != std::string::npos;
             p = bytes.find("/BaseFont /", p + 1)) {
            const std::size_t e = bytes.find_first_of(" \r\n/>", p + 11);
            if (bytes.substr(p + 11, e - (p + 11)).find(part) != std::string::npos) return true;
        }
        return false;
    }

    /// Every Unicode character the ToUnicode maps name (bfchar and bfrange entries).
    std::set<std::uint32_t> mappedCharacters() const {
        std::set<std::uint32_t> out;
        auto hexAt = [](const std::string& s, std::size_t& i) -> std::optional<std::uint32_t> {
            i = s.find('<', i);
            if (i == std::string::npos) return std::nullopt;
            const std::size_t e = s.find('>', i);
            if (e == std::string::npos) return std::nullopt;
            const std::string h = s.substr(i + 1, e - i - 1);
            i = e + 1;
            return static_cast<std::uint32_t>(std::stoul(h.empty() ? "0" : h, nullptr, 16));
        };
        for (const char* kind : {"bfrange", "bfchar"}) {
            const std::string open = std::string("begin") + kind;
            const std::string close = std::string("end") + kind;
            for (std::size_t b = text.find(open); b != std::string::npos;
                 b = text.find(open, b + 1)) {
                const std::size_t e = text.find(close, b);
                if (e == std::string::npos) break;
                std::istringstream lines(text.substr(b + open.size(), e - b - open.size()));
                std::string line;
                while (std::getline(lines, line)) {
                    std::size_t i = 0;
                    const auto a = hexAt(line, i);
                    if (!a) continue;
                    if (std::string(kind) == "bfchar") {
                        if (const auto u = hexAt(line, i)) out.insert(*u);
                        continue;
                    }
                    const auto z = hexAt(line, i);
                    if (!z) continue;
                    if (line.find('[', i) != std::string::npos) {
                        while (const auto u = hexAt(line, i)) out.insert(*u);
                    } else if (const auto u = hexAt(line, i); u && *z >= *a && *z - *a < 0x10000) {
                        for (std::uint32_t k = 0; k <= *z - *a; ++k) out.insert(*u + k);
                    }
                }
            }
        }
        return out;
    }

    /// Whether any ToUnicode entry is a Kangxi / CJK radical (Qt's pick for glyphs that Noto
    /// shares with ideographs such as 户 月 页; bd_reports rewrites them).
    bool mapsRadicals() const {
        const auto mapped = mappedCharacters();
        return mapped.lower_bound(0x2E80) != mapped.end() && *mapped.lower_bound(0x2E80) <= 0x2FDF;
    }

    /// Whether the ToUnicode maps name every (non-space) character of `chars`.
    bool mapsAllCharacters(const QString& chars) const {
        const auto mapped = mappedCharacters();
        for (const QChar ch : chars)
            if (!ch.isSpace() && mapped.count(ch.unicode()) == 0) return false;
        return true;
    }
};

} // namespace bdtest
