#pragma once
// The branch book's schema version 15: the nightly batch's per-client results (client scores,
// segment labels) are kept in one partition per run, so that a run is written as a table of its
// own and attached (its keys checked in one pass) and an old run is dropped, not deleted row by
// row (pgschema_v15_run_partitions.cpp; the writer: storage/pg/pgbatch.cpp).
#include <array>
#include <string_view>

#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// The server schema version from which the per-client results are partitioned by run.
inline constexpr int kServerRunPartitionsVersion = 15;

/// The result tables partitioned by run (LIST on run_id), one partition per run.
inline constexpr std::array<std::string_view, 2> kRunPartitioned = {"client_scores",
                                                                    "segment_labels"};

/// Applies version 15 inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateRunPartitionsV15(PgConnection& admin);

} // namespace bd::storage
