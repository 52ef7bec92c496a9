#include "services/listexports.h"

#include <cstdlib>
#include <set>

#include "storage/book/bookstats.h"
#include "storage/book/exporter.h"
#include "storage/import/csvreader.h"

namespace bd::services {
namespace {

/// How a workbook holds an interchange column (the contract's column ids).
PeopleColumn interchangeColumn(std::string_view id) {
    using K = ColumnKind;
    static const std::set<std::string_view> kIds{"client_id", "trade_id",  "security_code",
                                                 "broker_id", "branch_id", "id_number"};
    static const std::set<std::string_view> kDates{"birth_date", "open_date", "date",
                                                   "next_follow_up"};
    static const std::set<std::string_view> kTimes{"trade_time", "contact_time"};
    static const std::set<std::string_view> kCounts{"quantity", "satisfaction"};
    static const std::set<std::string_view> kAmounts{"price",      "amount", "commission",
                                                     "fees",       "cash",   "market_value",
                                                     "net_inflow", "cost",   "close_price"};
    PeopleColumn c{std::string(id), K::Text, 0, id == "notes"};
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

PeopleCell interchangeCell(const PeopleColumn& c, std::string_view text) {
    using K = ColumnKind;
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
                                          const std::string& out) {
    const std::string name(storage::importKindName(kind));
    // A worksheet holds about a million rows: refuse a larger kind before reading it.
    auto stats = storage::readBookStats(db);
    if (!stats) return stats.error();
    if (stats->count(name) > 1048575)
        return makeError(ErrorCode::InvalidInput,
                         std::to_string(stats->count(name)) + " " + name +
                             " do not fit a worksheet (1,048,575 rows); export CSV");
    auto text = storage::exportInterchangeText(db, kind);
    if (!text) return text.error();
    PeopleTable t;
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
    if (auto s = writePeopleXlsx(out, t); !s) return s.error();
    return static_cast<std::int64_t>(t.rows.size());
}

} // namespace

PeopleColumn labelledColumn(std::string_view id, ColumnKind kind, phrase::Lang l, int decimals,
                            bool wrap) {
    return {std::string(phrase::label(id, l)), kind, decimals, wrap};
}

Result<ScoredBook> requireLatestScores(storage::Database& db) {
    auto book = loadLatestScores(db);
    if (!book) return book.error();
    if (!*book)
        return makeError(ErrorCode::NotFound,
                         "the book has no value scores yet; run `brokerdesk-cli refresh --db "
                         "<book>` first");
    return std::move(**book);
}

Result<VipList> vipList(storage::Database& db, const VipScope& scope, std::string_view scope_text,
                        std::optional<double> percent, phrase::Lang l) {
    using K = ColumnKind;
    auto book = requireLatestScores(db);
    if (!book) return book.error();
    VipList list;
    list.percent = percent.value_or(book->vip_percent); // else the book's setting
    // The same ranking as the workstation's VIP view (services/vipranking.h).
    const auto& clients = book->clients;
    list.members = scopeMembers(clients, scope).size();
    if (list.members == 0)
        return makeError(ErrorCode::InvalidInput,
                         "no scored clients in scope " + std::string(scope_text));
    const auto vips = rankVips(clients, scope, list.percent);
    list.vips = vips.size();
    PeopleTable& t = list.table;
    t.title = std::string(phrase::label("VIP clients", l));
    t.columns = {labelledColumn("rank", K::Number, l, 0),
                 labelledColumn("client_id", K::Id, l),
                 labelledColumn("name", K::Text, l),
                 labelledColumn("broker_id", K::Id, l),
                 labelledColumn("branch_id", K::Id, l),
                 labelledColumn("value_score", K::Number, l, 2),
                 labelledColumn("profit_12m", K::Money, l),
                 labelledColumn("clv_12m", K::Money, l),
                 labelledColumn("aum", K::Money, l),
                 labelledColumn("p_alive", K::Number, l, 4),
                 labelledColumn("explanation", K::Text, l, 0, /*wrap=*/true)};
    for (std::size_t k = 0; k < vips.size(); ++k) {
        const auto& c = clients[vips[k]];
        t.rows.push_back({static_cast<double>(k + 1), c.client_id, c.name, c.broker_id, c.branch_id,
                          c.score.value_score, c.score.profit_12m, c.score.clv_12m, c.score.aum,
                          c.score.p_alive, phrase::explanation(c.score.explanation_code, l)});
    }
    return list;
}

Result<PeopleTable> coverageList(storage::Database& db, std::optional<Date> as_of, phrase::Lang l,
                                 CoverageReport* report) {
    using K = ColumnKind;
    auto rep = computeCoverage(db, as_of);
    if (!rep) return rep.error();
    PeopleTable t;
    t.title = std::string(phrase::label("Coverage", l)) + " " + rep->as_of.toString();
    t.columns = {labelledColumn("level", K::Text, l),
                 labelledColumn("id", K::Id, l),
                 labelledColumn("branch_id", K::Id, l),
                 labelledColumn("clients", K::Number, l, 0),
                 labelledColumn("covered", K::Number, l, 0),
                 labelledColumn("share", K::Percent, l, 4),
                 labelledColumn("overdue", K::Number, l, 0),
                 labelledColumn("vips", K::Number, l, 0),
                 labelledColumn("neglected_vips", K::Number, l, 0)};
    auto add = [&](std::string_view level, const CoverageLine& c) {
        t.rows.push_back({std::string(phrase::label(level, l)), c.id, c.branch_id,
                          static_cast<double>(c.clients), static_cast<double>(c.covered), c.share,
                          static_cast<double>(c.overdue), static_cast<double>(c.vips),
                          static_cast<double>(c.neglected_vips)});
    };
    for (const auto& c : rep->brokers) add("broker", c);
    for (const auto& c : rep->branches) add("branch", c);
    add("total", rep->total);
    if (report) *report = std::move(*rep);
    return t;
}

Result<std::int64_t> writeInterchangeFile(storage::Database& db, storage::ImportKind kind,
                                          const std::string& out) {
    return peopleFormatFor(out) == PeopleFormat::Xlsx ? writeInterchangeXlsx(db, kind, out)
                                                      : storage::exportInterchange(db, kind, out);
}

} // namespace bd::services
