// The command layer's execute(): one function per command, each validating first, then
// writing through storage::RecordStore inside one write, recording an audit row per entity.
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "core/clock.h"
#include "core/json.h"
#include "core/text.h"
#include "services/commands/clientfields.h"
#include "services/commands/command.h"
#include "services/commands/refusals.h"
#include "services/plancalendar.h"
#include "services/planitems.h"
#include "services/segmentation.h"
#include "services/servicepolicies.h"
#include "storage/book/calendarstore.h"
#include "storage/book/planstore.h"
#include "storage/book/surveystore.h"
#include "storage/db/pagecache.h"

namespace bd::services::cmd {
namespace {

using storage::AuditRow;
using storage::ClientRecord;
using storage::RecordStore;
using Members = std::vector<std::pair<std::string, std::string>>;

using F = RefusalFact;
using K = RefusalKind;

/// A refusal naming one field or column and the value given.
Error rejected(RefusalKind kind, std::string field, std::string value = {}) {
    return refused(F(kind).text(Arg::Field, std::move(field)).text(Arg::Value, std::move(value)));
}

Error unknownClient(const std::string& clientId) {
    return refused(F(K::UnknownClient).text(Arg::Client, clientId).text(Arg::Value, clientId));
}

/// Who, when and which operation: writes the audit rows of one command.
class Recorder {
  public:
    Recorder(RecordStore& store, std::string actor, std::string_view kind)
        : m_store(store), m_actor(std::move(actor)), m_kind(kind), m_at(localNow()) {}

    Status open() {
        auto op = m_store.nextOperation();
        if (!op) return op.error();
        m_operation = *op;
        return {};
    }
    Status row(std::string entity, std::string entityId, std::optional<std::int64_t> clientRef,
               std::optional<std::string> before, std::optional<std::string> after) {
        AuditRow r;
        r.operation = m_operation;
        r.at = m_at;
        r.actor = m_actor;
        r.kind = m_kind;
        r.entity = std::move(entity);
        r.entity_id = std::move(entityId);
        r.client_ref = clientRef;
        r.before = std::move(before);
        r.after = std::move(after);
        r.undoes = m_undoes;
        ++m_rows;
        return m_store.appendAudit(r);
    }
    void undoing(std::int64_t operation) { m_undoes = operation; }
    std::int64_t operation() const { return m_operation; }
    int rows() const { return m_rows; }
    DateTime at() const { return m_at; }
    const std::string& actor() const { return m_actor; }
    /// What the command applied so far: this operation and its audit rows (callers add the
    /// client and the changes).
    Applied applied() const {
        Applied a;
        a.operation = m_operation;
        a.rows = m_rows;
        return a;
    }

  private:
    RecordStore& m_store;
    std::string m_actor;
    std::string m_kind;
    DateTime m_at;
    std::int64_t m_operation = 0;
    std::optional<std::int64_t> m_undoes;
    int m_rows = 0;
};

Result<ClientRecord> findClient(RecordStore& store, const std::string& clientId) {
    auto r = store.loadClient(clientId);
    if (!r && r.error().code == ErrorCode::NotFound) return unknownClient(clientId);
    if (!r) return policyRefusal(r.error(), "client", clientId);
    return r;
}

/// The broker and branch a record names exist.
Status checkReferences(RecordStore& store, const ClientRecord& r) {
    auto broker = store.brokerExists(r.client.broker_id);
    if (!broker) return broker.error();
    if (!*broker)
        return fieldError(r.client.client_id, ClientField::Broker, K::UnknownBroker,
                          r.client.broker_id);
    if (r.client.branch_id.empty()) return {};
    auto branch = store.branchExists(r.client.branch_id);
    if (!branch) return branch.error();
    if (!*branch)
        return fieldError(r.client.client_id, ClientField::Branch, K::UnknownBranch,
                          r.client.branch_id);
    return {};
}

/// Every field of a client, as the audit keeps an added client (open_date and the row id too).
Members fullState(const ClientRecord& r) {
    Members m{{"client_id", r.client.client_id},
              {"ref", std::to_string(r.ref)},
              {"open_date", r.client.open_date.toString()}};
    for (int i = 0; i < static_cast<int>(ClientField::Count); ++i) {
        const auto f = static_cast<ClientField>(i);
        m.emplace_back(std::string(fieldKey(f)), fieldText(r, f));
    }
    return m;
}

/// Applies `values` to `record` (validated) and writes it when the version is still
/// `basedOn`; records a correction row per trading-system field, then the client row.
/// Returns false when nothing differed. `checkRefs` false: the caller checked the broker and
/// branch the values name (a bulk command, once for all its clients).
Result<bool> writeClientFields(RecordStore& store, Recorder& rec, ClientRecord& record,
                               const std::vector<FieldValue>& values, std::int64_t basedOn,
                               bool checkRefs = true) {
    ClientRecord after = record;
    for (const FieldValue& v : values)
        if (auto s = setField(after, v); !s) return s.error();
    if (checkRefs)
        if (auto s = checkReferences(store, after); !s) return s.error();
    Members before, changed;
    std::vector<ClientField> corrected;
    for (const FieldValue& v : values) {
        const std::string was = fieldText(record, v.field), now = fieldText(after, v.field);
        if (was == now) continue;
        const std::string key(fieldKey(v.field));
        if (std::any_of(before.begin(), before.end(),
                        [&](const auto& m) { return m.first == key; }))
            continue;
        before.emplace_back(key, was);
        changed.emplace_back(key, now);
        if (fromTradingSystem(v.field)) corrected.push_back(v.field);
    }
    if (changed.empty()) return false;
    auto written = store.updateClient(after, basedOn);
    if (!written) {
        // On a server: a change of broker or branch the policy refuses would take the client out
        // of the login's book (its new row fails the policy's check); any other refusal is of a
        // client the login no longer sees.
        const auto moves = [&](ClientField f) {
            return std::any_of(changed.begin(), changed.end(),
                               [&](const auto& m) { return m.first == fieldKey(f); });
        };
        if (written.error().code == ErrorCode::NotPermitted && !written.error().refusal &&
            (moves(ClientField::Broker) || moves(ClientField::Branch)))
            return notPermitted(F(K::LeavesLoginsBook).text(Arg::Client, record.client.client_id));
        return policyRefusal(written.error(), "client", record.client.client_id);
    }
    if (!*written)
        return refused(F(K::ChangedSince)
                           .text(Arg::Client, record.client.client_id)
                           .count(Arg::BasedOn, basedOn));
    // Corrections first in the trail: an undo goes back in reverse, so it puts the client's
    // fields back before it puts back the corrections that copy them.
    auto had = store.corrections(record.ref);
    if (!had) return had.error();
    for (ClientField f : corrected) {
        const std::string key(fieldKey(f));
        const bool existed =
            std::any_of(had->begin(), had->end(), [&](const auto& c) { return c.field == key; });
        if (auto s = store.putCorrection(record.ref, {key, "", rec.at(), rec.actor()}); !s)
            return s.error();
        if (auto s = rec.row("correction", record.client.client_id + "/" + key, record.ref,
                             existed ? std::optional(flatJson({{"field", key}})) : std::nullopt,
                             flatJson({{"field", key}}));
            !s)
            return s.error();
    }
    if (auto s = rec.row("client", record.client.client_id, record.ref, flatJson(before),
                         flatJson(changed));
        !s)
        return s.error();
    after.version = basedOn + 1;
    record = after;
    return true;
}

/// The error for an edit based on a version that is no longer current: both values of each
/// field the edit sets, so neither is lost.
Error staleEdit(const ClientRecord& now, const EditClient& edit) {
    ClientRecord mine = now;
    std::vector<RefusalFact> fields;
    for (const FieldValue& v : edit.values) {
        (void)setField(mine, v);
        fields.push_back(F(K::FieldConflict)
                             .text(Arg::Field, std::string(fieldKey(v.field)))
                             .text(Arg::Now, fieldText(now, v.field))
                             .text(Arg::Value, fieldText(mine, v.field)));
    }
    Error e = refused(F(K::StaleVersion)
                          .text(Arg::Client, now.client.client_id)
                          .count(Arg::Version, now.version)
                          .count(Arg::BasedOn, *edit.based_on_version),
                      std::move(fields));
    e.column_name = "version";
    e.value = std::to_string(*edit.based_on_version);
    return e;
}

struct Context {
    storage::Database* db; // the desk's SQLite book; none on a branch server (store only)
    RecordStore& store;
    std::string actor;
    std::unique_ptr<storage::Database> settingsRead; // on a server: its settings, when read
    /// The book a survey launch works its audience out from: the desk's own; on a branch server
    /// a desk book holding what the login sees (a working copy or the workstation's replica).
    storage::Database* reads = nullptr;

