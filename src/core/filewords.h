#pragma once
// The fixed lists of words columns of the interchange files take (a side, a board, a channel,
// ...): which enum and which of its codes. An import names the list when it refuses a word
// (Arg::Words) and the phrasebook words it, so the engine hands out no list in any language.
#include <cstdint>
#include <span>
#include <string_view>

#include "core/enums.h"

namespace bd {

/// A column of an interchange file that takes a fixed list of words.
enum class FileWords : std::uint8_t {
    Unknown = 0,
    Gender,
    ClientStatus,
    PreferredChannel, // ContactChannel: the channels a client can ask for
    Side,
    OrderChannel,
    ContactChannel,
    Direction,
    Outcome,
    Board,
};
inline constexpr int kFileWordsCount = 10; // including Unknown
/// The enum codes of the list, in the order it is shown (none for Unknown). A client's status
/// lists active, dormant and closed: a prospect is added by hand, not imported.
std::span<const std::uint8_t> fileWordCodes(FileWords w);
/// The English word a file writes for `code` of the list's enum ("no_answer"; "" when none).
std::string_view fileWord(FileWords w, int code);
/// `fn(E{})` with E the list's enum (ContactChannel for a preferred channel), for the words of
/// its codes; a value-initialised result for Unknown.
template <typename Fn>
constexpr auto withFileWordsEnum(FileWords w, Fn&& fn) -> decltype(fn(Gender{})) {
    switch (w) {
    case FileWords::Gender:
        return fn(Gender{});
    case FileWords::ClientStatus:
        return fn(ClientStatus{});
    case FileWords::PreferredChannel:
    case FileWords::ContactChannel:
        return fn(ContactChannel{});
    case FileWords::Side:
        return fn(Side{});
    case FileWords::OrderChannel:
        return fn(OrderChannel{});
    case FileWords::Direction:
        return fn(Direction{});
    case FileWords::Outcome:
        return fn(Outcome{});
    case FileWords::Board:
        return fn(Board{});
    case FileWords::Unknown:
        break;
    }
    return {};
}

} // namespace bd
