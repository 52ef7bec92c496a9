#pragma once
// Schema version 8: what changed after version 7 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

/// The book as a system of record (issue 18): clients carry a `version` (bumped by every edit,
/// and by an import's update through a trigger) so a stale edit is refused; `audit_log` is
/// rebuilt as one row per entity a command touched (operation, time, actor, kind, entity,
/// client, before/after JSON, the operation an undo undoes) and made append-only by triggers;
/// tags with colours, a notes timeline, a contact's void reason, and local corrections of
/// trading-system fields that a later import keeps, recording the conflict.
extern const std::string_view kSchemaV8Record; // the migration (schema_v8.cpp)

} // namespace bd::storage