    /// The book that holds the calendar and the service policies: the desk's own; on a branch
    /// server a copy of its settings, read (inside the write) the first time it is asked for.
    Result<storage::Database*> settings() {
        if (db) return db;
        if (!settingsRead) {
            auto copy = store.settingsCopy();
            if (!copy) return copy.error();
            settingsRead = std::move(*copy);
        }
        return settingsRead.get();
    }
};

/// What a person cannot change on a branch server yet (the segmentation's settings are the
/// nightly batch's there): refused, naming the command. (The settings commands run on a working
/// copy of the server's settings: executeOn.)
Error notOnServer(std::string_view kind) {
    return makeError(ErrorCode::Usage, std::string(kind) +
                                           " works on a desk's book; on a branch server "
                                           "segmentation settings are not changed by hand yet");
}

/// A server's refusal of a change only a manager makes (a broker's settings change, segment
/// rename, survey.create or survey.launch), worded by the phrasebook; any other error as it is.
Error managersOnly(Error e, std::string_view kind) {
    if (e.code != ErrorCode::NotPermitted || e.refusal) return e;
    return notPermitted(F(K::ManagersOnly).text(Arg::OperationKind, std::string(kind)));
}

Result<Applied> run(Context& cx, const EditClient& c) {
    if (c.values.empty()) return rejected(K::NothingNamed, "field");
    auto record = findClient(cx.store, c.client_id);
    if (!record) return record.error();
    if (c.based_on_version && *c.based_on_version != record->version) return staleEdit(*record, c);
    Recorder rec(cx.store, cx.actor, "client.edit");
    if (auto s = rec.open(); !s) return s.error();
    auto wrote = writeClientFields(cx.store, rec, *record, c.values, record->version);
    if (!wrote) return wrote.error();
    Applied a;
    a.client_ref = record->ref;
    a.client_id = record->client.client_id;
    a.version = record->version;
    if (!*wrote) return a; // nothing differed: no operation
    a.operation = rec.operation();
    a.rows = rec.rows();
    a.changes.push_back(ClientsChange{ClientSet::of({record->ref})});
    return a;
}

Result<Applied> run(Context& cx, const AddClient& c) {
    ClientRecord r;
    r.client.client_id = c.client_id;
    r.client.status = ClientStatus::Prospect;
    r.client.open_date = localToday();
    r.client.name.clear();
    for (const FieldValue& v : c.values)
        if (auto s = setField(r, v); !s) return s.error();
    if (r.client.name.empty())
        return fieldError(r.client.client_id, ClientField::Name, K::Required, "");
    if (r.client.broker_id.empty())
        return fieldError(r.client.client_id, ClientField::Broker, K::Required, "");
    if (auto s = checkReferences(cx.store, r); !s) return s.error();
    if (r.client.client_id.find('/') != std::string::npos)
        return rejected(K::SlashInId, "client", r.client.client_id);
    if (r.client.client_id.empty()) {
        // P000001, P000002, ...: the first free one.
        for (int n = 1;; ++n) {
            std::string id = std::to_string(n);
            id = "P" + std::string(id.size() < 6 ? 6 - id.size() : 0, '0') + id;
            auto existing = cx.store.loadClient(id);
            if (!existing && existing.error().code != ErrorCode::NotFound) return existing.error();
            if (!existing) {
                r.client.client_id = id;
                break;
            }
        }
    } else if (auto existing = cx.store.loadClient(r.client.client_id); existing) {
        return refused(F(K::ClientExists)
                           .text(Arg::Client, r.client.client_id)
                           .text(Arg::Value, r.client.client_id));
    }
    Recorder rec(cx.store, cx.actor, "client.add");
    if (auto s = rec.open(); !s) return s.error();
    auto ref = cx.store.insertClient(r);
    if (!ref) // on a server: a client of another broker or branch than the login's
        return ref.error().code == ErrorCode::NotPermitted && !ref.error().refusal
                   ? notPermitted(F(K::LeavesLoginsBook).text(Arg::Client, r.client.client_id))
                   : ref.error();
    r.ref = *ref;
    r.version = 1;
    if (auto s = rec.row("client", r.client.client_id, r.ref, std::nullopt, flatJson(fullState(r)));
        !s)
        return s.error();
    Applied a = rec.applied();
    a.client_ref = r.ref;
    a.client_id = r.client.client_id;
    a.version = 1;
    a.changes.push_back(ClientsChange{ClientSet::of({r.ref})});
    return a;
}

bool isColour(std::string_view s) {
    if (s.size() != 7 || s[0] != '#') return false;
    return std::all_of(s.begin() + 1, s.end(), [](char ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
    });
}

/// Characters of UTF-8 text (a Chinese tag of 14 characters is 42 bytes).
std::size_t characters(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) {
        return (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    }));
}

Result<Applied> run(Context& cx, const TagClients& c) {
    if (c.tag.empty() || characters(c.tag) > 40)
        return refused(F(K::TooLong)
                           .text(Arg::Field, "tag")
                           .text(Arg::Value, c.tag)
                           .count(Arg::Min, 1)
                           .count(Arg::Max, 40));
    if (!c.colour.empty() && !isColour(c.colour)) return rejected(K::BadColour, "colour", c.colour);
    if (c.client_ids.empty()) return rejected(K::NothingNamed, "client");
    std::vector<ClientRecord> clients;
    for (const std::string& id : c.client_ids) {
        auto r = findClient(cx.store, id);
        if (!r) return r.error();
        clients.push_back(std::move(*r));
    }
    Recorder rec(cx.store, cx.actor, c.remove ? "tag.remove" : "tag.set");
    if (auto s = rec.open(); !s) return s.error();
    auto colour = cx.store.tagColour(c.tag);
    if (!colour) return colour.error();
    const std::string wanted = c.colour.empty() ? colour->value_or("#808080") : c.colour;
    if (!c.remove && *colour != wanted) {
        if (auto s = cx.store.putTag({c.tag, wanted}); !s) return s.error();
        if (auto s =
                rec.row("tag", c.tag, std::nullopt,
                        *colour ? std::optional(flatJson({{"colour", **colour}})) : std::nullopt,
                        flatJson({{"colour", wanted}}));
            !s)
            return s.error();
    }
    std::vector<std::int64_t> refs;
    for (const ClientRecord& r : clients) {
        auto changed =
            c.remove ? cx.store.removeClientTag(r.ref, c.tag) : cx.store.addClientTag(r.ref, c.tag);
        if (!changed) return changed.error();
        if (!*changed) continue;
        const std::string state = flatJson({{"tag", c.tag}});
        if (auto s = rec.row("client_tag", r.client.client_id + "/" + c.tag, r.ref,
                             c.remove ? std::optional(state) : std::nullopt,
                             c.remove ? std::nullopt : std::optional(state));
            !s)
            return s.error();
        refs.push_back(r.ref);
    }
    Applied a;
    if (rec.rows() == 0) return a;
    a.operation = rec.operation();
    a.rows = rec.rows();
    if (clients.size() == 1) {
        a.client_ref = clients[0].ref;
        a.client_id = clients[0].client.client_id;
    }
    if (!refs.empty()) a.changes.push_back(ClientsChange{ClientSet::of(refs)});
    return a;
}

Result<Applied> run(Context& cx, const SetTagColour& c) {
    if (!isColour(c.colour)) return rejected(K::BadColour, "colour", c.colour);
    auto colour = cx.store.tagColour(c.tag);
    if (!colour) return colour.error();
    if (!*colour) return rejected(K::UnknownTag, "tag", c.tag);
    if (**colour == c.colour) return Applied{};
    Recorder rec(cx.store, cx.actor, "tag.colour");
    if (auto s = rec.open(); !s) return s.error();
    if (auto s = cx.store.putTag({c.tag, c.colour}); !s) return s.error();
    if (auto s = rec.row("tag", c.tag, std::nullopt, flatJson({{"colour", **colour}}),
                         flatJson({{"colour", c.colour}}));
        !s)
        return s.error();
    Applied a = rec.applied();
    // Every client carrying the tag shows its colour.
    a.changes.push_back(ClientsChange{ClientSet::all()});
    return a;
}

