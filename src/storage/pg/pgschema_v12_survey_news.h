#pragma once
// The branch book's schema version 12: a manager's new survey template or campaign on a server
// is news for every desk (pgschema_v12_survey_news.cpp).
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Applies version 12 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateSurveyNewsV12(PgConnection& admin);

} // namespace bd::storage
