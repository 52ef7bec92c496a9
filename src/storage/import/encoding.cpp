#include "storage/import/encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/text.h"

namespace bd::storage {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGbBom = "\x84\x31\x95\x33";

/// Result of classifying a text that is not UTF-8 as a whole: is some line clearly UTF-8?
/// A GB18030 line with two or more CJK characters is practically never valid UTF-8.
std::size_t findUtf8Line(std::string_view s) {
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string_view::npos) end = s.size();
        const std::string_view line = s.substr(start, end - start);
        int multi = 0;
        bool valid = true;
        const auto* p = reinterpret_cast<const unsigned char*>(line.data());
        const auto* e = p + line.size();
        while (p < e) {
            if (*p < 0x80) {
                ++p;
                continue;
            }
            const int n = utf8SequenceLength(p, e);
            if (n == 0) {
                valid = false;
                break;
            }
            if (n >= 3) ++multi;
            p += n;
        }
        if (valid && multi >= 2) return start;
        start = end + 1;
    }
    return std::string_view::npos;
}

Error locatedError(std::string_view bytes, std::size_t offset, const std::string& file,
                   std::string message) {
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

std::string_view encodingName(Encoding e) {
    switch (e) {
    case Encoding::Auto:
        return "auto";
    case Encoding::Utf8:
        return "utf-8";
    case Encoding::Gb18030:
        return "gb18030";
    }
    return "";
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

Result<DecodedText> decodeText(std::string_view bytes, Encoding requested,
                               const std::string& file) {
    if (const void* nul = std::memchr(bytes.data(), 0, bytes.size())) {
        const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
        return locatedError(bytes, at, file, "binary data (NUL byte); not a CSV text file");
    }
    DecodedText d;
    const bool utf8Bom = bytes.substr(0, 3) == kUtf8Bom;
    Encoding enc = requested;
    bool validUtf8 = false; // already checked whole (no BOM): one pass over the file, not two
    if (enc == Encoding::Auto) {
        if (utf8Bom) {
            enc = Encoding::Utf8;
        } else if (bytes.substr(0, 4) == kGbBom) {
            enc = Encoding::Gb18030;
        } else {
            const std::size_t bad = firstInvalidUtf8(bytes);
            if (bad == std::string_view::npos) {
                enc = Encoding::Utf8;
                validUtf8 = true;
            } else {
                const std::size_t utf8Line = findUtf8Line(bytes);
                if (utf8Line != std::string_view::npos) {
                    std::int64_t otherLine = 0;
                    int otherColumn = 0;
                    locateOffset(bytes, utf8Line, otherLine, otherColumn);
                    return locatedError(bytes, bad, file,
                                        "mixed encodings: this line is not UTF-8 but line " +
                                            std::to_string(otherLine) +
                                            " is; save the whole file in one encoding");
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
                            "invalid GB18030 byte sequence (" + converted.error().message + ")");
    }
    d.owned = std::move(*converted);
    d.converted = true;
    return d;
}

} // namespace bd::storage
