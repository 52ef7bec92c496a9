#include "storage/pg/pgrecordstore.h"

#include <utility>

#include "core/json.h"
#include "storage/book/recordcolumns.h"
#include "storage/book/taskcolumns.h"
#include "storage/pg/pgsettings.h"

namespace bd::storage {
namespace {

/// The profile values $3 .. $16 of an INSERT or UPDATE (after $1, $2 the caller adds).
void addProfile(PgParams& p, const ClientRecord& r) {
    records::forEachProfileValue(r, [&](const auto& v) { p.add(v); });
}

/// A plan item as the desk reads it (taskcolumns.h: the task's columns, then its run's
/// placement; the channel fallback as a boolean, as PgRow reads one).
constexpr const char* kTaskSelect =
    "SELECT t.id, t.client_ref, t.broker_id, t.planned_date, t.due_date, t.channel, "
    "COALESCE(t.time_window, ''), t.priority, COALESCE(t.reasons, ''), "
    "COALESCE(t.talking_points, ''), t.status, t.attempts, COALESCE(t.skip_reason, ''), "
    "t.contact_id, t.created_at, COALESCE(pt.late_working_days, 0), "
    "COALESCE(pt.channel_fallback, 0) <> 0 FROM follow_up_tasks t LEFT JOIN plan_tasks pt ON "
    "pt.task_id = t.id AND pt.run_id = (SELECT max(run_id) FROM plan_tasks p2 WHERE p2.task_id "
    "= t.id) ";

TaskRow readTask(const PgRows& r, int i) {
    const PgRow row(r, i);
    TaskRow t;
    readColumns(row, readColumns(row, 0, kTaskColumns, t), kPlanTaskColumns, t);
    return t;
}

Error notPermitted(const std::string& what) {
    return makeError(ErrorCode::NotPermitted,
                     what + " belongs to another broker's book: not permitted for this login");
}

class PgRecordStore final : public RecordStore {
  public:
    explicit PgRecordStore(PgConnection& c) : m_c(c) {}

    Result<std::unique_ptr<WriteScope>> beginWrite() override {
        auto tx = PgTransaction::begin(m_c);
        if (!tx) return tx.error();
        return std::unique_ptr<WriteScope>(
            std::make_unique<TransactionScope<PgTransaction>>(std::move(*tx)));
    }

    Result<ClientRecord> loadClient(const std::string& clientId) override {
        auto r = m_c.query(std::string(records::kClientSelect) + "WHERE client_id = $1",
                           PgParams(clientId));
        if (!r) return r.error();
        if (!r->empty()) return records::clientRecordAt(PgRow(*r, 0));
        // Hidden by the policy, or absent: the user is told which.
        auto seen = m_c.query("SELECT bd_client_id_exists($1)", PgParams(clientId));
        if (!seen) return seen.error();
        if (seen->boolean(0, 0)) return notPermitted("client " + clientId);
        return makeError(ErrorCode::NotFound, "no such client");
    }
    Result<ClientRecord> loadClientByRef(std::int64_t ref) override {
        auto r = m_c.query(std::string(records::kClientSelect) + "WHERE id = $1", PgParams(ref));
        if (!r) return r.error();
        if (!r->empty()) return records::clientRecordAt(PgRow(*r, 0));
        if (auto s = refuseHidden(ref); !s) return s.error();
        return makeError(ErrorCode::NotFound, "no such client");
    }

    Result<bool> brokerExists(const std::string& id) override {
        return exists("SELECT 1 FROM brokers WHERE broker_id = $1", PgParams(id));
    }
    Result<bool> branchExists(const std::string& id) override {
        return exists("SELECT 1 FROM branches WHERE branch_id = $1", PgParams(id));
    }
    Result<std::optional<std::string>> brokerBranch(const std::string& id) override {
        auto r = m_c.query("SELECT COALESCE(branch_id, '') FROM brokers WHERE broker_id = $1",
                           PgParams(id));
        if (!r) return r.error();
        if (r->empty()) return std::optional<std::string>();
        return std::optional<std::string>(r->text(0, 0));
    }

