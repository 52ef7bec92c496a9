#include "core/enums.h"

#include "core/enumkeys.h"
#include "core/text.h"

#include <array>
#include <utility>

namespace bd {
namespace {

template <std::size_t N>
// The interchange files' words: English as exported, and the Chinese a file may carry instead.
using Words = std::array<std::pair<std::string_view, std::string_view>, N>; // english, chinese

constexpr Words<3> kGender{{{"", ""}, {"M", "男"}, {"F", "女"}}};
constexpr Words<5> kStatus{{{"", ""},
                            {"active", "正常"},
                            {"dormant", "休眠"},
                            {"closed", "销户"},
                            {"prospect", "潜在客户"}}};
constexpr Words<3> kSide{{{"", ""}, {"buy", "买入"}, {"sell", "卖出"}}};
constexpr Words<5> kOrderChannel{
    {{"", ""}, {"online", "网上"}, {"mobile", "手机"}, {"phone", "电话"}, {"counter", "柜台"}}};
constexpr Words<8> kContactChannel{{{"", ""},
                                    {"phone", "电话"},
                                    {"sms", "短信"},
                                    {"wechat", "微信"},
                                    {"email", "邮件"},
                                    {"visit", "拜访"},
                                    {"seminar", "讲座"},
                                    {"other", "其他"}}};
constexpr Words<3> kDirection{{{"", ""}, {"outbound", "呼出"}, {"inbound", "呼入"}}};
constexpr Words<6> kOutcome{{{"", ""},
                             {"reached", "接通"},
                             {"no_answer", "未接通"},
                             {"callback", "回电"},
                             {"complaint", "投诉"},
                             {"refused", "拒绝"}}};
constexpr Words<7> kBoard{{{"", ""},
                           {"main", "主板"},
                           {"chinext", "创业板"},
                           {"star", "科创板"},
                           {"bse", "北交所"},
                           {"fund", "基金"},
                           {"bond", "债券"}}};
constexpr Words<8> kRelationKind{{{"", ""},
                                  {"spouse", "配偶"},
                                  {"parent", "父母"},
                                  {"child", "子女"},
                                  {"sibling", "兄弟姐妹"},
                                  {"colleague", "同事"},
                                  {"referral", "推荐"},
                                  {"other", "其他"}}};

template <typename E, std::size_t N>
std::optional<E> lookup(const Words<N>& words, std::string_view s) {
    const std::string_view t = trim(s);
    for (std::size_t i = 1; i < N; ++i) // exports write the words as listed: no case folding
        if (t == words[i].first) return static_cast<E>(i);
    for (std::size_t i = 1; i < N; ++i) {
        if (equalsIgnoreCase(t, words[i].first) || t == words[i].second) return static_cast<E>(i);
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view word(const Words<N>& words, E v) {
    const auto i = static_cast<std::size_t>(v);
    return i < N ? words[i].first : std::string_view{};
}

} // namespace

std::string_view toString(Gender v) {
    return word(kGender, v);
}
std::string_view toString(ClientStatus v) {
    return word(kStatus, v);
}
std::string_view toString(Side v) {
    return word(kSide, v);
}
std::string_view toString(OrderChannel v) {
    return word(kOrderChannel, v);
}
std::string_view toString(ContactChannel v) {
    return word(kContactChannel, v);
}
std::string_view toString(Direction v) {
    return word(kDirection, v);
}
std::string_view toString(Outcome v) {
    return word(kOutcome, v);
}
std::string_view toString(Board v) {
    return word(kBoard, v);
}
std::string_view toString(RelationKind v) {
    return word(kRelationKind, v);
}

constexpr auto kRelationshipKeys =
    enumKeys<RelationshipType>("basic", "reactive", "accountable", "proactive", "partnership");
constexpr auto kServedByKeys =
    enumKeys<ServedBy>("senior broker", "broker", "service desk", "automated");

std::string_view toString(RelationshipType v) {
    return kRelationshipKeys(v);
}
std::string_view toString(ServedBy v) {
    return kServedByKeys(v, 3);
}

std::optional<Gender> parseGender(std::string_view s) {
    return lookup<Gender>(kGender, s);
}
std::optional<ClientStatus> parseClientStatus(std::string_view s) {
    return lookup<ClientStatus>(kStatus, s);
}
std::optional<Side> parseSide(std::string_view s) {
    return lookup<Side>(kSide, s);
}
std::optional<OrderChannel> parseOrderChannel(std::string_view s) {
    return lookup<OrderChannel>(kOrderChannel, s);
}
std::optional<ContactChannel> parseContactChannel(std::string_view s) {
    return lookup<ContactChannel>(kContactChannel, s);
}
std::optional<ContactChannel> parsePreferredChannel(std::string_view s) {
    auto c = lookup<ContactChannel>(kContactChannel, s);
    if (c && (*c == ContactChannel::Seminar || *c == ContactChannel::Other)) return std::nullopt;
    return c;
}
std::optional<Direction> parseDirection(std::string_view s) {
    return lookup<Direction>(kDirection, s);
}
std::optional<Outcome> parseOutcome(std::string_view s) {
    return lookup<Outcome>(kOutcome, s);
}
std::optional<Board> parseBoard(std::string_view s) {
    return lookup<Board>(kBoard, s);
}
std::optional<RelationKind> parseRelationKind(std::string_view s) {
    return lookup<RelationKind>(kRelationKind, s);
}

std::optional<int> parseRiskLevel(std::string_view s, char prefix) {
    const std::string_view t = trim(s);
    if (t.size() != 2) return std::nullopt;
    const char p = t[0] >= 'a' ? static_cast<char>(t[0] - 32) : t[0];
    if (p != prefix || t[1] < '1' || t[1] > '5') return std::nullopt;
    return t[1] - '0';
}

} // namespace bd
