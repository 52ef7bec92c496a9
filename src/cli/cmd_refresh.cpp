#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "core/date.h"
#include "services/commands/command.h"
#include "services/refresh.h"
#include "services/segmentation.h"
#include "services/segmentstage.h"
#include "services/serverbatch.h"
#include "storage/schema/schema.h"

namespace bd::cli {

Command makeRefreshCommand() {
    return catalogued("refresh", [](const Args& a) {
        services::RefreshOptions options;
        const auto asOf = dateOption(a, "as-of");
        if (!asOf) return reportError(asOf.error());
        if (*asOf) options.as_of = **asOf;
        if (storage::isServerLocation(*a.get("db"))) {
            if (a.has("k"))
                return reportError(makeError(ErrorCode::Usage,
                                             "--k is set on a desk's book; on a branch server "
                                             "the batch chooses k itself"));
            auto c = storage::PgConnection::connect(*a.get("db"));
            if (!c) return reportError(c.error());
            services::ServerBatchTimings t;
            auto s = services::refreshServerBook(*c, options, &t);
            if (!s) return reportError(s.error());
            std::cout << services::formatRefreshSummary(*s);
            std::cout << fmt::format("branch server {}: read {:.0f} ms, computed {:.0f} "
                                     "ms, results written in one transaction {:.0f} ms\n",
                                     c->database(), t.read_ms, t.compute_ms, t.write_ms);
            return static_cast<int>(kOk);
        }
        auto db = storage::openBook(*a.get("db"), {.create = false});
        if (!db) return reportError(db.error());
        if (auto k = a.get("k")) {
            std::optional<int> fixed;
            if (*k != "auto") {
                auto n = a.getInt("k", 0);
                if (!n) return reportError(n.error());
                fixed = static_cast<int>(*n);
            }
            auto fixedBy =
                services::cmd::execute(*db, {{}, services::cmd::FixSegmentCount{fixed}}); // audited
            if (!fixedBy) return reportError(fixedBy.error());
        }
        auto s = services::refreshBook(*db, options);
        if (!s) return reportError(s.error());
        std::cout << services::formatRefreshSummary(*s);
        auto segments = services::formatRunSegments(*db, s->run_id);
        if (!segments) return reportError(segments.error());
        std::cout << *segments;
        return static_cast<int>(kOk);
    });
}

} // namespace bd::cli
