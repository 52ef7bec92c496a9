#pragma once
// The branch book's schema version 13: the import history (import_log) on a server, as a
// desk's book keeps it (pgschema_v13_import_log.cpp).
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// The server schema version from which `import` records each file it imported.
inline constexpr int kServerImportLogVersion = 13;

/// Applies version 13 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateImportLogV13(PgConnection& admin);

} // namespace bd::storage
