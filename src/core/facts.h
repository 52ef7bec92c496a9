#pragma once
// Facts the engine tells people, as a kind plus typed arguments, never as a sentence: why a
// client is on the plan, why the planner left an item out, a data remark of a portfolio review,
// the name of a generated segment. The phrasebook (src/phrasebook/) words them in Simplified
// Chinese or English; the book stores them in a compact, versioned JSON form (encodeFacts):
//   [{"k":"cadence","every":30,"last":"2025-01-02","ago":93,"due":"2025-02-01"}, ...]
// one object per fact, "k" its kind's key, then its arguments by key (dates as YYYY-MM-DD,
// money in 0.0001 CNY units, fractions and decimals as numbers, text as strings). An object
// without "v" is version 1; a later change of a kind's arguments writes "v":2 and readers keep
// understanding version 1.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "core/money.h"

namespace bd {

/// Why a client is on the follow-up plan: a trigger (Cadence..Onboarding, the analytics'
/// TriggerKind) or what the plan adds when a contact is logged.
enum class ReasonKind : std::uint8_t {
    Unknown = 0,
    Cadence,             // every, due; last + ago, or opened (never contacted); overdue
    AssetOutflow,        // change, from, to; since; outflow + outflow_share | market + withdrawn
    SlippingAway,        // p_alive + p_alive_min; idle + trade_days
    LargeLoss,           // drawdown; loss
    Birthday,            // on, age, in_days
    SuitabilityMismatch, // count
    Complaint,           // on, ago
    LowSatisfaction,     // on, score
    PromisedFollowUp,    // on; missed_by
    Onboarding,          // opened, working_day, target
    NoAnswer,            // on, attempt; channel when switching after attempt unanswered calls
    CallbackAsked,       // on: the client asked to be called back
    LastContact,         // talking point: last + ago, or nothing (never contacted); channel,
                         // outcome, score (satisfaction) when known
    // Talking points only (never a trigger), facts from the book a caller can bring up:
    PromiseNote,  // on (the promised date), note (what the contact's notes say was promised)
    WorstHolding, // code, security (name), loss (unrealised, money), change (fraction of cost)
    RiskMismatch, // code, security, level (R), client_level (C): the first unsuitable holding
    RecentTrades, // last (last trade day), ago, trade_days (in 12 months); or nothing: none
    Policy,       // relationship, served_by, every (0 = no proactive cadence): the segment's
    // Triggers again (appended: codes are stored). The risk assessment (风险测评) runs out:
    RiskAssessmentExpiring, // on (the day it is no longer valid), in_days
    RiskAssessmentExpired,  // on (the day it stopped being valid), ago
    // A survey campaign's call:
    SurveyDue, // on (the campaign's launch), due (its deadline), item (the campaign id)
};
inline constexpr int kReasonKindCount = 22; // including Unknown

/// Why the planner could not book an item (the analytics' DropReason).
enum class DropKind : std::uint8_t {
    Unknown = 0,
    Capacity,      // calls (higher-priority calls that fill the horizon), broker, days, priority;
                   // channel when that channel's daily limit played a part
    AlreadyBooked, // on, every
    NotInHorizon,  // on (not before), due (the horizon's last day)
    Duplicate,     // item (the 1-based input item planned instead)
    NoBroker,      // (no arguments)
    // A deadline the plan cannot meet (a shortfall): kind (the trigger whose deadline it is),
    // due (the deadline), count (the broker's free slots from the plan's first day to the
    // deadline), calls (calls booked there that keep their deadlines), broker; on + missed_by
    // (working days late) when planned late, neither when not planned; channel when that
    // channel's daily limit played a part.
    DeadlineMissed,
    // A low-value client's slipping-away call beyond its share of the broker's capacity: share
    // (the configured fraction), calls (the calls it allows over the horizon), days, broker.
    SlippingShare,
};
inline constexpr int kDropKindCount = 8;

/// A data remark of a portfolio review.
enum class ReviewNoteKind : std::uint8_t {
    Unknown = 0,
    IgnoredTrades,       // count: trades with an unknown side or no quantity
    Oversold,            // count: sells beyond the quantity bought in the book
    QuantityMismatch,    // count: holdings that differ from what the trades add up to
    NoSnapshot,          // (a period return): no snapshot on or before the as-of date
    SnapshotTooOld,      // on: the latest snapshot
    NoStartSnapshot,     // on: the period start
    StartSnapshotTooFar, // on: the period start
    CapitalNotPositive,  // average capital is not positive
    // A failed suitability rule of one holding:
    UnknownClientLevel, // the client's risk tolerance is not assessed
    UnratedSecurity,    // the security has no risk rating
    RiskAboveTolerance, // level (R) above client_level (C)
    GrowthBoardLevel,   // board (ChiNext, STAR, BSE) needs client_level (C) or more
    AssessmentExpired,  // on: the client's risk assessment is no longer valid since then
};
inline constexpr int kReviewNoteKindCount = 14;

/// An argument of a fact. Each has one type (argType) and a stable key in the encoding.
enum class Arg : std::uint8_t {
    Every,        // count: days of a contact cadence
    Last,         // date: last contact
    Ago,          // count: days ago
    Due,          // date
    Opened,       // date: account opened
    Overdue,      // count: days
    Change,       // fraction: AUM change
    Since,        // date: previous snapshot
    From,         // money
    To,           // money
    Outflow,      // money: net outflow
    OutflowShare, // fraction of AUM
    Market,       // fraction: market move
    Withdrawn,    // fraction of AUM estimated withdrawn
    PAlive,       // decimal: probability the client is still active
    PAliveMin,    // decimal: the threshold
    Idle,         // count: days without a trade
    TradeDays,    // count: trade days in 12 months
    Drawdown,     // fraction
    Loss,         // money
    On,           // date
    Age,          // count: years
    InDays,       // count: days from now
    Count,        // count
    Score,        // count: satisfaction 1..5
    MissedBy,     // count: days
    WorkingDay,   // count: the n-th working day
    Target,       // date
    Attempt,      // count
    Channel,      // channel
    Calls,        // count
    Broker,       // text: a broker id
    Days,         // count: working days
    Priority,     // decimal
    Item,         // count: 1-based input position
    Level,        // count: a security's risk rating R1..R5
    ClientLevel,  // count: a client's risk tolerance C1..C5
    Board,        // count: a core Board code
    Kind,         // count: a ReasonKind code (whose deadline)
    Outcome,      // count: a core Outcome code
    Note,         // text: a contact's notes as typed
    Code,         // text: a security code
    Security,     // text: a security's name
    Relationship, // count: a core RelationshipType code
    ServedBy,     // count: a core ServedBy code
    Share,        // fraction: a configured share
    // Refusals (core/refusal.h):
    Field,         // text: the key of the field or column refused ("phone", "tag", ...)
    Value,         // text: the value as it was given
    Client,        // text: a client id
    Other,         // text: the other client's id
    Operation,     // count: an operation of the audit trail
    By,            // count: the operation that undid or overtook it
    OperationKind, // text: an operation's kind as the audit trail keeps it ("client.edit")
    Actor,         // text: who ran an operation
    At,            // text: when ("YYYY-MM-DD HH:MM:SS")
    Entity,        // text: what an audit row changed ("client", "note", ...)
    EntityId,      // text: which one
    Min,           // count: the least allowed
    Max,           // count: the most allowed
    Version,       // count: a client's stored version
    BasedOn,       // count: the version an edit was based on
    Now,           // text: the value stored now
    Id,            // count: a row id (contact, plan item, survey template)
    Audience,      // count: a core AudienceKind code (its argument in Count)
    Low,           // decimal: a range's lower bound
    High,          // decimal: a range's upper bound
    Bounds,        // count: core/refusal.h RangeBounds bits
    Unit,          // count: a core/refusal.h RangeUnit code
    OtherField,    // text: the key of a second field
    Words,         // count: a core FileWords code (the words a file's column takes)
    AsUtf8,        // text: bytes as UTF-8 reads them
    AsGb18030,     // text: the same bytes as GB18030 reads them
};
inline constexpr int kArgCount = 72;

enum class ArgType : std::uint8_t { Count, Date, Money, Fraction, Decimal, Channel, Text };

ArgType argType(Arg a);
/// The key of an argument in the encoding ("every", "last", ...).
std::string_view argKey(Arg a);

/// One argument value; which member holds it follows argType (Count, Date days, Money units and
/// Channel codes in `n`, Fraction and Decimal in `x`, Text in `text`).
struct FactArg {
    Arg arg = Arg::Count;
    std::int64_t n = 0;
    double x = 0.0;
    std::string text;
    bool operator==(const FactArg&) const = default;
};

/// A kind and its arguments, in the order they were set.
template <typename Kind>
struct Fact {
    Kind kind{};
    std::vector<FactArg> args;

