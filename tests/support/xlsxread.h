#pragma once
// Reads a written .xlsx back the way a spreadsheet does, for tests: the zip (central directory,
// stored or deflated entries, inflated with zlib), the first worksheet's cells with their types,
// shared strings resolved, each cell's number format and wrapping from styles.xml, and the raw
// XML of any part for print set-up checks. No other program (unzip, python) and no skipping:
// zlib is already under libxlsxwriter, so the test runs wherever the product builds.
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bdtest {

class Xlsx {
  public:
    struct Cell {
        std::string type;  // "s" shared string, "str"/"inlineStr" text, "" or "n" number, "b"
        std::string value; // the text, or the number as written
        int style = 0;     // index into cellXfs
    };

    /// Opens and parses `path`; throws std::runtime_error on anything malformed.
    explicit Xlsx(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw std::runtime_error("cannot open " + path);
        std::ostringstream ss;
        ss << in.rdbuf();
        m_zip = ss.str();
        readDirectory();
        readStyles();
        readSheet();
    }

    /// An inflated part ("xl/worksheets/sheet1.xml"); throws when absent.
    std::string part(const std::string& name) const {
        const auto it = m_entries.find(name);
        if (it == m_entries.end()) throw std::runtime_error("no part " + name);
        return inflateEntry(it->second);
    }
    bool hasPart(const std::string& name) const { return m_entries.count(name) > 0; }

    const std::map<std::string, Cell>& cells() const { return m_cells; }
    /// The cell at "B2" (an empty cell when absent).
    Cell cell(const std::string& ref) const {
        const auto it = m_cells.find(ref);
        return it == m_cells.end() ? Cell{} : it->second;
    }
    bool isText(const std::string& ref) const {
        const auto t = cell(ref).type;
        return t == "s" || t == "str" || t == "inlineStr";
    }
    bool isNumber(const std::string& ref) const {
        const auto it = m_cells.find(ref);
        return it != m_cells.end() && (it->second.type.empty() || it->second.type == "n");
    }
    std::string text(const std::string& ref) const { return cell(ref).value; }
    double number(const std::string& ref) const { return std::strtod(text(ref).c_str(), nullptr); }
    /// The number format code of the cell's style ("General", "@", "yyyy-mm-dd", "0.00", ...).
    std::string format(const std::string& ref) const {
        const auto s = static_cast<std::size_t>(cell(ref).style);
        if (s >= m_xfs.size()) return "General";
        const int id = m_xfs[s].numFmtId;
        if (const auto it = m_numFmts.find(id); it != m_numFmts.end()) return it->second;
        static const std::map<int, std::string> kBuiltin{
            {0, "General"}, {1, "0"},      {2, "0.00"},      {3, "#,##0"}, {4, "#,##0.00"},
            {9, "0%"},      {10, "0.00%"}, {14, "m/d/yyyy"}, {49, "@"}};
        const auto b = kBuiltin.find(id);
        return b == kBuiltin.end() ? "builtin " + std::to_string(id) : b->second;
    }
    bool wraps(const std::string& ref) const {
        const auto s = static_cast<std::size_t>(cell(ref).style);
        return s < m_xfs.size() && m_xfs[s].wrap;
    }
    /// Whether a date format: has a year and a day, no time.
    bool isDate(const std::string& ref) const {
        const std::string f = format(ref);
        return isNumber(ref) && f.find('y') != std::string::npos &&
               f.find('d') != std::string::npos;
    }
    /// Excel's day number of a date (days since 1899-12-30) from days since 1970-01-01.
    static double serial(int daysSince1970) { return daysSince1970 + 25569.0; }
    std::string sheetXml() const { return m_sheet; }

  private:
    struct Entry {
        std::uint16_t method = 0;
        std::uint32_t compressed = 0, size = 0, local = 0;
    };
    struct Xf {
        int numFmtId = 0;
        bool wrap = false;
    };

    std::uint32_t u16(std::size_t at) const {
        if (at + 2 > m_zip.size()) throw std::runtime_error("zip truncated");
        return static_cast<std::uint8_t>(m_zip[at]) |
               static_cast<std::uint32_t>(static_cast<std::uint8_t>(m_zip[at + 1])) << 8;
    }
    std::uint32_t u32(std::size_t at) const { return u16(at) | u16(at + 2) << 16; }

    void readDirectory() {
        if (m_zip.size() < 22) throw std::runtime_error("not a zip");
        std::size_t eocd = m_zip.size() - 22;
        while (u32(eocd) != 0x06054b50) {
            if (eocd == 0) throw std::runtime_error("no end of central directory");
            --eocd;
        }
        const std::uint32_t count = u16(eocd + 10);
        std::size_t at = u32(eocd + 16);
        for (std::uint32_t i = 0; i < count; ++i) {
            if (u32(at) != 0x02014b50) throw std::runtime_error("bad central directory");
            Entry e;
            e.method = static_cast<std::uint16_t>(u16(at + 10));
            e.compressed = u32(at + 20);
            e.size = u32(at + 24);
            const std::uint32_t nameLen = u16(at + 28), extra = u16(at + 30),
                                comment = u16(at + 32);
            e.local = u32(at + 42);
            m_entries[m_zip.substr(at + 46, nameLen)] = e;
            at += 46 + nameLen + extra + comment;
        }
    }

    std::string inflateEntry(const Entry& e) const {
        if (u32(e.local) != 0x04034b50) throw std::runtime_error("bad local header");
        const std::size_t data = e.local + 30 + u16(e.local + 26) + u16(e.local + 28);
        if (data + e.compressed > m_zip.size()) throw std::runtime_error("entry truncated");
        if (e.method == 0) return m_zip.substr(data, e.compressed);
        if (e.method != 8) throw std::runtime_error("unknown compression");
        std::string out(e.size, '\0');
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw std::runtime_error("inflateInit2");
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(m_zip.data() + data));
        z.avail_in = e.compressed;
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = e.size;
        const int rc = inflate(&z, Z_FINISH);
        inflateEnd(&z);
        if (rc != Z_STREAM_END || z.total_out != e.size) throw std::runtime_error("inflate");
        return out;
    }

    static std::string unescape(const std::string& s) {
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] != '&') {
                out += s[i];
                continue;
            }
            const std::size_t semi = s.find(';', i);
            const std::string ent = s.substr(i + 1, semi - i - 1);
            out += ent == "amp"    ? "&"
                   : ent == "lt"   ? "<"
                   : ent == "gt"   ? ">"
                   : ent == "quot" ? "\""
                                   : "'";
            i = semi;
        }
        return out;
    }
    static std::string attr(const std::string& tag, const std::string& name) {
        const std::string key = " " + name + "=\"";
        const std::size_t a = tag.find(key);
        if (a == std::string::npos) return {};
        const std::size_t b = a + key.size();
        return tag.substr(b, tag.find('"', b) - b);
    }
    /// Concatenated <t> texts inside `xml` (rich text runs included).
    static std::string texts(const std::string& xml) {
        std::string out;
        for (std::size_t at = 0; (at = xml.find("<t", at)) != std::string::npos;) {
            const std::size_t open = xml.find('>', at);
            if (xml[at + 2] != '>' && xml[at + 2] != ' ') {
                at = open;
                continue;
            }
            const std::size_t close = xml.find("</t>", open);
            out += unescape(xml.substr(open + 1, close - open - 1));
            at = close;
        }
        return out;
    }

    void readStyles() {
        const std::string xml = part("xl/styles.xml");
        for (std::size_t at = 0; (at = xml.find("<numFmt ", at)) != std::string::npos; ++at) {
            const std::string tag = xml.substr(at, xml.find('>', at) - at);
            m_numFmts[std::atoi(attr(tag, "numFmtId").c_str())] = unescape(attr(tag, "formatCode"));
        }
        const std::size_t begin = xml.find("<cellXfs"), end = xml.find("</cellXfs>");
        const std::string xfs = xml.substr(begin, end - begin);
        for (std::size_t at = 0; (at = xfs.find("<xf ", at)) != std::string::npos;) {
            const std::size_t next = xfs.find("<xf ", at + 1);
            const std::string one = xfs.substr(at, next - at);
            m_xfs.push_back({std::atoi(attr(one, "numFmtId").c_str()),
                             one.find("wrapText=\"1\"") != std::string::npos});
            at = next;
        }
    }

    void readSheet() {
        std::vector<std::string> shared;
        if (hasPart("xl/sharedStrings.xml")) {
            const std::string xml = part("xl/sharedStrings.xml");
            for (std::size_t at = 0; (at = xml.find("<si>", at)) != std::string::npos;) {
                const std::size_t end = xml.find("</si>", at);
                shared.push_back(texts(xml.substr(at, end - at)));
                at = end;
            }
        }
        m_sheet = part("xl/worksheets/sheet1.xml");
        for (std::size_t at = 0; (at = m_sheet.find("<c ", at)) != std::string::npos;) {
            const std::size_t tagEnd = m_sheet.find('>', at);
            const std::string tag = m_sheet.substr(at, tagEnd - at);
            Cell c;
            c.type = attr(tag, "t");
            c.style = std::atoi(attr(tag, "s").c_str());
            std::size_t next = tagEnd;
            if (m_sheet[tagEnd - 1] != '/') {
                next = m_sheet.find("</c>", tagEnd);
                const std::string inner = m_sheet.substr(tagEnd + 1, next - tagEnd - 1);
                if (c.type == "inlineStr") {
                    c.value = texts(inner);
                } else {
                    const std::size_t v = inner.find("<v>");
                    if (v != std::string::npos)
                        c.value = unescape(inner.substr(v + 3, inner.find("</v>") - v - 3));
                    if (c.type == "s") c.value = shared.at(std::stoul(c.value));
                }
            }
            m_cells[attr(tag, "r")] = c;
            at = next;
        }
    }

    std::string m_zip;
    std::map<std::string, Entry> m_entries;
    std::map<int, std::string> m_numFmts;
    std::vector<Xf> m_xfs;
    std::map<std::string, Cell> m_cells;
    std::string m_sheet;
};

/// A CSV file parsed as Excel reads it: a UTF-8 BOM selects UTF-8 (and is not part of the
/// first header), RFC 4180 quoting with doubled quotes, CRLF or LF records.
struct ExcelCsv {
    bool bom = false;
    bool crlf = true; // every record ends with CRLF
    std::vector<std::vector<std::string>> rows;
};

inline ExcelCsv readCsvAsExcel(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    ExcelCsv out;
    if (s.rfind("\xEF\xBB\xBF", 0) == 0) {
        out.bom = true;
        s.erase(0, 3);
    }
    std::vector<std::string> row{""};
    bool quoted = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quoted) {
            if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
                row.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                row.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.emplace_back();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
                ++i;
            else
                out.crlf = false;
            out.rows.push_back(std::move(row));
            row = {""};
        } else {
            row.back() += c;
        }
    }
    if (row.size() > 1 || !row[0].empty()) {
        out.crlf = false;
        out.rows.push_back(std::move(row));
    }
    return out;
}

} // namespace bdtest
