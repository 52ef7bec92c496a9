#pragma once
// Schema version 15: indexes for what the workstation reads when a book opens and its pages
// show (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

/// `assets_by_date`: the newest snapshot date of the book (the client summary's freshness
/// check, run each time the workstation opens a book) is one index seek instead of a scan of
/// every snapshot (0.84 s of 5.6M snapshots on the 100,000-client book), and counting the
/// snapshots reads this narrow index rather than the table. `clients_merged`: the few clients
/// merged into another, so a page that reads a run's scores leaves them out without a join
/// per score. `clients_live_by_broker`: each broker's clients counted (the broker lists the
/// window reads when a book opens or an import ends) without reading every client's row: 0.9 s
/// of the window's thread on 100,000 clients, 28 ms with it.
extern const std::string_view kSchemaV15Indexes; // the migration (schema_v15.cpp)

} // namespace bd::storage
