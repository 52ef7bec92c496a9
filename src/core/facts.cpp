#include "core/facts.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace bd {
namespace {

struct ArgInfo {
    std::string_view key;
    ArgType type;
};
// In Arg order.
constexpr std::array<ArgInfo, kArgCount> kArgs{{
    {"every", ArgType::Count},
    {"last", ArgType::Date},
    {"ago", ArgType::Count},
    {"due", ArgType::Date},
    {"opened", ArgType::Date},
    {"overdue", ArgType::Count},
    {"change", ArgType::Fraction},
    {"since", ArgType::Date},
    {"from", ArgType::Money},
    {"to", ArgType::Money},
    {"outflow", ArgType::Money},
    {"outflow_share", ArgType::Fraction},
    {"market", ArgType::Fraction},
    {"withdrawn", ArgType::Fraction},
    {"p_alive", ArgType::Decimal},
    {"p_alive_min", ArgType::Decimal},
    {"idle", ArgType::Count},
    {"trade_days", ArgType::Count},
    {"drawdown", ArgType::Fraction},
    {"loss", ArgType::Money},
    {"on", ArgType::Date},
    {"age", ArgType::Count},
    {"in_days", ArgType::Count},
    {"count", ArgType::Count},
    {"score", ArgType::Count},
    {"missed_by", ArgType::Count},
    {"working_day", ArgType::Count},
    {"target", ArgType::Date},
    {"attempt", ArgType::Count},
    {"channel", ArgType::Channel},
    {"calls", ArgType::Count},
    {"broker", ArgType::Text},
    {"days", ArgType::Count},
    {"priority", ArgType::Decimal},
    {"item", ArgType::Count},
    {"level", ArgType::Count},
    {"client_level", ArgType::Count},
    {"board", ArgType::Count},
    {"kind", ArgType::Count},
}};

// Kind keys in enum order (index 0 = Unknown).
constexpr std::array<std::string_view, kReasonKindCount> kReasonKeys{"",
                                                                     "cadence",
                                                                     "asset_outflow",
                                                                     "slipping_away",
                                                                     "large_loss",
                                                                     "birthday",
                                                                     "suitability_mismatch",
                                                                     "complaint",
                                                                     "low_satisfaction",
                                                                     "promised_follow_up",
                                                                     "onboarding",
                                                                     "no_answer",
                                                                     "callback_asked",
                                                                     "last_contact"};
constexpr std::array<std::string_view, kDropKindCount> kDropKeys{
    "",          "capacity",  "already_booked", "not_in_horizon",
    "duplicate", "no_broker", "deadline_missed"};
constexpr std::array<std::string_view, kReviewNoteKindCount> kNoteKeys{"",
                                                                       "ignored_trades",
                                                                       "oversold",
                                                                       "quantity_mismatch",
                                                                       "no_snapshot",
                                                                       "snapshot_too_old",
                                                                       "no_start_snapshot",
                                                                       "start_snapshot_too_far",
                                                                       "capital_not_positive",
                                                                       "unknown_client_level",
                                                                       "unrated_security",
                                                                       "risk_above_tolerance",
                                                                       "growth_board_level"};
constexpr std::array<std::string_view, kSegmentThemeCount> kThemeKeys{"",
                                                                      "active_newcomers",
                                                                      "newcomers",
                                                                      "dormant",
                                                                      "high_value_active",
                                                                      "asset_rich_inactive",
                                                                      "active_traders",
                                                                      "asset_rich",
                                                                      "high_contributors",
                                                                      "growing",
                                                                      "small",
                                                                      "mainstream"};

template <typename Kind, std::size_t N>
std::string_view keyOf(const std::array<std::string_view, N>& keys, Kind k) {
    const auto i = static_cast<std::size_t>(k);
    return i < N ? keys[i] : std::string_view{};
}

template <typename Kind, std::size_t N>
Kind kindOf(const std::array<std::string_view, N>& keys, std::string_view key) {
    for (std::size_t i = 1; i < N; ++i)
        if (keys[i] == key) return static_cast<Kind>(i);
    return Kind{};
}

void appendString(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            out += buf;
            continue;
        }
        out += c;
    }
    out += '"';
}

