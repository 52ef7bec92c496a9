#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "storage/import/csvreader.h"

namespace {

using bd::storage::CsvReader;
using bd::storage::CsvRecord;

std::vector<std::vector<std::string>> readAll(std::string_view text,
                                              std::vector<std::int64_t>* lines = nullptr,
                                              std::vector<std::string>* errors = nullptr) {
    CsvReader r(text);
    CsvRecord rec;
    std::vector<std::vector<std::string>> out;
    while (r.next(rec)) {
        out.emplace_back(rec.fields.begin(), rec.fields.end());
        if (lines) lines->push_back(rec.line);
        if (errors) errors->push_back(rec.error);
    }
    return out;
}

TEST(CsvReader, PlainFieldsLfAndCrlf) {
    const auto lf = readAll("a,b,c\n1,,3\n");
    const auto crlf = readAll("a,b,c\r\n1,,3\r\n");
    const std::vector<std::vector<std::string>> want{{"a", "b", "c"}, {"1", "", "3"}};
    EXPECT_EQ(lf, want);
    EXPECT_EQ(crlf, want);
    EXPECT_EQ(readAll("a,b\n1,2"), (std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvReader, QuotedCommasDoubledQuotesNewlines) {
    std::vector<std::int64_t> lines;
    const auto rows =
        readAll("x,\"a,b\",\"say \"\"hi\"\"\"\n\"multi\nline\",\"\",z\r\nlast,1,2\n", &lines);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"x", "a,b", "say \"hi\""}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"multi\nline", "", "z"}));
    EXPECT_EQ(lines, (std::vector<std::int64_t>{1, 2, 4}));
}

TEST(CsvReader, BlankLinesSkippedButCounted) {
    std::vector<std::int64_t> lines;
    const auto rows = readAll("a\n\n\r\n  \nb\n", &lines);
    EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{{"a"}, {"b"}}));
    EXPECT_EQ(lines, (std::vector<std::int64_t>{1, 5}));
}

TEST(CsvReader, UnterminatedQuoteAtEof) {
    std::vector<std::string> errors;
    const auto rows = readAll("a,b\n1,\"abc\ndef", nullptr, &errors);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(errors[0], "");
    EXPECT_NE(errors[1].find("unterminated"), std::string::npos);
}

TEST(CsvReader, TextAfterClosingQuoteIsAnErrorAndReaderResynchronises) {
    std::vector<std::string> errors;
    const auto rows = readAll("\"ab\"x,c\nd,e\n", nullptr, &errors);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_NE(errors[0].find("after a closing quote"), std::string::npos);
    EXPECT_EQ(rows[1], (std::vector<std::string>{"d", "e"}));
    EXPECT_EQ(errors[1], "");
}

TEST(CsvReader, RawRecordAndOffset) {
    CsvReader r("h1,h2\r\n\"a\nb\",c\r\n");
    CsvRecord rec;
    ASSERT_TRUE(r.next(rec));
    EXPECT_EQ(rec.raw, "h1,h2");
    ASSERT_TRUE(r.next(rec));
    EXPECT_EQ(rec.raw, "\"a\nb\",c");
    EXPECT_EQ(r.offset(), r.size());
    EXPECT_FALSE(r.next(rec));
}

TEST(CsvWriter, QuotesOnlyWhenNeededAndRoundTrips) {
    std::string out;
    for (std::string_view v : {"plain", "a,b", "say \"x\"", "two\nlines", " pad", ""}) {
        if (!out.empty()) out += ',';
        bd::storage::appendCsvField(out, v);
    }
    EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\" pad\",");
    const auto rows = readAll(out);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0],
              (std::vector<std::string>{"plain", "a,b", "say \"x\"", "two\nlines", " pad", ""}));
}

TEST(CsvWriter, ARecordOfBlanksIsNotABlankLine) {
    // Found by the csv fuzz harness: a lone field of tabs was written bare and read back as a
    // blank line, which the reader skips.
    for (std::string_view v : {"\t", " ", "\t \t", "a\t", "\ta"}) {
        std::string out;
        bd::storage::appendCsvField(out, v);
        EXPECT_EQ(out, "\"" + std::string(v) + "\"") << out;
        EXPECT_EQ(readAll(out + "\n"), (std::vector<std::vector<std::string>>{{std::string(v)}}));
    }
}

} // namespace

