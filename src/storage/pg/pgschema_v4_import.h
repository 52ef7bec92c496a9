#pragma once
// The branch book's schema version 4: what the nightly import needs (pgschema_v4_import.cpp).
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Applies version 4 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateImportV4(PgConnection& admin);

} // namespace bd::storage
