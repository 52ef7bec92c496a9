#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "core/date.h"
#include "services/commands/command.h"
#include "services/recordbook.h"
#include "services/refresh.h"
#include "services/segmentation.h"
#include "services/segmentstage.h"
#include "services/serverbatch.h"
#include "storage/pg/pgbatch.h"
#include "storage/schema/schema.h"

namespace bd::cli {

Command makeRefreshCommand() {
    return catalogued("refresh", [](const Args& a) {
        services::RefreshOptions options;
        const auto asOf = dateOption(a, "as-of");
        if (!asOf) return reportError(asOf.error());
        if (*asOf) options.as_of = **asOf;
        // --k: the number of segments for this refresh and the later ones, through the command
        // layer (validated, audited): on a desk's book, or the branch server's by its batch.
        std::optional<services::cmd::FixSegmentCount> fixK;
        if (auto k = a.get("k")) {
            fixK.emplace();
            if (*k != "auto") {
                auto n = a.getInt("k", 0);
                if (!n) return reportError(n.error());
                fixK->k = static_cast<int>(*n);
            }
        }
        if (storage::isServerLocation(*a.get("db"))) {
            auto book = services::RecordBook::open(*a.get("db"));
            if (!book) return reportError(book.error());
            storage::PgConnection& c = *book->server();
            if (fixK) {
                // Only the batch refreshes: nothing is set for a refresh that would be refused.
                if (auto s = storage::requireBatchLogin(c); !s) return reportError(s.error());
                if (auto fixed = book->execute({{}, *fixK}); !fixed)
                    return reportError(fixed.error());
            }
            services::ServerBatchTimings t;
            services::KeptCopyOptions kept;
            if (auto dir = a.get("cache-dir")) kept.dir = *dir;
            auto s = services::refreshServerBook(c, options, &t, kept);
            if (!s) return reportError(s.error());
            std::cout << services::formatRefreshSummary(*s);
            std::cout << fmt::format("branch server {}: read {:.0f} ms, applied {:.0f} ms, "
                                     "computed {:.0f} ms, results written in one transaction "
                                     "{:.0f} ms\n",
                                     c.database(), t.read_ms, t.apply_ms, t.compute_ms, t.write_ms);
            printKeptCopyNight(t);
            return static_cast<int>(kOk);
        }
        auto db = storage::openBook(*a.get("db"), {.create = false});
        if (!db) return reportError(db.error());
        if (fixK)
            if (auto fixed = services::cmd::execute(*db, {{}, *fixK}); !fixed)
                return reportError(fixed.error());
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
