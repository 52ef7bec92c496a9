#include "storage/import/csvreader.h"

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bd::storage {

namespace {

/// End of an unquoted field starting at p: the first ',' or '\n' at or after p, else n.
/// Eight bytes at a time (the classic "has a zero byte" test on the XOR with each stop byte;
/// its lowest flagged byte is always a true match), since this loop sees every byte of a file.
std::size_t unquotedFieldEnd(const char* d, std::size_t p, std::size_t n) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    constexpr std::uint64_t kCommas = kOnes * ',', kNewlines = kOnes * '\n';
    while (p + 8 <= n) {
        std::uint64_t w = 0;
        std::memcpy(&w, d + p, 8);
        const std::uint64_t a = w ^ kCommas, b = w ^ kNewlines;
        const std::uint64_t stop = ((a - kOnes) & ~a & kHighs) | ((b - kOnes) & ~b & kHighs);
        if (stop != 0) {
            if constexpr (std::endian::native == std::endian::little)
                return p + static_cast<std::size_t>(std::countr_zero(stop) >> 3);
            else
                break; // byte order of the word is reversed: the plain loop below decides
        }
        p += 8;
    }
    while (p < n && d[p] != ',' && d[p] != '\n') ++p;
    return p;
}

} // namespace

CsvReader::Plain CsvReader::nextPlain(CsvRecord& rec, std::size_t lineEnd) {
    const char* const d = m_text.data();
    const std::size_t n = m_text.size();
    const std::size_t start = m_pos;
    rec.fields.clear();
    std::size_t begin = start, p = start;
#if defined(__SSE2__)
    // Sixteen bytes at a time: one compare and one mask per chunk for the commas, one for a
    // quote (which sends the line to the quoting path).
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
    for (; p + 16 <= lineEnd; p += 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + p));
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, quote)) != 0) return Plain::Quoted;
        auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, comma)));
        while (mask != 0) {
            const std::size_t c = p + static_cast<std::size_t>(std::countr_zero(mask));
            rec.fields.emplace_back(d + begin, c - begin);
            begin = c + 1;
            mask &= mask - 1;
        }
    }
#endif
    for (; p < lineEnd; ++p) {
        if (d[p] == '"') return Plain::Quoted;
        if (d[p] != ',') continue;
        rec.fields.emplace_back(d + begin, p - begin);
        begin = p + 1;
    }
    // As the quoting path does: a '\r' before the '\n' ends the record (and its last field);
    // one at the very end of the text ends the record text only.
    std::size_t last = lineEnd;
    if (lineEnd < n && last > begin && d[last - 1] == '\r') --last;
    rec.fields.emplace_back(d + begin, last - begin);
    std::size_t recordEnd = lineEnd;
    if (recordEnd > start && d[recordEnd - 1] == '\r') --recordEnd;
    rec.raw = m_text.substr(start, recordEnd - start);
    rec.error.clear();
    rec.errorField = 0;
    rec.line = m_line;
    m_pos = lineEnd < n ? lineEnd + 1 : n;
    if (lineEnd < n) ++m_line;
    const bool blank =
        rec.fields.size() == 1 && rec.raw.find_first_not_of(" \t") == std::string_view::npos;
    return blank ? Plain::Blank : Plain::Record;
}

