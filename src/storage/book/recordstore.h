#pragma once
// What the command layer (services/commands/) writes and reads, as one narrow interface: a
// client's stored profile with its version, local corrections, tags, notes, a contact's
// correction or void, and the append-only audit trail. SQLite is the one implementation now
// (SqliteRecordStore); a branch server's store (PostgreSQL, issue 19) implements the same
// calls, so every command runs unchanged on either. Values go in and out in their domain
// types; what SQL they become stays behind the interface.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/domain.h"
#include "core/result.h"
#include "storage/book/clientmerge.h"
#include "storage/book/planstore.h"
#include "storage/book/segmentnames.h"
#include "storage/book/surveystore.h"
#include "storage/db/database.h"

namespace bd::storage {

/// A client as stored, with the row version an edit is based on.
struct ClientRecord {
    std::int64_t ref = 0;     // clients.id (0 before it is stored)
    std::int64_t version = 0; // bumped by every change of the row
    Client client;
    std::string contact_hours;
};

/// A trading-system field a person corrected locally (kept over a later import).
struct CorrectionRow {
    std::string field; // column name: "phone", "risk_level", ...
    std::string value; // as the audit shows it (the stored form as text)
    DateTime at;
    std::string actor;
};

/// An import that brought another value than a local correction (the correction was kept).
struct CorrectionConflictRow {
    std::string field;
    std::string kept;
    std::string incoming;
    DateTime at;
};

/// A tag on a client, with its colour ("#rrggbb").
struct TagRow {
    std::string name;
    std::string colour;
};

/// One note of a client's notes timeline.
struct NoteRow {
    std::int64_t id = 0;
    std::int64_t client_ref = 0;
    DateTime at;
    std::string author;
    std::string text;
};

/// The parts of a stored contact a person may correct, and whether it was voided.
struct ContactRecord {
    std::int64_t id = 0;
    std::int64_t client_ref = 0;
    DateTime time;
    ContactChannel channel = ContactChannel::Unknown;
    Direction direction = Direction::Unknown;
    Outcome outcome = Outcome::Unknown;
    std::string notes;
    std::optional<std::string> void_reason; // set: voided
};

/// A contact to store (a desk logging a call, visit or message).
struct NewContact {
    std::int64_t client_ref = 0;
    std::string broker_id;
    DateTime time;
    ContactChannel channel = ContactChannel::Unknown;
    Direction direction = Direction::Unknown;
    Outcome outcome = Outcome::Unknown;
    std::optional<int> satisfaction;
    std::string notes;
    std::optional<Date> next_follow_up;
};

/// A relation between two clients: `kind` is what client B is to client A (B is A's parent);
/// seen from B, A is inverse(kind). One row per pair, whichever way round it was stored.
struct RelationRow {
    std::int64_t client_a = 0;
    std::int64_t client_b = 0;
    RelationKind kind = RelationKind::Unknown;
};

/// One row of the audit trail: one entity an operation changed (or one export it made).
struct AuditRow {
    std::int64_t id = 0;
    std::int64_t operation = 0; // groups the rows of one command
    DateTime at;
    std::string actor;
    std::string kind;      // the command: "client.edit", "tag.set", "export", ...
    std::string entity;    // what it changed: "client", "client_tag", "note", "contact", ...
    std::string entity_id; // which one (a client id, "C1/vip", a note id, ...)
    std::optional<std::int64_t> client_ref;
    std::optional<std::string> before;  // JSON object; none: the entity did not exist
    std::optional<std::string> after;   // JSON object; none: the entity is gone
    std::optional<std::int64_t> undoes; // the operation this one undid
};

/// Which audit rows to list (newest first).
struct AuditFilter {
    std::optional<std::int64_t> client_ref;
    std::optional<DateTime> since;
    std::string kind; // exact kind, or a prefix ending in '.' ("client.")
    std::optional<std::int64_t> operation;
    int limit = 0; // 0 = all
};

/// One write in progress: everything until commit() is one transaction; destroyed without a
/// commit, it changes nothing.
class WriteScope {
  public:
    virtual ~WriteScope() = default;
    virtual Status commit() = 0;
};

/// The WriteScope of a store: a transaction `Tx` of its own (made from `args`), committed by
/// commit() and rolled back by its destructor otherwise.
template <typename Tx>
class TransactionScope final : public WriteScope {
  public:
    template <typename... Args>
    explicit TransactionScope(Args&&... args) : m_tx(std::forward<Args>(args)...) {}
    Status commit() override { return m_tx.commit(); }
    const Tx& transaction() const { return m_tx; }

  private:
    Tx m_tx;
};

/// The store of the book's records (see the top of this file).
class RecordStore {
  public:
    virtual ~RecordStore() = default;

    /// Opens a write: the rows read after it are the rows the write changes.
    virtual Result<std::unique_ptr<WriteScope>> beginWrite() = 0;