Members noteState(const storage::NoteRow& n) {
    return {{"client_ref", std::to_string(n.client_ref)},
            {"at", std::to_string(n.at.secs)},
            {"author", n.author},
            {"text", n.text}};
}

Result<Applied> run(Context& cx, const AddNote& c) {
    if (c.text.empty()) return rejected(K::Required, "text");
    auto r = findClient(cx.store, c.client_id);
    if (!r) return r.error();
    Recorder rec(cx.store, cx.actor, "note.add");
    if (auto s = rec.open(); !s) return s.error();
    storage::NoteRow note{0, r->ref, c.at.value_or(rec.at()), rec.actor(), c.text};
    // The journal holds the note as stored: a branch server files it under the login.
    auto stored = cx.store.insertNote(note);
    if (!stored) return stored.error();
    note = std::move(*stored);
    if (auto s = rec.row("note", std::to_string(note.id), r->ref, std::nullopt,
                         flatJson(noteState(note)));
        !s)
        return s.error();
    Applied a = rec.applied();
    a.client_ref = r->ref;
    a.client_id = r->client.client_id;
    a.note_id = note.id;
    a.changes.push_back(ClientsChange{ClientSet::of({r->ref})});
    return a;
}

Members contactState(const storage::ContactRecord& c) {
    Members m{{"notes", c.notes}, {"outcome", std::string(toString(c.outcome))}};
    if (c.void_reason) m.emplace_back("void_reason", *c.void_reason);
    return m;
}

Members loggedContactState(const ContactLog& l, const ContactLogResult& r) {
    Members m{{"client_id", l.client_id},
              {"channel", std::string(toString(l.channel))},
              {"direction", std::string(toString(l.direction))},
              {"outcome", std::string(toString(l.outcome))},
              {"notes", l.notes}};
    if (l.satisfaction) m.emplace_back("satisfaction", std::to_string(*l.satisfaction));
    if (r.promised_date) m.emplace_back("next_follow_up", r.promised_date->toString());
    if (l.survey) {
        std::string scores;
        for (int v : l.survey->item_scores)
            scores += (scores.empty() ? "" : ",") + std::to_string(v);
        m.emplace_back("survey_campaign", std::to_string(l.survey->campaign_id));
        m.emplace_back("survey_items", scores);
        m.emplace_back("survey_recommend", std::to_string(l.survey->recommend));
    }
    return m;
}

/// A contact on a branch server: stored with the survey answers it carries (checked as on a
/// desk), then the client's plan updated as on a desk (services::planAfterContact).
Result<services::ContactLogResult> storeContact(Context& cx, const services::ContactLog& log) {
    RecordStore& store = cx.store;
    auto client = store.loadClient(log.client_id);
    if (!client && client.error().code == ErrorCode::NotFound) return unknownClient(log.client_id);
    if (!client) return client.error();
    if (auto s = checkContactLog(log); !s) return s.error();
    std::optional<int> satisfaction = log.satisfaction;
    if (log.survey) {
        auto survey = store.openSurveyCall(log.survey->campaign_id, client->ref);
        if (!survey) return survey.error();
        auto checked = checkSurveyContact(log, *survey);
        if (!checked) return checked.error();
        satisfaction = *checked;
    }
    storage::NewContact n;
    n.client_ref = client->ref;
    n.broker_id = client->client.broker_id;
    n.time = log.at.value_or(localNow());
    n.channel = log.channel;
    n.direction = log.direction;
    n.outcome = log.outcome;
    n.satisfaction = satisfaction;
    n.notes = log.notes;
    n.next_follow_up = log.next_follow_up;
    auto id = store.insertContact(n);
    if (!id) return id.error();
    services::ContactLogResult r;
    if (log.survey) {
        if (auto s = store.answerSurvey(*id, log.survey->campaign_id, client->ref,
                                        surveyScores(*log.survey));
            !s)
            return s.error();
        r.survey_campaign = log.survey->campaign_id;
    }
    r.contact_id = *id;
    r.client_ref = client->ref;
    r.broker_id = n.broker_id;
    if (auto s = planAfterContact(
            store, [&] { return cx.settings(); }, log, client->client.preferred_channel, n.time, r);
        !s)
        return s.error();
    return r;
}

Result<Applied> run(Context& cx, const LogContact& c) {
    if (c.log.direction == Direction::Unknown) // the code given, as no word names it
        return rejected(K::NotOneOf, "direction",
                        std::to_string(static_cast<int>(c.log.direction)));
    Recorder rec(cx.store, cx.actor, "contact.log");
    if (auto s = rec.open(); !s) return s.error();
    auto r = cx.db ? logContact(*cx.db, c.log) : storeContact(cx, c.log);
    if (!r) return policyRefusal(r.error(), "client", c.log.client_id);
    if (auto s = rec.row("contact", std::to_string(r->contact_id), r->client_ref, std::nullopt,
                         flatJson(loggedContactState(c.log, *r)));
        !s)
        return s.error();
    Applied a = rec.applied();
    a.client_ref = r->client_ref;
    a.client_id = c.log.client_id;
    const auto clients = ClientSet::of({r->client_ref});
    a.changes.push_back(ContactsChange{clients, 1});
    if (r->completed_task || r->retry_task || r->promised_task || r->survey_campaign)
        a.changes.push_back(PlanChange{clients, {r->broker_id}});
    a.contact = std::move(*r);
    return a;
}

/// Correcting or voiding a contact: the contact row before and after.
Result<Applied> changeContact(Context& cx, std::int64_t id, std::string_view kind,
                              const std::function<Status(storage::ContactRecord&)>& change) {
    auto found = cx.store.loadContact(id);
    if (!found) return policyRefusal(found.error(), "contact", std::to_string(id));
    if (!*found)
        return refused(
            F(K::UnknownContact).count(Arg::Id, id).text(Arg::Value, std::to_string(id)));
    storage::ContactRecord after = **found;
    if (after.void_reason)
        return refused(F(K::ContactVoid).count(Arg::Id, id).text(Arg::Note, *after.void_reason));
    if (auto s = change(after); !s) return s.error();
    Recorder rec(cx.store, cx.actor, kind);
    if (auto s = rec.open(); !s) return s.error();
    if (auto s = cx.store.updateContact(after); !s) return s.error();
    if (auto s = rec.row("contact", std::to_string(id), after.client_ref,
                         flatJson(contactState(**found)), flatJson(contactState(after)));
        !s)
        return s.error();
    Applied a = rec.applied();
    a.client_ref = after.client_ref;
    a.changes.push_back(ContactsChange{ClientSet::of({after.client_ref}), 0});
    return a;
}

Result<Applied> run(Context& cx, const CorrectContact& c) {
    if (!c.notes && !c.outcome) return rejected(K::NothingNamed, "correction");
    if (c.outcome && *c.outcome == Outcome::Unknown) // the code given, as no word names it
        return rejected(K::NotOneOf, "outcome", std::to_string(static_cast<int>(*c.outcome)));
    return changeContact(cx, c.contact_id, "contact.correct", [&](storage::ContactRecord& r) {
        if (c.notes) r.notes = *c.notes;
        if (c.outcome) r.outcome = *c.outcome;
        return Status{};
    });
}

Result<Applied> run(Context& cx, const VoidContact& c) {
    if (c.reason.empty()) return rejected(K::Required, "reason");
    return changeContact(cx, c.contact_id, "contact.void", [&](storage::ContactRecord& r) {
        r.void_reason = c.reason;
        return Status{};
    });
}

Members taskState(const storage::TaskRow& t) {
    return {{"planned_date", t.planned_date.toString()},
            {"status", std::to_string(static_cast<int>(t.status))},
            {"skip_reason", t.skip_reason}};
}

