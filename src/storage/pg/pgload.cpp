#include "storage/pg/pgload.h"

#include <array>
#include <string_view>

#include "storage/pg/pgcopyin.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgschema_v5.h"

namespace bd::storage {
namespace {

/// One table moved: where it goes on the server, and the desk's columns in the same order.
struct TableMove {
    std::string_view table;
    std::string_view columns;     // the server's column list
    std::string_view desk_select; // the desk's SELECT of the same columns
    std::string_view identity;    // the identity column to advance past the copied ids ("")
};

// In dependency order (a row's references are copied before it).
constexpr std::array<TableMove, 24> kMoves = {{
    {"branches", "branch_id, name", "SELECT branch_id, name FROM branches", ""},
    {"brokers", "broker_id, name, branch_id, daily_capacity",
     "SELECT broker_id, name, branch_id, daily_capacity FROM brokers", ""},
    {"securities", "security_code, name, board, risk_level, industry",
     "SELECT security_code, name, board, risk_level, industry FROM securities", ""},
    {"clients",
     "id, client_id, name, gender, birth_date, id_number, phone, email, broker_id, branch_id, "
     "open_date, risk_level, status, preferred_channel, contact_hours, version, risk_assessed_on",
     "SELECT id, client_id, name, gender, birth_date, id_number, phone, email, broker_id, "
     "branch_id, open_date, risk_level, status, preferred_channel, contact_hours, version, "
     "risk_assessed_on FROM clients",
     "id"},
    {"trades",
     "trade_id, client_ref, trade_time, security_code, side, quantity, price, amount, "
     "commission, fees, channel",
     "SELECT trade_id, client_ref, trade_time, security_code, side, quantity, price, amount, "
     "commission, fees, channel FROM trades",
     ""},
    {"assets", "client_ref, date, cash, market_value, net_inflow",
     "SELECT client_ref, date, cash, market_value, net_inflow FROM assets", ""},
    {"positions", "client_ref, date, security_code, quantity, cost_price, close_price",
     "SELECT client_ref, date, security_code, quantity, cost_price, close_price FROM positions",
     ""},
    {"contacts",
     "id, client_ref, broker_id, contact_time, channel, direction, outcome, satisfaction, notes, "
     "next_follow_up, void_reason",
     "SELECT id, client_ref, broker_id, contact_time, channel, direction, outcome, satisfaction, "
     "notes, next_follow_up, void_reason FROM contacts",
     "id"},
    {"tags", "name, colour", "SELECT name, colour FROM tags", ""},
    {"client_tags", "client_ref, tag", "SELECT client_ref, tag FROM client_tags", ""},
    {"client_relations", "client_a, client_b, kind",
     "SELECT client_a, client_b, kind FROM client_relations", ""},
    {"client_notes", "id, client_ref, at, author, text",
     "SELECT id, client_ref, at, author, text FROM client_notes", "id"},
    {"client_corrections", "client_ref, field, value, at, actor",
     "SELECT client_ref, field, CAST(value AS TEXT), at, actor FROM client_corrections", ""},
    {"client_correction_conflicts", "id, client_ref, field, kept, incoming, at",
     "SELECT id, client_ref, field, CAST(kept AS TEXT), CAST(incoming AS TEXT), at FROM "
     "client_correction_conflicts",
     "id"},
    // The book's settings (schema v5): in place of the server's defaults (emptied first).
    {"settings", "key, value", "SELECT key, value FROM settings", ""},
    {"calendar_days", "date, kind, name, source",
     "SELECT date, kind, name, source FROM calendar_days", ""},
    {"channel_limits", "channel, per_day", "SELECT channel, per_day FROM channel_limits", ""},
    {"service_policies", "relationship_type, cadence_days, channels, served_by, proactive",
     "SELECT relationship_type, cadence_days, channels, served_by, proactive FROM "
     "service_policies",
     ""},
    // Surveys (schema v5), in place of the server's standard templates.
    {"survey_templates", "id, name, standard, created_at",
     "SELECT id, name, standard, created_at FROM survey_templates", "id"},
    {"survey_items", "template_id, position, standard_item, text",
     "SELECT template_id, position, standard_item, text FROM survey_items", ""},
    {"survey_campaigns",
     "id, name, template_id, audience, audience_arg, launch_date, deadline_working_days, "
     "deadline_date, launched_at",
     "SELECT id, name, template_id, audience, audience_arg, launch_date, deadline_working_days, "
     "deadline_date, launched_at FROM survey_campaigns",
     "id"},
    {"survey_calls", "campaign_id, client_ref, queue, due_date, contact_id",
     "SELECT campaign_id, client_ref, queue, due_date, contact_id FROM survey_calls", ""},
    {"survey_answers", "contact_id, item, campaign_id, client_ref, score",
     "SELECT contact_id, item, campaign_id, client_ref, score FROM survey_answers", ""},
    {"audit_log",
     "id, operation, at, actor, kind, entity, entity_id, client_ref, before, after, undoes",
     "SELECT id, operation, at, actor, kind, entity, entity_id, client_ref, before, after, undoes "
     "FROM audit_log",
     "id"},
}};

/// Copies one table; the rows copied.
Result<std::int64_t> moveTable(Database& desk, PgConnection& server, const TableMove& m) {
    auto st = desk.prepare(m.desk_select);
    if (!st) return st.error();
    return copyRowsIn(
        server, "COPY " + std::string(m.table) + " (" + std::string(m.columns) + ") FROM STDIN",
        *st, [](std::string& buffer, const Statement& r, int col) {
            escapeCopyValue(buffer, r.textView(col));
        });
}

Result<std::int64_t> deskCount(Database& desk, std::string_view table) {
    auto st = desk.prepare("SELECT count(*) FROM " + std::string(table));
    if (!st) return st.error();
    std::int64_t n = 0;
    auto found = st->first([&](const Statement& r) { n = r.int64(0); });
    if (!found) return found.error();
    return n;
}

} // namespace

Result<LoadReport> loadDeskBook(Database& desk, PgConnection& admin) {
    if (auto s = requireServerBook(admin); !s) return s.error();
    auto super = admin.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    if (!super) return super.error();
    if (super->empty() || !super->boolean(0, 0))
        return makeError(ErrorCode::NotPermitted,
                         "server load needs the database administrator (a superuser login): it "
                         "keeps the desk's audit trail as it was written");
    auto held = admin.query("SELECT count(*) FROM clients");
    if (!held) return held.error();
    if (held->int64(0, 0) > 0)
        return makeError(ErrorCode::InvalidInput,
                         "the branch book already holds " + held->text(0, 0) +
                             " clients; a desk's book is loaded into an empty branch book");
    auto tx = PgTransaction::begin(admin);
    if (!tx) return tx.error();
    // The desk's trail is history: its actors and times stay as written, so the server's own
    // triggers (which would stamp this login on every row, guard ids and announce each row) are
    // off for this transaction on the tables loaded. The foreign keys stay checked (their
    // triggers are the system's, not "USER" ones). The load itself is recorded below, one row
    // per table.
    for (const TableMove& m : kMoves)
        if (auto s = admin.run("ALTER TABLE " + std::string(m.table) + " DISABLE TRIGGER USER"); !s)
            return s.error();
    // The server's defaults (settings, standard survey templates) give way to the desk's.
    for (const char* t : kServerSettingsTables)
        if (auto s = admin.run("DELETE FROM " + std::string(t)); !s) return s.error();
    for (const char* t : {"survey_items", "survey_templates"})
        if (auto s = admin.run("DELETE FROM " + std::string(t)); !s) return s.error();
    LoadReport report;
    for (const TableMove& m : kMoves) {
        auto expected = deskCount(desk, m.table);
        if (!expected) return expected.error();
        auto copied = moveTable(desk, admin, m);
        if (!copied) {
            Error e = copied.error();
            e.message = "copying " + std::string(m.table) + ": " + e.message;
            return e;
        }
        if (*copied != *expected)
            return makeError(ErrorCode::Internal,
                             std::string(m.table) + ": " + std::to_string(*copied) +
                                 " rows reached the server of " + std::to_string(*expected));
        if (!m.identity.empty()) {
            const std::string t(m.table);
            if (auto s = admin.run("SELECT setval(pg_get_serial_sequence($1, $2), "
                                   "GREATEST((SELECT max(" +
                                       std::string(m.identity) + ") FROM " + t + "), 1))",
                                   PgParams(t, std::string(m.identity)));
                !s)
                return s.error();
        }
        if (auto s = admin.run("INSERT INTO row_audit(table_name, operation, rows) VALUES ($1, "
                               "'LOAD', $2)",
                               PgParams(std::string(m.table), *copied));
            !s)
            return s.error();
        report.tables.push_back({std::string(m.table), *copied});
    }
    if (auto s = admin.run("SELECT setval('audit_operations', GREATEST((SELECT max(operation) "
                           "FROM audit_log), 1))");
        !s)
        return s.error();
    for (const TableMove& m : kMoves)
        if (auto s = admin.run("ALTER TABLE " + std::string(m.table) + " ENABLE TRIGGER USER"); !s)
            return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    return report;
}

} // namespace bd::storage
