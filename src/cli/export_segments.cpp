// Export kind `segments`: the latest refresh's segments with their size, profit share, Kotler
// relationship type, service cadence and profile (mean of every segmentation feature).
#include <fmt/format.h>

#include "cli/commands.h"
#include "services/listexports.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

int exportSegments(const Args& a) {
    return writePeopleExport(a, "segments", [](PeopleExport& ex) -> Result<PeopleExportTable> {
        auto t = services::segmentsTable(ex.book.db(), ex.wording());
        if (!t) return t.error();
        const auto rows = std::ssize(t->table.rows);
        return PeopleExportTable{
            std::move(t->table), rows,
            fmt::format("exported {} segments of run {} to {}\n", rows, t->run_id, ex.out)};
    });
}

} // namespace

std::vector<ExportKind> makeSegmentExports() {
    return {exportKind("segments", exportSegments)};
}

} // namespace bd::cli