/// A plan item's change by a plan service, recorded with the item before and after.
template <typename Apply>
Result<Applied> changeTask(Context& cx, std::int64_t taskId, std::string_view kind, Apply apply) {
    auto before = cx.store.loadTask(taskId);
    if (!before && before.error().code == ErrorCode::NotFound)
        return refused(
            F(K::UnknownPlanItem).count(Arg::Id, taskId).text(Arg::Value, std::to_string(taskId)));
    if (!before) return policyRefusal(before.error(), "task", std::to_string(taskId));
    Recorder rec(cx.store, cx.actor, kind);
    if (auto s = rec.open(); !s) return s.error();
    Applied a;
    if (auto s = apply(a); !s) return s.error();
    auto after = cx.store.loadTask(taskId);
    if (!after) return after.error();
    if (auto s = rec.row("task", std::to_string(taskId), before->client_ref,
                         flatJson(taskState(*before)), flatJson(taskState(*after)));
        !s)
        return s.error();
    a.operation = rec.operation();
    a.rows = rec.rows();
    a.client_ref = before->client_ref;
    a.changes.push_back(PlanChange{ClientSet::of({before->client_ref}), {before->broker_id}});
    return a;
}

Result<Applied> run(Context& cx, const ReschedulePlanItem& c) {
    return changeTask(cx, c.task_id, "plan.reschedule", [&](Applied& a) -> Status {
        auto book = cx.settings();
        if (!book) return book.error();
        auto calendar = loadBookCalendar(**book);
        if (!calendar) return calendar.error();
        auto d = rescheduleItem(cx.store, *calendar, c.task_id, c.to);
        if (!d) return d.error();
        a.rescheduled_to = *d;
        return {};
    });
}

Result<Applied> run(Context& cx, const SkipPlanItem& c) {
    return changeTask(cx, c.task_id, "plan.skip",
                      [&](Applied&) { return skipItem(cx.store, c.task_id, c.reason); });
}

Result<Applied> run(Context& cx, const RenameSegment& c) {
    Recorder rec(cx.store, cx.actor, "segment.rename");
    if (auto s = rec.open(); !s) return s.error();
    auto before = cx.store.renameSegment(c.segment_id, c.name_zh, c.name_en);
    if (!before) return managersOnly(before.error(), "segment.rename");
    if (auto s = rec.row("segment", std::to_string(c.segment_id), std::nullopt,
                         flatJson({{"name_zh", before->name_zh}, {"name_en", before->name_en}}),
                         flatJson({{"name_zh", c.name_zh}, {"name_en", c.name_en}}));
        !s)
        return s.error();
    Applied a = rec.applied();
    a.changes.push_back(AnalyticsChange{AnalyticsChange::Kind::SegmentNames, {c.segment_id}});
    return a;
}

std::string policyJson(const analytics::ServicePolicy& p) {
    return flatJson({{"type", std::string(toString(p.type))},
                     {"contact_cadence_days", std::to_string(p.contact_cadence_days)},
                     {"proactive_contact", p.proactive_contact ? "true" : "false"},
                     {"channels", formatChannels(p.channels)},
                     {"served_by", std::string(toString(p.served_by))}});
}

Result<Applied> run(Context& cx, const SaveServicePolicies& c) {
    if (!cx.db) return notOnServer("policy.edit");
    auto before = services::loadServicePolicies(*cx.db);
    if (!before) return before.error();
    Recorder rec(cx.store, cx.actor, "policy.edit");
    if (auto s = rec.open(); !s) return s.error();
    if (auto s = saveServicePolicies(*cx.db, c.policies); !s) return s.error();
    for (const auto& p : c.policies) {
        std::optional<std::string> was;
        for (const auto& b : *before)
            if (b.type == p.type) was = policyJson(b);
        const std::string now = policyJson(p);
        if (was == now) continue;
        if (auto s = rec.row("policy", std::string(toString(p.type)), std::nullopt, was, now); !s)
            return s.error();
    }
    Applied a = rec.applied();
    a.changes.push_back(SettingsChange{SettingsChange::Kind::ServicePolicies});
    return a;
}

Result<Applied> run(Context& cx, const FixSegmentCount& c) {
    if (!cx.db) return notOnServer("segment.k");
    if (c.k && (*c.k < kMinFixedSegments || *c.k > kMaxFixedSegments))
        return refused(F(K::OutOfRange)
                           .text(Arg::Field, "k")
                           .text(Arg::Value, std::to_string(*c.k))
                           .count(Arg::Min, kMinFixedSegments)
                           .count(Arg::Max, kMaxFixedSegments));
    auto before = fixedSegmentCount(*cx.db);
    if (!before) return before.error();
    if (*before == c.k) return Applied{};
    Recorder rec(cx.store, cx.actor, "segment.k");
    if (auto s = rec.open(); !s) return s.error();
    if (auto s = setFixedSegmentCount(*cx.db, c.k); !s) return s.error();
    const auto state = [](std::optional<int> k) {
        return flatJson({{"k", k ? std::to_string(*k) : std::string("auto")}});
    };
    if (auto s = rec.row("setting", "segmentation.k", std::nullopt, state(*before), state(c.k)); !s)
        return s.error();
    Applied a = rec.applied();
    a.changes.push_back(SettingsChange{SettingsChange::Kind::SegmentCount});
    return a;
}

/// A relation as the audit keeps it: both clients (ids and refs) and what B is to A.
Members relationState(const ClientRecord& a, const ClientRecord& b, RelationKind kind) {
    return {{"a", a.client.client_id},
            {"b", b.client.client_id},
            {"a_ref", std::to_string(a.ref)},
            {"b_ref", std::to_string(b.ref)},
            {"kind", std::string(toString(kind))}};
}

/// A pair's entity id in the trail: the two client ids in order, whichever way it is stored.
std::string pairId(const ClientRecord& a, const ClientRecord& b) {
    const std::string& x = a.client.client_id;
    const std::string& y = b.client.client_id;
    return x < y ? x + "/" + y : y + "/" + x;
}

/// Both clients of a relation command, refused when unknown or the same client.
Result<std::pair<ClientRecord, ClientRecord>>
relationPair(RecordStore& store, const std::string& clientId, const std::string& toId) {
    auto a = findClient(store, clientId);
    if (!a) return a.error();
    auto b = findClient(store, toId);
    if (!b) return b.error();
    if (a->ref == b->ref) {
        Error e = refused(F(K::RelatedToItself).text(Arg::Client, toId).text(Arg::Value, toId));
        e.column_name = "to";
        return e;
    }
    return std::pair{std::move(*a), std::move(*b)};
}

Result<Applied> run(Context& cx, const RelateClients& c) {
    const auto code = static_cast<int>(c.kind);
    if (code <= 0 || code >= kEnumCodes<RelationKind>) {
        return rejected(K::NotOneOf, "kind", std::to_string(code));
    }
    auto pair = relationPair(cx.store, c.client_id, c.to_client_id);
    if (!pair) return pair.error();
    const auto& [a, b] = *pair;
    auto existing = cx.store.relationBetween(a.ref, b.ref);
    if (!existing) return existing.error();
    Applied out;
    out.client_ref = a.ref;
    out.client_id = a.client.client_id;
    std::optional<std::string> before;
    if (*existing) {
        const storage::RelationRow& r = **existing;
        // The same relation seen from either side: nothing to change.
        const RelationKind fromA = r.client_a == a.ref ? r.kind : inverse(r.kind);
        if (fromA == c.kind) return out;
        before = r.client_a == a.ref ? flatJson(relationState(a, b, r.kind))
                                     : flatJson(relationState(b, a, r.kind));
    }
    Recorder rec(cx.store, cx.actor, "relation.set");
    if (auto s = rec.open(); !s) return s.error();
    if (auto s = cx.store.putRelation({a.ref, b.ref, c.kind}); !s) return s.error();
    if (auto s =
            rec.row("relation", pairId(a, b), a.ref, before, flatJson(relationState(a, b, c.kind)));
        !s)
        return s.error();
    out.operation = rec.operation();
    out.rows = rec.rows();
    out.changes.push_back(ClientsChange{ClientSet::of({a.ref, b.ref})});
    return out;
}

Result<Applied> run(Context& cx, const UnrelateClients& c) {
    auto pair = relationPair(cx.store, c.client_id, c.to_client_id);
    if (!pair) return pair.error();
    const auto& [a, b] = *pair;
    auto existing = cx.store.relationBetween(a.ref, b.ref);
    if (!existing) return existing.error();
    if (!*existing)
        return refused(F(K::NotRelated)
                           .text(Arg::Client, a.client.client_id)
                           .text(Arg::Other, b.client.client_id)
                           .text(Arg::Value, c.to_client_id));
    const storage::RelationRow r = **existing;
    Recorder rec(cx.store, cx.actor, "relation.remove");
    if (auto s = rec.open(); !s) return s.error();
    auto gone = cx.store.removeRelation(a.ref, b.ref);
    if (!gone) return gone.error();
    const std::string was = r.client_a == a.ref ? flatJson(relationState(a, b, r.kind))
                                                : flatJson(relationState(b, a, r.kind));
    if (auto s = rec.row("relation", pairId(a, b), a.ref, was, std::nullopt); !s) return s.error();
    Applied out;
    out.operation = rec.operation();
    out.rows = rec.rows();
    out.client_ref = a.ref;
    out.client_id = a.client.client_id;
    out.changes.push_back(ClientsChange{ClientSet::of({a.ref, b.ref})});
    return out;
}

