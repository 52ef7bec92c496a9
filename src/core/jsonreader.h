#pragma once
// The one JSON reader of the engine, for the small flat texts the engine itself writes with
// core/json.h (stored facts, segment profiles): objects whose members are strings or numbers,
// and arrays of numbers. Not a general parser: nesting is read only where the caller asks for
// it, and anything unexpected reads as false (the texts are ours, so it means damage).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bd {

class JsonReader {
  public:
    explicit JsonReader(std::string_view s) : m_s(s) {}

    /// Whether only white space is left.
    bool atEnd();
    /// Takes `c` (after white space) when it comes next.
    bool eat(char c);
    /// Whether `c` comes next (after white space), without taking it.
    bool peek(char c);
    /// A quoted string with its escapes resolved (\uXXXX as UTF-8).
    bool string(std::string& out);
    /// A number; `null` reads as NaN when `nullIsNan`, else fails.
    bool number(double& out, bool nullIsNan = false);

    /// One object; calls onMember(key, text, number, isText) per member (string or number).
    template <typename F>
    bool object(F&& onMember) {
        if (!eat('{')) return false;
        if (eat('}')) return true;
        do {
            std::string key, text;
            double num = 0.0;
            if (!string(key) || !eat(':')) return false;
            const bool isText = peek('"');
            if (isText ? !string(text) : !number(num, true)) return false;
            onMember(key, text, num, isText);
        } while (eat(','));
        return eat('}');
    }
    /// {"name": number|null, ...} appended to `out` in order (null as NaN).
    bool numberObject(std::vector<std::pair<std::string, double>>& out);
    /// [number|null, ...] appended to `out` (null as NaN).
    bool numberArray(std::vector<double>& out);

  private:
    void skipSpace();
    std::string_view m_s;
    std::size_t m_i = 0;
};

} // namespace bd
