// `export clients|trades|assets|contacts|positions|securities`: the interchange CSV formats
// (plain, for programs and round trips through `import`), or the same columns as an XLSX
// workbook for people: ids, codes and phones as text, dates and times as dates, numbers as
// numbers (`--out F.xlsx`). On a branch server: the rows of the clients the login sees.
#include <iostream>

#include "cli/commands.h"
#include "services/listexports.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

ExportKind makeKind(storage::ImportKind kind) {
    const std::string name(storage::importKindName(kind));
    return exportKind(name, [kind, name](const Args& a) {
        const std::string out = *a.get("out");
        // On a server the trades themselves are read (the working copy holds their daily
        // sums): every trade the login sees, from the snapshot of the rest.
        auto book = ReadBook::open(*a.get("db"), kind == storage::ImportKind::Trades
                                                     ? services::everyTrade()
                                                     : services::ChooseTradeRows());
        if (!book) return reportError(book.error());
        auto rows = services::writeInterchangeFile(book->db(), kind, out);
        if (!rows) return reportError(rows.error());
        if (int rc = recordExport(*book, name, *rows, false, out)) return rc;
        std::cout << "exported " << *rows << " " << name << " to " << out << "\n";
        return static_cast<int>(kOk);
    });
}

} // namespace

std::vector<ExportKind> makeInterchangeExports() {
    using storage::ImportKind;
    return {makeKind(ImportKind::Clients),   makeKind(ImportKind::Trades),
            makeKind(ImportKind::Assets),    makeKind(ImportKind::Contacts),
            makeKind(ImportKind::Positions), makeKind(ImportKind::Securities)};
}

} // namespace bd::cli
