#pragma once
// The book's settings on a branch server (schema v5: settings, calendar corrections, channel
// limits, service policies; brokers' capacities in brokers) moved between the server and a desk
// book that works on them: the batch's scratch book (so that a refresh or plan on the server
// uses the branch's settings, not the defaults), and the settings command's working copy (the
// desk's own checks and writes run on it, then what changed goes back to the server).
#include <memory>

#include "core/result.h"
#include "storage/db/database.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Replaces the desk book's settings tables by the server's rows (every login reads them).
/// `withBrokers`: the branches and brokers (with their capacities) too, for a book that holds
/// none yet.
Status copyServerSettings(PgConnection& c, Database& desk, bool withBrokers = false);

/// Replaces the desk book's survey tables (templates, items, campaigns, calls, answers) by the
/// server's rows this login sees (calls and answers: with their clients).
Status copyServerSurveys(PgConnection& c, Database& desk);

/// A new in-memory desk book holding the server's settings, branches and brokers.
Result<std::unique_ptr<Database>> serverSettingsCopy(PgConnection& c);

/// Writes what differs between the desk book's settings tables (and brokers' capacities) and
/// the server's back to the server, row by row (so the database's trail holds each change), in
/// the caller's transaction. NotPermitted when this login may not write settings (a broker; the
/// batch only the settings table, for the number of segments), or a broker's capacity outside the
/// manager's branch.
Status storeServerSettings(Database& desk, PgConnection& c);

} // namespace bd::storage
