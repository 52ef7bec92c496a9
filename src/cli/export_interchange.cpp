// `export clients|trades|assets|contacts|positions|securities`: the interchange CSV formats
// (plain, for programs and round trips through `import`), or the same columns as an XLSX
// workbook for people: ids, codes and phones as text, dates and times as dates, numbers as
// numbers (`--out F.xlsx`).
#include <iostream>

#include "cli/commands.h"
#include "services/listexports.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

ExportKind makeKind(storage::ImportKind kind, std::string summary) {
    const std::string name(storage::importKindName(kind));
    return {name, std::move(summary), [kind, name](const Args& a) {
                const std::string out = *a.get("out");
                auto book = ReadBook::open(*a.get("db"));
                if (!book) return reportError(book.error());
                storage::Database* db = &book->db();
                // A server's working copy holds the trades as per-client days only.
                if (book->isServer() && kind == storage::ImportKind::Trades)
                    return reportError(makeError(
                        ErrorCode::Usage, "export trades reads a desk's book; on a branch server "
                                          "the trades are the trading system's files"));
                auto rows = services::writeInterchangeFile(*db, kind, out);
                if (!rows) return reportError(rows.error());
                if (int rc = recordExport(*book, name, *rows, false, out)) return rc;
                std::cout << "exported " << *rows << " " << name << " to " << out << "\n";
                return static_cast<int>(kOk);
            }};
}

} // namespace

std::vector<ExportKind> makeInterchangeExports() {
    using storage::ImportKind;
    return {
        makeKind(ImportKind::Clients, "clients.csv (interchange format; .xlsx: for people)"),
        makeKind(ImportKind::Trades, "trades.csv (interchange format; .xlsx: for people)"),
        makeKind(ImportKind::Assets, "assets.csv (interchange format; .xlsx: for people)"),
        makeKind(ImportKind::Contacts, "contacts.csv (interchange format; .xlsx: for people)"),
        makeKind(ImportKind::Positions, "positions.csv (interchange format; .xlsx: for people)"),
        makeKind(ImportKind::Securities, "securities.csv (interchange format; .xlsx: for people)")};
}

} // namespace bd::cli
