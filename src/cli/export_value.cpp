// Export kinds of the value model: `scores` (every client of the latest refresh) and `vip`
// (the VIP ranking of a scope).
#include <iostream>

#include "cli/commands.h"
#include "phrasebook/phrasebook.h"
#include "services/listexports.h"
#include "services/vipranking.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

int exportScores(const Args& a) {
    auto ex = openPeopleExport(a);
    if (!ex) return reportError(ex.error());
    auto t = services::scoresTable(ex->db, ex->wording());
    if (!t) return reportError(t.error());
    if (auto s = services::writePeopleTable(ex->out, *t); !s) return reportError(s.error());
    if (int rc = recordExport(ex->db, "scores", std::ssize(t->rows), false, ex->out)) return rc;
    std::cout << "exported " << t->rows.size() << " client scores to " << ex->out << "\n";
    return kOk;
}

/// --top-percent as a share in (0, 100]; nullopt when not given.
Result<std::optional<double>> topPercent(const Args& a) {
    const auto p = a.get("top-percent");
    if (!p) return std::optional<double>{};
    double percent = 0;
    try {
        std::size_t used = 0;
        percent = std::stod(*p, &used);
        if (used != p->size()) throw std::invalid_argument(*p);
    } catch (const std::exception&) {
        return makeError(ErrorCode::Usage, "--top-percent expects a number, got '" + *p + "'");
    }
    if (!(percent > 0 && percent <= 100))
        return makeError(ErrorCode::Usage, "--top-percent must be in (0, 100]");
    return std::optional<double>{percent};
}

int exportVip(const Args& a) {
    const std::string scopeText = a.get("scope", "firm");
    const auto scope = services::parseVipScope(scopeText);
    if (!scope)
        return reportError(
            makeError(ErrorCode::Usage,
                      "--scope expects firm, branch:ID or broker:ID, got '" + scopeText + "'"));
    auto ex = openPeopleExport(a);
    if (!ex) return reportError(ex.error());
    const auto requested = topPercent(a);
    if (!requested) return reportError(requested.error());
    auto list = services::vipList(ex->db, *scope, scopeText, *requested, ex->wording());
    if (!list) return reportError(list.error());
    if (auto s = services::writePeopleTable(ex->out, list->table); !s)
        return reportError(s.error());
    if (int rc = recordExport(ex->db, "vip", static_cast<std::int64_t>(list->vips), false, ex->out))
        return rc;
    std::cout << "exported " << list->vips << " VIPs of " << list->members << " clients ("
              << scopeText << ", top " << list->percent << "%) to " << ex->out << "\n";
    return kOk;
}

} // namespace

std::vector<ExportKind> makeValueExports() {
    std::vector<ExportKind> k;
    k.push_back({"scores",
                 "every client's value model result of the latest refresh (.xlsx or .csv)",
                 exportScores});
    k.push_back(
        {"vip", "the VIP ranking of a scope (--scope, --top-percent) (.xlsx or .csv)", exportVip});
    return k;
}

} // namespace bd::cli
