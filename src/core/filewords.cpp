#include "core/filewords.h"

#include <iterator>

namespace bd {
namespace {

// Each list is the codes 1..n of its enum (what a file may not give comes last: a prospect; a
// seminar or other as a preferred channel), so one run of codes serves them all.
constexpr std::uint8_t kFileCodes[] = {1, 2, 3, 4, 5, 6, 7};
/// n of each list, in FileWords order.
constexpr std::uint8_t kFileCodeCounts[] = {0, 2, 3, 5, 2, 4, 7, 2, 5, 6};
static_assert(std::size(kFileCodeCounts) == kFileWordsCount);

} // namespace

std::span<const std::uint8_t> fileWordCodes(FileWords w) {
    const auto i = static_cast<std::size_t>(w);
    return std::span(kFileCodes).first(i < std::size(kFileCodeCounts) ? kFileCodeCounts[i] : 0);
}

std::string_view fileWord(FileWords w, int code) {
    return withFileWordsEnum(w,
                             [code](auto e) { return toString(static_cast<decltype(e)>(code)); });
}

} // namespace bd
