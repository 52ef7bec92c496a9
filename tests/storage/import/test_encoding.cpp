#include <gtest/gtest.h>

#include "core/refusal.h"
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

TEST(Encoding, GbBytesThatAreAlsoValidUtf8AreRefusedUnlessNamed) {
    // 卢伟 and 史原 in GB18030 are C2 AC CE B0 and CA B7 D4 AD: well-formed UTF-8 ("¬ΰ",
    // "ʷԭ").
    const std::string utf8 = "client_id,name,broker_id,open_date\n000101,卢伟,B01,2020-01-02\n"
                             "000102,史原,B01,2020-01-02\n";
    const std::string gb = *utf8ToGb18030(utf8);
    ASSERT_EQ(firstInvalidUtf8(gb), std::string_view::npos);
    auto d = decodeText(gb, Encoding::Auto, "clients.csv");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code, bd::ErrorCode::InvalidInput);
    EXPECT_EQ(d.error().file, "clients.csv");
    EXPECT_EQ(d.error().line, 2);
    EXPECT_EQ(d.error().column, 8); // the first byte of the name
    const std::string message = d.error().message;
    EXPECT_NE(message.find("--encoding gb18030"), std::string::npos) << message;
    EXPECT_NE(message.find("卢伟"), std::string::npos) << message; // the GB18030 reading
    EXPECT_NE(message.find("¬ΰ"), std::string::npos) << message;   // the UTF-8 reading
    // The fact the readers word: the bytes and both readings.
    ASSERT_TRUE(d.error().refusal);
    const bd::RefusalFact& fact = d.error().refusal->fact;
    EXPECT_EQ(fact.kind, bd::RefusalKind::ImportAmbiguousEncoding);
    EXPECT_EQ(fact.textOf(bd::Arg::Value), "0xC2 0xAC 0xCE 0xB0");
    EXPECT_EQ(fact.textOf(bd::Arg::AsUtf8), "¬ΰ");
    EXPECT_EQ(fact.textOf(bd::Arg::AsGb18030), "卢伟");
    // Named, either way, it is taken as said.
    d = decodeText(gb, Encoding::Gb18030, "clients.csv");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->text(), utf8);
    d = decodeText(gb, Encoding::Utf8, "clients.csv");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->text(), gb);
}

TEST(Encoding, Utf8OfChineseAndOfForeignNamesIsTakenAsUtf8) {
    // Chinese text (which as GB18030 bytes would be invalid or garbage) and Latin names with
    // diacritics (whose bytes GB18030 would read as Chinese: é is C3 A9, 茅 there).
    for (const std::string& text :
         {std::string("a,胡晓蓉\nb,阿依古丽·买买提\n"), std::string("a,José Müller\nb,Zoë\n"),
          std::string("header only, ascii\n") + std::string(3000000, 'x') + "\nz,张三\n"}) {
        auto d = decodeText(text, Encoding::Auto, "f.csv");
        ASSERT_TRUE(d.ok()) << d.error().toString();
        EXPECT_EQ(d->encoding, Encoding::Utf8);
        EXPECT_EQ(d->text(), text);
    }
    // GB18030 names far down a long file (past the first MiB of ASCII) are still caught.
    const std::string late =
        "a,b\n" + std::string(3000000, 'x') + "\n" + *utf8ToGb18030("c,卢伟\nd,史原\n");
    auto d = decodeText(late, Encoding::Auto, "f.csv");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().line, 3);
}

TEST(Encoding, NulByteIsBinary) {
    const std::string bytes("ab\ncd\0e", 7);
    auto d = decodeText(bytes, Encoding::Auto, "f.csv");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().line, 2);
    EXPECT_EQ(d.error().column, 3);
    EXPECT_EQ(d.error().message, "binary data (NUL byte); not a CSV text file");
    ASSERT_TRUE(d.error().refusal);
    EXPECT_EQ(d.error().refusal->fact.kind, bd::RefusalKind::ImportBinary);
    EXPECT_EQ(d.error().refusal->fact.textOf(bd::Arg::Value), "0x00 0x65");
}

TEST(Encoding, MixedEncodingsAreAFactNamingTheLineThatIsUtf8) {
    const std::string bytes =
        "a,b\n" + *utf8ToGb18030("c,平安银行\n") + "d,贵州茅台\n"; // line 2 GB18030, line 3 UTF-8
    auto d = decodeText(bytes, Encoding::Auto, "f.csv");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().line, 2);
    EXPECT_EQ(d.error().message.rfind("mixed encodings: this line is not UTF-8 but line 3 is", 0),
              0u)
        << d.error().message;
    ASSERT_TRUE(d.error().refusal);
    const bd::RefusalFact& fact = d.error().refusal->fact;
    EXPECT_EQ(fact.kind, bd::RefusalKind::ImportMixedEncoding);
    EXPECT_EQ(fact.countOf(bd::Arg::Item), 3);
    EXPECT_EQ(fact.textOf(bd::Arg::Value), d.error().value);
}

TEST(Encoding, APlainAsciiFileIsUtf8AndANulOrACharacterAnywhereInItIsSeen) {
    // Lengths about the 32-byte step of the ASCII check and its tail; a NUL byte or a
    // two-byte character at every offset.
    for (const std::size_t length : {0, 1, 31, 32, 33, 63, 64, 65, 130}) {
        std::string text;
        for (std::size_t i = 0; i < length; ++i) text += i % 20 == 19 ? '\n' : 'a';
        auto d = decodeText(text, Encoding::Auto, "f.csv");
        ASSERT_TRUE(d.ok());
        EXPECT_EQ(d->encoding, Encoding::Utf8);
        EXPECT_FALSE(d->bom);
        EXPECT_EQ(d->text().data(), text.data());
        EXPECT_EQ(d->text().size(), length);
        for (std::size_t at = 0; at < length; ++at) {
            std::string nul = text;
            nul[at] = '\0';
            d = decodeText(nul, Encoding::Auto, "f.csv");
            ASSERT_FALSE(d.ok()) << length << " " << at;
            EXPECT_EQ(d.error().line, static_cast<std::int64_t>(at / 20 + 1))
                << length << " " << at;
            EXPECT_EQ(d.error().column, static_cast<int>(at % 20 + 1)) << length << " " << at;
            const std::string named = text.substr(0, at) + "\xC3\xA9" + text.substr(at); // é
            d = decodeText(named, Encoding::Auto, "f.csv");
            ASSERT_TRUE(d.ok()) << length << " " << at;
            EXPECT_EQ(d->encoding, Encoding::Utf8);
            EXPECT_EQ(d->text(), named);
        }
    }
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
