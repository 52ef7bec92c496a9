#pragma once
// The record store (book/recordstore.h) on a branch server: the same calls as on SQLite, run
// as the desk's login, so the server's row-level security decides what each broker may read
// and change. A write to a client, contact or note of another broker's book is NotPermitted,
// never a silent "0 rows changed"; operation numbers come from a sequence, so desks writing at
// once never collide; the actor of every audit row is the login (the server sets it).
#include <memory>

#include "storage/book/recordstore.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

std::unique_ptr<RecordStore> pgRecordStore(PgConnection& c);

/// The newest segmentation's run on a server, as a scalar subquery: the newest run that labelled
/// a client (or had none to label), as storage/book/segmentstore's latestSegmentRunId.
inline constexpr const char* kPgNewestSegmentRun =
    "(SELECT r.run_id FROM segment_runs r WHERE r.clients = 0 OR EXISTS (SELECT 1 FROM "
    "segment_labels x WHERE x.run_id = r.run_id) ORDER BY r.run_id DESC LIMIT 1)";

} // namespace bd::storage