    Result<std::int64_t> insertClient(const ClientRecord& r) override {
        // A new client's id comes from the identity sequence, which never hands out an id
        // again, not even one an undo removed; an undo puts a client back under its own id.
        PgParams p(r.client.client_id, std::int64_t{1});
        addProfile(p, r);
        std::string sql =
            "INSERT INTO clients(client_id, version, name, gender, birth_date, id_number, phone, "
            "email, broker_id, branch_id, open_date, risk_level, status, preferred_channel, "
            "contact_hours, risk_assessed_on";
        if (r.ref > 0) {
            p.add(r.ref);
            sql += ", id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                   "$15, $16, $17) RETURNING id";
        } else {
            sql += ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
                   "$16) RETURNING id";
        }
        auto rows = m_c.query(sql, p);
        if (!rows) return rows.error();
        return rows->int64(0, 0);
    }

    Result<bool> updateClient(const ClientRecord& r, std::int64_t basedOn) override {
        PgParams p(r.ref, basedOn);
        addProfile(p, r);
        auto rows = m_c.query(
            "UPDATE clients SET name = $3, gender = $4, birth_date = $5, id_number = $6, "
            "phone = $7, email = $8, broker_id = $9, branch_id = $10, open_date = $11, "
            "risk_level = $12, status = $13, preferred_channel = $14, contact_hours = $15, "
            "risk_assessed_on = $16, version = version + 1 WHERE id = $1 AND version = $2",
            p);
        if (!rows) return rows.error();
        if (rows->changed() == 1) return true;
        // Nothing changed: another desk moved the version on (the row is still visible), or
        // the policy hides the client (NotPermitted).
        auto visible = exists("SELECT 1 FROM clients WHERE id = $1", PgParams(r.ref));
        if (!visible) return visible.error();
        if (!*visible)
            if (auto s = refuseHidden(r.ref); !s) return s.error();
        return false;
    }

    Result<bool> clientInUse(std::int64_t ref) override {
        static const std::string kSql = records::clientInUseSql("$1");
        return exists(kSql, PgParams(ref));
    }

    Status deleteClient(std::int64_t ref) override {
        for (std::string_view table : records::kClientOwnedTables)
            if (auto s = m_c.run("DELETE FROM " + std::string(table) + " WHERE client_ref = $1",
                                 PgParams(ref));
                !s)
                return s;
        auto gone = m_c.query("DELETE FROM clients WHERE id = $1", PgParams(ref));
        if (!gone) return gone.error();
        if (gone->changed() == 0) return refuseHidden(ref);
        return {};
    }

    Status putCorrection(std::int64_t ref, const CorrectionRow& row) override {
        if (!records::isTradingSystemField(row.field))
            return makeError(ErrorCode::Internal, "not a trading-system field: " + row.field);
        // The value copied from the column in its stored form (row.field is one of
        // records::kTradingSystemFields, never the user's text).
        return m_c.run("INSERT INTO client_corrections(client_ref, field, value, at, actor) "
                       "SELECT id, $2, " +
                           row.field +
                           "::text, $3, session_user FROM clients WHERE id = $1 "
                           "ON CONFLICT (client_ref, field) DO UPDATE SET value = excluded.value,"
                           " at = excluded.at, actor = excluded.actor",
                       PgParams(ref, row.field, row.at));
    }
    Status removeCorrection(std::int64_t ref, const std::string& field) override {
        return m_c.run("DELETE FROM client_corrections WHERE client_ref = $1 AND field = $2",
                       PgParams(ref, field));
    }
    Result<std::vector<CorrectionRow>> corrections(std::int64_t ref) override {
        return rows<CorrectionRow>("SELECT field, COALESCE(value, ''), at, actor FROM "
                                   "client_corrections WHERE client_ref = $1 ORDER BY field",
                                   PgParams(ref), records::correctionRowAt<PgRow>);
    }
    Result<std::vector<CorrectionConflictRow>> correctionConflicts(std::int64_t ref) override {
        return rows<CorrectionConflictRow>(
            "SELECT field, COALESCE(kept, ''), COALESCE(incoming, ''), at FROM "
            "client_correction_conflicts WHERE client_ref = $1 ORDER BY id",
            PgParams(ref), records::correctionConflictRowAt<PgRow>);
    }

