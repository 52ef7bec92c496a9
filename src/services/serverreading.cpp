#include "services/serverreading.h"

#include "core/moveinto.h"
#include "storage/pg/pgbatch.h"
#include "storage/pg/pgrecordstore.h"
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
    return copyForReading(c, scratchDir, [&](storage::Database& db) -> Status {
        auto rows = choose(db);
        if (!rows) return rows.error();
        if (!rows->all && !rows->client) return {};
        auto n = storage::copyServerTrades(c, db, rows->all ? std::nullopt : rows->client);
        if (!n) return storage::readingFromServer("trades", n.error());
        return {};
    });
}

Result<OneClientCopy> copyOneClient(storage::PgConnection& c, const std::string& clientId) {
    if (auto s = storage::requireServerBook(c); !s) return s.error();
    if (auto s = storage::requireBookUser(c); !s) return s.error();
    auto tx = storage::PgTransaction::begin(c, storage::PgTransaction::Isolation::ReadOnlySnapshot);
    if (!tx) return tx.error();
    OneClientCopy out;
    if (auto s = moveInto(out.client, lookupClient(*storage::pgRecordStore(c), clientId)); !s)
        return s.error();
    if (auto s = moveInto(out.db, storage::serverSettingsCopy(c)); !s) return s.error();
    if (auto n = storage::copyServerClient(c, *out.db, out.client.record.ref); !n) return n.error();
    if (auto s = tx->commit(); !s) return s.error();
    return out;
}

} // namespace bd::services