std::string settingState(const std::string& value) {
    return flatJson({{"value", value}});
}

Result<Applied> run(Context& cx, const SaveSettings& c) {
    if (!cx.db) return notOnServer("settings.edit");
    if (c.values.empty()) return rejected(K::NothingNamed, "setting");
    struct Change {
        SettingSpec spec;
        std::optional<std::string> before, after;
    };
    std::vector<Change> changes;
    std::set<std::string> seen;
    for (const SettingValue& v : c.values) {
        const std::optional<SettingSpec> spec = findSetting(v.key);
        if (!spec) {
            Error e = rejected(K::UnknownSetting, "setting", v.key);
            e.column_name = v.key;
            return e;
        }
        if (!seen.insert(v.key).second) return rejected(K::NamedTwice, "setting", v.key);
        std::optional<std::string> after;
        if (v.value) {
            auto checked = checkSetting(*spec, *v.value);
            if (!checked) return checked.error();
            after = std::move(*checked);
        }
        auto before = readBookSetting(*cx.db, *spec);
        if (!before) return before.error();
        if (*before != after) changes.push_back({*spec, std::move(*before), std::move(after)});
    }
    if (changes.empty()) return Applied{};
    Recorder rec(cx.store, cx.actor, "settings.edit");
    if (auto s = rec.open(); !s) return s.error();
    std::set<SettingsChange::Kind> kinds;
    for (const Change& ch : changes) {
        if (auto s = writeBookSetting(*cx.db, ch.spec.key, ch.after); !s) return s.error();
        const auto state = [](const std::optional<std::string>& v) {
            return v ? std::optional(settingState(*v)) : std::nullopt;
        };
        if (auto s =
                rec.row("setting", ch.spec.key, std::nullopt, state(ch.before), state(ch.after));
            !s)
            return s.error();
        kinds.insert(settingChangeKind(ch.spec.key));
    }
    // The rules across settings (the value weights, the Kotler shares, ...) as the engine
    // reads them: a refusal rolls the whole command back.
    if (auto s = checkBookSettings(*cx.db); !s) return s.error();
    Applied a = rec.applied();
    for (auto k : kinds) a.changes.push_back(SettingsChange{k});
    return a;
}

std::optional<std::string> calendarState(const std::optional<storage::StoredCalendarDay>& d) {
    if (!d) return std::nullopt;
    return flatJson({{"kind", std::string(toString(d->entry.kind))},
                     {"name", d->entry.name},
                     {"source", d->source}});
}

Result<Applied> run(Context& cx, const CorrectCalendar& c) {
    if (!cx.db) return notOnServer("calendar.correct");
    if (c.days.empty()) return rejected(K::NothingNamed, "day");
    const bool byHand = c.source == "user";
    for (const CalendarCorrection& d : c.days) {
        const std::string day = d.date.toString();
        if (d.kind && *d.kind == CalendarDayKind::Unknown)
            return rejected(K::NotOneOf, "day_kind", day); // the kind refused, of this day
        if (d.kind == CalendarDayKind::AdjustedWorkday && !d.date.isWeekend())
            return refused(F(K::WeekdayAdjusted).date(Arg::On, d.date).text(Arg::Value, day));
        if (d.kind == CalendarDayKind::MarketClosed && d.date.isWeekend())
            return refused(F(K::WeekendClosure).date(Arg::On, d.date).text(Arg::Value, day));
        if (byHand && d.kind && trim(d.reason).empty()) return rejected(K::Required, "reason", day);
        if (characters(d.reason) > 200)
            return refused(F(K::TooLong)
                               .text(Arg::Field, "reason")
                               .text(Arg::Value, d.reason)
                               .count(Arg::Min, 1)
                               .count(Arg::Max, 200));
    }
    Recorder rec(cx.store, cx.actor, "calendar.correct");
    if (auto s = rec.open(); !s) return s.error();
    for (const CalendarCorrection& d : c.days) {
        auto before = storage::loadCalendarDay(*cx.db, d.date);
        if (!before) return before.error();
        std::optional<storage::StoredCalendarDay> after;
        if (d.kind) after = storage::StoredCalendarDay{{d.date, *d.kind, d.reason}, c.source};
        const auto was = calendarState(*before), now = calendarState(after);
        if (was == now) continue;
        if (auto s = after ? storage::putCalendarDay(*cx.db, *after)
                           : storage::removeCalendarDay(*cx.db, d.date);
            !s)
            return s.error();
        if (auto s = rec.row("calendar_day", d.date.toString(), std::nullopt, was, now); !s)
            return s.error();
    }
    Applied a;
    if (rec.rows() == 0) return a;
    a.operation = rec.operation();
    a.rows = rec.rows();
    a.changes.push_back(SettingsChange{SettingsChange::Kind::Calendar});
    return a;
}

Result<Applied> run(Context& cx, const RecordExport& c) {
    Recorder rec(cx.store, cx.actor, "export");
    if (auto s = rec.open(); !s) return s.error();
    if (auto s = rec.row("export", c.file, std::nullopt, std::nullopt,
                         flatJson({{"what", c.what},
                                   {"rows", std::to_string(c.rows)},
                                   {"masked", c.masked ? "true" : "false"},
                                   {"file", c.file}}));
        !s)
        return s.error();
    Applied a = rec.applied();
    return a;
}

// --- surveys ------------------------------------------------------------------------------

Result<Applied> run(Context& cx, const CreateSurvey& c) {
    if (auto s = checkSurveyDraft(c.draft); !s) return s.error();
    Recorder rec(cx.store, cx.actor, "survey.create");
    if (auto s = rec.open(); !s) return s.error();
    storage::SurveyTemplateRow t;
    t.name = c.draft.name;
    t.created_at = rec.at().secs;
    Members state{{"name", c.draft.name}};
    for (std::size_t i = 0; i < c.draft.items.size(); ++i) {
        t.items.push_back({static_cast<int>(i + 1), 0, c.draft.items[i]});
        state.emplace_back("item" + std::to_string(i + 1), c.draft.items[i]);
    }
    auto id = cx.store.insertSurveyTemplate(t);
    if (!id) return managersOnly(id.error(), "survey.create");
    if (auto s = rec.row("survey_template", std::to_string(*id), std::nullopt, std::nullopt,
                         flatJson(state));
        !s)
        return s.error();
    Applied a = rec.applied();
    a.survey_id = *id;
    a.changes.push_back(SettingsChange{SettingsChange::Kind::Surveys});
    return a;
}

