#pragma once
// The branch book's schema version 11: a manager renames a segment of the newest segmentation
// on a server, as a desk's user does (pgschema_v11_segment_names.cpp).
#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Applies version 11 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateSegmentNamesV11(PgConnection& admin);

} // namespace bd::storage
