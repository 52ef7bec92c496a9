#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "storage/book/bookstats.h"
#include "storage/schema/schema.h"

namespace bd::cli {

Command makeStatsCommand() {
    return catalogued("stats", [](const Args& a) {
        auto db = storage::openBook(*a.get("db"), {.create = false});
        if (!db) return reportError(db.error());
        auto s = storage::readBookStats(*db);
        if (!s) return reportError(s.error());
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
