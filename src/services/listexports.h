#pragma once
// The exports for people that list the book, built once for both `brokerdesk-cli export` and
// the workstation's Export menu: the VIP list of a scope, the coverage list, the client list,
// the value scores, the segments, and the
// interchange files (CSV for programs, or the same columns as a workbook for people). Each
// returns the table (or writes the file) and says how many rows it holds, for the audit trail.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "phrasebook/phrasebook.h"
#include "services/coverage.h"
#include "services/peopletable.h"
#include "services/vipranking.h"
#include "storage/db/database.h"
#include "storage/import/importer.h"

namespace bd::services {

/// How an export for people that lists the book heads its columns and writes its coded values
/// (status, risk level, relationship type, channels, coverage level): in words of `lang` (the
/// phrasebook's column titles and names; the default), or, for scripts (`--headers ids`), as
/// the column ids and the codes the interchange files use. A language alone means words.
struct ExportWording {
    phrase::Lang lang = phrase::Lang::En;
    bool ids = false;
    ExportWording(phrase::Lang l = phrase::Lang::En, bool useIds = false) // NOLINT: implicit
        : lang(l), ids(useIds) {}
};

/// A column of an export for people: its header is the phrasebook's label of `id`.
PeopleColumn labelledColumn(std::string_view id, ColumnKind kind, phrase::Lang l, int decimals = 2,
                            bool wrap = false);

/// The latest value run's scores; NotFound (saying to refresh first) when the book has none.
Result<ScoredBook> requireLatestScores(storage::Database& db);

/// The VIP list of a scope and what it was drawn from.
struct VipList {
    PeopleTable table;
    std::size_t vips = 0;
    std::size_t members = 0; // scored clients in the scope
    double percent = 0;      // the top share used
};
/// The VIPs of `scope` at `percent` (default: the book's VIP share), ranked as the VIP page
/// ranks them. NotFound before the first refresh; InvalidInput when the scope has no scored
/// client (the message names `scope_text`).
Result<VipList> vipList(storage::Database& db, const VipScope& scope, std::string_view scope_text,
                        std::optional<double> percent, ExportWording w);

/// Coverage per broker, branch and the total as of `as_of` (default today), as `coverage`
/// prints it; `report` receives the figures when given.
Result<PeopleTable> coverageList(storage::Database& db, std::optional<Date> as_of, ExportWording w,
                                 CoverageReport* report = nullptr);

/// The client book as the Clients page shows it (`export clientlist`): id, name, phone,
/// broker, branch, opening date, risk level, status, assets, trades, last contact.
Result<PeopleTable> clientListTable(storage::Database& db, ExportWording w);

/// Every client's value model result of the latest refresh (`export scores`); NotFound
/// before the first refresh.
Result<PeopleTable> scoresTable(storage::Database& db, ExportWording w);

/// The latest refresh's segments (`export segments`): size, shares, relationship type,
/// cadence, channels and mean profile; NotFound when the book has none.
struct SegmentsTable {
    PeopleTable table;
    std::int64_t run_id = 0;
};
Result<SegmentsTable> segmentsTable(storage::Database& db, ExportWording w);

/// Writes the interchange rows of `kind` to `out`: the interchange CSV (for programs and round
/// trips through import) or, for a .xlsx path, the same columns as a workbook for people (ids,
/// codes and phones as text, dates as dates, numbers as numbers). Returns the rows written;
/// InvalidInput when a kind has more rows than a worksheet holds.
Result<std::int64_t> writeInterchangeFile(storage::Database& db, storage::ImportKind kind,
                                          const std::string& out);

} // namespace bd::services