    Result<std::vector<TagRow>> tagsOf(std::int64_t ref) override {
        return rows<TagRow>("SELECT t.name, t.colour FROM client_tags ct JOIN tags t ON t.name = "
                            "ct.tag WHERE ct.client_ref = $1 ORDER BY t.name",
                            PgParams(ref), records::tagRowAt<PgRow>);
    }
    Result<std::optional<std::string>> tagColour(const std::string& tag) override {
        auto r = m_c.query("SELECT colour FROM tags WHERE name = $1", PgParams(tag));
        if (!r) return r.error();
        if (r->empty()) return std::optional<std::string>();
        return std::optional<std::string>(r->text(0, 0));
    }
    Status putTag(const TagRow& tag) override {
        return m_c.run("INSERT INTO tags(name, colour) VALUES ($1, $2) ON CONFLICT (name) DO "
                       "UPDATE SET colour = excluded.colour",
                       PgParams(tag.name, tag.colour));
    }
    Result<bool> addClientTag(std::int64_t ref, const std::string& tag) override {
        auto r = m_c.query("INSERT INTO client_tags(client_ref, tag) VALUES ($1, $2) "
                           "ON CONFLICT DO NOTHING",
                           PgParams(ref, tag));
        if (!r) return r.error();
        return r->changed() == 1;
    }
    Result<bool> removeClientTag(std::int64_t ref, const std::string& tag) override {
        auto r = m_c.query("DELETE FROM client_tags WHERE client_ref = $1 AND tag = $2",
                           PgParams(ref, tag));
        if (!r) return r.error();
        return r->changed() == 1;
    }

    Result<NoteRow> insertNote(const NoteRow& n) override {
        // The row as stored: the server files a note under the login (its trigger).
        constexpr std::string_view kReturning = " RETURNING id, client_ref, at, author, text";
        auto r = n.id > 0 ? m_c.query("INSERT INTO client_notes(id, client_ref, at, author, text) "
                                      "VALUES ($1, $2, $3, $4, $5)" +
                                          std::string(kReturning),
                                      PgParams(n.id, n.client_ref, n.at, n.author, n.text))
                          : m_c.query("INSERT INTO client_notes(client_ref, at, author, text) "
                                      "VALUES ($1, $2, $3, $4)" +
                                          std::string(kReturning),
                                      PgParams(n.client_ref, n.at, n.author, n.text));
        if (!r) return r.error();
        return records::noteRowAt(PgRow(*r, 0));
    }
    Result<std::optional<NoteRow>> loadNote(std::int64_t id) override {
        auto r =
            m_c.query("SELECT id, client_ref, at, author, text FROM client_notes WHERE id = $1",
                      PgParams(id));
        if (!r) return r.error();
        if (r->empty()) return std::optional<NoteRow>();
        return std::optional<NoteRow>(records::noteRowAt(PgRow(*r, 0)));
    }
    Status deleteNote(std::int64_t id) override {
        auto r = m_c.query("DELETE FROM client_notes WHERE id = $1", PgParams(id));
        if (!r) return r.error();
        if (r->changed() == 0) return notPermitted("note " + std::to_string(id));
        return {};
    }
    Result<std::vector<NoteRow>> notesOf(std::int64_t ref) override {
        return rows<NoteRow>("SELECT id, client_ref, at, author, text FROM client_notes WHERE "
                             "client_ref = $1 ORDER BY at DESC, id DESC",
                             PgParams(ref), records::noteRowAt<PgRow>);
    }