    // Clients.
    /// NotFound when absent.
    virtual Result<ClientRecord> loadClient(const std::string& clientId) = 0;
    virtual Result<ClientRecord> loadClientByRef(std::int64_t ref) = 0;
    virtual Result<bool> brokerExists(const std::string& brokerId) = 0;
    virtual Result<bool> branchExists(const std::string& branchId) = 0;
    /// The branch a broker works in ("" when the broker has none); none for an unknown broker.
    virtual Result<std::optional<std::string>> brokerBranch(const std::string& brokerId) = 0;
    /// Stores a new client at version 1 (under record.ref when set, as an undo puts it back);
    /// its ref.
    virtual Result<std::int64_t> insertClient(const ClientRecord& record) = 0;
    /// Writes the profile when the stored version is still `basedOn` (then version+1); false
    /// when it moved on (nothing written).
    virtual Result<bool> updateClient(const ClientRecord& record, std::int64_t basedOn) = 0;
    /// Whether rows other than the client's own profile, tags, notes and corrections refer to it
    /// (trades, snapshots, positions, contacts, plan items, results, surveys, relations, merges).
    virtual Result<bool> clientInUse(std::int64_t ref) = 0;
    /// Removes a client with its tags, notes and corrections (undo of an add). The caller asks
    /// clientInUse first; the foreign keys refuse a client still in use.
    virtual Status deleteClient(std::int64_t ref) = 0;

    // Local corrections of trading-system fields.
    virtual Status putCorrection(std::int64_t ref, const CorrectionRow& row) = 0;
    virtual Status removeCorrection(std::int64_t ref, const std::string& field) = 0;
    virtual Result<std::vector<CorrectionRow>> corrections(std::int64_t ref) = 0;
    virtual Result<std::vector<CorrectionConflictRow>> correctionConflicts(std::int64_t ref) = 0;

    // Tags.
    virtual Result<std::vector<TagRow>> tagsOf(std::int64_t ref) = 0;
    /// The colour of a known tag, none when no client ever had it.
    virtual Result<std::optional<std::string>> tagColour(const std::string& tag) = 0;
    /// Creates the tag or changes its colour.
    virtual Status putTag(const TagRow& tag) = 0;
    /// False when the client had the tag already / did not have it.
    virtual Result<bool> addClientTag(std::int64_t ref, const std::string& tag) = 0;
    virtual Result<bool> removeClientTag(std::int64_t ref, const std::string& tag) = 0;

    // Notes.
    /// Stores a note (with its id when given, as an undo restores it); the note as stored, with
    /// its id (a branch server files it under the login, whatever `note.author` says).
    virtual Result<NoteRow> insertNote(const NoteRow& note) = 0;
    virtual Result<std::optional<NoteRow>> loadNote(std::int64_t id) = 0;
    virtual Status deleteNote(std::int64_t id) = 0;
    /// Newest first.
    virtual Result<std::vector<NoteRow>> notesOf(std::int64_t ref) = 0;

    // Contacts (logged by services::logContact; corrected or voided here).
    virtual Result<std::optional<ContactRecord>> loadContact(std::int64_t id) = 0;
    /// Writes notes, outcome and the void reason.
    virtual Status updateContact(const ContactRecord& contact) = 0;
    /// Stores a new contact; its id. (On SQLite services::logContact also updates the plan;
    /// this is the contact alone, as a branch server stores it.)
    virtual Result<std::int64_t> insertContact(const NewContact& contact) = 0;

    // Relations between clients (households).
    /// The relation of a pair, stored either way round; none when they are not related.
    virtual Result<std::optional<RelationRow>> relationBetween(std::int64_t a, std::int64_t b) = 0;
    /// Stores the pair's relation as given, in place of any it had (either way round).
    virtual Status putRelation(const RelationRow& relation) = 0;
    /// Removes the pair's relation (either way round); false when there was none.
    virtual Result<bool> removeRelation(std::int64_t a, std::int64_t b) = 0;
    /// Every relation the client is in, as stored (the client is A or B).
    virtual Result<std::vector<RelationRow>> relationsOf(std::int64_t ref) = 0;
    // Merging clients (clientmerge.h: what moves, how rows that meet are combined).
    /// The client `ref` was merged into, none when it stands on its own.
    virtual Result<std::optional<std::int64_t>> mergedInto(std::int64_t ref) = 0;
    /// Moves every row of `absorb` to `keep`, marks `absorb` merged, and keeps what it did
    /// under `operation` for the undo.
    virtual Result<MergeCounts> mergeClients(std::int64_t keep, std::int64_t absorb,
                                             std::int64_t operation) = 0;
    /// Puts back what the merge `operation` moved.
    virtual Status unmergeClients(std::int64_t keep, std::int64_t absorb,
                                  std::int64_t operation) = 0;

