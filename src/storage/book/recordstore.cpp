#include "storage/book/recordstore.h"

#include <map>
#include <utility>

#include "storage/book/clientsummary.h"
#include "storage/book/recordcolumns.h"
#include "storage/book/segmentstore.h"
#include "storage/db/query.h"

namespace bd::storage {
namespace {

/// The profile columns ?3 .. ?16 of an INSERT or UPDATE.
void bindProfile(Statement& st, const ClientRecord& r) {
    int index = 3;
    records::forEachProfileValue(r, [&](const auto& v) { st.bind(index++, v); });
}

class SqliteRecordStore final : public RecordStore {
  public:
    explicit SqliteRecordStore(Database& db) : m_db(db) {}

    Result<std::unique_ptr<WriteScope>> beginWrite() override {
        auto w = std::make_unique<TransactionScope<Transaction>>(m_db);
        if (const Status& began = w->transaction().began(); !began) return began.error();
        return std::unique_ptr<WriteScope>(std::move(w));
    }

    Result<ClientRecord> loadClient(const std::string& clientId) override {
        return loadOne(std::string(records::kClientSelect) + "WHERE client_id = ?1", clientId);
    }
    Result<ClientRecord> loadClientByRef(std::int64_t ref) override {
        return loadOne(std::string(records::kClientSelect) + "WHERE id = ?1", ref);
    }

    Result<bool> brokerExists(const std::string& id) override {
        return exists("SELECT 1 FROM brokers WHERE broker_id = ?1", id);
    }
    Result<bool> branchExists(const std::string& id) override {
        return exists("SELECT 1 FROM branches WHERE branch_id = ?1", id);
    }
    Result<std::optional<std::string>> brokerBranch(const std::string& id) override {
        return firstText("SELECT COALESCE(branch_id, '') FROM brokers WHERE broker_id = ?1", id);
    }

