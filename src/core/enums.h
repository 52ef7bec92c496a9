#pragma once
// Domain enumerations. 0 is always "unknown / not given" (the relationship types excepted); each
// has a stable integer stored in the book and the English word of the interchange files. The
// files may also carry Chinese words: parse* accepts both (the words people read are in the
// phrasebook, src/phrasebook/).
#include <optional>
#include <string_view>
#include <type_traits>

namespace bd {

enum class Gender { Unknown = 0, Male, Female };
/// Prospect: a person the broker works on who has no account yet (added by hand, not imported).
enum class ClientStatus { Unknown = 0, Active, Dormant, Closed, Prospect };
enum class Side { Unknown = 0, Buy, Sell };
enum class OrderChannel { Unknown = 0, Online, Mobile, Phone, Counter };
enum class ContactChannel { Unknown = 0, Phone, Sms, Wechat, Email, Visit, Seminar, Other };
inline constexpr int kContactChannelCount = 8; // including Unknown
enum class Direction { Unknown = 0, Outbound, Inbound };
enum class Outcome { Unknown = 0, Reached, NoAnswer, Callback, Complaint, Refused };
enum class Board { Unknown = 0, Main, ChiNext, Star, Bse, Fund, Bond };
/// How one client is related to another (issue 18, households): a stored relation row
/// (A, B, kind) says what B is to A ("B is A's parent"); seen from B, A is the inverse kind
/// (inverse()). Spouse, parent, child and sibling make a household; colleague, referral and
/// other are relations only (formsHousehold()).
enum class RelationKind { Unknown = 0, Spouse, Parent, Child, Sibling, Colleague, Referral, Other };
/// The kind seen from the other client: parent <-> child; the others are their own inverse.
constexpr RelationKind inverse(RelationKind k) {
    if (k == RelationKind::Parent) return RelationKind::Child;
    if (k == RelationKind::Child) return RelationKind::Parent;
    return k;
}
/// Whether the kind joins two clients into one household (spouse, parent, child, sibling).
constexpr bool formsHousehold(RelationKind k) {
    return k == RelationKind::Spouse || k == RelationKind::Parent || k == RelationKind::Child ||
           k == RelationKind::Sibling;
}
/// Kotler's relationship types, from least to most involved (stored 0..4; see
/// analytics/relationship.h).
enum class RelationshipType { Basic, Reactive, Accountable, Proactive, Partnership };
/// Who looks after a segment's clients (stored 0..3).
enum class ServedBy { SeniorBroker, Broker, ServiceDesk, Automated };
/// The plan owner of the items the service desk works (ServedBy::ServiceDesk and Automated):
/// the desk's queue stands where a broker id stands in the plan (follow_up_tasks.broker_id,
/// plan_dropped.broker_id), never a row of `brokers`, so no broker's list holds its items.
inline constexpr std::string_view kServiceDeskQueue = "service-desk";
/// Whether the plan routes a served-by's items to the service desk's queue.
constexpr bool routesToServiceDesk(ServedBy s) {
    return s == ServedBy::ServiceDesk || s == ServedBy::Automated;
}

/// How many codes an enum stored in the book has (0 .. count-1); the storage layer reads a code
/// back only when it is below this. 0 means "not stored". Counted from each enum's last code as
/// the list below names it (a code added after it moves that entry); enums declared elsewhere
/// specialise it (core/survey.h, core/kpi.h, storage/book/planstore.h).
template <typename E, typename... Last>
constexpr int codesUpTo(Last... last) {
    return ((std::is_same_v<E, Last> ? static_cast<int>(last) + 1 : 0) + ...);
}
template <typename E>
inline constexpr int kEnumCodes = codesUpTo<E>(Gender::Female, ClientStatus::Prospect, Side::Sell,
                                               OrderChannel::Counter, ContactChannel::Other,
                                               Direction::Inbound, Outcome::Refused, Board::Bond,
                                               RelationKind::Other);
static_assert(kEnumCodes<ContactChannel> == kContactChannelCount);

/// The enum of a stored code, nullopt when the code is out of range.
template <typename E>
constexpr std::optional<E> enumFromCode(long long code) {
    static_assert(kEnumCodes<E> > 0, "not a stored enum: specialise bd::kEnumCodes");
    if (code < 0 || code >= kEnumCodes<E>) return std::nullopt;
    return static_cast<E>(code);
}

/// English word as written in the interchange files ("" for Unknown).
std::string_view toString(Gender v);
std::string_view toString(ClientStatus v);
std::string_view toString(Side v);
std::string_view toString(OrderChannel v);
std::string_view toString(ContactChannel v);
std::string_view toString(Direction v);
std::string_view toString(Outcome v);
std::string_view toString(Board v);
/// "spouse", "parent", "child", "sibling", "colleague", "referral", "other".
std::string_view toString(RelationKind v);
/// "basic", "reactive", "accountable", "proactive", "partnership" (stored in settings and files).
std::string_view toString(RelationshipType v);
/// "senior broker", "broker", "service desk", "automated".
std::string_view toString(ServedBy v);

/// Parse the English (case-insensitive) or Chinese word; nullopt when unrecognised.
std::optional<Gender> parseGender(std::string_view s);
std::optional<ClientStatus> parseClientStatus(std::string_view s);
std::optional<Side> parseSide(std::string_view s);
std::optional<OrderChannel> parseOrderChannel(std::string_view s);
std::optional<ContactChannel> parseContactChannel(std::string_view s);
/// Preferred channel: the contact channels a client can ask for (phone, sms, wechat, email, visit).
std::optional<ContactChannel> parsePreferredChannel(std::string_view s);
std::optional<Direction> parseDirection(std::string_view s);
std::optional<Outcome> parseOutcome(std::string_view s);
std::optional<Board> parseBoard(std::string_view s);
std::optional<RelationKind> parseRelationKind(std::string_view s);
/// "C1".."C5" or "R1".."R5" (prefix given) -> 1..5.
std::optional<int> parseRiskLevel(std::string_view s, char prefix);

} // namespace bd
