#pragma once
// Loads one client's portfolio inputs (trades, positions, securities, asset snapshots).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/domain.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// The client row a portfolio is built for.
struct PortfolioClient {
    std::int64_t ref = 0; // clients.id
    std::string client_id;
    std::string name;
    std::string broker_id;
    int risk_level = 0; // C1..C5 -> 1..5, 0 unknown
    std::optional<Date> risk_assessed_on;
};

/// Everything the portfolio engine needs for one client up to an as-of date.
struct PortfolioRows {
    PortfolioClient client;
    std::vector<Trade> trades;            // trade_time on or before as-of, in time order
    std::vector<Position> positions;      // the latest positions date on or before as-of
    std::vector<Security> securities;     // metadata for every code traded or held
    std::vector<AssetSnapshot> snapshots; // dates on or before as-of, ascending
};

/// Looks a client up by its client_id; nullopt when there is none.
Result<std::optional<PortfolioClient>> findPortfolioClient(Database& db,
                                                           std::string_view client_id);

/// The client's latest data date: max over trade dates, asset and position dates; nullopt when
/// the client has none.
Result<std::optional<Date>> latestClientDataDate(Database& db, std::int64_t client_ref);

/// Loads the client's inputs with dates on or before `as_of` (bound parameters; trades use the
/// (client_ref, trade_time) index).
Result<PortfolioRows> loadPortfolioRows(Database& db, const PortfolioClient& client, Date as_of);

/// Who looks after a client, for report headers (names empty when not on file).
struct ClientAdvisor {
    std::string broker_id;
    std::string broker_name;
    std::string branch_id;
    std::string branch_name;
};

/// The client's broker and branch with their names (the client's own branch_id first, else the
/// broker's). NotFound when the client_ref does not exist.
Result<ClientAdvisor> loadClientAdvisor(Database& db, std::int64_t client_ref);

} // namespace bd::storage