    // Plan items (follow_up_tasks): moved and skipped by a person, completed or booked by a
    // logged contact (services/planitems, services/contactlog); the plan itself is rebuilt by
    // the plan service (on a server, the nightly batch).
    /// One plan item; NotFound when there is none (NotPermitted when the server's policy hides it).
    virtual Result<TaskRow> loadTask(std::int64_t id) = 0;
    /// The client's first to-do item (Open or Held) in the plan's order; none when it has none.
    virtual Result<std::optional<TaskRow>> firstToDoTask(std::int64_t clientRef) = 0;
    /// Stores a new plan item (its id is made); the id.
    virtual Result<std::int64_t> insertTask(const TaskRow& task) = 0;
    /// Writes status, planned date, channel, time window, attempts, skip reason and contact.
    virtual Status updateTask(const TaskRow& task) = 0;
    /// The client's relationship type in the newest segmentation; none when unlabelled.
    virtual Result<std::optional<int>> relationshipType(std::int64_t clientRef) = 0;
    /// The outcome codes of the client's contacts that are not void, oldest first.
    virtual Result<std::vector<int>> contactOutcomes(std::int64_t clientRef) = 0;

    // Surveys: the answers a contact carries.
    /// The survey of the client's open call of `campaign`; none when the client has no open call
    /// of it.
    virtual Result<std::optional<SurveyTemplateRow>> openSurveyCall(std::int64_t campaign,
                                                                    std::int64_t clientRef) = 0;
    /// Stores a contact's answers (item 0: the 0..10 "would you recommend") and marks the
    /// client's call of the campaign answered by it.
    virtual Status answerSurvey(std::int64_t contactId, std::int64_t campaign,
                                std::int64_t clientRef, const std::vector<SurveyScore>& scores) = 0;
    // Surveys: a manager's templates and campaigns (survey.create, survey.launch). On a server
    // a login that may not write them (a broker) is refused: NotPermitted, nothing stored.
    /// One template with its items; none when there is no such id.
    virtual Result<std::optional<SurveyTemplateRow>> surveyTemplate(std::int64_t id) = 0;
    /// Stores a template and its items; its id.
    virtual Result<std::int64_t> insertSurveyTemplate(const SurveyTemplateRow& t) = 0;
    /// Stores a campaign (without its calls); its id.
    virtual Result<std::int64_t> insertSurveyCampaign(const SurveyCampaignRow& c) = 0;
    /// Stores a launch's survey calls (each of a client the login may write).
    virtual Status insertSurveyCalls(const std::vector<SurveyCallRow>& calls) = 0;

    // Segments: a person's names for one of the newest segmentation's segments.
    /// Renames segment `segmentId` of the newest segmentation, marked edited (the next refresh
    /// keeps the names); the names it had. InvalidInput for an empty name; NotFound when the
    /// book has no such segment; NotPermitted on a server for a login that may not rename.
    virtual Result<SegmentNameRow> renameSegment(int segmentId, const std::string& nameZh,
                                                 const std::string& nameEn) = 0;

    // The book's settings on a branch server (a desk's live in its own book, given to the
    // commands as it is: both calls do nothing there).
    /// A desk book in memory holding the server's settings, calendar corrections, channel limits,
    /// service policies and brokers' capacities, read inside the write, for the settings commands
    /// to check and change; none on a desk.
    virtual Result<std::unique_ptr<Database>> settingsCopy() { return std::unique_ptr<Database>(); }
    /// Writes what changed in `copy` back (inside the write); NotPermitted for a login that may
    /// not change settings.
    virtual Status storeSettings(Database& copy) {
        (void)copy;
        return {};
    }

    // The audit trail (append-only).
    /// The id the next operation gets (inside a write).
    virtual Result<std::int64_t> nextOperation() = 0;
    virtual Status appendAudit(const AuditRow& row) = 0;
    /// Newest first.
    virtual Result<std::vector<AuditRow>> listAudit(const AuditFilter& filter) = 0;
    /// The first operation after `operation` that touched the entity, none when none did.
    virtual Result<std::optional<AuditRow>>
    laterChange(const std::string& entity, const std::string& entityId, std::int64_t operation) = 0;
    /// The first operation after `operation` that touched anything of the client (its row, tags,
    /// notes, corrections, contacts), none when none did.
    virtual Result<std::optional<AuditRow>> laterChangeOfClient(std::int64_t clientRef,
                                                                std::int64_t operation) = 0;
    /// The operation that undid `operation`, none when it stands.
    virtual Result<std::optional<std::int64_t>> undoneBy(std::int64_t operation) = 0;
};

/// The store over an open SQLite book.
std::unique_ptr<RecordStore> sqliteRecordStore(Database& db);

} // namespace bd::storage
