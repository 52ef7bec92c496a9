#include "core/facts.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "core/enumkeys.h"
#include "core/json.h"
#include "core/jsonreader.h"

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
    {"outcome", ArgType::Count},
    {"note", ArgType::Text},
    {"code", ArgType::Text},
    {"security", ArgType::Text},
    {"relationship", ArgType::Count},
    {"served_by", ArgType::Count},
    {"share", ArgType::Fraction},
    {"field", ArgType::Text},
    {"value", ArgType::Text},
    {"client", ArgType::Text},
    {"other", ArgType::Text},
    {"operation", ArgType::Count},
    {"by", ArgType::Count},
    {"operation_kind", ArgType::Text},
    {"actor", ArgType::Text},
    {"at", ArgType::Text},
    {"entity", ArgType::Text},
    {"entity_id", ArgType::Text},
    {"min", ArgType::Count},
    {"max", ArgType::Count},
    {"version", ArgType::Count},
    {"based_on", ArgType::Count},
    {"now", ArgType::Text},
    {"id", ArgType::Count},
    {"audience", ArgType::Count},
    {"low", ArgType::Decimal},
    {"high", ArgType::Decimal},
    {"bounds", ArgType::Count},
    {"unit", ArgType::Count},
    {"other_field", ArgType::Text},
    {"words", ArgType::Count},
    {"as_utf8", ArgType::Text},
    {"as_gb18030", ArgType::Text},
}};

// Kind keys in enum order (index 0 = Unknown).
constexpr EnumKeys<ReasonKind, kReasonKindCount> kReasonKeys{{"",
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
                                                              "last_contact",
                                                              "promise_note",
                                                              "worst_holding",
                                                              "risk_mismatch",
                                                              "recent_trades",
                                                              "policy",
                                                              "risk_assessment_expiring",
                                                              "risk_assessment_expired",
                                                              "survey_due"}};
constexpr EnumKeys<DropKind, kDropKindCount> kDropKeys{{"", "capacity", "already_booked",
                                                        "not_in_horizon", "duplicate", "no_broker",
                                                        "deadline_missed", "slipping_share"}};
constexpr EnumKeys<ReviewNoteKind, kReviewNoteKindCount> kNoteKeys{
    {"", "ignored_trades", "oversold", "quantity_mismatch", "no_snapshot", "snapshot_too_old",
     "no_start_snapshot", "start_snapshot_too_far", "capital_not_positive", "unknown_client_level",
     "unrated_security", "risk_above_tolerance", "growth_board_level", "assessment_expired"}};
constexpr EnumKeys<SegmentTheme, kSegmentThemeCount> kThemeKeys{
    {"", "active_newcomers", "newcomers", "dormant", "high_value_active", "asset_rich_inactive",
     "active_traders", "asset_rich", "high_contributors", "growing", "small", "mainstream",
     "whole_book"}};
constexpr EnumKeys<Unsegmented, kUnsegmentedCount> kUnsegmentedKeys{
    {"", "too_few_clients", "no_variation", "no_stable_structure"}};

void appendString(std::string& out, std::string_view s) {
    out += jsonString(s);
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
std::string encodeAll(const EnumKeys<Kind, N>& keys, const std::vector<Fact<Kind>>& facts) {
    std::string out = "[";
    for (const auto& f : facts) {
        if (out.size() > 1) out += ',';
        appendFact(out, keys(f.kind), f);
    }
    return out + "]";
}

std::optional<Arg> argOf(std::string_view key) {
    for (std::size_t i = 0; i < kArgs.size(); ++i)
        if (kArgs[i].key == key) return static_cast<Arg>(i);
    return std::nullopt;
}

template <typename Kind, std::size_t N>
std::optional<std::vector<Fact<Kind>>> decodeAll(const EnumKeys<Kind, N>& keys,
                                                 std::string_view text) {
    JsonReader r(text);
    if (!r.eat('[')) return std::nullopt;
    std::vector<Fact<Kind>> out;
    if (r.eat(']')) return r.atEnd() ? std::optional(out) : std::nullopt;
    do {
        Fact<Kind> f;
        const bool ok =
            r.object([&](const std::string& key, const std::string& s, double num, bool isText) {
                if (key == "k") {
                    f.kind = keys.find(s, 1).value_or(Kind{});
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
    return kReasonKeys(k);
}
std::string_view factKey(DropKind k) {
    return kDropKeys(k);
}
std::string_view factKey(ReviewNoteKind k) {
    return kNoteKeys(k);
}
std::string_view factKey(SegmentTheme t) {
    return kThemeKeys(t);
}
std::string_view factKey(Unsegmented r) {
    return kUnsegmentedKeys(r);
}
Unsegmented parseUnsegmented(std::string_view key) {
    return kUnsegmentedKeys.find(key, 1).value_or(Unsegmented::No);
}
ReasonKind reasonKindOf(std::string_view key) {
    return kReasonKeys.find(key, 1).value_or(ReasonKind::Unknown);
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
    JsonReader r(text);
    SegmentName n;
    bool hasKind = false;
    const bool ok = r.object([&](const std::string& key, const std::string& s, double num, bool) {
        if (key == "k") {
            n.theme = kThemeKeys.find(s, 1).value_or(SegmentTheme{});
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
