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

ExportKind makeKind(storage::ImportKind kind) {
    const std::string name(storage::importKindName(kind));
    return exportKind(name, [kind, name](const Args& a) {
        const std::string out = *a.get("out");
        auto book = ReadBook::open(*a.get("db"));
        if (!book) return reportError(book.error());
        // A server's working copy holds the trades as per-client days only.
        if (book->isServer() && kind == storage::ImportKind::Trades)
            return reportError(makeError(ErrorCode::Usage,
                                         "export trades reads a desk's book; on a branch server "
                                         "the trades are the trading system's files"));
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
