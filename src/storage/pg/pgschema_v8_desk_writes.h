#pragma once
// The branch book's schema version 8: what a person's commands write beyond the client records
// (pgschema_v8_desk_writes.cpp): the plan items a broker moves, skips, completes and books;
// the number of segments the batch fixes.
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Applies version 8 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateDeskWritesV8(PgConnection& admin);

} // namespace bd::storage
