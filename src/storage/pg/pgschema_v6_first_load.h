#pragma once
// The branch book's schema version 6: a first load COPYs straight into its table
// (pgschema_v6_first_load.cpp).
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Applies version 6 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateFirstLoadV6(PgConnection& admin);

} // namespace bd::storage
