#pragma once
// The branch book's schema version 7: a change of the branch's settings is news for every desk
// (pgschema_v7_settings_news.cpp).
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Applies version 7 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateSettingsNewsV7(PgConnection& admin);

} // namespace bd::storage