TEST(CsvReader, UnquotedFieldsOfEveryLengthAndByte) {
    // Fields are found sixteen bytes at a time on a line without a quote, eight at a time by
    // the quoting path: check every field length across those boundaries, with ASCII, UTF-8
    // and other high bytes, against a plain split. Odd rounds end each line with a quoted
    // field, which sends the whole line through the quoting path.
    std::mt19937 rng(5);
    const std::string alphabet[] = {"a", "7", " ", "\t", ".", "中", "\xC3\xA9", "\x7F", "\x80"};
    for (int round = 0; round < 400; ++round) {
        const bool quoted = round % 2 == 1;
        std::vector<std::vector<std::string>> expected;
        std::string text;
        const int lines = 1 + static_cast<int>(rng() % 4);
        for (int l = 0; l < lines; ++l) {
            std::vector<std::string> fields;
            const int count = 1 + static_cast<int>(rng() % 5);
            for (int f = 0; f < count; ++f) {
                std::string v;
                const int len = static_cast<int>(rng() % 19);
                for (int k = 0; k < len; ++k) v += alphabet[rng() % std::size(alphabet)];
                if (f == 0 && v.find_first_not_of(" \t") == std::string::npos)
                    v += "x"; // a lone blank field would be a blank line (skipped)
                fields.push_back(v);
                text += (f ? "," : "") + v;
            }
            if (quoted) {
                fields.push_back("q,\"");
                text += ",\"q,\"\"\"";
            }
            text += (rng() % 2) ? "\r\n" : "\n";
            expected.push_back(fields);
        }
        bd::storage::CsvReader reader(text);
        bd::storage::CsvRecord rec;
        for (const auto& fields : expected) {
            ASSERT_TRUE(reader.next(rec)) << round;
            ASSERT_EQ(std::vector<std::string>(rec.fields.begin(), rec.fields.end()), fields)
                << round;
        }
        EXPECT_FALSE(reader.next(rec));
    }
}

namespace {

struct RefRecord {
    std::vector<std::string> fields;
    std::int64_t line = 0;
    std::string raw;
};

/// The reader's rules for text without quotes, spelled out: records end at '\n'; one '\r'
/// before it belongs to no field; a '\r' at the very end of the text leaves the record text
/// but stays in its last field; a record of one blank field is skipped (its line counted).
std::vector<RefRecord> referenceSplit(const std::string& text) {
    std::vector<RefRecord> out;
    std::size_t pos = 0;
    std::int64_t line = 1;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const bool hasNl = nl != std::string::npos;
        std::string seg = text.substr(pos, (hasNl ? nl : text.size()) - pos);
        std::string raw = seg;
        if (!raw.empty() && raw.back() == '\r') raw.pop_back();
        const std::string body = hasNl ? raw : seg;
        RefRecord r;
        r.line = line;
        r.raw = raw;
        std::size_t b = 0;
        for (std::size_t c; (c = body.find(',', b)) != std::string::npos; b = c + 1)
            r.fields.push_back(body.substr(b, c - b));
        r.fields.push_back(body.substr(b));
        if (r.fields.size() > 1 || raw.find_first_not_of(" \t") != std::string::npos)
            out.push_back(r);
        pos = hasNl ? nl + 1 : text.size();
        ++line;
    }
    return out;
}

} // namespace

TEST(CsvReader, TextWithoutQuotesFollowsTheRecordRules) {
    // Texts without a quote take the reader's one-scan path: its records, lines and record
    // texts must follow the same rules as the quoting path, including CR, blank lines and a
    // last line without its '\n'; lines longer and shorter than the 16-byte scan step.
    std::mt19937 rng(11);
    const char alphabet[] = {'a', '9', ',', ',', ',', ' ', '\t', '\r', '\n', '\xE4', '\x80'};
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        const int len = static_cast<int>(rng() % 90);
        for (int k = 0; k < len; ++k) text += alphabet[rng() % std::size(alphabet)];
        const auto expected = referenceSplit(text);
        CsvReader reader(text);
        CsvRecord rec;
        for (const RefRecord& e : expected) {
            ASSERT_TRUE(reader.next(rec)) << round;
            ASSERT_EQ(std::vector<std::string>(rec.fields.begin(), rec.fields.end()), e.fields)
                << round;
            ASSERT_EQ(rec.line, e.line) << round;
            ASSERT_EQ(std::string(rec.raw), e.raw) << round;
            ASSERT_TRUE(rec.error.empty()) << round;
        }
        EXPECT_FALSE(reader.next(rec)) << round;
        EXPECT_EQ(reader.offset(), text.size()) << round;
    }
}

TEST(CsvReader, QuotedRecordBetweenPlainOnesSwitchesPathsAndBack) {
    std::vector<std::int64_t> lines;
    const auto recs = readAll("id,note,amount\n1,plain,2\n2,\"a, \"\"b\"\"\nc\",3\n3,after,4\n"
                              "\n4,\"q\",5\r\n5,last,6",
                              &lines);
    const std::vector<std::vector<std::string>> expected = {
        {"id", "note", "amount"}, {"1", "plain", "2"}, {"2", "a, \"b\"\nc", "3"},
        {"3", "after", "4"},      {"4", "q", "5"},     {"5", "last", "6"}};
    EXPECT_EQ(recs, expected);
    EXPECT_EQ(lines, (std::vector<std::int64_t>{1, 2, 3, 5, 7, 8}));
}