void appendNumber(std::string& out, double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", std::isfinite(v) ? v : 0.0);
    out += buf;
}

template <typename Kind>
void appendFact(std::string& out, std::string_view key, const Fact<Kind>& f) {
    out += "{\"k\":";
    appendString(out, key);
    for (const auto& a : f.args) {
        out += ',';
        appendString(out, argKey(a.arg));
        out += ':';
        switch (argType(a.arg)) {
        case ArgType::Date:
            appendString(out, Date{static_cast<std::int32_t>(a.n)}.toString());
            break;
        case ArgType::Fraction:
        case ArgType::Decimal:
            appendNumber(out, a.x);
            break;
        case ArgType::Text:
            appendString(out, a.text);
            break;
        default:
            out += std::to_string(a.n);
        }
    }
    out += '}';
}

template <typename Kind, std::size_t N>
std::string encodeAll(const std::array<std::string_view, N>& keys,
                      const std::vector<Fact<Kind>>& facts) {
    std::string out = "[";
    for (const auto& f : facts) {
        if (out.size() > 1) out += ',';
        appendFact(out, keyOf(keys, f.kind), f);
    }
    return out + "]";
}

/// Reads the flat JSON objects of the encoding: string and number values only.
class Reader {
  public:
    explicit Reader(std::string_view s) : m_s(s) {}

    bool atEnd() {
        skip();
        return m_i >= m_s.size();
    }
    bool eat(char c) {
        skip();
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool string(std::string& out) {
        if (!eat('"')) return false;
        out.clear();
        while (m_i < m_s.size() && m_s[m_i] != '"') {
            char c = m_s[m_i++];
            if (c == '\\' && m_i < m_s.size()) {
                c = m_s[m_i++];
                if (c == 'u' && m_i + 4 <= m_s.size()) {
                    out += static_cast<char>(
                        std::strtol(std::string(m_s.substr(m_i, 4)).c_str(), nullptr, 16));
                    m_i += 4;
                    continue;
                }
            }
            out += c;
        }
        return eat('"');
    }
    bool number(double& out) {
        skip();
        const std::size_t start = m_i;
        while (m_i < m_s.size() &&
               (std::isdigit(static_cast<unsigned char>(m_s[m_i])) || m_s[m_i] == '-' ||
                m_s[m_i] == '+' || m_s[m_i] == '.' || m_s[m_i] == 'e' || m_s[m_i] == 'E'))
            ++m_i;
        if (m_i == start) return false;
        out = std::strtod(std::string(m_s.substr(start, m_i - start)).c_str(), nullptr);
        return true;
    }
    bool peek(char c) {
        skip();
        return m_i < m_s.size() && m_s[m_i] == c;
    }

    /// One object: calls onValue(key, text, number, isText) per member.
    template <typename F>
    bool object(F&& onValue) {
        if (!eat('{')) return false;
        if (eat('}')) return true;
        do {
            std::string key, text;
            double num = 0.0;
            if (!string(key) || !eat(':')) return false;
            const bool isText = peek('"');
            if (isText ? !string(text) : !number(num)) return false;
            onValue(key, text, num, isText);
        } while (eat(','));
        return eat('}');
    }

  private:
    void skip() {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\n' || m_s[m_i] == '\t')) ++m_i;
    }
    std::string_view m_s;
    std::size_t m_i = 0;
};

std::optional<Arg> argOf(std::string_view key) {
    for (std::size_t i = 0; i < kArgs.size(); ++i)
        if (kArgs[i].key == key) return static_cast<Arg>(i);
    return std::nullopt;
}

template <typename Kind, std::size_t N>
std::optional<std::vector<Fact<Kind>>> decodeAll(const std::array<std::string_view, N>& keys,
                                                 std::string_view text) {
    Reader r(text);
    if (!r.eat('[')) return std::nullopt;
    std::vector<Fact<Kind>> out;
    if (r.eat(']')) return r.atEnd() ? std::optional(out) : std::nullopt;
    do {
        Fact<Kind> f;
        const bool ok =
            r.object([&](const std::string& key, const std::string& s, double num, bool isText) {
                if (key == "k") {
                    f.kind = kindOf<Kind>(keys, s);
                    return;
                }
                const auto a = argOf(key);
                if (!a) return;
                switch (argType(*a)) {
                case ArgType::Date:
                    if (auto d = parseDate(s); d && isText) f.date(*a, *d);
                    break;
                case ArgType::Fraction:
                case ArgType::Decimal:
                    f.value(*a, num);
                    break;
                case ArgType::Text:
                    f.text(*a, s);
                    break;
                default:
                    f.count(*a, static_cast<std::int64_t>(std::llround(num)));
                }
            });
        if (!ok) return std::nullopt;
        out.push_back(std::move(f));
    } while (r.eat(','));
    if (!r.eat(']') || !r.atEnd()) return std::nullopt;
    return out;
}

} // namespace

