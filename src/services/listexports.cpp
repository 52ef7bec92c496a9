#include "services/listexports.h"

#include <cstdlib>
#include <set>
#include <tuple>

#include "analytics/valuescore.h"
#include "services/clientbook.h"
#include "services/segmentstage.h"
#include "services/servicepolicies.h"
#include "storage/book/analyticsstore.h"
#include "storage/book/bookstats.h"
#include "storage/book/exporter.h"
#include "storage/book/segmentstore.h"
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

PeopleCell num(std::optional<double> v) {
    return v ? PeopleCell{*v} : PeopleCell{};
}

/// A coded value of the export: the phrasebook's word, or the code for scripts.
template <class E>
std::string word(E v, const ExportWording& w) {
    return w.ids ? std::string(analytics::toString(v)) : std::string(phrase::name(v, w.lang));
}

/// A column headed by the phrasebook's title of `id` in words, or by `id` for scripts.
PeopleColumn column(std::string_view id, ColumnKind kind, const ExportWording& w, int decimals = 2,
                    bool wrap = false) {
    return {w.ids ? std::string(id) : std::string(phrase::columnTitle(id, w.lang)), kind, decimals,
            wrap};
}

/// A client's risk tolerance: "C3 balanced" / "C3 稳健型", or "C3" ("" unassessed) for scripts.
std::string riskWord(int level, const ExportWording& w) {
    if (!w.ids) return phrase::clientRiskLevel(level, w.lang);
    return level >= 1 && level <= 5 ? "C" + std::to_string(level) : std::string();
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
                        std::optional<double> percent, ExportWording w) {
    using K = ColumnKind;
    const phrase::Lang l = w.lang;
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
    t.columns = {column("rank", K::Number, w, 0),
                 column("client_id", K::Id, w),
                 column("name", K::Text, w),
                 column("broker_id", K::Id, w),
                 column("branch_id", K::Id, w),
                 column("value_score", K::Number, w, 2),
                 column("profit_12m", K::Money, w),
                 column("clv_12m", K::Money, w),
                 column("aum", K::Money, w),
                 column("p_alive", K::Number, w, 4),
                 column("explanation", K::Text, w, 0, /*wrap=*/true)};
    for (std::size_t k = 0; k < vips.size(); ++k) {
        const auto& c = clients[vips[k]];
        t.rows.push_back({static_cast<double>(k + 1), c.client_id, c.name, c.broker_id, c.branch_id,
                          c.score.value_score, c.score.profit_12m, c.score.clv_12m, c.score.aum,
                          c.score.p_alive, phrase::explanation(c.score.explanation_code, l)});
    }
    return list;
}

Result<PeopleTable> coverageList(storage::Database& db, std::optional<Date> as_of, ExportWording w,
                                 CoverageReport* report) {
    using K = ColumnKind;
    const phrase::Lang l = w.lang;
    auto rep = computeCoverage(db, as_of);
    if (!rep) return rep.error();
    PeopleTable t;
    t.title = std::string(phrase::label("Coverage", l)) + " " + rep->as_of.toString();
    t.columns = {column("level", K::Text, w),
                 column("id", K::Id, w),
                 column("branch_id", K::Id, w),
                 column("clients", K::Number, w, 0),
                 column("covered", K::Number, w, 0),
                 column("share", K::Percent, w, 4),
                 column("overdue", K::Number, w, 0),
                 column("vips", K::Number, w, 0),
                 column("neglected_vips", K::Number, w, 0)};
    auto add = [&](std::string_view level, const CoverageLine& c) {
        // In words the service desk's queue is named, not its id.
        t.rows.push_back({w.ids ? std::string(level) : std::string(phrase::columnTitle(level, l)),
                          w.ids ? c.id : std::string(phrase::queueName(c.id, l)), c.branch_id,
                          static_cast<double>(c.clients), static_cast<double>(c.covered),
                          c.hasClients() ? PeopleCell{c.share} : PeopleCell{std::monostate{}},
                          static_cast<double>(c.overdue), static_cast<double>(c.vips),
                          static_cast<double>(c.neglected_vips)});
    };
    for (const auto& c : rep->brokers) add("broker", c);
    for (const auto& c : rep->branches) add("branch", c);
    add("total", rep->total);
    if (report) *report = std::move(*rep);
    return t;
}

