// A calendar day's stored name in one language. The built-in exchange calendar keeps both
// languages in its data ("春节 Spring Festival", Chinese first, "[provisional]" for a year the
// State Council has not announced yet); a name written by a user is theirs and shown as written.
#include "phrasebook/phrasebook.h"

namespace bd::phrase {
namespace {

constexpr std::string_view kProvisional = " [provisional]";

bool isAscii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

} // namespace

std::string calendarDayName(std::string_view stored, Lang l) {
    std::string_view name = stored;
    const bool provisional = name.size() > kProvisional.size() && name.ends_with(kProvisional);
    if (provisional) name.remove_suffix(kProvisional.size());
    // "<Chinese> <English>": the first space after the Chinese part, an English part after it.
    const std::size_t space = name.find(' ');
    const bool bilingual = space != std::string_view::npos && space > 0 &&
                           !isAscii(name.substr(0, space)) && isAscii(name.substr(space + 1)) &&
                           space + 1 < name.size();
    if (!bilingual) return std::string(stored); // a user's own words, as written
    std::string out(l == Lang::Zh ? name.substr(0, space) : name.substr(space + 1));
    if (provisional) out += l == Lang::Zh ? "（暂定）" : " (provisional)";
    return out;
}

} // namespace bd::phrase
