#pragma once
// One thing `brokerdesk-cli server check` found wrong on a branch server, as a fact: a kind,
// what it concerns and, for a transaction id recorded ahead of the server's, the figures.
// Storage finds them (storage/pg/pgschema.h, checkServer); the phrasebook words them
// (phrase::serverFinding), what to do included.
#include <cstdint>
#include <string>

namespace bd {

struct ServerFinding {
    /// "rls_not_forced", "owner_held_by_person", "audit_trigger_missing",
    /// "notify_trigger_missing", "no_policy", "person_bypasses_rls" (a user that is a superuser,
    /// or a login that bypasses row-level security other than an enabled login in the batch
    /// group alone), "not_owned_by_owner", "public_can_execute" a definer function,
    /// "public_can_create" in the schema, "partition_policy_missing", "partition_writable",
    /// "tracking_column_missing" and "tracking_trigger_missing" (a client record's change
    /// tracking, version 14), "xid_marker_ahead" (a transaction id the book recorded that the
    /// server has not reached: restored from a logical dump into a new cluster),
    /// "xid_markers_unchecked" (the tables holding such ids this login may not read: skipped).
    std::string kind;
    /// What it concerns: a table, "table.trigger", a login, a function; for xid_marker_ahead
    /// the place, "table.column" or "bd_meta.<key>"; for xid_markers_unchecked the tables,
    /// comma-separated.
    std::string subject;
    /// xid_marker_ahead: the greatest transaction id recorded there, the server's next one,
    /// and how many rows hold one ahead (1 for a bd_meta value).
    std::string marker = {};
    std::string server_next = {};
    std::int64_t rows = 0;
    bool operator==(const ServerFinding&) const = default;
};

} // namespace bd
