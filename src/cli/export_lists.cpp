// Export kinds for people that list the book: `clientlist` (the client book as the workstation's
// Clients page shows it) and `coverage` (per broker and branch, as `coverage` prints it).
// `export clients` stays the interchange file for programs (export_interchange.cpp).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "services/clientbook.h"
#include "services/listexports.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

int exportClientList(const Args& a) {
    using K = services::ColumnKind;
    using Cell = services::PeopleCell;
    auto ex = openPeopleExport(a);
    if (!ex) return reportError(ex.error());
    const std::string& out = ex->out;
    const phrase::Lang l = ex->lang;
    storage::Database* db = &ex->db;
    services::PeopleTable t;
    t.title = std::string(phrase::label("Client list", l));
    t.columns = {
        peopleColumn("client_id", K::Id, l),     peopleColumn("name", K::Text, l),
        peopleColumn("phone", K::Phone, l),      peopleColumn("broker_id", K::Id, l),
        peopleColumn("broker_name", K::Text, l), peopleColumn("branch_id", K::Id, l),
        peopleColumn("branch_name", K::Text, l), peopleColumn("open_date", K::Date, l),
        peopleColumn("risk_level", K::Text, l),  peopleColumn("status", K::Text, l),
        peopleColumn("aum", K::Money, l),        peopleColumn("trades_12m", K::Number, l, 0),
        peopleColumn("last_contact", K::Date, l)};
    services::ClientQuery query;
    query.sort = services::ClientSortKey::ClientId;
    query.page_size = 5000;
    std::optional<services::ClientCursor> after;
    for (;;) {
        auto page = services::fetchClientPage(*db, query, after);
        if (!page) return reportError(page.error());
        for (const auto& c : *page)
            t.rows.push_back({c.client_id, c.name, c.phone, c.broker_id, c.broker_name, c.branch_id,
                              c.branch_name, c.open_date, phrase::clientRiskLevel(c.risk_level, l),
                              std::string(phrase::name(c.status, l)), c.aum ? Cell{*c.aum} : Cell{},
                              static_cast<double>(c.trades_12m),
                              c.last_contact ? Cell{c.last_contact->date()} : Cell{}});
        if (page->size() < static_cast<std::size_t>(query.page_size)) break;
        after = services::cursorAfter(page->back(), query.sort);
    }
    if (auto s = services::writePeopleTable(out, t); !s) return reportError(s.error());
    if (int rc = recordExport(*db, "clientlist", std::ssize(t.rows), false, out)) return rc;
    std::cout << "exported " << t.rows.size() << " clients to " << out << "\n";
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
    auto t = services::coverageList(ex->db, asOf, ex->lang, &rep);
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
