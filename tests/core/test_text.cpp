#include <gtest/gtest.h>

#include <string>

#include "core/text.h"

TEST(Text, Utf8ValidityAndSequenceLengths) {
    EXPECT_TRUE(bd::isValidUtf8("plain ASCII, 123"));
    EXPECT_TRUE(bd::isValidUtf8("客户经理 \xC3\xA9 \xF0\x9F\x93\x88")); // 3-, 2- and 4-byte
    for (const char* bad : {"\xC0\x80",                                 // overlong NUL
                            "\xED\xA0\x80",                             // a surrogate
                            "\xE4\xB8",                                 // cut off
                            "\x80",                                     // a lone continuation byte
                            "\xF4\x90\x80\x80"})                        // beyond U+10FFFF
        EXPECT_FALSE(bd::isValidUtf8(bad)) << bad;
    const std::string han = "中";
    const auto* p = reinterpret_cast<const unsigned char*>(han.data());
    EXPECT_EQ(bd::utf8SequenceLength(p, p + han.size()), 3);
    EXPECT_EQ(bd::utf8SequenceLength(p, p + 2), 0);
}

TEST(Text, TrimTakesBlanksOffBothEndsOnly) {
    EXPECT_EQ(bd::trim(" \t a b \r\n"), "a b");
    EXPECT_EQ(bd::trim("ab"), "ab");
    EXPECT_EQ(bd::trim("   "), "");
    EXPECT_EQ(bd::trim(""), "");
    EXPECT_EQ(bd::trim("a "), "a");
    EXPECT_EQ(bd::trim(" a"), "a");
}