    Fact() = default;
    explicit Fact(Kind k) : kind(k) {}

    Fact& count(Arg a, std::int64_t v) {
        put(a).n = v;
        return *this;
    }
    Fact& date(Arg a, Date d) { return count(a, d.days); }
    Fact& money(Arg a, Money m) { return count(a, m.units); }
    Fact& channel(Arg a, ContactChannel c) { return count(a, static_cast<int>(c)); }
    /// A fraction (0.25 = 25 %) or a plain decimal, as argType says.
    Fact& value(Arg a, double v) {
        put(a).x = v;
        return *this;
    }
    Fact& text(Arg a, std::string v) {
        put(a).text = std::move(v);
        return *this;
    }

    const FactArg* find(Arg a) const {
        for (const auto& v : args)
            if (v.arg == a) return &v;
        return nullptr;
    }
    bool has(Arg a) const { return find(a) != nullptr; }
    std::int64_t countOf(Arg a) const { return find(a) ? find(a)->n : 0; }
    Date dateOf(Arg a) const { return Date{static_cast<std::int32_t>(countOf(a))}; }
    Money moneyOf(Arg a) const { return Money{countOf(a)}; }
    double valueOf(Arg a) const { return find(a) ? find(a)->x : 0.0; }
    ContactChannel channelOf(Arg a) const { return static_cast<ContactChannel>(countOf(a)); }
    std::string textOf(Arg a) const { return find(a) ? find(a)->text : std::string(); }

