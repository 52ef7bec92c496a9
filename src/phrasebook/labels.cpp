// Labels of the printed reports and the exports, keyed by their English text.
#include <algorithm>
#include <array>

#include "phrasebook/phrasebook.h"
#include "phrasebook/words.h"

namespace bd::phrase {
namespace {

constexpr Words kLabels[] = {
#include "phrasebook/exportlabels.inc"
#include "phrasebook/labels.inc"
};

/// A column id and its English display name.
struct Title {
    std::string_view id, en;
};
constexpr Title kTitles[] = {
#include "phrasebook/columntitles.inc"
};

const Words* find(std::string_view english) {
    for (const auto& w : kLabels)
        if (w.en == english) return &w;
    return nullptr;
}

} // namespace

std::string_view label(std::string_view english, Lang l) {
    // "Risk|level": the same English word in another place, which Chinese words differently.
    const std::string_view shown = english.substr(0, english.find('|'));
    if (l == Lang::En) return shown;
    const Words* w = find(english);
    return w ? w->zh : shown;
}

std::string_view columnTitle(std::string_view id, Lang l) {
    if (l == Lang::Zh) return label(id, l);
    for (const auto& t : kTitles)
        if (t.id == id) return t.en;
    return label(id, l);
}

bool hasLabel(std::string_view english) {
    return find(english) != nullptr;
}

} // namespace bd::phrase