    Result<std::optional<ContactRecord>> loadContact(std::int64_t id) override {
        auto r = m_c.query("SELECT id, client_ref, contact_time, channel, direction, outcome, "
                           "COALESCE(notes, ''), void_reason FROM contacts WHERE id = $1",
                           PgParams(id));
        if (!r) return r.error();
        if (r->empty()) {
            auto seen = m_c.query("SELECT bd_contact_exists($1)", PgParams(id));
            if (!seen) return seen.error();
            if (seen->boolean(0, 0)) return notPermitted("contact " + std::to_string(id));
            return std::optional<ContactRecord>();
        }
        return std::optional<ContactRecord>(ContactRecord{
            r->int64(0, 0), r->int64(0, 1), r->dateTime(0, 2), r->enumAt<ContactChannel>(0, 3),
            r->enumAt<Direction>(0, 4), r->enumAt<Outcome>(0, 5), r->text(0, 6), r->optText(0, 7)});
    }
    Status updateContact(const ContactRecord& c) override {
        auto r =
            m_c.query("UPDATE contacts SET notes = $2, outcome = $3, void_reason = $4 WHERE "
                      "id = $1",
                      PgParams(c.id, records::optionalText(c.notes), c.outcome, c.void_reason));
        if (!r) return r.error();
        if (r->changed() == 0) return notPermitted("contact " + std::to_string(c.id));
        return {};
    }
    Result<std::int64_t> insertContact(const NewContact& c) override {
        auto r = m_c.query(
            "INSERT INTO contacts(client_ref, broker_id, contact_time, channel, direction, "
            "outcome, satisfaction, notes, next_follow_up) VALUES ($1, $2, $3, $4, $5, $6, $7, "
            "$8, $9) RETURNING id",
            PgParams(c.client_ref, c.broker_id, c.time, c.channel, c.direction, c.outcome,
                     c.satisfaction, records::optionalText(c.notes), c.next_follow_up));
        if (!r) return r.error();
        return r->int64(0, 0);
    }

