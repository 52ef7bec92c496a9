#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "storage/csvreader.h"

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

} // namespace

TEST(CsvReader, UnquotedFieldsOfEveryLengthAndByte) {
    // Fields are found eight bytes at a time: check every field length across word boundaries,
    // with ASCII, UTF-8 and other high bytes, against a plain split.
    std::mt19937 rng(5);
    const std::string alphabet[] = {"a", "7", " ", "\t", ".", "中", "\xC3\xA9", "\x7F", "\x80"};
    for (int round = 0; round < 200; ++round) {
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
                if (f == 0 && v.empty()) v = "x"; // a lone empty field would be a blank line
                fields.push_back(v);
                text += (f ? "," : "") + v;
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