Result<PeopleTable> clientListTable(storage::Database& db, ExportWording w) {
    using K = ColumnKind;
    using Cell = PeopleCell;
    const phrase::Lang l = w.lang;
    PeopleTable t;
    t.title = std::string(phrase::label("Client list", l));
    t.columns = {column("client_id", K::Id, w),     column("name", K::Text, w),
                 column("phone", K::Phone, w),      column("broker_id", K::Id, w),
                 column("broker_name", K::Text, w), column("branch_id", K::Id, w),
                 column("branch_name", K::Text, w), column("open_date", K::Date, w),
                 column("risk_level", K::Text, w),  column("status", K::Text, w),
                 column("aum", K::Money, w),        column("trades_12m", K::Number, w, 0),
                 column("last_contact", K::Date, w)};
    ClientQuery query;
    query.sort = ClientSortKey::ClientId;
    query.page_size = 5000;
    std::optional<ClientCursor> after;
    for (;;) {
        auto page = services::fetchClientPage(db, query, after);
        if (!page) return page.error();
        for (const auto& c : *page)
            t.rows.push_back(
                {c.client_id, c.name, c.phone, c.broker_id, c.broker_name, c.branch_id,
                 c.branch_name, c.open_date, riskWord(c.risk_level, w),
                 w.ids ? std::string(toString(c.status)) : std::string(phrase::name(c.status, l)),
                 c.aum ? Cell{*c.aum} : Cell{}, static_cast<double>(c.trades_12m),
                 c.last_contact ? Cell{c.last_contact->date()} : Cell{}});
        if (page->size() < static_cast<std::size_t>(query.page_size)) break;
        after = cursorAfter(page->back(), query.sort);
    }
    return t;
}

Result<PeopleTable> scoresTable(storage::Database& db, ExportWording w) {
    using K = ColumnKind;
    const phrase::Lang l = w.lang;
    auto book = requireLatestScores(db);
    if (!book) return book.error();
    // Each client's segment in the same run (empty columns when the run has none).
    auto segments = services::loadClientSegments(db, book->run.id);
    if (!segments) return segments.error();
    PeopleTable t;
    t.title = std::string(phrase::label("Client scores", l));
    for (const auto& [id, kind, decimals] :
         std::vector<std::tuple<const char*, K, int>>{{"client_id", K::Id, 0},
                                                      {"broker_id", K::Id, 0},
                                                      {"branch_id", K::Id, 0},
                                                      {"aum", K::Money, 2},
                                                      {"trades_12m", K::Number, 0},
                                                      {"commission_12m", K::Money, 2},
                                                      {"interest_12m", K::Money, 2},
                                                      {"handling_cost_12m", K::Money, 2},
                                                      {"service_cost_12m", K::Money, 2},
                                                      {"maintenance_12m", K::Money, 2},
                                                      {"profit_12m", K::Money, 2},
                                                      {"recency_days", K::Number, 0},
                                                      {"frequency", K::Number, 0},
                                                      {"p_alive", K::Number, 4},
                                                      {"expected_trades_12m", K::Number, 2},
                                                      {"clv_12m", K::Money, 2},
                                                      {"value_score", K::Number, 2},
                                                      {"value_rank", K::Number, 0},
                                                      {"vip", K::Number, 0},
                                                      {"aum_rich_low_value", K::Number, 0},
                                                      {"segment_id", K::Number, 0},
                                                      {"segment_name", K::Text, 0},
                                                      {"relationship_type", K::Text, 0},
                                                      {"churn_risk", K::Number, 4}})
        t.columns.push_back(column(id, kind, w, decimals));
    for (const auto& c : book->clients) {
        const auto& r = c.score;
        const auto seg = segments->find(r.client_ref);
        const bool hasSeg = seg != segments->end();
        using Cell = PeopleCell;
        auto count = [](auto n) { return Cell{static_cast<double>(n)}; };
        t.rows.push_back({c.client_id,
                          c.broker_id,
                          c.branch_id,
                          r.aum,
                          count(r.trades_12m),
                          r.commission_12m,
                          r.interest_12m,
                          r.handling_cost_12m,
                          r.service_cost_12m,
                          r.maintenance_12m,
                          r.profit_12m,
                          count(r.recency_days),
                          count(r.frequency),
                          r.p_alive,
                          r.expected_trades_12m,
                          r.clv_12m,
                          r.value_score,
                          count(r.value_rank),
                          count(r.vip ? 1 : 0),
                          count(r.aum_rich_low_value ? 1 : 0),
                          hasSeg ? count(seg->second.segment_id) : Cell{},
                          hasSeg
                              ? Cell{phrase::segmentName(seg->second.name_fact, seg->second.name_zh,
                                                         seg->second.name_en, l)}
                              : Cell{},
                          hasSeg ? Cell{word(seg->second.relationship, w)} : Cell{},
                          r.churn_risk});
    }
    return t;
}

