#include "services/serverreading.h"

#include "storage/pg/pgbatch.h"
#include "storage/pg/pgschema.h"
#include "storage/pg/pgsettings.h"
#include "storage/pg/pgtrades.h"

namespace bd::services {

ChooseTradeRows everyTrade() {
    return [](storage::Database&) -> Result<TradeRows> { return TradeRows::every(); };
}

Result<std::unique_ptr<ScratchBook>>
copyForReadingWithTrades(storage::PgConnection& c, const ChooseTradeRows& choose,
                         const std::filesystem::path& scratchDir) {
    if (auto s = storage::requireServerBook(c); !s) return s.error();
    if (auto s = storage::requireBookUser(c); !s) return s.error();
    auto scratch = ScratchBook::make(scratchDir);
    if (!scratch) return scratch.error();
    storage::Database& db = (*scratch)->db();
    auto copied = storage::copyServerBook(c, db, [&]() -> Status {
        auto rows = choose(db);
        if (!rows) return rows.error();
        if (!rows->all && !rows->client) return {};
        auto n = storage::copyServerTrades(c, db, rows->all ? std::nullopt : rows->client);
        if (!n) return storage::readingFromServer("trades", n.error());
        return {};
    });
    if (!copied) return copied.error();
    if (auto s = storage::copyServerSettings(c, db); !s) return s.error();
    if (auto s = storage::copyServerSurveys(c, db); !s) return s.error();
    return scratch;
}

} // namespace bd::services