    Result<std::optional<RelationRow>> relationBetween(std::int64_t a, std::int64_t b) override {
        auto r = m_c.query("SELECT client_a, client_b, kind FROM client_relations WHERE "
                           "(client_a = $1 AND client_b = $2) OR (client_a = $2 AND client_b = $1)",
                           PgParams(a, b));
        if (!r) return r.error();
        if (r->empty()) return std::optional<RelationRow>();
        return std::optional<RelationRow>(records::relationRowAt(PgRow(*r, 0)));
    }
    Status putRelation(const RelationRow& rel) override {
        if (auto gone = removeRelation(rel.client_a, rel.client_b); !gone) return gone.error();
        return m_c.run("INSERT INTO client_relations(client_a, client_b, kind) VALUES ($1, $2, $3)",
                       PgParams(rel.client_a, rel.client_b, rel.kind));
    }
    Result<bool> removeRelation(std::int64_t a, std::int64_t b) override {
        auto r = m_c.query("DELETE FROM client_relations WHERE (client_a = $1 AND client_b = $2) "
                           "OR (client_a = $2 AND client_b = $1)",
                           PgParams(a, b));
        if (!r) return r.error();
        return r->changed() == 1;
    }
    Result<std::vector<RelationRow>> relationsOf(std::int64_t ref) override {
        return rows<RelationRow>("SELECT client_a, client_b, kind FROM client_relations WHERE "
                                 "client_a = $1 OR client_b = $1 ORDER BY client_a, client_b",
                                 PgParams(ref), records::relationRowAt<PgRow>);
    }
    Result<TaskRow> loadTask(std::int64_t id) override {
        auto r = m_c.query(std::string(kTaskSelect) + "WHERE t.id = $1", PgParams(id));
        if (!r) return r.error();
        if (!r->empty()) return readTask(*r, 0);
        if (auto s = refuseHiddenTask(id); !s) return s.error();
        return makeError(ErrorCode::NotFound, "no plan item " + std::to_string(id));
    }
    Result<std::optional<TaskRow>> firstToDoTask(std::int64_t clientRef) override {
        // The desk's order (planstore.cpp loadTasks), NULLs first as SQLite sorts them.
        auto r = m_c.query(std::string(kTaskSelect) +
                               "WHERE t.client_ref = $1 AND t.status IN ($2, $3) ORDER BY "
                               "t.broker_id, t.planned_date, t.time_window NULLS FIRST, "
                               "t.priority DESC, t.id LIMIT 1",
                           PgParams(clientRef, TaskStatus::Open, TaskStatus::Held));
        if (!r) return r.error();
        if (r->empty()) return std::optional<TaskRow>();
        return std::optional<TaskRow>(readTask(*r, 0));
    }
    Result<std::int64_t> insertTask(const TaskRow& t) override {
        // The id comes from the table's identity (server schema v8); the broker is the
        // client's (the server's guard sets it for a person).
        auto r = m_c.query(
            "INSERT INTO follow_up_tasks(client_ref, broker_id, planned_date, due_date, channel, "
            "time_window, priority, reasons, talking_points, status, attempts, skip_reason, "
            "contact_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
            "$13, $14) RETURNING id",
            PgParams(t.client_ref, t.broker_id, t.planned_date, t.due_date, t.channel,
                     t.time_window, t.priority, t.reasons, t.talking_points, t.status, t.attempts,
                     records::optionalText(t.skip_reason), t.contact_id, t.created_at));
        if (!r) return r.error();
        return r->int64(0, 0);
    }
    Status updateTask(const TaskRow& t) override {
        auto r =
            m_c.query("UPDATE follow_up_tasks SET status = $2, planned_date = $3, channel = "
                      "$4, time_window = $5, attempts = $6, skip_reason = $7, contact_id = "
                      "$8 WHERE id = $1",
                      PgParams(t.id, t.status, t.planned_date, t.channel, t.time_window, t.attempts,
                               records::optionalText(t.skip_reason), t.contact_id));
        if (!r) return r.error();
        if (r->changed() == 1) return {};
        if (auto s = refuseHiddenTask(t.id); !s) return s;
        return makeError(ErrorCode::NotFound, "no plan item " + std::to_string(t.id));
    }
    Result<SegmentNameRow> renameSegment(int segmentId, const std::string& nameZh,
                                         const std::string& nameEn) override {
        if (nameZh.empty() || nameEn.empty())
            return makeError(ErrorCode::InvalidInput,
                             "a segment needs a Chinese and an English name");
        // The newest segmentation as relationshipType finds it; the row locked, then renamed
        // (a broker has no grant on segments: refused as not permitted, schema v11).
        auto r = m_c.query(
            std::string("WITH old AS (SELECT s.run_id, s.segment_id, s.name_zh, s.name_en FROM "
                        "segments s WHERE s.segment_id = $1 AND s.run_id = ") +
                kPgNewestSegmentRun +
                " FOR UPDATE) UPDATE segments s SET name_zh = $2, name_en = $3, name_edited = 1, "
                "name_fact = '' FROM old WHERE s.run_id = old.run_id AND s.segment_id = "
                "old.segment_id RETURNING old.name_zh, old.name_en",
            PgParams(segmentId, nameZh, nameEn));
        if (!r) return r.error();
        if (r->empty())
            return makeError(ErrorCode::NotFound,
                             "no segment " + std::to_string(segmentId) +
                                 " in the newest segmentation; run `refresh` first");
        return SegmentNameRow{r->text(0, 0), r->text(0, 1)};
    }
    Result<std::optional<int>> relationshipType(std::int64_t clientRef) override {
        auto r =
            m_c.query(std::string("SELECT s.relationship_type FROM segment_labels l JOIN segments "
                                  "s ON s.run_id = l.run_id AND s.segment_id = l.segment_id "
                                  "WHERE l.client_ref = $1 AND l.run_id = ") +
                          kPgNewestSegmentRun,
                      PgParams(clientRef));
        if (!r) return r.error();
        if (r->empty()) return std::optional<int>();
        return std::optional<int>(r->int32(0, 0));
    }
    Result<std::vector<int>> contactOutcomes(std::int64_t clientRef) override {
        return rows<int>("SELECT outcome FROM contacts WHERE client_ref = $1 AND void_reason IS "
                         "NULL ORDER BY contact_time, id",
                         PgParams(clientRef), [](const PgRow& r) { return r.int32(0); });
    }

