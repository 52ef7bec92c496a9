#pragma once
// Text encodings of interchange files: UTF-8 (with or without BOM) and GB18030/GBK, detected
// automatically or forced, always handed on as UTF-8.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace bd::storage {

enum class Encoding { Auto, Utf8, Gb18030 };

/// "auto", "utf-8"/"utf8", "gb18030"/"gbk"/"gb2312" (case-insensitive); nullopt otherwise.
std::optional<Encoding> parseEncoding(std::string_view name);
/// "auto", "utf-8" or "gb18030".
std::string_view encodingName(Encoding e);

/// A file's text as UTF-8: either a view of the input (UTF-8, zero-copy) or converted text.
struct DecodedText {
    std::string owned;      // converted text when the input was GB18030
    std::string_view input; // the UTF-8 input without BOM when no conversion was needed
    bool converted = false;
    Encoding encoding = Encoding::Utf8;
    bool bom = false;
    std::int64_t bomBytes = 0; // bytes dropped at the start (so byte offsets can be mapped back)

    /// The UTF-8 text without BOM (safe after moves: `owned` is re-read each time).
    std::string_view text() const { return converted ? std::string_view(owned) : input; }
};

/// Offset of the first byte that is not part of well-formed UTF-8, or npos.
std::size_t firstInvalidUtf8(std::string_view s);

/// 1-based physical line and byte column of `offset` in `bytes`.
void locateOffset(std::string_view bytes, std::size_t offset, std::int64_t& line, int& column);

/// Checks for binary data (NUL bytes), detects or applies `requested`, and returns UTF-8.
/// Errors (ErrorCode::InvalidInput) carry `file`, the line and byte column of the bad byte.
/// The returned view may point into `bytes`, which must outlive it.
Result<DecodedText> decodeText(std::string_view bytes, Encoding requested, const std::string& file);

/// Converts GB18030 bytes to UTF-8; on failure returns the offset of the bad sequence.
Result<std::string> gb18030ToUtf8(std::string_view bytes, std::size_t* badOffset = nullptr);
/// Converts UTF-8 to GB18030 (for tests and Chinese exports).
Result<std::string> utf8ToGb18030(std::string_view utf8);

} // namespace bd::storage
