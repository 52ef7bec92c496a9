// Export kind `segments`: the latest refresh's segments with their size, profit share, Kotler
// relationship type, service cadence and profile (mean of every segmentation feature).
#include <iostream>

#include "cli/commands.h"
#include "services/listexports.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

int exportSegments(const Args& a) {
    auto ex = openPeopleExport(a);
    if (!ex) return reportError(ex.error());
    auto t = services::segmentsTable(ex->db, ex->wording());
    if (!t) return reportError(t.error());
    if (auto st = services::writePeopleTable(ex->out, t->table); !st)
        return reportError(st.error());
    if (int rc = recordExport(ex->db, "segments", std::ssize(t->table.rows), false, ex->out))
        return rc;
    std::cout << "exported " << t->table.rows.size() << " segments of run " << t->run_id << " to "
              << ex->out << "\n";
    return kOk;
}

} // namespace

std::vector<ExportKind> makeSegmentExports() {
    return {{"segments",
             "the latest refresh's segments: size, profit share, relationship type, service "
             "cadence and mean profile (.xlsx or .csv)",
             exportSegments}};
}

} // namespace bd::cli
