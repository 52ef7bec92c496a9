#pragma once
// The branch book's schema version 10: a first load writes its rows frozen and its foreign keys
// are checked along the indexes (pgschema_v10_first_load_freeze.cpp).
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// The first version whose first loads COPY with FREEZE (bd_first_load_fresh): an importer asks
/// for it only of a book this new (an older book still loads, unfrozen).
inline constexpr int kServerFirstLoadFreezeVersion = 10;

/// Applies version 10 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateFirstLoadFreezeV10(PgConnection& admin);

} // namespace bd::storage
