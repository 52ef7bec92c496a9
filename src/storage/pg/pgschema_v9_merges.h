#pragma once
// The branch book's schema version 9: merging two clients on a server, and taking a merge back
// (pgschema_v9_merges.cpp), as a desk's book does (storage/book/clientmerge.h).
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Applies version 9 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateMergesV9(PgConnection& admin);

} // namespace bd::storage