bool CsvReader::next(CsvRecord& rec) {
    const char* const data = m_text.data();
    const std::size_t n = m_text.size();
    for (;;) {
        if (m_pos >= n) return false;
        {
            // Most records are one line without a quote: split in one scan.
            const void* nl = std::memchr(data + m_pos, '\n', n - m_pos);
            const Plain plain = nextPlain(
                rec, nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data) : n);
            if (plain == Plain::Record) return true;
            if (plain == Plain::Blank) continue;
        }
        rec.fields.clear();
        rec.error.clear();
        rec.errorField = 0;
        rec.line = m_line;
        m_spans.clear();
        const std::size_t start = m_pos;
        std::size_t recordEnd = n; // end of the record text (before its line terminator)
        std::size_t p = m_pos;
        bool done = false;
        while (!done) {
            // One field starting at p.
            if (p < n && data[p] == '"') {
                const std::size_t begin = ++p;
                bool doubled = false;
                bool closed = false;
                while (p < n) {
                    const char c = data[p];
                    if (c == '"') {
                        if (p + 1 < n && data[p + 1] == '"') {
                            doubled = true;
                            p += 2;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    if (c == '\n') ++m_line;
                    ++p;
                }
                if (!closed) {
                    // EOF inside quotes: the file was cut off (or a quote was never closed).
                    if (rec.error.empty()) {
                        rec.error = "unterminated quoted field at end of file (truncated file?)";
                        rec.errorField = static_cast<int>(m_spans.size()) + 1;
                    }
                    m_spans.push_back({begin, n, doubled});
                    recordEnd = n;
                    p = n;
                    break;
                }
                m_spans.push_back({begin, p, doubled});
                ++p; // closing quote
                const bool crlf = p < n && data[p] == '\r' && (p + 1 == n || data[p + 1] == '\n');
                if (p < n && data[p] != ',' && data[p] != '\n' && !crlf) {
                    if (rec.error.empty()) {
                        rec.error = "unexpected text after a closing quote";
                        rec.errorField = static_cast<int>(m_spans.size());
                    }
                    // Resynchronise: skip to the next separator or line end.
                    while (p < n && data[p] != ',' && data[p] != '\n') ++p;
                }
            } else {
                const std::size_t begin = p;
                p = unquotedFieldEnd(data, p, n);
                std::size_t end = p;
                if (p < n && data[p] == '\n' && end > begin && data[end - 1] == '\r') --end;
                m_spans.push_back({begin, end, false});
            }
            // Separator or record end.
            if (p >= n || (data[p] == '\r' && p + 1 == n)) {
                recordEnd = p;
                p = n;
                if (recordEnd > start && data[recordEnd - 1] == '\r' && rec.error.empty())
                    --recordEnd;
                done = true;
            } else if (data[p] == ',') {
                ++p;
            } else if (data[p] == '\r' && p + 1 < n && data[p + 1] == '\n') {
                recordEnd = p;
                p += 2;
                ++m_line;
                done = true;
            } else if (data[p] == '\n') {
                recordEnd = p > start && data[p - 1] == '\r' ? p - 1 : p;
                ++p;
                ++m_line;
                done = true;
            } else {
                ++p; // unreachable: a field ends at ',', a line end or EOF
            }
        }
        m_pos = p;
        rec.raw = m_text.substr(start, recordEnd - start);
        if (m_spans.size() == 1 && rec.error.empty() &&
            rec.raw.find_first_not_of(" \t") == std::string_view::npos)
            continue; // blank line
        // Unescape doubled quotes into the scratch buffer (reserved first so views stay valid).
        std::size_t need = 0;
        for (const Span& s : m_spans)
            if (s.unescape) need += s.end - s.begin;
        m_scratch.clear();
        m_scratch.reserve(need);
        rec.fields.reserve(m_spans.size());
        for (const Span& s : m_spans) {
            if (!s.unescape) {
                rec.fields.emplace_back(data + s.begin, s.end - s.begin);
                continue;
            }
            const std::size_t from = m_scratch.size();
            for (std::size_t i = s.begin; i < s.end; ++i) {
                m_scratch.push_back(data[i]);
                if (data[i] == '"' && i + 1 < s.end && data[i + 1] == '"') ++i;
            }
            rec.fields.emplace_back(m_scratch.data() + from, m_scratch.size() - from);
        }
        return true;
    }
}

void appendCsvField(std::string& out, std::string_view v) {
    // Surrounding blanks are quoted: a record of one field of spaces or tabs written bare would
    // read back as a blank line, and be skipped.
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    bool quote = !v.empty() && (blank(v.front()) || blank(v.back()));
    for (char c : v) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(v);
        return;
    }
    out += '"';
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

} // namespace bd::storage
