// `export clients|trades|assets|contacts|positions|securities`: the interchange CSV formats
// (plain, for programs and round trips through `import`), or the same columns as an XLSX
// workbook for people: ids, codes and phones as text, dates and times as dates, numbers as
// numbers (`--out F.xlsx`).
#include <cstdlib>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "storage/book/bookstats.h"
#include "storage/book/exporter.h"
#include "storage/import/csvreader.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

/// How a workbook holds an interchange column (the contract's column ids).
services::PeopleColumn interchangeColumn(std::string_view id) {
    using K = services::ColumnKind;
    static const std::set<std::string_view> kIds{"client_id", "trade_id",  "security_code",
                                                 "broker_id", "branch_id", "id_number"};
    static const std::set<std::string_view> kDates{"birth_date", "open_date", "date",
                                                   "next_follow_up"};
    static const std::set<std::string_view> kTimes{"trade_time", "contact_time"};
    static const std::set<std::string_view> kCounts{"quantity", "satisfaction"};
    static const std::set<std::string_view> kAmounts{"price",      "amount", "commission",
                                                     "fees",       "cash",   "market_value",
                                                     "net_inflow", "cost",   "close_price"};
    services::PeopleColumn c{std::string(id), K::Text, 0, id == "notes"};
    if (kIds.count(id)) c.kind = K::Id;
    if (id == "phone") c.kind = K::Phone;
    if (kDates.count(id)) c.kind = K::Date;
    if (kTimes.count(id)) c.kind = K::DateTime;
    if (kCounts.count(id)) c.kind = K::Number;
    if (kAmounts.count(id)) {
        c.kind = K::Number;
        c.decimals = 4; // the interchange format's precision
    }
    return c;
}

services::PeopleCell interchangeCell(const services::PeopleColumn& c, std::string_view text) {
    using K = services::ColumnKind;
    if (text.empty()) return {};
    if (c.kind == K::Date)
        if (const auto d = parseDate(text)) return *d;
    if (c.kind == K::DateTime)
        if (const auto t = parseDateTime(text)) return *t;
    if (c.kind == K::Number) {
        const std::string s(text);
        char* end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        if (end == s.c_str() + s.size()) return v;
    }
    return std::string(text);
}

/// The interchange rows of `kind` as a workbook with the file's columns.
Result<std::int64_t> writeInterchangeXlsx(storage::Database& db, storage::ImportKind kind,
                                          const std::string& name, const std::string& out) {
    // A worksheet holds about a million rows: refuse a larger kind before reading it.
    auto stats = storage::readBookStats(db);
    if (!stats) return stats.error();
    if (stats->count(name) > 1048575)
        return makeError(ErrorCode::InvalidInput,
                         std::to_string(stats->count(name)) + " " + name +
                             " do not fit a worksheet (1,048,575 rows); export CSV");
    auto text = storage::exportInterchangeText(db, kind);
    if (!text) return text.error();
    services::PeopleTable t;
    t.title = name;
    storage::CsvReader reader(*text);
    storage::CsvRecord record;
    if (reader.next(record))
        for (auto f : record.fields) t.columns.push_back(interchangeColumn(f));
    while (reader.next(record)) {
        auto& row = t.rows.emplace_back();
        for (std::size_t c = 0; c < t.columns.size() && c < record.fields.size(); ++c)
            row.push_back(interchangeCell(t.columns[c], record.fields[c]));
    }
    if (auto s = services::writePeopleXlsx(out, t); !s) return s.error();
    return static_cast<std::int64_t>(t.rows.size());
}

ExportKind makeKind(storage::ImportKind kind, std::string summary) {
    const std::string name(storage::importKindName(kind));
    return {name, std::move(summary), [kind, name](const Args& a) {
                const std::string out = *a.get("out");
                const auto format = services::peopleFormatFor(out);
                storage::OpenOptions open;
                open.create = false;
                auto db = storage::openBook(*a.get("db"), open);
                if (!db) return reportError(db.error());
                auto rows = format == services::PeopleFormat::Xlsx
                                ? writeInterchangeXlsx(*db, kind, name, out)
                                : storage::exportInterchange(*db, kind, out);
                if (!rows) return reportError(rows.error());
                if (int rc = recordExport(*db, name, *rows, false, out)) return rc;
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
