// Export kinds for people that list the book: `clientlist` (the client book as the workstation's
// Clients page shows it) and `coverage` (per broker and branch, as `coverage` prints it).
// `export clients` stays the interchange file for programs (export_interchange.cpp).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "services/listexports.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

int exportClientList(const Args& a) {
    auto ex = openPeopleExport(a);
    if (!ex) return reportError(ex.error());
    auto t = services::clientListTable(ex->db, ex->wording());
    if (!t) return reportError(t.error());
    if (auto s = services::writePeopleTable(ex->out, *t); !s) return reportError(s.error());
    if (int rc = recordExport(ex->db, "clientlist", std::ssize(t->rows), false, ex->out)) return rc;
    std::cout << "exported " << t->rows.size() << " clients to " << ex->out << "\n";
    return kOk;
}

int exportCoverage(const Args& a) {
    std::optional<Date> asOf;
    if (const auto d = a.get("date")) {
        asOf = parseDate(*d);
        if (!asOf)
            return reportError(
                makeError(ErrorCode::Usage, "--date expects YYYY-MM-DD, got '" + *d + "'"));
    }
    auto ex = openPeopleExport(a);
    if (!ex) return reportError(ex.error());
    services::CoverageReport rep;
    auto t = services::coverageList(ex->db, asOf, ex->wording(), &rep);
    if (!t) return reportError(t.error());
    if (auto s = services::writePeopleTable(ex->out, *t); !s) return reportError(s.error());
    if (int rc = recordExport(ex->db, "coverage", std::ssize(t->rows), false, ex->out)) return rc;
    std::cout << fmt::format("coverage as of {} ({} brokers, {} branches) written to {}\n",
                             rep.as_of.toString(), rep.brokers.size(), rep.branches.size(),
                             ex->out);
    return kOk;
}

} // namespace

std::vector<ExportKind> makeListExports() {
    return {{"clientlist",
             "the client book for people: id, name, phone, broker, branch, opening date, risk "
             "level, status, assets, trades, last contact (.xlsx or .csv; `clients` is the "
             "interchange file)",
             exportClientList},
            {"coverage",
             "coverage per broker and branch as `coverage` prints it ([--date D]; .xlsx or .csv)",
             exportCoverage}};
}

} // namespace bd::cli
