#pragma once
// The branch book's schema version 5 (pgschema_v5.cpp): the people's row policies asking who the
// login is once per statement, and the book's settings on the server.
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// The settings tables of the branch book (the desk's names and columns): what `server load`
/// moves, what the batch and the settings command read and write.
inline constexpr const char* kServerSettingsTables[] = {"settings", "calendar_days",
                                                        "channel_limits", "service_policies"};

/// Applies version 5 inside initServer's transaction, as bd_owner (SET LOCAL ROLE set by the
/// caller), which it leaves set.
Status migrateV5(PgConnection& admin);

} // namespace bd::storage
