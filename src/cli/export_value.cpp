// Export kinds of the value model: `scores` (every client of the latest refresh) and `vip`
// (the VIP ranking of a scope).
#include <fmt/format.h>

#include <sstream>

#include "cli/commands.h"
#include "phrasebook/phrasebook.h"
#include "services/listexports.h"
#include "services/vipranking.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

int exportScores(const Args& a) {
    return writePeopleExport(a, "scores", services::scoresTable, "client scores");
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
        return expects("top-percent", "a number", *p);
    }
    if (!(percent > 0 && percent <= 100))
        return makeError(ErrorCode::Usage, "--top-percent must be in (0, 100]");
    return std::optional<double>{percent};
}

int exportVip(const Args& a) {
    const std::string scopeText = a.get("scope", "firm");
    const auto scope = services::parseVipScope(scopeText);
    if (!scope) return reportError(expects("scope", "firm, branch:ID or broker:ID", scopeText));
    return writePeopleExport(a, "vip", [&](PeopleExport& ex) -> Result<PeopleExportTable> {
        const auto requested = topPercent(a);
        if (!requested) return requested.error();
        auto list = services::vipList(ex.book.db(), *scope, scopeText, *requested, ex.wording());
        if (!list) return list.error();
        const auto rows = static_cast<std::int64_t>(list->vips);
        std::ostringstream said; // the percent as a stream prints it
        said << "exported " << list->vips << " VIPs of " << list->members << " clients ("
             << scopeText << ", top " << list->percent << "%) to " << ex.out << "\n";
        return PeopleExportTable{std::move(list->table), rows, said.str()};
    });
}

} // namespace

std::vector<ExportKind> makeValueExports() {
    return {exportKind("scores", exportScores), exportKind("vip", exportVip)};
}

} // namespace bd::cli