Result<Applied> run(Context& cx, const LaunchCampaign& c) {
    if (c.name.empty()) return rejected(K::Required, "campaign");
    if (!cx.reads)
        return makeError(ErrorCode::Internal, "survey.launch on a branch server needs a copy of "
                                              "what the login sees to work out the audience");
    auto t = cx.store.surveyTemplate(c.template_id);
    if (!t) return t.error();
    if (!*t)
        return refused(F(K::UnknownSurvey)
                           .text(Arg::Field, "survey")
                           .count(Arg::Id, c.template_id)
                           .text(Arg::Value, std::to_string(c.template_id)));
    const Date launch = c.launch.value_or(localToday());
    auto calendar = cx.settings();
    if (!calendar) return calendar.error();
    auto deadline = surveyDeadline(**calendar, launch, c.deadline_working_days);
    if (!deadline) return deadline.error();
    Recorder rec(cx.store, cx.actor, "survey.launch");
    if (auto s = rec.open(); !s) return s.error();
    storage::SurveyCampaignRow row;
    row.name = c.name;
    row.template_id = c.template_id;
    row.audience = static_cast<int>(c.audience.kind);
    row.audience_arg = c.audience.arg;
    row.launch_date = launch;
    row.deadline_working_days = c.deadline_working_days;
    row.deadline_date = *deadline;
    row.launched_at = rec.at().secs;
    // The campaign first: a login that may not launch (a broker on a server) is told so
    // before its audience is worked out.
    auto id = cx.store.insertSurveyCampaign(row);
    if (!id) return managersOnly(id.error(), "survey.launch");
    // The audience as the desk works it out, from what the login sees (on a server the
    // policies decide: a branch manager's branch). Refused: the write is rolled back.
    auto members = resolveAudience(*cx.reads, c.audience, launch);
    if (!members) return members.error();
    // A survey aimed at nobody is refused, never launched empty.
    if (members->empty())
        return refused(F(K::EmptyAudience)
                           .count(Arg::Audience, static_cast<int>(c.audience.kind))
                           .count(Arg::Count, c.audience.arg)
                           .date(Arg::On, launch)
                           .text(Arg::Value, audienceKey(c.audience)));
    std::vector<storage::SurveyCallRow> calls;
    calls.reserve(members->size());
    Applied a;
    std::set<std::string> queues;
    std::vector<std::int64_t> refs;
    for (const auto& m : *members) {
        calls.push_back({*id, m.client_ref, m.queue, *deadline, std::nullopt});
        if (m.queue == kServiceDeskQueue) ++a.desk_calls;
        queues.insert(m.queue);
        refs.push_back(m.client_ref);
    }
    // The campaign's own row was written, so the login may launch: a call refused here is of a
    // client the login no longer sees (moved since the audience was read).
    if (auto s = cx.store.insertSurveyCalls(calls); !s)
        return s.error().code == ErrorCode::NotPermitted
                   ? notPermitted(F(K::AudienceChanged).count(Arg::Id, *id))
                   : s.error();
    // One audit row for the campaign (its calls are listed by survey_calls, not one row each).
    if (auto s =
            rec.row("survey_campaign", std::to_string(*id), std::nullopt, std::nullopt,
                    flatJson({{"name", c.name},
                              {"template_id", std::to_string(c.template_id)},
                              {"audience", audienceKey(c.audience)},
                              {"launch", launch.toString()},
                              {"deadline", deadline->toString()},
                              {"deadline_working_days", std::to_string(c.deadline_working_days)},
                              {"calls", std::to_string(calls.size())},
                              {"service_desk_calls", std::to_string(a.desk_calls)}}));
        !s)
        return s.error();
    a.operation = rec.operation();
    a.rows = rec.rows();
    a.campaign_id = *id;
    a.survey_calls = static_cast<std::int64_t>(calls.size());
    a.changes.push_back(SettingsChange{SettingsChange::Kind::Surveys});
    a.changes.push_back(PlanChange{ClientSet::of(std::move(refs)),
                                   std::vector<std::string>(queues.begin(), queues.end())});
    return a;
}

// --- merge and mass updates ---------------------------------------------------------------

Members mergeState(const ClientRecord& keep, const ClientRecord& absorb,
                   const storage::MergeCounts& n) {
    return {{"keep", keep.client.client_id},
            {"keep_ref", std::to_string(keep.ref)},
            {"absorb", absorb.client.client_id},
            {"absorb_ref", std::to_string(absorb.ref)},
            {"trades", std::to_string(n.trades)},
            {"snapshots", std::to_string(n.snapshots)},
            {"positions", std::to_string(n.positions)},
            {"contacts", std::to_string(n.contacts)},
            {"tasks", std::to_string(n.tasks)},
            {"tags", std::to_string(n.tags)},
            {"notes", std::to_string(n.notes)},
            {"relations", std::to_string(n.relations)},
            {"combined", std::to_string(n.combined)}};
}

/// What a merge (or its undo) changed, for every view: both clients' rows, contacts and plans.
void announceMerge(Applied& a, std::int64_t keep, std::int64_t absorb) {
    const ClientSet both = ClientSet::of({keep, absorb});
    a.changes.push_back(ClientsChange{both});
    a.changes.push_back(ContactsChange{both, 0});
    a.changes.push_back(PlanChange{both, {}});
}

Result<Applied> run(Context& cx, const MergeClients& c) {
    if (c.keep == c.absorb)
        return refused(F(K::MergeIntoItself).text(Arg::Client, c.keep).text(Arg::Value, c.absorb));
    auto keep = findClient(cx.store, c.keep);
    if (!keep) return keep.error();
    auto absorb = findClient(cx.store, c.absorb);
    if (!absorb) return absorb.error();
    for (const ClientRecord* r : {&*keep, &*absorb}) {
        auto into = cx.store.mergedInto(r->ref);
        if (!into) return into.error();
        if (!*into) continue;
        auto other = cx.store.loadClientByRef(**into);
        const std::string name = other ? other->client.client_id : std::to_string(**into);
        return refused(F(K::MergedAlready)
                           .text(Arg::Client, r->client.client_id)
                           .text(Arg::Other, name)
                           .text(Arg::Value, r->client.client_id));
    }
    Recorder rec(cx.store, cx.actor, "client.merge");
    if (auto s = rec.open(); !s) return s.error();
    auto moved = cx.store.mergeClients(keep->ref, absorb->ref, rec.operation());
    if (!moved) return moved.error();
    const std::string state = flatJson(mergeState(*keep, *absorb, *moved));
    // The kept client's history shows the merge too; the absorbed client's row is the one an
    // undo acts on (it comes last, so an undo meets it first).
    if (auto s = rec.row("merge_target", keep->client.client_id, keep->ref, std::nullopt, state);
        !s)
        return s.error();
    if (auto s = rec.row("merge", absorb->client.client_id, absorb->ref, std::nullopt, state); !s)
        return s.error();
    Applied a = rec.applied();
    a.client_ref = keep->ref;
    a.client_id = keep->client.client_id;
    a.merged = *moved;
    announceMerge(a, keep->ref, absorb->ref);
    return a;
}

/// Every named client, each once; an unknown one refused by name.
Result<std::vector<ClientRecord>> findClients(RecordStore& store,
                                              const std::vector<std::string>& ids) {
    if (ids.empty()) return rejected(K::NothingNamed, "client");
    std::vector<ClientRecord> out;
    out.reserve(ids.size());
    std::set<std::string> seen;
    for (const std::string& id : ids) {
        if (!seen.insert(id).second) continue;
        auto r = findClient(store, id);
        if (!r) return r.error();
        out.push_back(std::move(*r));
    }
    return out;
}

// A mass update of at least this many clients raises the page cache to this size while it runs.
constexpr std::size_t kLargeCacheClients = 1000;
constexpr std::int64_t kLargeCacheKib = 64 * 1024;

/// Sets fields of many clients in one operation (a bulk edit); the values are valid and their
/// references exist (checked by the caller). `valuesOf` gives each client's values.
Result<Applied>
setFieldOfClients(Context& cx, std::vector<ClientRecord>& clients,
                  const std::function<std::vector<FieldValue>(const ClientRecord&)>& valuesOf,
                  std::string_view kind) {
    // Thousands of client rows, corrections and audit rows: room for their pages.
    std::optional<storage::LargerPageCache> cache;
    if (cx.db && clients.size() >= kLargeCacheClients) cache.emplace(*cx.db, kLargeCacheKib);
    Recorder rec(cx.store, cx.actor, kind);
    if (auto s = rec.open(); !s) return s.error();
    Applied a;
    for (ClientRecord& r : clients) {
        auto wrote = writeClientFields(cx.store, rec, r, valuesOf(r), r.version, false);
        if (!wrote) return wrote.error();
        if (*wrote) a.clients.push_back(r.ref);
    }
    if (a.clients.empty()) return Applied{}; // nothing differed: no operation
    a.operation = rec.operation();
    a.rows = rec.rows();
    if (clients.size() == 1) {
        a.client_ref = clients[0].ref;
        a.client_id = clients[0].client.client_id;
        a.version = clients[0].version;
    }
    a.changes.push_back(ClientsChange{ClientSet::of(a.clients)});
    return a;
}

Result<Applied> run(Context& cx, const ReassignClients& c) {
    auto clients = findClients(cx.store, c.client_ids);
    if (!clients) return clients.error();
    auto branch = cx.store.brokerBranch(c.broker_id);
    if (!branch) return branch.error();
    if (!*branch) return rejected(K::UnknownBroker, "broker_id", c.broker_id);
    // A client of its own branch moves with the broker to the broker's branch (one client row
    // in the trail holds both, so the undo puts both back); one without follows its broker.
    const std::string& to = **branch;
    const auto values = [&](const ClientRecord& r) {
        std::vector<FieldValue> v{{ClientField::Broker, c.broker_id}};
        if (!to.empty() && !r.client.branch_id.empty() && r.client.branch_id != to)
            v.push_back({ClientField::Branch, to});
        return v;
    };
    return setFieldOfClients(cx, *clients, values, "client.reassign");
}

