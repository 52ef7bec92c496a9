// Export kinds for people that list the book: `clientlist` (the client book as the workstation's
// Clients page shows it) and `coverage` (per broker and branch, as `coverage` prints it).
// `export clients` stays the interchange file for programs (export_interchange.cpp).
#include <fmt/format.h>

#include "cli/commands.h"
#include "services/listexports.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

int exportClientList(const Args& a) {
    return writePeopleExport(a, "clientlist", services::clientListTable, "clients");
}

int exportCoverage(const Args& a) {
    const auto date = dateOption(a, "date");
    if (!date) return reportError(date.error());
    const std::optional<Date> asOf = *date;
    return writePeopleExport(a, "coverage", [&](PeopleExport& ex) -> Result<PeopleExportTable> {
        services::CoverageReport rep;
        auto t = services::coverageList(ex.book.db(), asOf, ex.wording(), &rep);
        if (!t) return t.error();
        const auto rows = std::ssize(t->rows);
        return PeopleExportTable{
            std::move(*t), rows,
            fmt::format("coverage as of {} ({} brokers, {} branches) written to {}\n",
                        rep.as_of.toString(), rep.brokers.size(), rep.branches.size(), ex.out)};
    });
}

} // namespace

std::vector<ExportKind> makeListExports() {
    return {exportKind("clientlist", exportClientList), exportKind("coverage", exportCoverage)};
}

} // namespace bd::cli
