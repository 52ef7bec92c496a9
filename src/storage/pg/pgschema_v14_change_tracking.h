#pragma once
// The branch book's schema version 14: the server records which rows of the client records
// changed in which transaction, so that the nightly batch can keep its working copy between
// runs and read only what changed since the snapshot it was made from
// (pgschema_v14_change_tracking.cpp; the reader: storage/pg/pgchanges.h).
#include <array>
#include <string_view>

#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// The server schema version from which the client records' changes are tracked.
inline constexpr int kServerChangeTrackingVersion = 14;

/// A tracked table: its client column and its primary key's columns (bd_rows_gone.key).
struct TrackedTable {
    std::string_view name;
    std::string_view client;             // the column naming the row's client
    std::array<std::string_view, 3> key; // unused places empty
};
/// The client records whose row changes the server records, as the migration set them up.
inline constexpr std::array<TrackedTable, 7> kTrackedTables = {{
    {"trades", "client_ref", {"trade_id"}},
    {"assets", "client_ref", {"client_ref", "date"}},
    {"positions", "client_ref", {"client_ref", "date", "security_code"}},
    {"clients", "id", {"id"}},
    {"contacts", "client_ref", {"id"}},
    {"client_tags", "client_ref", {"client_ref", "tag"}},
    {"follow_up_tasks", "client_ref", {"id"}},
}};
/// The column holding a tracked row's writer; no copy of a row carries it.
inline constexpr std::string_view kWriterColumn = "bd_xid";

/// Applies version 14 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateChangeTrackingV14(PgConnection& admin);

} // namespace bd::storage
