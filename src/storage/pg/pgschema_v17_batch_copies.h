#pragma once
// The branch book's schema version 17: the server knows the batch's kept copies and the oldest
// change any of them still needs, so that the batch prunes the change log (bd_rows_gone) behind
// them (pgschema_v17_batch_copies.cpp; the readers: storage/pg/pgchanges.h, pgbatch.cpp).
#include <string_view>

#include "core/result.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// The server schema version from which the batch records its copies and prunes bd_rows_gone.
inline constexpr int kServerBatchCopiesVersion = 17;

/// A copy not seen (no results kept with it) for this many days is forgotten: it no longer holds
/// the prune back, and if it comes back it is made whole.
inline constexpr int kBatchCopyRetentionDays = 14;

/// bd_meta's key of the prune's horizon: every bd_rows_gone row of a transaction before it is
/// gone; a copy whose snapshot's xmin is older cannot follow.
inline constexpr std::string_view kRowsGonePrunedBeforeKey = "rows_gone_pruned_before";

/// Applies the version inside initServer's transaction, as bd_owner (SET LOCAL ROLE), which it
/// leaves set.
Status migrateBatchCopiesV17(PgConnection& admin);

} // namespace bd::storage