Result<Applied> run(Context& cx, const SetClientsStatus& c) {
    auto clients = findClients(cx.store, c.client_ids);
    if (!clients) return clients.error();
    const FieldValue value{ClientField::Status, c.status};
    ClientRecord probe = clients->front();
    if (auto s = setField(probe, value); !s) return s.error();
    return setFieldOfClients(
        cx, *clients, [&](const ClientRecord&) { return std::vector<FieldValue>{value}; },
        "client.status");
}

// --- undo ---------------------------------------------------------------------------------

std::optional<std::string> member(const Members& m, std::string_view key) {
    for (const auto& [k, v] : m)
        if (k == key) return v;
    return std::nullopt;
}

/// The entities an undo can put back.
bool undoable(const std::string& entity) {
    return entity == "client" || entity == "correction" || entity == "client_tag" ||
           entity == "tag" || entity == "note" || entity == "contact" || entity == "relation" ||
           entity == "setting" || entity == "calendar_day" || entity == "merge" ||
           entity == "merge_target";
}

/// Puts a setting or a calendar day back as an audit row's state says (none: removed).
Status putBookState(Context& cx, const AuditRow& row, const std::optional<Members>& m) {
    if (!cx.db) return notOnServer(row.kind);
    if (row.entity == "calendar_day") {
        const auto date = parseDate(row.entity_id);
        if (!date) return makeError(ErrorCode::Internal, "audit row " + std::to_string(row.id));
        if (!m) return storage::removeCalendarDay(*cx.db, *date);
        const auto kind = parseCalendarDayKind(member(*m, "kind").value_or(""));
        if (!kind) return makeError(ErrorCode::Internal, "audit row " + std::to_string(row.id));
        return storage::putCalendarDay(*cx.db, {{*date, *kind, member(*m, "name").value_or("")},
                                                member(*m, "source").value_or("user")});
    }
    // A setting: {"value": text}; the segment count keeps {"k": n|"auto"}.
    std::optional<std::string> value;
    if (m) value = member(*m, "value");
    if (m && !value)
        if (auto k = member(*m, "k"); k && *k != "auto") value = k;
    return writeBookSetting(*cx.db, row.entity_id, value);
}

/// Puts one entity into `state` (none: it does not exist). Returns the client it concerns.
/// `operation`: the operation putting it (a merge done again records its rows under it).
Status putState(Context& cx, const AuditRow& row, const std::optional<std::string>& state,
                std::int64_t operation, std::set<std::int64_t>& clients, bool& contacts,
                std::set<SettingsChange::Kind>& settings, bool& merged) {
    std::optional<Members> m;
    if (state) {
        m = readFlatJson(*state);
        if (!m)
            return makeError(ErrorCode::Internal, "unreadable audit row " + std::to_string(row.id));
    }
    if (row.entity == "merge_target") return {}; // the "merge" row of the operation acts
    if (row.entity == "merge") {
        // None before: the merge is taken back (its rows are recorded under the operation that
        // made it); a merge state: it is done again, under this operation.
        const std::optional<std::string>& made = m ? state : row.after;
        auto what = made ? readFlatJson(*made) : std::nullopt;
        if (!what) return makeError(ErrorCode::Internal, "unreadable merge " + row.entity_id);
        const std::int64_t keep = std::stoll(member(*what, "keep_ref").value_or("0"));
        const std::int64_t absorb = std::stoll(member(*what, "absorb_ref").value_or("0"));
        clients.insert(keep);
        clients.insert(absorb);
        merged = true;
        if (!m) return cx.store.unmergeClients(keep, absorb, row.operation);
        auto again = cx.store.mergeClients(keep, absorb, operation);
        return again ? Status{} : Status(again.error());
    }
    // "client id/field" or "client id/tag": a client id never holds '/' (AddClient refuses it), a
    // tag may. A client row's entity id is the client id, whole.
    const auto slash = row.entity == "client" ? std::string::npos : row.entity_id.find('/');
    const std::string clientId =
        slash == std::string::npos ? row.entity_id : row.entity_id.substr(0, slash);
    const std::string part = slash == std::string::npos ? "" : row.entity_id.substr(slash + 1);
    if (row.client_ref) clients.insert(*row.client_ref);
    if (row.entity == "setting" || row.entity == "calendar_day") {
        settings.insert(row.entity == "setting" ? settingChangeKind(row.entity_id)
                                                : SettingsChange::Kind::Calendar);
        return putBookState(cx, row, m);
    }
    if (row.entity == "client") {
        if (!m) {
            auto used = cx.store.clientInUse(*row.client_ref);
            if (!used) return used.error();
            if (*used) return refused(F(K::ClientInUse).text(Arg::Client, clientId));
            // On a server a use the login cannot see (another broker's client related to this
            // one) is still a use: its foreign key refuses the delete.
            auto gone = cx.store.deleteClient(*row.client_ref);
            if (!gone && gone.error().code == ErrorCode::InvalidInput)
                return refused(F(K::ClientInUse).text(Arg::Client, clientId));
            return gone;
        }
        auto current = cx.store.loadClient(clientId);
        if (!current && current.error().code == ErrorCode::NotFound) {
            ClientRecord r; // re-adding a removed client, as it was
            r.client.client_id = clientId;
            r.ref = std::stoll(member(*m, "ref").value_or("0"));
            r.client.open_date = parseDate(member(*m, "open_date").value_or("")).value_or(Date{});
            for (const auto& [k, v] : *m)
                if (auto f = parseClientField(k))
                    if (auto s = setField(r, {*f, v}); !s) return s;
            auto ref = cx.store.insertClient(r);
            if (!ref) return ref.error();
            clients.insert(*ref);
            return {};
        }
        if (!current) return current.error();
        ClientRecord r = *current;
        for (const auto& [k, v] : *m)
            if (auto f = parseClientField(k))
                if (auto s = setField(r, {*f, v}); !s) return s;
        auto written = cx.store.updateClient(r, current->version);
        if (!written) return written.error();
        return {};
    }
    if (row.entity == "correction")
        return m ? cx.store.putCorrection(*row.client_ref, {part, "", row.at, row.actor})
                 : cx.store.removeCorrection(*row.client_ref, part);
    if (row.entity == "client_tag") {
        auto changed = m ? cx.store.addClientTag(*row.client_ref, part)
                         : cx.store.removeClientTag(*row.client_ref, part);
        return changed ? Status{} : Status(changed.error());
    }
    if (row.entity == "tag") {
        // A tag is never removed (clients may carry it); it keeps its colour before.
        if (!m) return {};
        return cx.store.putTag({row.entity_id, member(*m, "colour").value_or("#808080")});
    }
    if (row.entity == "note") {
        const std::int64_t id = std::stoll(row.entity_id);
        if (!m) return cx.store.deleteNote(id);
        storage::NoteRow n{id, std::stoll(member(*m, "client_ref").value_or("0")),
                           DateTime{std::stoll(member(*m, "at").value_or("0"))},
                           member(*m, "author").value_or(""), member(*m, "text").value_or("")};
        auto put = cx.store.insertNote(n);
        return put ? Status{} : Status(put.error());
    }
    if (row.entity == "relation") {
        // "X/Y": the pair's client ids; the state (when there is one) says which is A.
        auto x = cx.store.loadClient(clientId);
        if (!x) return x.error();
        auto y = cx.store.loadClient(part);
        if (!y) return y.error();
        clients.insert(x->ref);
        clients.insert(y->ref);
        if (!m) {
            auto gone = cx.store.removeRelation(x->ref, y->ref);
            return gone ? Status{} : Status(gone.error());
        }
        const bool xIsA = member(*m, "a").value_or("") == x->client.client_id;
        const auto kind = parseRelationKind(member(*m, "kind").value_or(""));
        if (!kind)
            return makeError(ErrorCode::Internal, "unreadable audit row " + std::to_string(row.id));
        return cx.store.putRelation({xIsA ? x->ref : y->ref, xIsA ? y->ref : x->ref, *kind});
    }
    // contact: notes, outcome and void reason back as they were.
    auto c = cx.store.loadContact(std::stoll(row.entity_id));
    if (!c) return c.error();
    if (!*c || !m) return makeError(ErrorCode::Internal, "contact " + row.entity_id + " is gone");
    storage::ContactRecord r = **c;
    r.notes = member(*m, "notes").value_or("");
    r.outcome = parseOutcome(member(*m, "outcome").value_or("")).value_or(Outcome::Unknown);
    r.void_reason = member(*m, "void_reason");
    contacts = true;
    return cx.store.updateContact(r);
}

