#pragma once
// The branch book's schema version 3: what the nightly import needs (pgschema_v3_import.cpp).
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Applies version 3 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateImportV3(PgConnection& admin);

} // namespace bd::storage
