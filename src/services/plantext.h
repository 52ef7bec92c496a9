#pragma once
// How a plan item's reasons and talking points are stored in the book (follow_up_tasks.reasons,
// .talking_points): "kinds\nEnglish\nChinese". Used by the rebuild, the item reader and contact
// logging, nowhere else: the one place to change when the book stores kinds and arguments.
#include <string>
#include <vector>

namespace bd::services::plantext {

/// The column text: "kinds\nEnglish\nChinese".
std::string encodeText(const std::string& kinds, const std::string& en, const std::string& zh);

/// The three parts of a column text; text without line breaks is both English and Chinese.
struct Decoded {
    std::string kinds, en, zh;
};
Decoded decodeText(const std::string& s);

/// "cadence,birthday" -> {"cadence", "birthday"} (empty parts dropped).
std::vector<std::string> splitKinds(const std::string& s);

} // namespace bd::services::plantext