    bool operator==(const Fact&) const = default;

  private:
    FactArg& put(Arg a) {
        for (auto& v : args)
            if (v.arg == a) return v = FactArg{a, 0, 0.0, {}};
        return args.emplace_back(FactArg{a, 0, 0.0, {}});
    }
};

using Reason = Fact<ReasonKind>;
using DropFact = Fact<DropKind>;
using ReviewNote = Fact<ReviewNoteKind>;

/// The stable key of a kind ("cadence", "asset_outflow", ..., "capacity", "oversold"); "" for
/// Unknown. Stored in the book: never change one.
std::string_view factKey(ReasonKind k);
std::string_view factKey(DropKind k);
std::string_view factKey(ReviewNoteKind k);
/// The kind of a key (Unknown when the key is not known to this build).
ReasonKind reasonKindOf(std::string_view key);

/// The facts as stored: a JSON array of objects (see the header comment).
std::string encodeFacts(const std::vector<Reason>& facts);
std::string encodeFacts(const std::vector<DropFact>& facts);
std::string encodeFacts(const std::vector<ReviewNote>& facts);
/// The facts of a stored text; nullopt when it is not an encoding of facts. Unknown kinds come
/// back as Unknown, unknown argument keys are skipped.
std::optional<std::vector<Reason>> decodeReasons(std::string_view text);
std::optional<std::vector<DropFact>> decodeDropFacts(std::string_view text);

/// The generated name of a segment: a theme chosen by the naming rules
/// (analytics::segmentName), told apart from a segment of the same theme by the feature (or
/// feature theme) that sets it apart most, or else by a number.
enum class SegmentTheme : std::uint8_t {
    Unknown = 0,
    ActiveNewcomers,
    Newcomers,
    Dormant,
    HighValueActive,
    AssetRichInactive,
    ActiveTraders,
    AssetRich,
    HighContributors,
    Growing,
    Small,
    Mainstream,
    /// The one segment of a book that is not split (Unsegmented says why).
    WholeBook,
};
inline constexpr int kSegmentThemeCount = 13;

/// Why a segmentation kept every client in one segment instead of splitting the book: too few
/// clients, no measure in which they differ, or no grouping that repeats from one sample of
/// the clients to another (a split there would be arbitrary).
enum class Unsegmented : std::uint8_t { No = 0, TooFewClients, NoVariation, NoStableStructure };
inline constexpr int kUnsegmentedCount = 4;
std::string_view factKey(Unsegmented r);
/// The reason of a key ("too_few_clients", ...); No for "" and unknown keys.
Unsegmented parseUnsegmented(std::string_view key);

struct SegmentName {
    SegmentTheme theme = SegmentTheme::Unknown;
    std::string feature; // a feature id ("net_inflow_12m") or a feature theme ("assets"); "" none
    int direction = 0;   // with feature: +1 higher, -1 lower than the book
    int number = 0;      // >= 2: the n-th segment of this name; 0 none
    bool operator==(const SegmentName&) const = default;
};

std::string_view factKey(SegmentTheme t);
/// {"k":"asset_rich","f":"net_inflow_12m","d":1} ("f", "d", "n" only when set).
std::string encodeSegmentName(const SegmentName& name);
/// nullopt when the text is not an encoded segment name (e.g. a name the user typed).
std::optional<SegmentName> decodeSegmentName(std::string_view text);

} // namespace bd