    Result<std::int64_t> insertClient(const ClientRecord& r) override {
        auto st = m_db.prepare(
            "INSERT INTO clients(client_id, version, name, gender, birth_date, id_number, phone, "
            "email, broker_id, branch_id, open_date, risk_level, status, preferred_channel, "
            "contact_hours, risk_assessed_on, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
            "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
        if (!st) return st.error();
        st->bind(1, r.client.client_id).bind(2, std::int64_t{1});
        if (r.ref > 0) {
            st->bind(17, r.ref);
        } else {
            // A new client never takes the id of one an undo removed: its history in the audit
            // trail (by client_ref) stays its own.
            std::int64_t next = 1;
            auto top = m_db.prepare("SELECT max(coalesce((SELECT max(id) FROM clients), 0), "
                                    "coalesce((SELECT max(client_ref) FROM audit_log), 0)) + 1");
            if (!top) return top.error();
            if (auto found = top->first([&](const Statement& q) { next = q.int64(0); }); !found)
                return found.error();
            st->bind(17, next);
        }
        bindProfile(*st, r);
        if (auto s = st->run(); !s) return s.error();
        return m_db.lastInsertRowId();
    }

    Result<bool> updateClient(const ClientRecord& r, std::int64_t basedOn) override {
        auto st = statement(
            "UPDATE clients SET name = ?3, gender = ?4, birth_date = ?5, id_number = ?6, "
            "phone = ?7, email = ?8, broker_id = ?9, branch_id = ?10, open_date = ?11, "
            "risk_level = ?12, status = ?13, preferred_channel = ?14, contact_hours = ?15, "
            "risk_assessed_on = ?16, version = version + 1 WHERE id = ?1 AND version = ?2");
        if (!st) return st.error();
        (*st)->bind(1, r.ref).bind(2, basedOn);
        bindProfile(**st, r);
        if (auto s = (*st)->run(); !s) return s.error();
        return m_db.changes() == 1;
    }

    Result<bool> clientInUse(std::int64_t ref) override {
        static const std::string kSql = records::clientInUseSql("?1");
        return exists(kSql, ref);
    }

    Status deleteClient(std::int64_t ref) override {
        for (std::string_view table : records::kClientOwnedTables)
            if (auto s = run("DELETE FROM " + std::string(table) + " WHERE client_ref = ?1", ref);
                !s)
                return s;
        if (auto s = run("DELETE FROM clients WHERE id = ?1", ref); !s) return s;
        // The client list's summary is made on first use (clientsummary.h).
        auto summary =
            exists("SELECT 1 FROM sqlite_schema WHERE name = ?1", std::string("client_summary"));
        if (!summary) return summary.error();
        if (*summary) return run("DELETE FROM client_summary WHERE client_ref = ?1", ref);
        return {};
    }

    Status putCorrection(std::int64_t ref, const CorrectionRow& row) override {
        // The value in its stored form: copied from the column, so the import's trigger
        // compares like with like (an integer code stays an integer).
        if (!records::isTradingSystemField(row.field))
            return makeError(ErrorCode::Internal, "not a trading-system field: " + row.field);
        return run("INSERT OR REPLACE INTO client_corrections(client_ref, field, value, at, "
                   "actor) SELECT id, ?2, " +
                       row.field + ", ?3, ?4 FROM clients WHERE id = ?1",
                   ref, row.field, row.at, row.actor);
    }
    Status removeCorrection(std::int64_t ref, const std::string& field) override {
        return run("DELETE FROM client_corrections WHERE client_ref = ?1 AND field = ?2", ref,
                   field);
    }
    Result<std::vector<CorrectionRow>> corrections(std::int64_t ref) override {
        return rows<CorrectionRow>("SELECT field, COALESCE(CAST(value AS TEXT), ''), at, actor "
                                   "FROM client_corrections WHERE client_ref = ?1 ORDER BY field",
                                   ref, records::correctionRowAt<Statement>);
    }
    Result<std::vector<CorrectionConflictRow>> correctionConflicts(std::int64_t ref) override {
        return rows<CorrectionConflictRow>(
            "SELECT field, COALESCE(CAST(kept AS TEXT), ''), COALESCE(CAST(incoming AS TEXT), ''),"
            " at FROM client_correction_conflicts WHERE client_ref = ?1 ORDER BY id",
            ref, records::correctionConflictRowAt<Statement>);
    }

    Result<std::vector<TagRow>> tagsOf(std::int64_t ref) override {
        return rows<TagRow>("SELECT t.name, t.colour FROM client_tags ct JOIN tags t ON t.name = "
                            "ct.tag WHERE ct.client_ref = ?1 ORDER BY t.name",
                            ref, records::tagRowAt<Statement>);
    }
    Result<std::optional<std::string>> tagColour(const std::string& tag) override {
        return firstText("SELECT colour FROM tags WHERE name = ?1", tag);
    }
    Status putTag(const TagRow& tag) override {
        return run("INSERT INTO tags(name, colour) VALUES (?1, ?2) ON CONFLICT(name) DO "
                   "UPDATE SET colour = excluded.colour",
                   tag.name, tag.colour);
    }
    Result<bool> addClientTag(std::int64_t ref, const std::string& tag) override {
        if (auto s =
                run("INSERT OR IGNORE INTO client_tags(client_ref, tag) VALUES (?1, ?2)", ref, tag);
            !s)
            return s.error();
        return m_db.changes() == 1;
    }
    Result<bool> removeClientTag(std::int64_t ref, const std::string& tag) override {
        if (auto s = run("DELETE FROM client_tags WHERE client_ref = ?1 AND tag = ?2", ref, tag);
            !s)
            return s.error();
        return m_db.changes() == 1;
    }

    Result<NoteRow> insertNote(const NoteRow& n) override {
        auto st = m_db.prepare(
            "INSERT INTO client_notes(id, client_ref, at, author, text) VALUES (?1, ?2, ?3, ?4, "
            "?5)");
        if (!st) return st.error();
        if (n.id > 0)
            st->bind(1, n.id);
        else
            st->bindNull(1);
        st->bind(2, n.client_ref).bind(3, n.at).bind(4, n.author).bind(5, n.text);
        if (auto s = st->run(); !s) return s.error();
        NoteRow stored = n;
        stored.id = m_db.lastInsertRowId();
        return stored;
    }
    Result<std::optional<NoteRow>> loadNote(std::int64_t id) override {
        return queryFirst(m_db,
                          "SELECT id, client_ref, at, author, text FROM client_notes WHERE id = ?1",
                          records::noteRowAt<Statement>, id);
    }
    Status deleteNote(std::int64_t id) override {
        return run("DELETE FROM client_notes WHERE id = ?1", id);
    }
    Result<std::vector<NoteRow>> notesOf(std::int64_t ref) override {
        return rows<NoteRow>("SELECT id, client_ref, at, author, text FROM client_notes WHERE "
                             "client_ref = ?1 ORDER BY at DESC, id DESC",
                             ref, records::noteRowAt<Statement>);
    }

    Result<std::optional<ContactRecord>> loadContact(std::int64_t id) override {
        return queryFirst(
            m_db,
            "SELECT id, client_ref, contact_time, channel, direction, outcome, "
            "COALESCE(notes, ''), void_reason FROM contacts WHERE id = ?1",
            [](const Statement& r) {
                return ContactRecord{r.int64(0),
                                     r.int64(1),
                                     r.dateTime(2),
                                     r.enumAt<ContactChannel>(3),
                                     r.enumAt<Direction>(4),
                                     r.enumAt<Outcome>(5),
                                     r.text(6),
                                     r.optText(7)};
            },
            id);
    }
    Status updateContact(const ContactRecord& c) override {
        if (auto s = run("UPDATE contacts SET notes = ?2, outcome = ?3, void_reason = ?4 "
                         "WHERE id = ?1",
                         c.id, records::optionalText(c.notes), c.outcome, c.void_reason);
            !s)
            return s;
        // A voided contact no longer counts: the client list's last contact follows (the
        // contacts' fingerprint is unchanged by a void, so a fresh summary stays fresh).
        auto fingerprint = contactsFingerprint(m_db);
        if (!fingerprint) return fingerprint.error();
        return updateClientSummaryContacts(m_db, {c.client_ref}, *fingerprint);
    }

    Result<std::int64_t> insertContact(const NewContact& c) override {
        if (auto s = run("INSERT INTO contacts(client_ref, broker_id, contact_time, channel, "
                         "direction, outcome, satisfaction, notes, next_follow_up) VALUES "
                         "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                         c.client_ref, c.broker_id, c.time, c.channel, c.direction, c.outcome,
                         c.satisfaction, records::optionalText(c.notes), c.next_follow_up);
            !s)
            return s.error();
        return m_db.lastInsertRowId();
    }

    Result<std::optional<RelationRow>> relationBetween(std::int64_t a, std::int64_t b) override {
        return queryFirst(m_db,
                          "SELECT client_a, client_b, kind FROM client_relations WHERE (client_a = "
                          "?1 AND client_b = ?2) OR (client_a = ?2 AND client_b = ?1)",
                          records::relationRowAt<Statement>, a, b);
    }
    Status putRelation(const RelationRow& r) override {
        if (auto gone = removeRelation(r.client_a, r.client_b); !gone) return gone.error();
        return execute(m_db,
                       "INSERT INTO client_relations(client_a, client_b, kind) VALUES (?1, ?2, ?3)",
                       r.client_a, r.client_b, r.kind);
    }
    Result<bool> removeRelation(std::int64_t a, std::int64_t b) override {
        if (auto s = execute(m_db,
                             "DELETE FROM client_relations WHERE (client_a = ?1 AND client_b = ?2) "
                             "OR (client_a = ?2 AND client_b = ?1)",
                             a, b);
            !s)
            return s.error();
        return m_db.changes() == 1;
    }
    Result<std::vector<RelationRow>> relationsOf(std::int64_t ref) override {
        return rows<RelationRow>("SELECT client_a, client_b, kind FROM client_relations WHERE "
                                 "client_a = ?1 UNION ALL SELECT client_a, client_b, kind FROM "
                                 "client_relations WHERE client_b = ?1",
                                 ref, records::relationRowAt<Statement>);
    }
    Result<TaskRow> loadTask(std::int64_t id) override { return storage::loadTask(m_db, id); }
    Result<std::optional<TaskRow>> firstToDoTask(std::int64_t clientRef) override {
        TaskFilter f;
        f.client_ref = clientRef;
        auto open = loadTasks(m_db, f);
        if (!open) return open.error();
        if (open->empty()) return std::optional<TaskRow>();
        return std::optional<TaskRow>(open->front().task);
    }
    Result<std::int64_t> insertTask(const TaskRow& task) override {
        return storage::insertTask(m_db, task);
    }
    Status updateTask(const TaskRow& task) override { return storage::updateTask(m_db, task); }
    Result<std::optional<int>> relationshipType(std::int64_t clientRef) override {
        return clientRelationshipType(m_db, clientRef);
    }
    Result<std::vector<int>> contactOutcomes(std::int64_t clientRef) override {
        auto all = recentOutcomes(m_db, clientRef, -(std::int64_t{1} << 62));
        if (!all) return all.error();
        std::vector<int> out;
        out.reserve(all->size());
        for (const auto& oc : *all) out.push_back(oc.first); // (outcome, channel)
        return out;
    }
    Result<std::optional<SurveyTemplateRow>> openSurveyCall(std::int64_t campaign,
                                                            std::int64_t clientRef) override {
        return openCallSurvey(m_db, campaign, clientRef);
    }
    Status answerSurvey(std::int64_t contactId, std::int64_t campaign, std::int64_t clientRef,
                        const std::vector<SurveyScore>& scores) override {
        if (auto s = insertSurveyAnswers(m_db, contactId, campaign, clientRef, scores); !s)
            return s;
        auto answered = answerSurveyCall(m_db, campaign, clientRef, contactId);
        return answered ? Status{} : Status(answered.error());
    }
    Result<std::optional<SurveyTemplateRow>> surveyTemplate(std::int64_t id) override {
        return loadSurveyTemplate(m_db, id);
    }
    Result<std::int64_t> insertSurveyTemplate(const SurveyTemplateRow& t) override {
        return storage::insertSurveyTemplate(m_db, t);
    }
    Result<std::int64_t> insertSurveyCampaign(const SurveyCampaignRow& c) override {
        return storage::insertSurveyCampaign(m_db, c);
    }
    Status insertSurveyCalls(const std::vector<SurveyCallRow>& calls) override {
        return storage::insertSurveyCalls(m_db, calls);
    }
    Result<std::optional<std::int64_t>> mergedInto(std::int64_t ref) override {
        return storage::mergedInto(m_db, ref);
    }
    Result<MergeCounts> mergeClients(std::int64_t keep, std::int64_t absorb,
                                     std::int64_t operation) override {
        return mergeClientRows(m_db, keep, absorb, operation);
    }
    Status unmergeClients(std::int64_t keep, std::int64_t absorb, std::int64_t operation) override {
        return unmergeClientRows(m_db, keep, absorb, operation);
    }

    Result<SegmentNameRow> renameSegment(int segmentId, const std::string& nameZh,
                                         const std::string& nameEn) override {
        return storage::renameSegment(m_db, segmentId, nameZh, nameEn);
    }

    Result<std::int64_t> nextOperation() override {
        auto v = queryInt(m_db, "SELECT COALESCE(MAX(operation), 0) + 1 FROM audit_log");
        if (!v) return v.error();
        return *v;
    }
    Status appendAudit(const AuditRow& r) override {
        return run("INSERT INTO audit_log(operation, at, actor, kind, entity, entity_id, "
                   "client_ref, before, after, undoes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                   "?8, ?9, ?10)",
                   r.operation, r.at, r.actor, r.kind, r.entity, r.entity_id, r.client_ref,
                   r.before, r.after, r.undoes);
    }
    Result<std::vector<AuditRow>> listAudit(const AuditFilter& f) override {
        // Each filter is bound; an absent one binds NULL and drops out of the WHERE.
        std::string sql = std::string(records::kAuditSelect) +
                          "WHERE (?1 IS NULL OR client_ref = ?1) AND (?2 IS NULL OR at >= ?2) "
                          "AND (?3 IS NULL OR operation = ?3) AND (?4 = '' OR kind = ?4 OR "
                          "(substr(?4, -1) = '.' AND substr(kind, 1, length(?4)) = ?4)) "
                          "ORDER BY id DESC";
        if (f.limit > 0) sql += " LIMIT ?5";
        // A client's history reads its rows through audit_by_client (a partial index needs
        // the condition spelled out to be chosen).
        if (f.client_ref)
            sql = std::string(records::kAuditSelect) +
                  "WHERE client_ref IS NOT NULL AND client_ref = ?1 AND (?2 IS NULL OR at >= ?2) "
                  "AND (?3 IS NULL OR operation = ?3) AND (?4 = '' OR kind = ?4 OR "
                  "(substr(?4, -1) = '.' AND substr(kind, 1, length(?4)) = ?4)) ORDER BY "
                  "client_ref DESC, id DESC" +
                  (f.limit > 0 ? std::string(" LIMIT ?5") : std::string());
        auto st = m_db.prepare(sql);
        if (!st) return st.error();
        st->bind(1, f.client_ref).bind(2, f.since).bind(3, f.operation).bind(4, f.kind);
        if (f.limit > 0) st->bind(5, f.limit);
        return collectRows(*st, records::auditRowAt<Statement>);
    }
    Result<std::optional<AuditRow>> laterChange(const std::string& entity,
                                                const std::string& entityId,
                                                std::int64_t operation) override {
        return firstAudit("entity = ?1 AND entity_id = ?2 AND operation > ?3", entity, entityId,
                          operation);
    }
    Result<std::optional<AuditRow>> laterChangeOfClient(std::int64_t clientRef,
                                                        std::int64_t operation) override {
        return firstAudit("client_ref = ?1 AND operation > ?2", clientRef, operation);
    }
    Result<std::optional<std::int64_t>> undoneBy(std::int64_t operation) override {
        return queryFirst(m_db, "SELECT operation FROM audit_log WHERE undoes = ?1 LIMIT 1",
                          firstInt64, operation);
    }

