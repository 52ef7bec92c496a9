#pragma once
// Pinyin of Chinese names for client search, from ICU's Han-Latin transliteration (Debian's
// libicu): 张晓蓉 -> full "zhangxiaorong", initials "zxr". Each Han character is read on its own
// (one syllable, tone marks dropped, ü written u), so a name reads the same whatever stands
// beside it and each distinct character is transliterated once per process (a cache). ICU
// gives one reading per character, its most common one; names that start with a common surname
// read otherwise as a surname (单 shan, 曾 zeng, 解 xie, 区 ou, 查 zha, 朴 piao ...) get a
// second reading with the surname's, so either finds them. A Latin word in a name is one
// syllable (its letters, lower-cased); other characters (·, spaces, digits) are skipped.
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace bd::services {

struct PinyinReading {
    std::string full;     // "zhangxiaorong": lower-case ASCII letters only
    std::string initials; // "zxr": the first letter of each syllable
    friend bool operator==(const PinyinReading&, const PinyinReading&) = default;
};

/// Reads names to pinyin. Holds the process-wide transliterator (created on first use, about
/// half a second) for its lifetime: make one per batch of names. Readers on several threads
/// take turns.
class PinyinReader {
  public:
    PinyinReader();
    ~PinyinReader();
    PinyinReader(const PinyinReader&) = delete;
    PinyinReader& operator=(const PinyinReader&) = delete;

    /// The name's readings, ICU's first and then (when its first character is a surname read
    /// otherwise) the surname reading; none when the name has no letters to read.
    std::vector<PinyinReading> readings(std::string_view name);

  private:
    std::unique_lock<std::mutex> m_lock;
};

/// One name's readings (a reader for one name).
std::vector<PinyinReading> pinyinReadings(std::string_view name);

} // namespace bd::services
