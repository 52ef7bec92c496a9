#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "storage/book/bookstats.h"
#include "storage/book/tradedays.h"
#include "storage/pg/pgschema.h"
#include "storage/schema/schema.h"

namespace bd::cli {

Command makeStatsCommand() {
    return catalogued("stats", [](const Args& a) {
        auto book = ReadBook::open(*a.get("db"));
        if (!book) return reportError(book.error());
        storage::Database* db = &book->db();
        auto s = storage::readBookStats(*db);
        if (!s) return reportError(s.error());
        // A server's working copy holds the trades as per-client days (trade_days).
        if (book->isServer()) {
            auto days = storage::loadTradeDays(*db);
            if (!days) return reportError(days.error());
            std::int64_t trades = 0;
            for (const auto& d : *days) {
                trades += d.trades;
                const Date on{static_cast<std::int32_t>(d.day)};
                if (!s->first_trade_date || on < *s->first_trade_date) s->first_trade_date = on;
                if (!s->last_trade_date || *s->last_trade_date < on) s->last_trade_date = on;
            }
            for (auto& [k, v] : s->counts)
                if (k == "trades") v = trades;
            // The server book's schema, not the working copy's (a desk schema).
            auto version = storage::serverSchemaVersion(*book->records().server());
            if (!version) return reportError(version.error());
            s->schema_version = *version;
        }
        std::string out = "{";
        for (const auto& [k, v] : s->counts) out += fmt::format("\"{}\": {}, ", k, v);
        auto date = [](const std::optional<Date>& d) {
            return d ? "\"" + d->toString() + "\"" : std::string("null");
        };
        out += fmt::format("\"first_trade_date\": {}, \"last_trade_date\": {}, "
                           "\"schema_version\": {}}}",
                           date(s->first_trade_date), date(s->last_trade_date), s->schema_version);
        std::cout << out << "\n";
        return static_cast<int>(kOk);
    });
}

} // namespace bd::cli
