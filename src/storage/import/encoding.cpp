#include "storage/import/encoding.h"

#include "core/enumkeys.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/refusal.h"
#include "core/text.h"

namespace bd::storage {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGbBom = "\x84\x31\x95\x33";
/// How much of a valid UTF-8 file doubtUtf8 reads (from its first non-ASCII line).
constexpr std::size_t kDoubtSampleBytes = std::size_t{1} << 20;

/// Calls `fn(p, n)` at each non-ASCII sequence of `text` in turn: `p` its first byte, `n` its
/// length as UTF-8 (0: not well-formed, passed over as one byte); stops where `fn` says false.
/// False when it stopped.
template <typename Fn>
bool eachNonAscii(std::string_view text, Fn&& fn) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* e = p + text.size();
    for (;;) {
        while (p < e && *p < 0x80) ++p;
        if (p == e) return true;
        const int n = utf8SequenceLength(p, e);
        if (!fn(p, n)) return false;
        p += std::max(1, n);
    }
}

/// Offset of the first byte of `s` that is not ASCII or is NUL, or s.size() when there is none:
/// 32 bytes at a time where SSE2 is there (every x86-64). Most interchange files are ASCII
/// throughout (ids, codes, times, amounts), and this one pass is all they need.
std::size_t plainAsciiPrefix(std::string_view s) {
    const auto* begin = reinterpret_cast<const unsigned char*>(s.data());
    const auto* p = begin;
    const auto* end = p + s.size();
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    while (end - p >= 32) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
        const __m128i nul = _mm_or_si128(_mm_cmpeq_epi8(a, zero), _mm_cmpeq_epi8(b, zero));
        if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), nul)) != 0) break;
        p += 32;
    }
#endif
    while (p < end && *p != 0 && *p < 0x80) ++p;
    return static_cast<std::size_t>(p - begin);
}

/// Result of classifying a text that is not UTF-8 as a whole: is some line clearly UTF-8?
/// A GB18030 line with two or more CJK characters is practically never valid UTF-8.
std::size_t findUtf8Line(std::string_view s) {
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string_view::npos) end = s.size();
        const std::string_view line = s.substr(start, end - start);
        int multi = 0;
        const bool valid = eachNonAscii(line, [&](const unsigned char*, int n) {
            if (n >= 3) ++multi;
            return n != 0;
        });
        if (valid && multi >= 2) return start;
        start = end + 1;
    }
    return std::string_view::npos;
}

/// The code point of the well-formed UTF-8 sequence of `n` bytes at `p`.
char32_t codePoint(const unsigned char* p, int n) {
    if (n == 1) return p[0];
    char32_t c = p[0] & (0x7F >> n);
    for (int i = 1; i < n; ++i) c = (c << 6) | (p[i] & 0x3F);
    return c;
}

/// Characters a name, address or note of a Chinese book is made of beyond ASCII: CJK
/// ideographs, symbols and punctuation, full-width forms, and Latin letters with diacritics
/// (foreign names; the middle dot of transcribed names). Symbols, Greek, Cyrillic, modifier
/// letters and the like are what GB18030 bytes look like when they are read as UTF-8.
bool plausibleInBook(char32_t c) {
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3134F) || c == 0xB7 ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || c == 0x2022 ||
           (c >= 0x2018 && c <= 0x201D);
}

/// Of the non-ASCII characters of well-formed UTF-8 `text`: how many, and how many plausible.
std::pair<std::size_t, std::size_t> plausibility(std::string_view text) {
    std::size_t all = 0, plausible = 0;
    eachNonAscii(text, [&](const unsigned char* p, int n) {
        ++all;
        if (plausibleInBook(codePoint(p, std::max(1, n)))) ++plausible;
        return true;
    });
    return {all, plausible};
}

/// The first run of non-ASCII characters of UTF-8 `text` (at most 8 characters), for a message.
std::string firstNonAsciiRun(std::string_view text) {
    const auto* b = reinterpret_cast<const unsigned char*>(text.data());
    const auto* e = b + text.size();
    const auto* p = b;
    while (p < e && *p < 0x80) ++p;
    const auto* from = p;
    for (int chars = 0; p < e && *p >= 0x80 && chars < 8; ++chars)
        p += std::max(1, utf8SequenceLength(p, e));
    return std::string(reinterpret_cast<const char*>(from), static_cast<std::size_t>(p - from));
}

/// A problem of the file's bytes at `offset`: the fact the readers word (`fact`, to which the
/// bytes there are added as its value), with the English of `message` for logs and toString.
Error locatedError(std::string_view bytes, std::size_t offset, const std::string& file,
                   RefusalFact fact, std::string message) {
    Error e = makeError(ErrorCode::InvalidInput, std::move(message));
    e.file = file;
    locateOffset(bytes, offset, e.line, e.column);
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (std::size_t i = offset; i < bytes.size() && i < offset + 4; ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (!e.value.empty()) e.value += ' ';
        e.value += "0x";
        e.value += kHex[b >> 4];
        e.value += kHex[b & 15];
    }
    fact.text(Arg::Value, e.value);
    e.refusal = std::make_shared<const Refusal>(Refusal{std::move(fact), {}});
    return e;
}

