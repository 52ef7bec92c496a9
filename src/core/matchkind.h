#pragma once
// Why a client search found a client (services/clientsearch.h): a kind, never a sentence; the
// phrasebook words it (phrase::name), the CLI's JSON prints its key. Declared best first: a
// client found several ways is ranked by the best one.
#include <optional>
#include <string_view>

namespace bd {

enum class MatchKind {
    ClientId = 0,      // the client id, exactly
    Name,              // the whole name, exactly
    NamePrefix,        // the start of the name
    InitialsPrefix,    // the start of the name's pinyin initials (zxr -> 张晓蓉)
    PinyinPrefix,      // the start of the name's full pinyin (zhangxiao -> 张晓蓉)
    ClientIdPrefix,    // the start of the client id
    NameSubstring,     // part of the name (晓蓉 -> 胡晓蓉)
    InitialsSubstring, // part of the pinyin initials (xr -> 胡晓蓉)
    PinyinSubstring,   // part of the full pinyin (xiaorong -> 胡晓蓉)
    ClientIdSubstring, // part of the client id
    Tag,               // the start of one of the client's tags
    IdNumberTail,      // the last 4 to 6 characters of the ID number
    Phone,             // four or more consecutive digits of the phone number
};
inline constexpr int kMatchKindCount = 13;

/// "client_id", "name", "name_prefix", "pinyin_initials_prefix", ... (JSON, logs).
std::string_view toKey(MatchKind k);
std::optional<MatchKind> matchKindFromKey(std::string_view key);

} // namespace bd
