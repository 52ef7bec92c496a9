#pragma once
// What both record stores (SQLite: recordstore.cpp, PostgreSQL: pg/pgrecordstore.cpp) read and
// may correct, in one place: the client's columns in ClientRecord order, their reader and the
// values both write to them, the audit trail's columns in AuditRow order, the readers of the audit
// trail's rows and of a client's notes, relations, corrections and tags, the tables a client's
// deletion empties, and (from core/clientrules.h, where the command layer's field keys come from
// too) the trading-system fields a person may correct locally.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/clientrules.h"
#include "storage/book/recordstore.h"
#include "storage/db/columns.h"

namespace bd::storage::records {

/// SELECT list of a ClientRecord (the same SQL on both stores).
inline constexpr std::string_view kClientSelect =
    "SELECT id, version, client_id, name, gender, birth_date, COALESCE(id_number, ''),"
    " COALESCE(phone, ''), COALESCE(email, ''), broker_id, COALESCE(branch_id, ''), open_date,"
    " risk_level, status, preferred_channel, COALESCE(contact_hours, ''), risk_assessed_on"
    " FROM clients ";

/// A ClientRecord from the columns of kClientSelect.
template <typename Row>
ClientRecord clientRecordAt(const Row& r) {
    ClientRecord out;
    Client& c = out.client;
    readInto(r, 0, out.ref, out.version, c.client_id, c.name, c.gender, c.birth_date, c.id_number,
             c.phone, c.email, c.broker_id, c.branch_id, c.open_date, c.risk_level, c.status,
             c.preferred_channel, out.contact_hours, c.risk_assessed_on);
    return out;
}

/// SELECT list of an AuditRow.
inline constexpr std::string_view kAuditSelect =
    "SELECT id, operation, at, actor, kind, entity, entity_id, client_ref, before, after, undoes "
    "FROM audit_log ";

/// The tables of rows a client owns by client_ref, deleted with it (after its uses are checked):
/// fixed names, spliced into the DELETE.
inline constexpr std::array<std::string_view, 4> kClientOwnedTables = {
    "client_tags", "client_notes", "client_corrections", "client_correction_conflicts"};

/// Whether any row outside the client's own (kClientOwnedTables) refers to the client: one query
/// whose one parameter, the client's ref, is written `param` ("?1" on SQLite, "$1" on
/// PostgreSQL). These are the tables whose foreign keys would refuse the client's deletion, so
/// a client in use is refused in the phrasebook's words instead of the database's.
inline std::string clientInUseSql(std::string_view param) {
    static constexpr std::array<std::string_view, 11> kByClientRef = {
        "trades",          "assets",       "positions",         "contacts",
        "follow_up_tasks", "plan_dropped", "analytics_results", "client_scores",
        "segment_labels",  "survey_calls", "survey_answers"};
    const std::string p(param);
    std::string sql =
        "SELECT 1 WHERE EXISTS (SELECT 1 FROM client_relations WHERE client_a = " + p +
        " OR client_b = " + p + ") OR EXISTS (SELECT 1 FROM clients WHERE merged_into = " + p + ")";
    for (std::string_view table : kByClientRef)
        sql += " OR EXISTS (SELECT 1 FROM " + std::string(table) + " WHERE client_ref = " + p + ")";
    return sql;
}

/// Empty text as none: a column that stores it as NULL.
inline std::optional<std::string> optionalText(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

/// Hands the profile values of a client row to `add`, one by one, in the order of the clients
/// columns name, gender, ..., contact_hours, risk_assessed_on: the parameters 3 .. 16 of both
/// stores' INSERT and UPDATE of a client.
template <typename Add>
void forEachProfileValue(const ClientRecord& r, Add&& add) {
    const Client& c = r.client;
    add(c.name);
    add(c.gender);
    add(c.birth_date);
    add(optionalText(c.id_number));
    add(optionalText(c.phone));
    add(optionalText(c.email));
    add(c.broker_id);
    add(optionalText(c.branch_id));
    add(c.open_date);
    add(c.risk_level);
    add(c.status);
    add(c.preferred_channel);
    add(optionalText(r.contact_hours));
    add(c.risk_assessed_on);
}

// The readers of one result row `r`: a Statement (SQLite) or a PgRow (PostgreSQL), whose
// accessors take the column (0-based) and read it by the store's own rules.

/// An AuditRow from the columns of kAuditSelect.
template <typename Row>
AuditRow auditRowAt(const Row& r) {
    return AuditRow{.id = r.int64(0),
                    .operation = r.int64(1),
                    .at = r.dateTime(2),
                    .actor = r.text(3),
                    .kind = r.text(4),
                    .entity = r.text(5),
                    .entity_id = r.text(6),
                    .client_ref = r.optInt64(7),
                    .before = r.optText(8),
                    .after = r.optText(9),
                    .undoes = r.optInt64(10)};
}

/// A NoteRow from "id, client_ref, at, author, text" of client_notes.
template <typename Row>
NoteRow noteRowAt(const Row& r) {
    return NoteRow{r.int64(0), r.int64(1), r.dateTime(2), r.text(3), r.text(4)};
}

/// A RelationRow from "client_a, client_b, kind" of client_relations.
template <typename Row>
RelationRow relationRowAt(const Row& r) {
    return RelationRow{r.int64(0), r.int64(1), r.template enumAt<RelationKind>(2)};
}

/// A CorrectionRow from "field, value (as text), at, actor" of client_corrections.
template <typename Row>
CorrectionRow correctionRowAt(const Row& r) {
    return CorrectionRow{r.text(0), r.text(1), r.dateTime(2), r.text(3)};
}

/// A CorrectionConflictRow from "field, kept, incoming (as text), at".
template <typename Row>
CorrectionConflictRow correctionConflictRowAt(const Row& r) {
    return CorrectionConflictRow{r.text(0), r.text(1), r.text(2), r.dateTime(3)};
}

/// A TagRow from "name, colour" of tags.
template <typename Row>
TagRow tagRowAt(const Row& r) {
    return TagRow{r.text(0), r.text(1)};
}

/// The trading-system fields a person may correct locally (core/clientrules.h).
using ::bd::isTradingSystemField;
using ::bd::kTradingSystemFields;

} // namespace bd::storage::records