Result<std::string> convert(const char* to, const char* from, std::string_view in,
                            std::size_t* badOffset) {
    iconv_t cd = iconv_open(to, from);
    if (cd == reinterpret_cast<iconv_t>(-1))
        return makeError(ErrorCode::Internal,
                         std::string("iconv cannot convert ") + from + " to " + to);
    std::string out;
    out.resize(in.size() + in.size() / 2 + 16);
    char* inPtr = const_cast<char*>(in.data());
    std::size_t inLeft = in.size();
    std::size_t used = 0;
    for (;;) {
        char* outPtr = out.data() + used;
        std::size_t outLeft = out.size() - used;
        const std::size_t rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft);
        used = out.size() - outLeft;
        if (rc != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        const std::size_t at = static_cast<std::size_t>(inPtr - in.data());
        iconv_close(cd);
        if (badOffset) *badOffset = at;
        Error e =
            makeError(ErrorCode::InvalidInput, errno == EINVAL ? "incomplete multibyte sequence"
                                                               : "invalid multibyte sequence");
        return e;
    }
    iconv_close(cd);
    out.resize(used);
    return out;
}

} // namespace

std::optional<Encoding> parseEncoding(std::string_view name) {
    const std::string n = toLowerAscii(trim(name));
    if (n == "auto") return Encoding::Auto;
    if (n == "utf-8" || n == "utf8") return Encoding::Utf8;
    if (n == "gb18030" || n == "gbk" || n == "gb2312") return Encoding::Gb18030;
    return std::nullopt;
}

constexpr auto kEncodingKeys = enumKeys<Encoding>("auto", "utf-8", "gb18030");

std::string_view encodingName(Encoding e) {
    return kEncodingKeys(e);
}

std::size_t firstInvalidUtf8(std::string_view s) {
    const auto* begin = reinterpret_cast<const unsigned char*>(s.data());
    const auto* p = begin;
    const auto* end = p + s.size();
    while (p < end) {
        // ASCII fast path: 32 bytes at a time where SSE2 is there (every x86-64), then 8.
#if defined(__SSE2__)
        while (end - p >= 32) {
            const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
            if (_mm_movemask_epi8(_mm_or_si128(a, b)) != 0) break;
            p += 32;
        }
#endif
        while (end - p >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            if (w & 0x8080808080808080ULL) break;
            p += 8;
        }
        if (p >= end) break;
        if (*p < 0x80) {
            ++p;
            continue;
        }
        const int n = utf8SequenceLength(p, end);
        if (n == 0) return static_cast<std::size_t>(p - begin);
        p += n;
    }
    return std::string_view::npos;
}

