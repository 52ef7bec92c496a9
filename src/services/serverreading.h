#pragma once
// A working copy of a branch server's book for a command that reads trades themselves
// (`portfolio`, `evaluate`, `export trades`): what copyForReading copies (serverbatch.h), and
// in the same snapshot the trades the command needs, all that the login sees or one client's.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "services/clientlookup.h"
#include "services/serverbatch.h"
#include "storage/pg/pgconnection.h"

namespace bd::services {

/// Which trades a working copy holds besides the per-client-day sums every copy has.
struct TradeRows {
    bool all = false;                   // every trade the login sees
    std::optional<std::int64_t> client; // else this client's only (none: no trades)

    static TradeRows every() { return {true, std::nullopt}; }
    static TradeRows ofClient(std::int64_t ref) { return {false, ref}; }
};

/// Chooses the trades to copy, given the copy of everything else (the clients are in it: a
/// command names its client there, as on a desk).
using ChooseTradeRows = std::function<Result<TradeRows>(storage::Database& copy)>;

/// Every trade the login sees, whatever the copy holds.
ChooseTradeRows everyTrade();

/// copyForReading with the trades `choose` picks, read in the same snapshot.
Result<std::unique_ptr<ScratchBook>>
copyForReadingWithTrades(storage::PgConnection& c, const ChooseTradeRows& choose,
                         const std::filesystem::path& scratchDir = {});

/// What a command about one client (`portfolio`) reads of it on a branch server, from one
/// snapshot, instead of a copy of the whole book the login sees: a desk book in memory holding
/// the server's settings, branches, brokers and securities and the client's own records
/// (storage::copyServerClient), and the client as a desk finds it (a merged client's id: the
/// kept client). A client the login does not see is refused as a command naming it is: an
/// unknown client, or another broker's (not permitted, NotYours).
struct OneClientCopy {
    std::unique_ptr<storage::Database> db;
    ClientLookup client;
};
Result<OneClientCopy> copyOneClient(storage::PgConnection& c, const std::string& clientId);

} // namespace bd::services