  private:
    /// The first audit row, in operation order, that `where` selects.
    template <typename... Args>
    Result<std::optional<AuditRow>> firstAudit(std::string_view where, const Args&... args) {
        return queryFirst(m_db,
                          std::string(records::kAuditSelect) + "WHERE " + std::string(where) +
                              " ORDER BY operation LIMIT 1",
                          records::auditRowAt<Statement>, args...);
    }
    /// Every row of `sql` (one parameter, `key`), each read by `read`.
    template <typename T, typename K, typename Read>
    Result<std::vector<T>> rows(std::string_view sql, const K& key, Read read) {
        auto st = statement(sql);
        if (!st) return st.error();
        (*st)->bind(1, key);
        return collectRows(**st, read);
    }
    template <typename K>
    Result<ClientRecord> loadOne(const std::string& sql, const K& key) {
        auto st = statement(sql);
        if (!st) return st.error();
        (*st)->bind(1, key);
        ClientRecord r;
        auto found = (*st)->first([&](const Statement& row) { r = records::clientRecordAt(row); });
        if (!found) return found.error();
        if (!*found) return makeError(ErrorCode::NotFound, "no such client");
        return r;
    }
    /// The text of the first row `sql` reads for `key`; none when it reads no row.
    Result<std::optional<std::string>> firstText(std::string_view sql, const std::string& key) {
        auto st = statement(sql);
        if (!st) return st.error();
        (*st)->bind(1, key);
        std::optional<std::string> out;
        auto found = (*st)->first([&](const Statement& r) { out = r.text(0); });
        if (!found) return found.error();
        return out;
    }
    template <typename K>
    Result<bool> exists(std::string_view sql, const K& key) {
        auto st = statement(sql);
        if (!st) return st.error();
        (*st)->bind(1, key);
        return (*st)->first([] {});
    }

    /// A statement prepared once per store, reset with its bindings cleared: a bulk command
    /// runs the same few statements for thousands of clients, and preparing them each time was
    /// most of a 10,000-client reassign.
    Result<Statement*> statement(std::string_view sql) {
        if (auto it = m_statements.find(sql); it != m_statements.end()) {
            it->second.reset();
            it->second.clearBindings();
            return &it->second;
        }
        auto st = m_db.prepare(sql);
        if (!st) return st.error();
        return &m_statements.emplace(std::string(sql), std::move(*st)).first->second;
    }
    /// Runs `sql` (a cached statement) with `args` bound to ?1, ?2, ...
    template <typename... Args>
    Status run(std::string_view sql, const Args&... args) {
        auto st = statement(sql);
        if (!st) return st.error();
        (*st)->bindAll(args...);
        return (*st)->run();
    }

    Database& m_db;
    std::map<std::string, Statement, std::less<>> m_statements;
};

} // namespace

std::unique_ptr<RecordStore> sqliteRecordStore(Database& db) {
    return std::make_unique<SqliteRecordStore>(db);
}

} // namespace bd::storage
