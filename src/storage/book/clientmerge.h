#pragma once
// Merging two clients of a SQLite book (issue 18 item 6), and taking a merge back exactly.
// A merge moves every trade, asset snapshot, position, contact, plan item, tag and note of the
// absorbed client to the kept one and marks the absorbed client merged (clients.merged_into).
// Rows keyed by client that meet a row of the kept client are combined, by these rules:
//   - trades never meet (a trade id is unique in a book);
//   - a snapshot on the same day: cash, market value and net inflow added (one person's two
//     accounts that day);
//   - a position in the same security on the same day: quantities added, cost price the
//     quantity-weighted mean of both (either one when only one is known), close price kept;
//   - a contact at the same time on the same channel (the same call recorded twice): the kept
//     client's stands, the absorbed copy is removed (plan items that named it name the kept one);
//   - a tag both carry: once;
//   - a relation (client_relations, when the book has that table) to a client the kept one is
//     related to already, or between the two, is removed (kept in full for the undo); the
//     others name the kept client instead.
// What moved, and every row as it was before it was combined or removed, is kept in
// client_merge_rows (schema v13) under the merge's operation, so the undo puts each row back.
// The derived trade_days are re-aggregated for both clients and their client_summary rows made
// again (a summary that was fresh stays fresh), so the book check agrees after either.
// Analytics results (scores, segments, KPI history) are not moved: the next refresh makes them.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// What a merge moved: rows of the absorbed client by table, and how many of them met a row of
/// the kept client (combined or dropped as a copy).
struct MergeCounts {
    std::int64_t trades = 0;
    std::int64_t snapshots = 0;
    std::int64_t positions = 0;
    std::int64_t contacts = 0;
    std::int64_t tasks = 0;
    std::int64_t tags = 0;
    std::int64_t notes = 0;
    std::int64_t relations = 0;
    std::int64_t combined = 0; // of the above, rows that met one of the kept client's
};

/// Adds `count` rows of a merge's record of `tbl` on `side` (its stored code: 0 moved, 1 removed
/// as a copy, 2 a kept client's row as it was) to what the merge moved (either store's record).
void countMergeRows(MergeCounts& n, std::string_view tbl, std::int64_t side, std::int64_t count);

/// The client a client was merged into, none when it stands on its own.
Result<std::optional<std::int64_t>> mergedInto(Database& db, std::int64_t ref);

/// Moves `absorb`'s rows to `keep` and marks `absorb` merged into it, recording what it did
/// under `operation` (inside the caller's transaction).
Result<MergeCounts> mergeClientRows(Database& db, std::int64_t keep, std::int64_t absorb,
                                    std::int64_t operation);

/// Puts back what the merge recorded under `operation` moved from `absorb` to `keep`, and
/// marks `absorb` on its own again (inside the caller's transaction).
Status unmergeClientRows(Database& db, std::int64_t keep, std::int64_t absorb,
                         std::int64_t operation);

} // namespace bd::storage