Result<SegmentsTable> segmentsTable(storage::Database& db, ExportWording w) {
    const phrase::Lang l = w.lang;
    auto runId = storage::latestScoredRunId(db, "value");
    if (!runId) return runId.error();
    auto segs = *runId
                    ? storage::loadSegments(db, **runId)
                    : Result<std::vector<storage::SegmentRow>>{std::vector<storage::SegmentRow>{}};
    if (!segs) return segs.error();
    if (segs->empty())
        return makeError(ErrorCode::NotFound,
                         "the book has no segments yet; run `brokerdesk-cli refresh "
                         "--db <book>` first (a book needs at least " +
                             std::to_string(kMinClientsToSegment) + " clients to be segmented)");
    auto policies = services::loadServicePolicies(db);
    if (!policies) return policies.error();

    using K = ColumnKind;
    PeopleTable t;
    t.title = std::string(phrase::label("Segments", l));
    t.columns = {column("segment_id", K::Number, w, 0),
                 column("segment_name", K::Text, w, 0, /*wrap=*/true)};
    // English keeps the Chinese name beside the English one, as it always has.
    const bool both = l == phrase::Lang::En;
    if (both) t.columns.push_back(column("segment_name_zh", K::Text, w, 0, true));
    for (const auto& c :
         {column("clients", K::Number, w, 0), column("share_of_clients", K::Percent, w, 4),
          column("share_of_aum", K::Percent, w, 4), column("share_of_profit", K::Percent, w, 4),
          column("relationship_type", K::Text, w), column("cadence_days", K::Number, w, 0),
          column("channels", K::Text, w), column("served_by", K::Text, w),
          column("growth_potential", K::Number, w, 3)})
        t.columns.push_back(c);
    // Profile columns follow the run's features (the same for every segment of a run).
    for (const auto& [feature, unused] : segs->front().feature_means) {
        (void)unused;
        std::string header = "mean_" + feature;
        if (!w.ids) {
            header = phrase::columnTitle("mean_%1", l);
            header.replace(header.find("%1"), 2, phrase::feature(feature, l));
        }
        t.columns.push_back({header, K::Number, 2, false});
    }
    for (const auto& s : *segs) {
        const auto type = static_cast<analytics::RelationshipType>(s.relationship_type);
        const auto& policy = (*policies)[static_cast<std::size_t>(s.relationship_type)];
        std::string channels;
        for (auto c : policy.channels)
            channels += (channels.empty() ? ""
                         : w.ids          ? ","
                                          : std::string(phrase::label(", ", l))) +
                        word(c, w);
        auto& row = t.rows.emplace_back();
        row = {static_cast<double>(s.segment_id),
               phrase::segmentName(s.name_fact, s.name_zh, s.name_en, l)};
        if (both)
            row.emplace_back(
                phrase::segmentName(s.name_fact, s.name_zh, s.name_en, phrase::Lang::Zh));
        for (auto&& cell :
             {PeopleCell{static_cast<double>(s.size)}, num(s.client_share), num(s.aum_share),
              num(s.profit_share), PeopleCell{word(type, w)},
              PeopleCell{static_cast<double>(policy.contact_cadence_days)}, PeopleCell{channels},
              PeopleCell{word(policy.served_by, w)}, num(s.growth_potential)})
            row.push_back(cell);
        for (const auto& [feature, mean] : s.feature_means) {
            (void)feature;
            row.push_back(num(mean));
        }
    }
    return SegmentsTable{std::move(t), **runId};
}

Result<std::int64_t> writeInterchangeFile(storage::Database& db, storage::ImportKind kind,
                                          const std::string& out) {
    return peopleFormatFor(out) == PeopleFormat::Xlsx ? writeInterchangeXlsx(db, kind, out)
                                                      : storage::exportInterchange(db, kind, out);
}

} // namespace bd::services
