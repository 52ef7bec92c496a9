// `export clients|trades|assets|contacts|positions|securities`: the interchange CSV formats.
#include <iostream>

#include "cli/commands.h"
#include "storage/book/exporter.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

ExportKind makeKind(storage::ImportKind kind, std::string summary) {
    const std::string name(storage::importKindName(kind));
    return {name, std::move(summary), [kind, name](const Args& a) {
                storage::OpenOptions open;
                open.create = false;
                auto db = storage::openBook(*a.get("db"), open);
                if (!db) return reportError(db.error());
                auto rows = storage::exportInterchange(*db, kind, *a.get("out"));
                if (!rows) return reportError(rows.error());
                if (int rc = recordExport(*db, name, *rows, false, *a.get("out"))) return rc;
                std::cout << "exported " << *rows << " " << name << " to " << *a.get("out") << "\n";
                return static_cast<int>(kOk);
            }};
}

} // namespace

std::vector<ExportKind> makeInterchangeExports() {
    using storage::ImportKind;
    return {makeKind(ImportKind::Clients, "clients.csv (interchange format)"),
            makeKind(ImportKind::Trades, "trades.csv (interchange format)"),
            makeKind(ImportKind::Assets, "assets.csv (interchange format)"),
            makeKind(ImportKind::Contacts, "contacts.csv (interchange format)"),
            makeKind(ImportKind::Positions, "positions.csv (interchange format)"),
            makeKind(ImportKind::Securities, "securities.csv (interchange format)")};
}

} // namespace bd::cli