/// An undo of `operation` refused because `later` changed what it would put back.
Error overtaken(std::int64_t operation, const AuditRow& later, const std::string& client = {}) {
    F f(K::Overtaken);
    f.count(Arg::Operation, operation)
        .count(Arg::By, later.operation)
        .text(Arg::OperationKind, later.kind)
        .text(Arg::Actor, later.actor)
        .text(Arg::At, later.at.toString())
        .text(Arg::Entity, later.entity)
        .text(Arg::EntityId, later.entity_id);
    if (!client.empty()) f.text(Arg::Client, client);
    return refused(std::move(f));
}

Result<Applied> run(Context& cx, const UndoOperation& c) {
    storage::AuditFilter f;
    f.operation = c.operation;
    auto rows = cx.store.listAudit(f); // newest first: the order an undo goes back in
    if (!rows) return rows.error();
    const auto op = [&](RefusalKind kind) { return F(kind).count(Arg::Operation, c.operation); };
    if (rows->empty()) return refused(op(K::NoSuchOperation));
    const AuditRow& first = rows->front();
    for (const AuditRow& r : *rows) {
        if (!undoable(r.entity))
            return refused(op(K::NotUndoable)
                               .text(Arg::OperationKind, first.kind)
                               .text(Arg::Entity, r.entity));
        // A logged contact (no state before it) is voided with a reason, never taken back.
        if (r.entity == "contact" && !r.before)
            return refused(op(K::UndoLoggedContact).text(Arg::OperationKind, first.kind));
    }
    auto by = cx.store.undoneBy(c.operation);
    if (!by) return by.error();
    if (*by) return refused(op(K::UndoneAlready).count(Arg::By, **by));
    for (const AuditRow& r : *rows) {
        auto later = cx.store.laterChange(r.entity, r.entity_id, c.operation);
        if (!later) return later.error();
        if (*later) return overtaken(c.operation, **later);
        // Undoing an added client removes it: refused once anything of the client (a tag, a
        // note, a contact) came after, which the removal would take with it. A merge is taken
        // back only while nothing of either client changed since (what moved is where it was).
        if (((r.entity == "client" && !r.before) || r.entity == "merge" ||
             r.entity == "merge_target") &&
            r.client_ref) {
            auto since = cx.store.laterChangeOfClient(*r.client_ref, c.operation);
            if (!since) return since.error();
            if (*since) return overtaken(c.operation, **since, r.entity_id);
        }
    }
    Recorder rec(cx.store, cx.actor, "undo");
    if (auto s = rec.open(); !s) return s.error();
    rec.undoing(c.operation);
    std::set<std::int64_t> clients;
    std::set<SettingsChange::Kind> settings;
    bool contacts = false, merged = false, tags = false;
    for (const AuditRow& r : *rows) {
        tags = tags || r.entity == "tag";
        if (auto s =
                putState(cx, r, r.before, rec.operation(), clients, contacts, settings, merged);
            !s)
            return s.error();
        if (auto s = rec.row(r.entity, r.entity_id, r.client_ref, r.after, r.before); !s)
            return s.error();
    }
    Applied a = rec.applied();
    std::vector<std::int64_t> refs(clients.begin(), clients.end());
    if (refs.size() == 1) a.client_ref = refs[0];
    // A tag's colour shows on every client carrying it.
    if (tags)
        a.changes.push_back(ClientsChange{ClientSet::all()});
    else if (!refs.empty())
        a.changes.push_back(ClientsChange{ClientSet::of(refs)});
    if (contacts || merged) a.changes.push_back(ContactsChange{ClientSet::of(refs), 0});
    if (merged) a.changes.push_back(PlanChange{ClientSet::of(refs), {}});
    for (auto k : settings) a.changes.push_back(SettingsChange{k});
    return a;
}

} // namespace

std::string currentActor() {
    if (const passwd* pw = getpwuid(getuid()); pw != nullptr && pw->pw_name && *pw->pw_name)
        return pw->pw_name;
    if (const char* user = std::getenv("USER"); user != nullptr && *user) return user;
    return "unknown";
}

namespace {

/// The commands that change the book's settings (an undo may put one back).
bool changesSettings(const CommandArgs& args) {
    return std::holds_alternative<SaveSettings>(args) ||
           std::holds_alternative<SaveServicePolicies>(args) ||
           std::holds_alternative<FixSegmentCount>(args) ||
           std::holds_alternative<CorrectCalendar>(args) ||
           std::holds_alternative<UndoOperation>(args);
}

/// The operation kind of a settings command (changesSettings), as its journal names it.
std::string_view settingsKind(const CommandArgs& args) {
    if (std::holds_alternative<SaveServicePolicies>(args)) return "policy.edit";
    if (std::holds_alternative<FixSegmentCount>(args)) return "segment.k";
    if (std::holds_alternative<CorrectCalendar>(args)) return "calendar.correct";
    if (std::holds_alternative<UndoOperation>(args)) return "undo";
    return "settings.edit";
}

/// `commit` false: a rehearsal, the write rolled back when its scope ends.
Result<Applied> executeOn(storage::Database* db, RecordStore& store, const Command& command,
                          storage::Database* reads, bool commit = true) {
    auto write = store.beginWrite();
    if (!write) return write.error();
    // On a branch server the settings commands run the desk's own checks and writes on a
    // working copy of the server's settings; what changed in it goes back in the same write.
    std::unique_ptr<storage::Database> settings;
    if (!db && changesSettings(command.args)) {
        auto copy = store.settingsCopy();
        if (!copy) return copy.error();
        settings = std::move(*copy);
        db = settings.get();
    }
    Context cx{db, store, command.actor.empty() ? currentActor() : command.actor, {}, reads};
    auto applied = std::visit([&](const auto& args) { return run(cx, args); }, command.args);
    // The write is rolled back. A server's policy refusal no step above located is still the
    // phrasebook's words, never the database's.
    if (!applied) return policyRefusal(applied.error(), "", "");
    if (applied->operation == 0) return applied;
    if (settings)
        if (auto s = store.storeSettings(*settings); !s)
            return managersOnly(s.error(), settingsKind(command.args));
    if (!commit) return applied;
    if (auto s = (*write)->commit(); !s) return s.error();
    const bool undoableCommand = !std::holds_alternative<LogContact>(command.args) &&
                                 !std::holds_alternative<ReschedulePlanItem>(command.args) &&
                                 !std::holds_alternative<SkipPlanItem>(command.args) &&
                                 !std::holds_alternative<RenameSegment>(command.args) &&
                                 !std::holds_alternative<SaveServicePolicies>(command.args) &&
                                 !std::holds_alternative<FixSegmentCount>(command.args) &&
                                 !std::holds_alternative<RecordExport>(command.args) &&
                                 !std::holds_alternative<CreateSurvey>(command.args) &&
                                 !std::holds_alternative<LaunchCampaign>(command.args);
    if (undoableCommand) applied->inverse = Command{cx.actor, UndoOperation{applied->operation}};
    return applied;
}

} // namespace

Result<Applied> execute(storage::Database& db, const Command& command) {
    auto store = storage::sqliteRecordStore(db);
    return executeOn(&db, *store, command, &db);
}

Result<Applied> execute(RecordStore& store, const Command& command, storage::Database* reads) {
    return executeOn(nullptr, store, command, reads);
}

Result<Applied> rehearse(storage::Database& db, const Command& command) {
    auto store = storage::sqliteRecordStore(db);
    return executeOn(&db, *store, command, &db, false);
}

Result<Applied> rehearse(RecordStore& store, const Command& command, storage::Database* reads) {
    return executeOn(nullptr, store, command, reads, false);
}

Status clientNamed(RecordStore& store, const std::string& clientId) {
    auto r = findClient(store, clientId);
    if (!r) return r.error();
    return {};
}

} // namespace bd::services::cmd
