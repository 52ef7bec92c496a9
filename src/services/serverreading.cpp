#include "services/serverreading.h"

#include "storage/pg/pgbatch.h"
#include "storage/pg/pgtrades.h"

namespace bd::services {

ChooseTradeRows everyTrade() {
    return [](storage::Database&) -> Result<TradeRows> { return TradeRows::every(); };
}

Result<std::unique_ptr<ScratchBook>>
copyForReadingWithTrades(storage::PgConnection& c, const ChooseTradeRows& choose,
                         const std::filesystem::path& scratchDir) {
    return copyForReading(c, scratchDir, [&](storage::Database& db) -> Status {
        auto rows = choose(db);
        if (!rows) return rows.error();
        if (!rows->all && !rows->client) return {};
        auto n = storage::copyServerTrades(c, db, rows->all ? std::nullopt : rows->client);
        if (!n) return storage::readingFromServer("trades", n.error());
        return {};
    });
}

} // namespace bd::services
