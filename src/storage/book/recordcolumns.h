#pragma once
// What both record stores (SQLite: recordstore.cpp, PostgreSQL: pg/pgrecordstore.cpp) read and
// may correct, in one place: the client's columns in ClientRecord order, the audit trail's
// columns in AuditRow order, and the trading-system fields a person may correct locally.
#include <array>
#include <string_view>

namespace bd::storage::records {

/// SELECT list of a ClientRecord (the same SQL on both stores).
inline constexpr std::string_view kClientSelect =
    "SELECT id, version, client_id, name, gender, birth_date, COALESCE(id_number, ''),"
    " COALESCE(phone, ''), COALESCE(email, ''), broker_id, COALESCE(branch_id, ''), open_date,"
    " risk_level, status, preferred_channel, COALESCE(contact_hours, ''), risk_assessed_on"
    " FROM clients ";

/// SELECT list of an AuditRow.
inline constexpr std::string_view kAuditSelect =
    "SELECT id, operation, at, actor, kind, entity, entity_id, client_ref, before, after, undoes "
    "FROM audit_log ";

/// The clients.csv columns a person may correct locally (kept over a later import). Also the
/// only names ever spliced into a correction's SQL.
inline constexpr std::array<std::string_view, 13> kTradingSystemFields = {"name",
                                                                          "gender",
                                                                          "birth_date",
                                                                          "id_number",
                                                                          "phone",
                                                                          "email",
                                                                          "broker_id",
                                                                          "branch_id",
                                                                          "open_date",
                                                                          "risk_level",
                                                                          "status",
                                                                          "preferred_channel",
                                                                          "risk_assessed_on"};

inline bool isTradingSystemField(std::string_view field) {
    for (std::string_view f : kTradingSystemFields)
        if (f == field) return true;
    return false;
}

} // namespace bd::storage::records
