#pragma once
// Schema version 13: what changed after version 12 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

/// Duplicates and merge (issue 18 item 6): `clients.merged_into` marks a client merged into
/// another (its trades, snapshots, positions, contacts, plan items, tags and notes moved to the
/// kept client); `client_merge_rows` keeps, per merge operation, what was moved and what was
/// combined, so that an undo puts every row back exactly (storage/book/clientmerge.h).
extern const std::string_view kSchemaV13Merge; // the migration (schema_v13.cpp)

} // namespace bd::storage