void locateOffset(std::string_view bytes, std::size_t offset, std::int64_t& line, int& column) {
    line = 1;
    std::size_t lineStart = 0;
    const std::size_t limit = offset < bytes.size() ? offset : bytes.size();
    for (std::size_t i = 0; i < limit; ++i) {
        if (bytes[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    column = static_cast<int>(offset - lineStart) + 1;
}

Result<std::string> gb18030ToUtf8(std::string_view bytes, std::size_t* badOffset) {
    return convert("UTF-8", "GB18030", bytes, badOffset);
}

Result<std::string> utf8ToGb18030(std::string_view utf8) {
    return convert("GB18030", "UTF-8", utf8, nullptr);
}

namespace {

/// Valid UTF-8 is not always UTF-8: a GB18030 file of a few names can be well-formed UTF-8 too
/// (卢伟 is C2 AC CE B0, which UTF-8 reads as "¬ΰ"). From the first line with a non-ASCII byte
/// (up to 1 MiB of lines): when the UTF-8 reading is mostly characters no book holds while the
/// same bytes read as GB18030 are mostly Chinese, the file is refused, located at that byte,
/// with both readings, for the user to name the encoding. ICU's charset detector was tried
/// for this and is no help: it rates such a file UTF-8 with confidence 100 and, on files of a
/// few GB18030 names, does not list GB18030 at all (it answers ISO-8859-1, 38-48).
/// `first`: the offset of the first non-ASCII byte (bytes.size(): none).
std::optional<Error> doubtUtf8(std::string_view bytes, std::size_t first, const std::string& file) {
    if (first >= bytes.size()) return std::nullopt;             // ASCII: both readings agree
    const std::size_t lineStart = bytes.rfind('\n', first) + 1; // npos + 1 = 0
    std::string_view sample = bytes.substr(lineStart);
    if (sample.size() > kDoubtSampleBytes) {
        // Whole lines: a line end never lies inside a GB18030 character.
        const std::size_t cut = sample.rfind('\n', kDoubtSampleBytes);
        sample = sample.substr(0, cut == std::string_view::npos ? kDoubtSampleBytes : cut + 1);
    }
    const auto [all, plausible] = plausibility(sample);
    if (plausible * 2 >= all) return std::nullopt;
    auto gb = gb18030ToUtf8(sample);
    if (!gb) return std::nullopt; // not GB18030 either: UTF-8 it is
    const auto [gbAll, gbPlausible] = plausibility(*gb);
    if (gbPlausible * 2 < gbAll) return std::nullopt;
    const std::string_view line = sample.substr(0, sample.find('\n'));
    auto gbLine = gb18030ToUtf8(line);
    const std::string asUtf8 = firstNonAsciiRun(line),
                      asGb = firstNonAsciiRun(gbLine ? std::string_view(*gbLine) : "");
    return locatedError(bytes, first, file,
                        RefusalFact(RefusalKind::ImportAmbiguousEncoding)
                            .text(Arg::AsUtf8, asUtf8)
                            .text(Arg::AsGb18030, asGb),
                        "the encoding is ambiguous: these bytes are valid UTF-8 (\"" + asUtf8 +
                            "\") and GB18030 (\"" + asGb +
                            "\"), and read as Chinese only in GB18030; name the encoding: "
                            "--encoding gb18030 or --encoding utf-8");
}

} // namespace

Result<DecodedText> decodeText(std::string_view bytes, Encoding requested,
                               const std::string& file) {
    // Up to `plain` the bytes are ASCII without NUL: nothing there to check again.
    const std::size_t plain = plainAsciiPrefix(bytes);
    DecodedText d;
    if (plain == bytes.size() && requested != Encoding::Gb18030) {
        d.encoding = Encoding::Utf8;
        d.input = bytes;
        return d;
    }
    if (const void* nul = std::memchr(bytes.data() + plain, 0, bytes.size() - plain)) {
        const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
        return locatedError(bytes, at, file, RefusalFact(RefusalKind::ImportBinary),
                            "binary data (NUL byte); not a CSV text file");
    }
    const bool utf8Bom = bytes.substr(0, 3) == kUtf8Bom;
    Encoding enc = requested;
    bool validUtf8 = false; // already checked whole (no BOM): one pass over the file, not two
    if (enc == Encoding::Auto) {
        if (utf8Bom) {
            enc = Encoding::Utf8;
        } else if (bytes.substr(0, 4) == kGbBom) {
            enc = Encoding::Gb18030;
        } else {
            std::size_t bad = firstInvalidUtf8(bytes.substr(plain));
            if (bad != std::string_view::npos) bad += plain;
            if (bad == std::string_view::npos) {
                if (auto doubt = doubtUtf8(bytes, plain, file)) return *doubt;
                enc = Encoding::Utf8;
                validUtf8 = true;
            } else {
                const std::size_t utf8Line = findUtf8Line(bytes);
                if (utf8Line != std::string_view::npos) {
                    std::int64_t otherLine = 0;
                    int otherColumn = 0;
                    locateOffset(bytes, utf8Line, otherLine, otherColumn);
                    return locatedError(
                        bytes, bad, file,
                        RefusalFact(RefusalKind::ImportMixedEncoding).count(Arg::Item, otherLine),
                        "mixed encodings: this line is not UTF-8 but line " +
                            std::to_string(otherLine) + " is; save the whole file in one encoding");
                }
                enc = Encoding::Gb18030;
            }
        }
    }
    d.encoding = enc;
    if (enc == Encoding::Utf8) {
        std::string_view body = bytes;
        if (utf8Bom) {
            body.remove_prefix(3);
            d.bom = true;
            d.bomBytes = 3;
        }
        const std::size_t bad = validUtf8 ? std::string_view::npos : firstInvalidUtf8(body);
        if (bad != std::string_view::npos)
            return locatedError(bytes, bad + static_cast<std::size_t>(d.bomBytes), file,
                                RefusalFact(RefusalKind::ImportEncoding),
                                "invalid UTF-8 byte sequence");
        d.input = body;
        return d;
    }
    std::string_view body = bytes;
    if (body.substr(0, 4) == kGbBom) {
        body.remove_prefix(4);
        d.bom = true;
        d.bomBytes = 4;
    }
    std::size_t bad = 0;
    auto converted = gb18030ToUtf8(body, &bad);
    if (!converted) {
        if (converted.error().code != ErrorCode::InvalidInput) return converted.error();
        return locatedError(bytes, bad + static_cast<std::size_t>(d.bomBytes), file,
                            RefusalFact(RefusalKind::ImportEncoding),
                            "invalid GB18030 byte sequence (" + converted.error().message + ")");
    }
    d.owned = std::move(*converted);
    d.converted = true;
    return d;
}

} // namespace bd::storage
