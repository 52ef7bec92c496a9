#pragma once
// What client search reads of the book (services/clientsearch.h): one plain row per client with
// the fields search matches on and shows, and the client's standing in the newest value run
// (ranking ties), and the client's tags.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

struct ClientSearchRow {
    std::int64_t ref = 0; // clients.id
    std::string client_id;
    std::string name;
    std::string phone;     // as stored ("" when none)
    std::string id_number; // as stored ("" when none): the caller keeps only its tail and mask
    std::string broker_id;
    std::string broker_name;             // "" when the broker is not in the book
    bool vip = false;                    // in the newest scored value run
    std::int64_t value_rank = 0;         // 1 = most valuable; 0 = not scored
    std::vector<std::string> tags;       // by name
    std::vector<std::string> former_ids; // of the clients merged into this one
};

/// Every client of the book with its newest value score (`runId`, nullopt when there is none);
/// a client merged into another is no row of its own, its id is the kept client's former id.
Result<std::vector<ClientSearchRow>> readClientSearchRows(Database& db,
                                                          std::optional<std::int64_t> runId);

} // namespace bd::storage