    Result<std::optional<SurveyTemplateRow>> openSurveyCall(std::int64_t campaign,
                                                            std::int64_t clientRef) override {
        auto r = m_c.query("SELECT t.id, t.name, t.standard, t.created_at FROM survey_calls k "
                           "JOIN survey_campaigns c ON c.id = k.campaign_id JOIN survey_templates "
                           "t ON t.id = c.template_id WHERE k.campaign_id = $1 AND k.client_ref = "
                           "$2 AND k.contact_id IS NULL",
                           PgParams(campaign, clientRef));
        if (!r) return r.error();
        if (r->empty()) return std::optional<SurveyTemplateRow>();
        SurveyTemplateRow t{r->int64(0, 0), r->text(0, 1), r->int32(0, 2), r->int64(0, 3), {}};
        if (auto s = readSurveyItems(t); !s) return s.error();
        return std::optional<SurveyTemplateRow>(std::move(t));
    }
    /// The template's items, by position.
    Status readSurveyItems(SurveyTemplateRow& t) {
        auto items = m_c.query("SELECT position, standard_item, text FROM survey_items WHERE "
                               "template_id = $1 ORDER BY position",
                               PgParams(t.id));
        if (!items) return items.error();
        for (int i = 0; i < items->size(); ++i)
            t.items.push_back({items->int32(i, 0), items->int32(i, 1), items->text(i, 2)});
        return {};
    }
    Status answerSurvey(std::int64_t contactId, std::int64_t campaign, std::int64_t clientRef,
                        const std::vector<SurveyScore>& scores) override {
        for (const SurveyScore& s : scores)
            if (auto put = m_c.run("INSERT INTO survey_answers(contact_id, item, campaign_id, "
                                   "client_ref, score) VALUES ($1, $2, $3, $4, $5)",
                                   PgParams(contactId, s.item, campaign, clientRef, s.score));
                !put)
                return put;
        auto r = m_c.query("UPDATE survey_calls SET contact_id = $3 WHERE campaign_id = $1 AND "
                           "client_ref = $2 AND contact_id IS NULL",
                           PgParams(campaign, clientRef, contactId));
        if (!r) return r.error();
        if (r->changed() == 0) return refuseHidden(clientRef);
        return {};
    }
    // A manager's templates and campaigns (server schema v5 grants a manager, and only a
    // manager, INSERT on the survey tables; a call only of a client the manager sees; v12 makes
    // a new template or campaign news for every desk).
    Result<std::optional<SurveyTemplateRow>> surveyTemplate(std::int64_t id) override {
        auto r = m_c.query("SELECT id, name, standard, created_at FROM survey_templates WHERE id = "
                           "$1",
                           PgParams(id));
        if (!r) return r.error();
        if (r->empty()) return std::optional<SurveyTemplateRow>();
        SurveyTemplateRow t{r->int64(0, 0), r->text(0, 1), r->int32(0, 2), r->int64(0, 3), {}};
        if (auto s = readSurveyItems(t); !s) return s.error();
        return std::optional<SurveyTemplateRow>(std::move(t));
    }
    Result<std::int64_t> insertSurveyTemplate(const SurveyTemplateRow& t) override {
        auto r = m_c.query("INSERT INTO survey_templates(name, standard, created_at) VALUES ($1, "
                           "$2, $3) RETURNING id",
                           PgParams(t.name, t.standard, t.created_at));
        if (!r) return r.error();
        const std::int64_t id = r->int64(0, 0);
        for (const SurveyItemRow& i : t.items)
            if (auto s = m_c.run("INSERT INTO survey_items(template_id, position, standard_item, "
                                 "text) VALUES ($1, $2, $3, $4)",
                                 PgParams(id, i.position, i.standard_item, i.text));
                !s)
                return s.error();
        return id;
    }
    Result<std::int64_t> insertSurveyCampaign(const SurveyCampaignRow& c) override {
        auto r =
            m_c.query("INSERT INTO survey_campaigns(name, template_id, audience, "
                      "audience_arg, launch_date, deadline_working_days, deadline_date, "
                      "launched_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                      PgParams(c.name, c.template_id, c.audience, c.audience_arg, c.launch_date,
                               c.deadline_working_days, c.deadline_date, c.launched_at));
        if (!r) return r.error();
        return r->int64(0, 0);
    }
    Status insertSurveyCalls(const std::vector<SurveyCallRow>& calls) override {
        if (calls.empty()) return {};
        // One statement for the launch's calls, bound as one JSON array (a branch's audience
        // runs to thousands of clients).
        std::string rows = "[";
        for (const SurveyCallRow& k : calls)
            rows += (rows.size() > 1 ? ",{\"campaign_id\":" : "{\"campaign_id\":") +
                    std::to_string(k.campaign_id) +
                    ",\"client_ref\":" + std::to_string(k.client_ref) +
                    ",\"queue\":" + jsonString(k.queue) +
                    ",\"due_date\":" + std::to_string(k.due_date.days) + "}";
        rows += "]";
        return m_c.run("INSERT INTO survey_calls(campaign_id, client_ref, queue, due_date) SELECT "
                       "x.campaign_id, x.client_ref, x.queue, x.due_date FROM "
                       "jsonb_to_recordset($1::jsonb) AS x(campaign_id bigint, client_ref bigint, "
                       "queue text, due_date integer)",
                       PgParams(rows));
    }
    // Merging clients (server schema v9): one definer function moves the rows of every table of
    // the absorbed client's history as a desk's book does, after asking what the clients'
    // policies ask (a broker: two of their own clients; a manager: two of the branch).
    Result<std::optional<std::int64_t>> mergedInto(std::int64_t ref) override {
        auto r = m_c.query("SELECT merged_into FROM clients WHERE id = $1", PgParams(ref));
        if (!r) return r.error();
        if (r->empty() || r->isNull(0, 0)) return std::optional<std::int64_t>{};
        return std::optional<std::int64_t>(r->int64(0, 0));
    }
    Result<MergeCounts> mergeClients(std::int64_t keep, std::int64_t absorb,
                                     std::int64_t operation) override {
        auto r = m_c.query("SELECT merged_tbl, merged_side, merged_rows FROM "
                           "bd_merge_clients($1, $2, $3)",
                           PgParams(keep, absorb, operation));
        if (!r) return r.error();
        MergeCounts n;
        for (int i = 0; i < r->size(); ++i)
            countMergeRows(n, r->text(i, 0), r->int64(i, 1), r->int64(i, 2));
        return n;
    }
    Status unmergeClients(std::int64_t keep, std::int64_t absorb, std::int64_t operation) override {
        return m_c.run("SELECT bd_unmerge_clients($1, $2, $3)", PgParams(keep, absorb, operation));
    }

