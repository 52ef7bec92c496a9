#pragma once
// Why a command was refused, as a fact: a kind plus the values that decided it (the field and
// the value given, the allowed range, the operation that blocks an undo, ...), never a
// sentence. The command layer attaches one to the error it returns (Error::refusal) and the
// phrasebook words it (phrase::refusal) in the language of whoever reads it: the workstation's
// language, the CLI's --lang. Refusals are not stored; their argument keys are facts.h's.
#include <cstdint>
#include <vector>

#include "core/facts.h"

namespace bd {

enum class RefusalKind : std::uint8_t {
    Unknown = 0,
    Required,          // field: a value is required
    IdNumberChecksum,  // field, value: not an ID number (GB 11643 checksum)
    PhoneFormat,       // field, value: not a phone number
    DateFormat,        // field, value: not a date YYYY-MM-DD
    FutureDate,        // field, value: a date that cannot be in the future
    NotOneOf,          // field, value: a word the field does not take (the words it takes are
                       // the phrasebook's, by field)
    RiskLevelRange,    // field, value: not C1..C5
    UnknownBroker,     // field, value; broker: the service desk queue's id (a call list's hint)
    UnknownBranch,     // field, value
    UnknownClient,     // client
    UnknownContact,    // id
    UnknownPlanItem,   // id
    UnknownSetting,    // value
    UnknownSurvey,     // field, id
    ClientExists,      // client
    SlashInId,         // value
    TooLong,           // field, value, min, max (characters)
    BadColour,         // field, value: not #rrggbb
    OutOfRange,        // field, value, min, max
    NothingNamed,      // field: what to name at least one of ("client", "field", "setting",
                       // "day", "correction")
    NamedTwice,        // field, value
    StaleVersion,      // client, version (now), based_on; a FieldConflict detail per field
    FieldConflict,     // field, now (the stored value), value (this edit's)
    ChangedSince,      // client, based_on: changed while the command ran
    ContactVoid,       // id, note (the void reason)
    MergeIntoItself,   // client
    MergedAlready,     // client, other (the client it was merged into)
    RelatedToItself,   // client
    NotRelated,        // client, other
    NoSuchOperation,   // operation
    NotUndoable,       // operation, operation_kind, entity
    UndoLoggedContact, // operation, operation_kind
    UndoneAlready,     // operation, by
    // operation, by (the later operation), operation_kind, actor, at (of the later one),
    // entity, entity_id (what it changed); client when the entity belongs to a client the undo
    // would take back (an added or merged client)
    Overtaken,
    WeekdayAdjusted, // on: an adjusted workday is a Saturday or Sunday
    WeekendClosure,  // on: a market closure is a weekday
    EmptyAudience,   // audience, count (its argument), on (the launch day)
    UnknownTag,      // value
    // A setting's value outside its range: field (the setting's key), value, low and high (the
    // bounds), bounds (RangeBounds bits: which bound is itself not allowed), unit (RangeUnit:
    // how the bounds read). A word a setting does not take is NotOneOf with the setting's key.
    SettingRange,
    SettingsOrder,    // field, other_field: field's value must be less than other_field's
    SettingsBothZero, // field, other_field: the two may not both be 0
    PlanItemClosed,   // id: a plan item no longer to do (done or skipped)
    UnknownSegment,   // id: not a segment of the newest segmentation
    SurveyNotReached, // survey answers need a contact that reached the client
    NoOpenSurveyCall, // client, id (the campaign)
    AnswerCount,      // id (the survey), count (its questions), value (the scores given)
    // operation_kind: on a branch server only a manager makes this change (the server refused
    // the login: ErrorCode::NotPermitted)
    ManagersOnly,
    // id (the campaign): a client of the launch's audience is no longer the login's (moved to
    // another broker or branch since the audience was read); launch again
    AudienceChanged,
    // entity, entity_id (a client, contact or plan item; a broker: their clients, as a call
    // list; none: the change as a whole): on a branch server the policies keep it from this
    // login (another broker's or branch's client; ErrorCode::NotPermitted)
    NotYours,
    // client: on a branch server the change would take the client out of what this login may
    // change (a broker giving a client to another broker, a manager moving one to another
    // branch; ErrorCode::NotPermitted)
    LeavesLoginsBook,
    // client: an added client's undo would remove a client that trades, snapshots, positions,
    // contacts, plan items or relations now refer to (the nightly files or plan reached it)
    ClientInUse,
    // Import problems (storage/import): a problem of one field of an interchange file, or of
    // the file as a whole. field is the column's key ("trade_time", "client_id"), value the
    // field as written; the line and the column's header are the Error's.
    ImportDateTime,        // field, value: not a date and time YYYY-MM-DD HH:MM:SS
    ImportAmount,          // field, value: not an amount (digits with up to 4 decimals)
    ImportAmountTooLarge,  // field, value: beyond the largest amount
    ImportNotPositive,     // field, value: an amount or number that must be greater than 0
    ImportNegative,        // field, value: an amount or number that may not be negative
    ImportWholeNumber,     // field, value: not a whole number
    ImportNumberTooLarge,  // field, value: a whole number beyond the 64-bit range
    ImportSecurityRisk,    // field, value: not a risk rating R1..R5
    ImportNotOneOf,        // field, value, words (a FileWords code: the words the column takes)
    ImportSecurityCode,    // field, value: not a security code
    ImportUnknownClient,   // field, value: neither in the book nor in the clients file
    ImportAmountMismatch,  // field, value, note (quantity x price, in yuan as written)
    ImportDuplicateColumn, // field, value (the second header naming it)
    ImportMissingColumn,   // field, note (the column's other names, comma-separated)
    ImportFieldCount,      // count (the header's fields), value (the record's)
    ImportDuplicateKey,    // value (the key), item (the line it was first on)
    ImportEmptyFile,       // no header row
    ImportNotChecked,      // not checked: the clients file was rejected as a whole
    ImportEncoding,        // value: the file is not text in UTF-8 or GB18030
    ImportOpenQuote,       // a quoted field not closed before the end of the file
    ImportAfterQuote,      // text after a closing quote
    ImportBinary,          // value (the bytes from a NUL byte on): binary data, not a text file
    // value (the bytes), as_utf8 and as_gb18030 (the same bytes read in each): well-formed in
    // both encodings, and Chinese only in GB18030; the user names the encoding
    ImportAmbiguousEncoding,
    // value (the bytes), item (a line that is UTF-8): this line is not; one file, two encodings
    ImportMixedEncoding,
};
inline constexpr int kRefusalKindCount = 76; // including Unknown

/// How a range's bounds read (SettingRange's unit).
enum class RangeUnit : std::uint8_t { Integer = 0, Decimal, Percent, Money };
/// Which bound of a range is itself not allowed (SettingRange's bounds, bits).
enum RangeBounds : std::uint8_t { kBothClosed = 0, kLowOpen = 1, kHighOpen = 2 };

using RefusalFact = Fact<RefusalKind>;

/// A refusal and what details it (StaleVersion: each field's two values).
struct Refusal {
    RefusalFact fact;
    std::vector<RefusalFact> details;
};

} // namespace bd
