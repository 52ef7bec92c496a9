#pragma once
// RFC 4180 CSV reader over UTF-8 text in memory. Fields are views into the text (zero-copy)
// unless they hold doubled quotes, which are unescaped into a per-record scratch buffer.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bd::storage {

/// One record: its fields, where it starts, and what was wrong with its quoting, if anything.
struct CsvRecord {
    std::vector<std::string_view> fields; // valid until the next call to CsvReader::next
    std::int64_t line = 0;                // 1-based physical line where the record starts
    std::string_view raw;                 // the record's text without its line terminator
    std::string error;                    // non-empty when the quoting is malformed
    int errorField = 0;                   // 1-based field of `error`
};

/// Reads records one by one: comma separators, '"' quoting with doubled quotes, newlines inside
/// quotes, LF or CRLF line ends. Blank lines are skipped.
class CsvReader {
  public:
    explicit CsvReader(std::string_view text) : m_text(text) {}
    /// Reads a stretch of a larger text that starts at a record boundary on `firstLine`.
    CsvReader(std::string_view text, std::int64_t firstLine) : m_text(text), m_line(firstLine) {}

    /// Reads the next non-blank record; false at the end of the text.
    bool next(CsvRecord& record);
    /// Bytes consumed so far.
    std::size_t offset() const { return m_pos; }
    std::size_t size() const { return m_text.size(); }
    /// 1-based physical line of the next record.
    std::int64_t line() const { return m_line; }

  private:
    struct Span {
        std::size_t begin;
        std::size_t end;
        bool unescape; // holds doubled quotes
    };
    enum class Plain { Record, Blank, Quoted };
    /// The line at m_pos, which ends at `lineEnd` (its '\n', or the end of the text), split at
    /// every comma in one scan. Quoted: it holds a '"', and nothing was consumed (the quoting
    /// path reads it). Blank: a blank line, consumed.
    Plain nextPlain(CsvRecord& record, std::size_t lineEnd);
    std::string_view m_text;
    std::size_t m_pos = 0;
    std::int64_t m_line = 1;
    std::vector<Span> m_spans;
    std::string m_scratch;
};

/// Appends `value` to `out` as a CSV field, quoting it when it holds ',', '"', CR, LF or
/// surrounding spaces or tabs.
void appendCsvField(std::string& out, std::string_view value);

} // namespace bd::storage
