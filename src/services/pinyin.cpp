#include "services/pinyin.h"

#include <spdlog/spdlog.h>
#include <unicode/translit.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <memory>
#include <unordered_map>

namespace bd::services {

namespace {

// Surnames whose reading as a surname is not ICU's (its most common reading of the character;
// ICU 72's in brackets). Code points, not literals: Chinese text lives in the phrasebook.
constexpr struct {
    UChar32 c;
    const char* reading;
} kSurnames[] = {
    {0x5355, "shan"},  // 单 (ICU: dan)
    {0x66FE, "zeng"},  // 曾 (ceng)
    {0x89E3, "xie"},   // 解 (jie)
    {0x4EC7, "qiu"},   // 仇 (chou)
    {0x533A, "ou"},    // 区 (qu)
    {0x6734, "piao"},  // 朴 (pu)
    {0x67E5, "zha"},   // 查 (cha)
    {0x76D6, "ge"},    // 盖 (gai)
    {0x4E50, "yue"},   // 乐 (le)
    {0x7FDF, "zhai"},  // 翟 (di)
    {0x7F2A, "miao"},  // 缪 (mou)
    {0x8983, "qin"},   // 覃 (tan)
    {0x79CD, "chong"}, // 种 (zhong)
    {0x79D8, "bi"},    // 秘 (mi)
    {0x5458, "yun"},   // 员 (yuan)
    {0x53EC, "shao"},  // 召 (zhao)
    {0x7E41, "po"},    // 繁 (fan)
    {0x9ED1, "he"},    // 黑 (hei)
    {0x8C0C, "chen"},  // 谌 (shen)
    {0x5C09, "yu"},    // 尉 (wei; 尉迟 yuchi)
    {0x6D17, "xian"},  // 洗 (xi)
};

struct Shared {
    std::mutex mutex;
    std::unique_ptr<icu::Transliterator> translit; // nullptr until first use, or when unavailable
    bool tried = false;
    std::unordered_map<UChar32, std::string> syllables; // per Han character, "" when unread
};

Shared& shared() {
    static Shared s;
    return s;
}

bool isHan(UChar32 c) {
    UErrorCode err = U_ZERO_ERROR;
    return uscript_getScript(c, &err) == USCRIPT_HAN && U_SUCCESS(err);
}

const std::string& syllableOf(Shared& s, UChar32 c) {
    if (auto it = s.syllables.find(c); it != s.syllables.end()) return it->second;
    if (!s.tried) {
        s.tried = true;
        UErrorCode err = U_ZERO_ERROR;
        s.translit.reset(
            icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, err));
        if (U_FAILURE(err)) {
            spdlog::warn("pinyin: ICU's Han-Latin transliterator is unavailable ({}); search "
                         "finds names without pinyin",
                         u_errorName(err));
            s.translit.reset();
        }
    }
    std::string letters;
    if (s.translit) {
        icu::UnicodeString text(c);
        s.translit->transliterate(text);
        std::string utf8;
        text.toUTF8String(utf8);
        for (char ch : utf8) {
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
            if (ch >= 'a' && ch <= 'z') letters += ch;
        }
    }
    return s.syllables.emplace(c, std::move(letters)).first->second;
}

const char* surnameReading(UChar32 c) {
    for (const auto& s : kSurnames)
        if (s.c == c) return s.reading;
    return nullptr;
}

} // namespace

PinyinReader::PinyinReader() : m_lock(shared().mutex) {}
PinyinReader::~PinyinReader() = default;

std::vector<PinyinReading> PinyinReader::readings(std::string_view name) {
    Shared& s = shared();
    PinyinReading r;
    std::string word; // a Latin word being read
    const char* surname = nullptr;
    std::size_t surnameLength = 0; // letters of the first syllable in r.full
    bool first = true;
    auto endWord = [&] {
        if (word.empty()) return;
        r.full += word;
        r.initials += word.front();
        word.clear();
        first = false;
    };
    const auto* text = reinterpret_cast<const std::uint8_t*>(name.data());
    const auto length = static_cast<std::int32_t>(name.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(text, i, length, c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            continue;
        }
        endWord();
        if (c < 0 || !isHan(c)) continue;
        const std::string& syllable = syllableOf(s, c);
        if (syllable.empty()) continue;
        if (first) {
            surname = surnameReading(c);
            surnameLength = syllable.size();
        }
        r.full += syllable;
        r.initials += syllable.front();
        first = false;
    }
    endWord();
    std::vector<PinyinReading> out;
    if (r.full.empty()) return out;
    out.push_back(r);
    if (surname != nullptr && r.full.compare(0, surnameLength, surname) != 0) {
        PinyinReading alt;
        alt.full = surname + r.full.substr(surnameLength);
        alt.initials = surname[0] + r.initials.substr(1);
        out.push_back(std::move(alt));
    }
    return out;
}

std::vector<PinyinReading> pinyinReadings(std::string_view name) {
    return PinyinReader().readings(name);
}

} // namespace bd::services
