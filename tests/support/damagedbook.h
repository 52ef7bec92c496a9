#pragma once
// Damage SQLite itself reports, for the book check's tests.
#include <gtest/gtest.h>

#include "storage/db/database.h"

namespace bdtest {

/// Adds two clients to a new book, then points the clients' name index at the pages of an
/// empty index of the same shape behind SQLite's back: integrity_check reports the clients'
/// rows missing from clients_by_name, and a page-level line (in several lines) for the pages
/// now referenced twice. Takes effect for connections opened afterwards.
inline void pointNameIndexAtAnEmptyOne(bd::storage::Database& db) {
    ASSERT_TRUE(db.exec(
        "INSERT INTO branches(branch_id) VALUES ('BR1');"
        "INSERT INTO brokers(broker_id, branch_id) VALUES ('B1', 'BR1');"
        "INSERT INTO clients(client_id, name, broker_id, open_date) VALUES "
        "('C1', 'A', 'B1', 0), ('C2', 'B', 'B1', 0);"
        "CREATE TABLE scratch (name TEXT); CREATE INDEX scratch_by_name ON scratch(name);"
        "PRAGMA writable_schema = ON;"
        "UPDATE sqlite_schema SET rootpage = (SELECT rootpage FROM sqlite_schema WHERE name = "
        "'scratch_by_name') WHERE name = 'clients_by_name';"));
}

} // namespace bdtest
