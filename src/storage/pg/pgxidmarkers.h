#pragma once
// Transaction ids the branch book records ("xid markers") and a server whose counter is behind
// them. The change tracking (server schema v14) and the kept copies (v17) record transaction ids
// of the cluster they ran on: each tracked row's writer (bd_xid), each removed row's
// (bd_rows_gone.xid), where the tracking began and the prune's horizon (bd_meta
// 'changes_tracked_from', 'rows_gone_pruned_before'), each batch copy's horizon
// (bd_batch_copies). A logical dump (pg_dump) carries them as data; restored into a new cluster
// (pg_restore), whose counter starts again low, they are ahead of every transaction that
// server runs for a long time: the tracking seems not to have begun (the batch makes its copy
// whole each night), the prune's horizon is out of reach (the change log grows), and a row
// marked ahead reads as changed every night.
// `server check` reports each place (checkServer: xid_marker_ahead); `server check --repair`
// resets them (resetXidMarkersAhead). docs/deployment.md §7.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/serverfinding.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Every place the book holds a transaction id the server has not reached (none on a book
/// older than v14): one xid_marker_ahead finding each, with the greatest such id, the server's
/// next one and how many rows hold one. Read in one snapshot (a read-only repeatable-read
/// transaction of its own). The places this login may not read (a login that is not the
/// administrator) are skipped, named in one xid_markers_unchecked finding.
Result<std::vector<ServerFinding>> xidMarkersAhead(PgConnection& c);

/// What resetXidMarkersAhead changed: each place and the rows reset there.
struct XidMarkersReset {
    std::vector<std::pair<std::string, std::int64_t>> places;
    std::string tracked_from; // the tracking's new start: the reset's own transaction (none
                              // when nothing was reset)
};

struct XidRepairOptions {
    /// Repair even with other sessions connected to the database (they may wait on it, and it
    /// on them, up to its lock timeout).
    bool force = false;
};

/// Resets every marker ahead of the server, in one repeatable-read transaction of the
/// administrator (a superuser; NotPermitted otherwise), the batch's results lock held so that
/// no night writes meanwhile. Refused (NotPermitted, nothing changed) while other sessions are
/// connected to the database, unless `force`, and when a lock is not granted within 5 s.
///  - a tracked row's writer ahead becomes none ("before tracking began", as rows from before
///    v14): its row is in every copy made from now on;
///  - a merge's transaction ahead becomes 0 (no transaction's);
///  - whenever anything was reset, the tracking starts again at this transaction
///    ('changes_tracked_from'): a kept copy made before it is made whole once, at its next
///    night;
///  - the prune's horizon ahead is forgotten (the next prune sets it again), the removed rows'
///    records and the batch copies' horizons ahead are removed (they are the old cluster's: no
///    copy of this server needs them).
/// Audited: bd_meta's, bd_batch_copies' and client_merges' rows by their triggers, row by row; the
/// removed records and each table's writers reset as one count each in row_audit (as the prune
/// counts its removals). Nothing else of a row changes: the rows' own triggers (their audit, the
/// desks' news, their writer's mark) are held off for the writers' reset.
Result<XidMarkersReset> resetXidMarkersAhead(PgConnection& admin, const XidRepairOptions& o = {});

} // namespace bd::storage
