#pragma once
// The branch book's schema version 5 (pgschema_v5.cpp): the people's row policies asking who the
// login is once per statement, the book's settings and its surveys on the server.
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// The settings tables of the branch book (the desk's names and columns): what `server load`
/// moves, what the batch and the settings command read and write.
inline constexpr const char* kServerSettingsTables[] = {"settings", "calendar_days",
                                                        "channel_limits", "service_policies"};

/// The survey tables of the branch book (the desk's names and columns), parents first.
inline constexpr const char* kServerSurveyTables[] = {
    "survey_templates", "survey_items", "survey_campaigns", "survey_calls", "survey_answers"};

/// Applies version 5 inside initServer's transaction, as bd_owner (SET LOCAL ROLE set by the
/// caller), which it leaves set.
Status migrateV5(PgConnection& admin);

} // namespace bd::storage