ArgType argType(Arg a) {
    return kArgs[static_cast<std::size_t>(a)].type;
}
std::string_view argKey(Arg a) {
    return kArgs[static_cast<std::size_t>(a)].key;
}

std::string_view factKey(ReasonKind k) {
    return keyOf(kReasonKeys, k);
}
std::string_view factKey(DropKind k) {
    return keyOf(kDropKeys, k);
}
std::string_view factKey(ReviewNoteKind k) {
    return keyOf(kNoteKeys, k);
}
std::string_view factKey(SegmentTheme t) {
    return keyOf(kThemeKeys, t);
}
ReasonKind reasonKindOf(std::string_view key) {
    return kindOf<ReasonKind>(kReasonKeys, key);
}

std::string encodeFacts(const std::vector<Reason>& facts) {
    return encodeAll(kReasonKeys, facts);
}
std::string encodeFacts(const std::vector<DropFact>& facts) {
    return encodeAll(kDropKeys, facts);
}
std::string encodeFacts(const std::vector<ReviewNote>& facts) {
    return encodeAll(kNoteKeys, facts);
}
std::optional<std::vector<Reason>> decodeReasons(std::string_view text) {
    return decodeAll<ReasonKind>(kReasonKeys, text);
}
std::optional<std::vector<DropFact>> decodeDropFacts(std::string_view text) {
    return decodeAll<DropKind>(kDropKeys, text);
}

std::string encodeSegmentName(const SegmentName& name) {
    std::string out = "{\"k\":";
    appendString(out, factKey(name.theme));
    if (!name.feature.empty()) {
        out += ",\"f\":";
        appendString(out, name.feature);
        out += ",\"d\":" + std::to_string(name.direction);
    }
    if (name.number > 0) out += ",\"n\":" + std::to_string(name.number);
    return out + "}";
}

std::optional<SegmentName> decodeSegmentName(std::string_view text) {
    Reader r(text);
    SegmentName n;
    bool hasKind = false;
    const bool ok = r.object([&](const std::string& key, const std::string& s, double num, bool) {
        if (key == "k") {
            n.theme = kindOf<SegmentTheme>(kThemeKeys, s);
            hasKind = true;
        } else if (key == "f") {
            n.feature = s;
        } else if (key == "d") {
            n.direction = static_cast<int>(std::lround(num));
        } else if (key == "n") {
            n.number = static_cast<int>(std::lround(num));
        }
    });
    if (!ok || !hasKind || !r.atEnd()) return std::nullopt;
    return n;
}

} // namespace bd
