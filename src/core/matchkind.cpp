#include "core/matchkind.h"

#include "core/enumkeys.h"

namespace bd {

namespace {
constexpr auto kKeys =
    enumKeys<MatchKind>("client_id", "name", "name_prefix", "pinyin_initials_prefix",
                        "pinyin_prefix", "client_id_prefix", "name_part", "pinyin_initials_part",
                        "pinyin_part", "client_id_part", "tag", "id_number_tail", "phone_digits");
static_assert(kKeys.keys.size() == kMatchKindCount);
} // namespace

std::string_view toKey(MatchKind k) {
    return kKeys(k);
}

std::optional<MatchKind> matchKindFromKey(std::string_view key) {
    return kKeys.find(key);
}

} // namespace bd
