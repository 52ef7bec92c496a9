#pragma once
// A desk's read replica of a branch book (services/serverreplica.h): what one login may see,
// copied into a private desk book that the workstation's pages read unchanged, then kept up to
// date client by client as the server announces changes. The server stays the system of record:
// nothing is written to the replica but what was read from the server.
#include <cstdint>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"
#include "storage/pg/pgbatch.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Copies what this login may see (the policies decide) into `replica`, a new empty desk
/// book, from one snapshot: what the nightly batch reads (copyServerBook) and what only the
/// pages read: the trades themselves, notes, corrections, the operations journal, the
/// branch's settings and its surveys.
Result<ServerSnapshot> copyReplica(PgConnection& c, Database& replica);

/// The brokers and branches of a copy of what this login sees (a replica, a read command's
/// working copy) kept to the login's own: a broker their own line and branch, a branch manager
/// their branch and its brokers (one with no clients yet too), and any broker or branch a client
/// in the copy names. The server lets every login read every broker and branch (names for any
/// row), but the pages and reports list them as the people in view: a colleague's line at 0
/// clients is not the broker's to see. A manager of the whole firm, the batch and the
/// administrator keep every one.
Status keepLoginsPeople(PgConnection& c, Database& copy);

/// What a pull of some clients did.
struct ClientPull {
    std::vector<std::int64_t> present; // seen by this login: their rows read again
    std::vector<std::int64_t> gone;    // seen no longer (reassigned, removed): rows removed
    std::int64_t rows = 0;             // rows copied
    /// Clients whose history a merge or its undo moved since the replica read them (each
    /// merged or unmerged client and the one it names): their trades, snapshots and positions
    /// were read again too.
    std::vector<std::int64_t> merged;
};

/// The clients `refs` read again from the server (one snapshot) into the replica (one local
/// transaction): of each table a person's write touches (the client row, contacts, tags,
/// notes, corrections, relations, plan items, survey calls and answers) their rows deleted and
/// copied again, the tag list and their journal rows brought up to date; after a merge (or its
/// undo) of one of them, both clients' trades, snapshots and positions too. A client this login no
/// longer sees loses every row that names it (but the append-only journal's).
Result<ClientPull> pullClients(PgConnection& c, Database& replica,
                               const std::vector<std::int64_t>& refs);

/// How many contacts the replica holds of the clients `refs` (before and after a pull: how many
/// came).
Result<std::int64_t> replicaContactsOf(Database& replica, const std::vector<std::int64_t>& refs);

/// The newest segmentation's segment names read again from the server into the replica (a
/// manager renamed one, server schema v11); the segments whose names changed.
Result<std::vector<int>> pullSegmentNames(PgConnection& c, Database& replica);

} // namespace bd::storage