    Result<std::unique_ptr<Database>> settingsCopy() override { return serverSettingsCopy(m_c); }
    Status storeSettings(Database& copy) override { return storeServerSettings(copy, m_c); }

    Result<std::int64_t> nextOperation() override {
        // A sequence, not MAX()+1: desks writing at once never share an operation number and
        // never wait on one another for it.
        auto r = m_c.query("SELECT nextval('audit_operations')");
        if (!r) return r.error();
        return r->int64(0, 0);
    }
    Status appendAudit(const AuditRow& r) override {
        // The actor and time are set by the server: the login and its clock (trigger "actor").
        return m_c.run("INSERT INTO audit_log(operation, kind, entity, entity_id, client_ref,"
                       " before, after, undoes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                       PgParams(r.operation, r.kind, r.entity, r.entity_id, r.client_ref, r.before,
                                r.after, r.undoes));
    }
    Result<std::vector<AuditRow>> listAudit(const AuditFilter& f) override {
        std::string sql = std::string(records::kAuditSelect) +
                          "WHERE ($1::bigint IS NULL OR client_ref = $1) AND ($2::bigint IS NULL"
                          " OR at >= $2) AND ($3::bigint IS NULL OR operation = $3) AND ($4 = ''"
                          " OR kind = $4 OR (right($4, 1) = '.' AND left(kind, length($4)) = $4))"
                          " ORDER BY id DESC";
        PgParams p(f.client_ref, f.since, f.operation, f.kind);
        if (f.limit > 0) {
            sql += " LIMIT $5";
            p.add(f.limit);
        }
        return rows<AuditRow>(sql, p, records::auditRowAt<PgRow>);
    }
    Result<std::optional<AuditRow>> laterChange(const std::string& entity,
                                                const std::string& entityId,
                                                std::int64_t operation) override {
        return firstAudit("entity = $1 AND entity_id = $2 AND operation > $3",
                          PgParams(entity, entityId, operation));
    }
    Result<std::optional<AuditRow>> laterChangeOfClient(std::int64_t clientRef,
                                                        std::int64_t operation) override {
        return firstAudit("client_ref = $1 AND operation > $2", PgParams(clientRef, operation));
    }
    Result<std::optional<std::int64_t>> undoneBy(std::int64_t operation) override {
        auto r = m_c.query("SELECT operation FROM audit_log WHERE undoes = $1 LIMIT 1",
                           PgParams(operation));
        if (!r) return r.error();
        if (r->empty()) return std::optional<std::int64_t>();
        return std::optional<std::int64_t>(r->int64(0, 0));
    }

  private:
    /// NotPermitted when a client the policy hides exists; success when it does not.
    Status refuseHidden(std::int64_t ref) {
        auto seen = m_c.query("SELECT bd_client_exists($1)", PgParams(ref));
        if (!seen) return seen.error();
        if (seen->boolean(0, 0)) return notPermitted("client " + std::to_string(ref));
        return {};
    }
    /// NotPermitted when a plan item the policy hides exists; success when it does not.
    Status refuseHiddenTask(std::int64_t id) {
        auto seen = m_c.query("SELECT bd_task_exists($1)", PgParams(id));
        if (!seen) return seen.error();
        if (seen->boolean(0, 0)) return notPermitted("plan item " + std::to_string(id));
        return {};
    }
    Result<std::optional<AuditRow>> firstAudit(std::string_view where, const PgParams& p) {
        auto r = m_c.query(std::string(records::kAuditSelect) + "WHERE " + std::string(where) +
                               " ORDER BY operation LIMIT 1",
                           p);
        if (!r) return r.error();
        if (r->empty()) return std::optional<AuditRow>();
        return std::optional<AuditRow>(records::auditRowAt(PgRow(*r, 0)));
    }
    template <typename T, typename Read>
    Result<std::vector<T>> rows(std::string_view sql, const PgParams& p, Read read) {
        auto r = m_c.query(sql, p);
        if (!r) return r.error();
        std::vector<T> out;
        out.reserve(static_cast<std::size_t>(r->size()));
        for (int i = 0; i < r->size(); ++i) out.push_back(read(PgRow(*r, i)));
        return out;
    }
    Result<bool> exists(std::string_view sql, const PgParams& p) {
        auto r = m_c.query(sql, p);
        if (!r) return r.error();
        return !r->empty();
    }

    PgConnection& m_c;
};

} // namespace

std::unique_ptr<RecordStore> pgRecordStore(PgConnection& c) {
    return std::make_unique<PgRecordStore>(c);
}

} // namespace bd::storage
