#pragma once
// The one write path (issue 18): every change a person makes is a command value (what, who,
// which entity, its arguments) that execute() validates (a located error naming the field and
// the rule, nothing changed), applies in one transaction, records in the audit trail with
// before/after values (one operation id for all its rows) and answers with what changed, in
// the BookChange terms every view listens to, and its inverse when it can be undone. The CLI
// and the workstation (through ui/session/BookSession) run the same commands. The storage side
// is storage::RecordStore (SQLite now; a branch server's store later); no Qt, no SQL here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "analytics/relationship.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/enums.h"
#include "core/result.h"
#include "services/bookchange.h"
#include "services/booksettings.h"
#include "services/contactlog.h"
#include "services/surveys.h"
#include "storage/book/recordstore.h"
#include "storage/db/database.h"

namespace bd::services::cmd {

/// A client's profile fields a person may set (their keys are the stored column names).
enum class ClientField {
    Name,
    Gender,
    BirthDate,
    IdNumber,
    Phone,
    Email,
    Broker,
    Branch,
    RiskLevel,
    Status,
    PreferredChannel,
    ContactHours,
    RiskAssessedOn,
    Count
};
/// "name", "gender", "birth_date", "id_number", "phone", "email", "broker_id", "branch_id",
/// "risk_level", "status", "preferred_channel", "contact_hours", "risk_assessed_on".
std::string_view fieldKey(ClientField f);
/// The field of a key (also "broker" and "branch"); none when unknown.
std::optional<ClientField> parseClientField(std::string_view key);
/// Whether clients.csv brings the field (an edit of it is kept as a local correction).
bool fromTradingSystem(ClientField f);

/// One field's new value as a person typed it ("" clears an optional field): the words and
/// forms clients.csv takes (gender M/F, dates YYYY-MM-DD, risk level C1..C5, status words).
struct FieldValue {
    ClientField field = ClientField::Name;
    std::string value;
};

/// Changes profile fields of a client. `based_on_version`: the version the person saw; when
/// the client changed since, the edit is refused showing both values (none: the current one).
struct EditClient {
    std::string client_id;
    std::optional<std::int64_t> based_on_version;
    std::vector<FieldValue> values;
};

/// Adds a client by hand: a prospect unless the values name another status; the id is made
/// ("P000001", ...) when empty; name and broker are required.
struct AddClient {
    std::string client_id;
    std::vector<FieldValue> values;
};

/// Sets (or removes) a tag on one or many clients in one operation. Colour "#rrggbb"; empty:
/// the tag's colour so far (new tags get grey).
struct TagClients {
    std::vector<std::string> client_ids;
    std::string tag;
    std::string colour;
    bool remove = false;
};

/// Gives a tag another colour ("#rrggbb"): every client carrying it shows it so. Refused for a
/// tag the book does not have.
struct SetTagColour {
    std::string tag;
    std::string colour;
};

/// Adds a note to a client's notes timeline (a note is not a contact: cadence is unchanged).
struct AddNote {
    std::string client_id;
    std::string text;
    std::optional<DateTime> at; // default now
};

/// Relates two clients: `kind` is what `to_client_id` is to `client_id` (kind parent: the
/// other client is this one's parent; seen from the other, this one is its child). A pair has
/// one relation: relating a related pair again changes its kind. Refused: an unknown client,
/// a client related to itself, an unknown kind.
struct RelateClients {
    std::string client_id;
    std::string to_client_id;
    RelationKind kind = RelationKind::Unknown;
};

/// Removes the relation between two clients (either way round); refused when there is none.
struct UnrelateClients {
    std::string client_id;
    std::string to_client_id;
};

/// Logs a contact, planned or not, inbound or outbound (services::logContact).
struct LogContact {
    ContactLog log;
};

/// Corrects a logged contact's notes and/or outcome.
struct CorrectContact {
    std::int64_t contact_id = 0;
    std::optional<std::string> notes;
    std::optional<Outcome> outcome;
};

/// Voids a logged contact with a reason (it stays in the book, marked void).
struct VoidContact {
    std::int64_t contact_id = 0;
    std::string reason;
};

/// Moves a plan item (services::rescheduleItem).
struct ReschedulePlanItem {
    std::int64_t task_id = 0;
    Date to;
};

/// Skips a plan item with a reason (services::skipItem).
struct SkipPlanItem {
    std::int64_t task_id = 0;
    std::string reason;
};

/// Renames a segment of the newest segmentation.
struct RenameSegment {
    int segment_id = 0;
    std::string name_zh;
    std::string name_en;
};

/// Stores service policies (all or none).
struct SaveServicePolicies {
    std::vector<analytics::ServicePolicy> policies;
};

/// Fixes the number of segments for the next refreshes (2..10), or lets the criterion choose
/// again (none).
struct FixSegmentCount {
    std::optional<int> k;
};

/// Sets book settings (services/booksettings.h): each value is checked against its allowed
/// range, then the rules across settings as the engine reads them; all or none are stored.
/// A value of none puts the setting back to its default.
struct SaveSettings {
    std::vector<SettingValue> values;
};

/// One day of the exchange calendar as the book lists it over the built-in calendar: closed
/// (holiday, market_closed), an adjusted workday (a weekend day offices work), or none (the
/// book's own entry removed: the built-in calendar decides again). `reason` is its name.
struct CalendarCorrection {
    Date date;
    std::optional<CalendarDayKind> kind;
    std::string reason;
};

/// Corrects days of the book's calendar (all or none). `source`: "user" for a person's
/// correction (a reason is then required), else the file the days came from.
struct CorrectCalendar {
    std::vector<CalendarCorrection> days;
    std::string source = "user";
};

/// Records an export that was written: what, how many rows, masked or not, which file.
struct RecordExport {
    std::string what; // "clients", "calllist", ...
    std::int64_t rows = 0;
    bool masked = false;
    std::string file;
};

/// Merges two clients that are one person: every trade, snapshot, position, contact, plan
/// item, tag and note of `absorb` moves to `keep` (storage/book/clientmerge.h says how rows
/// that meet are combined) and `absorb` is marked merged into `keep`. One operation, undone
/// exactly. Refused: a client merged into itself, an unknown client, a client merged already.
struct MergeClients {
    std::string keep;
    std::string absorb;
};

/// Gives many clients another broker in one operation (each client's row audited).
struct ReassignClients {
    std::vector<std::string> client_ids;
    std::string broker_id;
};

/// Sets the status of many clients in one operation (the status words clients.csv takes).
struct SetClientsStatus {
    std::vector<std::string> client_ids;
    std::string status;
};

/// Creates a survey template from the items a manager typed (services/surveys.h SurveyDraft:
/// 1..5 items scored 1..5, plus the 0..10 "would you recommend" every survey ends with).
struct CreateSurvey {
    SurveyDraft draft;
};

/// Launches a campaign: a template aimed at an audience, from a launch day with a deadline in
/// working days; one survey call per open client of the audience, in its broker's queue or the
/// service desk's (its segment's policy). Refused when the audience is empty.
struct LaunchCampaign {
    std::string name;
    std::int64_t template_id = 0;
    Audience audience;
    std::optional<Date> launch; // default today
    int deadline_working_days = 10;
};

/// Undoes an operation: puts back what its audit rows say each entity was before. Refused
/// when it was undone already, or a later operation changed one of its entities.
struct UndoOperation {
    std::int64_t operation = 0;
};

using CommandArgs =
    std::variant<EditClient, AddClient, TagClients, AddNote, LogContact, CorrectContact,
                 VoidContact, ReschedulePlanItem, SkipPlanItem, RenameSegment, SaveServicePolicies,
                 FixSegmentCount, SaveSettings, CorrectCalendar, RecordExport, UndoOperation,
                 RelateClients, UnrelateClients, MergeClients, ReassignClients, SetClientsStatus,
                 CreateSurvey, LaunchCampaign, SetTagColour>;

/// A command: who asks for what.
struct Command {
    std::string actor; // empty: the operating-system user (currentActor)
    CommandArgs args;
};

/// What a command did.
struct Applied {
    std::int64_t operation = 0;                 // its id in the audit trail (0: nothing changed)
    std::vector<BookChange> changes;            // for BookSession::announce
    std::optional<Command> inverse;             // runs the undo (an UndoOperation), when undoable
    std::int64_t client_ref = 0;                // the client edited or added
    std::string client_id;                      // its id (AddClient: the id it got)
    std::int64_t version = 0;                   // its version after the change
    std::int64_t note_id = 0;                   // AddNote
    std::optional<ContactLogResult> contact;    // LogContact
    std::optional<Date> rescheduled_to;         // ReschedulePlanItem
    int rows = 0;                               // entities changed (audit rows written)
    std::optional<storage::MergeCounts> merged; // MergeClients: what moved
    std::vector<std::int64_t> clients;          // ReassignClients, SetClientsStatus: changed
    std::int64_t survey_id = 0;                 // CreateSurvey: the template's id
    std::int64_t campaign_id = 0;               // LaunchCampaign
    std::int64_t survey_calls = 0;              // LaunchCampaign: calls created
    std::int64_t desk_calls = 0;                // ... of which on the service desk's queue
};

/// The operating-system user running the program (getpwuid, else $USER, else "unknown").
std::string currentActor();

/// Validates, applies in one transaction, records in the audit trail. InvalidInput (nothing
/// changed) for a value that breaks a rule, an unknown client, broker or item, a stale version,
/// an undo that is blocked.
Result<Applied> execute(storage::Database& db, const Command& command);
/// The same on a branch server's store (storage/pg/pgrecordstore.h): the client, tag, note,
/// relation, contact, plan item (reschedule, skip; a contact completes and books items as on a
/// desk), export and undo commands, and the settings commands (settings, service policies,
/// segment count, calendar corrections: run on the store's settingsCopy, written back in the
/// same write), segment renames, and a manager's survey templates and campaigns: a launch works
/// its audience out from `reads`, a desk book holding what the login sees (a working copy, or
/// the workstation's replica; Usage without one). The server's policies decide what the login
/// may change: anything else is NotPermitted, worded by the phrasebook (a client, contact or
/// plan item of another broker's or branch's as NotYours, a change taking a client out of the
/// login's book as LeavesLoginsBook, a broker's settings change, segment rename, survey.create
/// and survey.launch as ManagersOnly), and the actor recorded is the login, whatever
/// `command.actor` says.
Result<Applied> execute(storage::RecordStore& store, const Command& command,
                        storage::Database* reads = nullptr);

/// Success when `store` shows client `clientId` to its user; otherwise the refusal a command
/// naming it gets (an unknown client; on a branch server NotYours for another broker's).
Status clientNamed(storage::RecordStore& store, const std::string& clientId);

} // namespace bd::services::cmd
