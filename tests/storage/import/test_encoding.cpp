#include <gtest/gtest.h>

#include "core/text.h"
#include "storage/import/encoding.h"

namespace {

using namespace bd::storage;

TEST(Encoding, ParseNames) {
    EXPECT_EQ(parseEncoding("AUTO"), Encoding::Auto);
    EXPECT_EQ(parseEncoding("utf8"), Encoding::Utf8);
    EXPECT_EQ(parseEncoding("UTF-8"), Encoding::Utf8);
    EXPECT_EQ(parseEncoding("gbk"), Encoding::Gb18030);
    EXPECT_EQ(parseEncoding("latin1"), std::nullopt);
}

TEST(Encoding, Utf8WithAndWithoutBomIsZeroCopy) {
    const std::string plain = "a,客户\n";
    auto d = decodeText(plain, Encoding::Auto, "f.csv");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->encoding, Encoding::Utf8);
    EXPECT_FALSE(d->bom);
    EXPECT_EQ(d->text().data(), plain.data());
    const std::string bom = "\xEF\xBB\xBF" + plain;
    d = decodeText(bom, Encoding::Auto, "f.csv");
    ASSERT_TRUE(d.ok());
    EXPECT_TRUE(d->bom);
    EXPECT_EQ(d->text(), plain);
}

TEST(Encoding, Gb18030DetectedAndConverted) {
    const std::string utf8 = "客户号,姓名\nC1,张三\n";
    const std::string gb = *utf8ToGb18030(utf8);
    ASSERT_NE(gb, utf8);
    auto d = decodeText(gb, Encoding::Auto, "f.csv");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->encoding, Encoding::Gb18030);
    EXPECT_EQ(d->text(), utf8);
    DecodedText moved = std::move(*d); // text() stays valid after a move
    EXPECT_EQ(moved.text(), utf8);
}

TEST(Encoding, ForcedUtf8RejectsGbBytesWithLocation) {
    const std::string gb = *utf8ToGb18030("a,b\nc,张\n");
    auto d = decodeText(gb, Encoding::Utf8, "f.csv");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code, bd::ErrorCode::InvalidInput);
    EXPECT_EQ(d.error().file, "f.csv");
    EXPECT_EQ(d.error().line, 2);
    EXPECT_EQ(d.error().column, 3);
    EXPECT_EQ(d.error().toString().rfind("f.csv:2:3: invalid UTF-8 byte sequence", 0), 0u);
}

TEST(Encoding, NulByteIsBinary) {
    const std::string bytes("ab\ncd\0e", 7);
    auto d = decodeText(bytes, Encoding::Auto, "f.csv");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().line, 2);
    EXPECT_EQ(d.error().column, 3);
}

TEST(Encoding, FirstInvalidUtf8) {
    EXPECT_EQ(firstInvalidUtf8("plain ascii text that is long enough"), std::string_view::npos);
    EXPECT_EQ(firstInvalidUtf8("0123456789\xC0\x80"), 10u); // overlong
    EXPECT_EQ(firstInvalidUtf8("ok \xED\xA0\x80"), 3u);     // surrogate
    EXPECT_EQ(firstInvalidUtf8("\xE4\xB8"), 0u);            // truncated
    EXPECT_EQ(firstInvalidUtf8("\xF0\x9F\x98\x80 fine"), std::string_view::npos);
}

TEST(Encoding, FirstInvalidUtf8AtAnyPlaceAgreesWithTheSequenceRule) {
    // Long ASCII runs (the 32- and 8-byte steps) with a multi-byte character, a broken one or
    // nothing at every offset: the answer must be that of checking sequence by sequence.
    const auto reference = [](std::string_view s) {
        const auto* b = reinterpret_cast<const unsigned char*>(s.data());
        const auto* e = b + s.size();
        for (const auto* p = b; p < e;) {
            if (*p < 0x80) {
                ++p;
                continue;
            }
            const int n = bd::utf8SequenceLength(p, e);
            if (n == 0) return static_cast<std::size_t>(p - b);
            p += n;
        }
        return std::string_view::npos;
    };
    const char* inserts[] = {"",         "\xE4\xB8\xAD", "\xC3\xA9", "\xF0\x9F\x98\x80",
                             "\xE4\xB8", "\x80",         "\xC0\x80", "\xFF"};
    for (std::size_t len = 0; len < 100; ++len)
        for (const char* ins : inserts)
            for (std::size_t at = 0; at <= len; at += 1 + len / 40) {
                std::string s(len, 'a');
                s.insert(at, ins);
                ASSERT_EQ(firstInvalidUtf8(s), reference(s)) << len << " " << at;
            }
}

} // namespace
