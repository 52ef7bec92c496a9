#include "services/kpi.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "analytics/kpi.h"
#include "core/clock.h"
#include "core/money.h"
#include "services/planinputs.h"
#include "services/valueparams.h"
#include "storage/book/clientqueries.h"
#include "storage/book/features.h"
#include "storage/book/tradedays.h"

namespace bd::services {
namespace {

/// Index of each distinct id, in first-seen order.
class IdIndex {
  public:
    std::int32_t operator()(const std::string& id) {
        auto [it, fresh] = m_index.emplace(id, static_cast<std::int32_t>(m_ids.size()));
        if (fresh) m_ids.push_back(id);
        return it->second;
    }
    const std::vector<std::string>& ids() const { return m_ids; }

  private:
    std::unordered_map<std::string, std::int32_t> m_index;
    std::vector<std::string> m_ids;
};

} // namespace

void takeKpiHistory(std::int64_t ref, const storage::KpiHistoryRows& rows, std::size_t& d,
                    std::size_t& s, std::size_t& c, analytics::KpiClientHistory& h) {
    h.clear();
    for (; d < rows.days.size() && rows.days[d].client_ref <= ref; ++d) {
        if (rows.days[d].client_ref < ref) continue;
        h.trade_day.push_back(static_cast<std::int32_t>(rows.days[d].day));
        h.trade_amount.push_back(rows.days[d].amount);
        h.trade_commission.push_back(rows.days[d].commission);
    }
    for (; s < rows.snapshots.size() && rows.snapshots[s].client_ref <= ref; ++s) {
        if (rows.snapshots[s].client_ref < ref) continue;
        h.snapshot_day.push_back(rows.snapshots[s].date.days);
        h.snapshot_cash.push_back(rows.snapshots[s].cash);
        h.snapshot_aum.push_back(rows.snapshots[s].aum);
        h.snapshot_inflow.push_back(rows.snapshots[s].net_inflow);
    }
    for (; c < rows.contacts.size() && rows.contacts[c].client_ref <= ref; ++c) {
        if (rows.contacts[c].client_ref < ref) continue;
        const auto& k = rows.contacts[c];
        h.contact_day.push_back(k.at.date().days);
        const auto code = [](int v, int count) {
            return static_cast<std::uint8_t>(v >= 0 && v < count ? v : 0);
        };
        h.contact_channel.push_back(code(k.channel, kContactChannelCount));
        h.contact_outcome.push_back(code(k.outcome, kOutcomeCount));
        h.contact_satisfaction.push_back(code(k.satisfaction, 6));
        h.contact_recommend.push_back(code(k.recommend + 1, 12));
    }
}

Result<KpiUpdateSummary> updateKpiHistory(storage::Database& db, const KpiUpdateOptions& options) {
    const SteadyTime start = std::chrono::steady_clock::now();
    KpiUpdateSummary sum;
    analytics::ValueModelParams params;
    if (options.params) {
        params = *options.params;
    } else {
        auto p = loadValueModelParams(db);
        if (!p) return p.error();
        params = *p;
    }
    if (options.as_of) {
        sum.as_of = *options.as_of;
    } else {
        auto last = storage::latestTradeDate(db);
        if (!last) return last.error();
        sum.as_of = last->value_or(localToday());
    }
    auto first = storage::firstHistoryDate(db);
    if (!first) return first.error();
    const std::vector<Date> all =
        *first ? analytics::kpiMonthEnds(**first, sum.as_of) : std::vector<Date>{};
    sum.months = all.size();
    // Which months to write: every one on a rebuild, else from the first month not stored as
    // of its own day (a complete month stored is kept; the open month of an earlier refresh is
    // replaced). Nothing to write, nothing to read.
    std::map<KpiMonth, Date> storedAsOf;
    if (!options.rebuild) {
        auto stored = storage::storedKpiMonths(db);
        if (!stored) return stored.error();
        storedAsOf.insert(stored->begin(), stored->end());
    }
    std::size_t writeFrom = 0;
    while (writeFrom < all.size()) {
        auto it = storedAsOf.find(kpiMonthOf(all[writeFrom]));
        if (it == storedAsOf.end() || it->second != all[writeFrom]) break;
        ++writeFrom;
    }
    if (writeFrom == all.size()) {
        sum.total_ms = msSince(start);
        return sum;
    }
    // The month before the first one written is computed too (its VIPs are the base of the
    // next month's changes); data is read from where its windows start: 12 months of profit,
    // retention's year and the 90 days of activity before it (a month's margin kept).
    const std::size_t computeFrom = writeFrom > 0 ? writeFrom - 1 : 0;
    const std::vector<Date> ends(all.begin() + static_cast<std::ptrdiff_t>(computeFrom), all.end());
    std::optional<Date> readFrom;
    if (computeFrom > 0)
        readFrom = ends.front().addDays(-(366 + analytics::kKpiActiveWindowDays + 31));

    SteadyTime t0 = std::chrono::steady_clock::now();
    auto clients = storage::loadKpiClients(db);
    if (!clients) return clients.error();
    // Cadences as the service policies set them now (segments of the newest refresh).
    auto cadence = loadClientCadences(db);
    if (!cadence) return cadence.error();
    if (auto s = storage::syncTradeDays(db); !s) return s.error();
    IdIndex brokers, branches;
    std::vector<analytics::KpiClient> kc;
    kc.reserve(clients->size());
    for (const auto& c : *clients) {
        if (c.status == ClientStatus::Prospect) continue;
        analytics::KpiClient k;
        k.client_ref = c.ref;
        k.broker = brokers(c.broker_id);
        k.branch = branches(c.branch_id);
        k.open_date = c.open_date;
        k.closed = c.status == ClientStatus::Closed;
        k.cadence_days = cadence->of(c.ref);
        kc.push_back(k);
    }
    sum.clients = kc.size();
    sum.inputs_ms = msSince(t0);
    sum.read_ms += sum.inputs_ms;

    analytics::KpiBuilder builder(ends, brokers.ids().size(), branches.ids().size(), params);
    storage::KpiHistoryRows rows;
    analytics::KpiClientHistory h;
    const std::size_t chunk = std::max<std::size_t>(1, options.chunk_clients);
    for (std::size_t b = 0; b < kc.size(); b += chunk) {
        const std::size_t e = std::min(kc.size(), b + chunk);
        t0 = std::chrono::steady_clock::now();
        if (auto s =
                storage::loadKpiHistory(db, kc[b].client_ref, kc[e - 1].client_ref, rows, readFrom);
            !s)
            return s.error();
        sum.read_ms += msSince(t0);
        t0 = std::chrono::steady_clock::now();
        std::size_t d = 0, s = 0, c = 0;
        for (std::size_t i = b; i < e; ++i) {
            takeKpiHistory(kc[i].client_ref, rows, d, s, c, h);
            builder.add(kc[i], h);
        }
        sum.compute_ms += msSince(t0);
    }
    t0 = std::chrono::steady_clock::now();
    const analytics::KpiHistory history = builder.finish();
    sum.compute_ms += msSince(t0);

    t0 = std::chrono::steady_clock::now();
    const DateTime now = localNow();
    std::vector<KpiRow> out;
    std::vector<storage::KpiVipChangeRow> changes;
    for (std::size_t k = writeFrom - computeFrom; k < ends.size(); ++k) {
        const KpiMonth month = kpiMonthOf(ends[k]);
        ++sum.months_written;
        const auto row = [&](KpiScope scope, const std::string& id, const KpiFigures& f) {
            out.push_back({month, scope, id, ends[k], now, f});
        };
        row(KpiScope::Firm, "", history.firm[k]);
        for (std::size_t i = 0; i < branches.ids().size(); ++i)
            row(KpiScope::Branch, branches.ids()[i], history.branches[k][i]);
        for (std::size_t i = 0; i < brokers.ids().size(); ++i)
            row(KpiScope::Broker, brokers.ids()[i], history.brokers[k][i]);
        for (const VipChange& ch : history.vip_changes[k]) changes.push_back({month, ch});
    }
    if (auto s = storage::saveKpiMonths(db, out, changes, options.rebuild); !s) return s.error();
    sum.write_ms = msSince(t0);
    sum.total_ms = msSince(start);
    spdlog::info("kpi: {} month-ends of {} clients ({} written) in {:.0f} ms (read {:.0f}, "
                 "compute {:.0f}, write {:.0f})",
                 sum.months, sum.clients, sum.months_written, sum.total_ms, sum.read_ms,
                 sum.compute_ms, sum.write_ms);
    return sum;
}

Result<std::vector<KpiLine>> loadKpiLines(storage::Database& db, const KpiQuery& query) {
    auto rows = storage::loadKpiMonths(db, query);
    if (!rows) return rows.error();
    auto names = storage::loadKpiScopeNames(db);
    if (!names) return names.error();
    std::map<std::pair<KpiScope, std::string>, const storage::KpiScopeName*> byId;
    for (const auto& n : *names) byId.emplace(std::make_pair(n.scope, n.id), &n);
    std::vector<KpiLine> out;
    out.reserve(rows->size());
    for (auto& r : *rows) {
        KpiLine l;
        if (auto it = byId.find({r.scope, r.scope_id}); it != byId.end()) {
            l.name = it->second->name;
            if (r.scope == KpiScope::Broker) l.branch_id = it->second->branch_id;
        }
        l.row = std::move(r);
        out.push_back(std::move(l));
    }
    return out;
}

const std::vector<KpiColumn>& kpiColumns() {
    static const std::vector<KpiColumn> kColumns = [] {
        using K = KpiColumnKind;
        const auto n = [](std::int64_t v) { return static_cast<double>(v); };
        const auto cny = [](std::int64_t v) { return Money::fromUnits(v).toDouble(); };
        std::vector<KpiColumn> c{
            {"clients", K::Count, [=](const KpiFigures& f) { return n(f.clients); }},
            {"active", K::Count, [=](const KpiFigures& f) { return n(f.active); }},
            {"new_clients", K::Count, [=](const KpiFigures& f) { return n(f.new_clients); }},
            {"lost", K::Count, [=](const KpiFigures& f) { return n(f.lost); }},
            {"aum", K::Money, [=](const KpiFigures& f) { return cny(f.aum); }},
            {"net_inflow", K::Money, [=](const KpiFigures& f) { return cny(f.net_inflow); }},
            {"commission", K::Money, [=](const KpiFigures& f) { return cny(f.commission); }},
            {"profit_12m", K::Money, [=](const KpiFigures& f) { return cny(f.profit_12m); }},
            {"vips", K::Count, [=](const KpiFigures& f) { return n(f.vips); }},
            {"vips_entered", K::Count, [=](const KpiFigures& f) { return n(f.vips_entered); }},
            {"vips_left", K::Count, [=](const KpiFigures& f) { return n(f.vips_left); }},
            {"vip_churn", K::Share, [](const KpiFigures& f) { return f.vipChurnRate(); }},
            {"coverage", K::Share, [](const KpiFigures& f) { return f.coverageShare(); }},
            {"contacts", K::Count, [=](const KpiFigures& f) { return n(f.contacts); }},
            {"satisfaction", K::Mean, [](const KpiFigures& f) { return f.meanSatisfaction(); }},
            {"satisfaction_rated", K::Count,
             [=](const KpiFigures& f) { return n(f.satisfaction_count); }},
            {"nps", K::Mean, [](const KpiFigures& f) { return f.nps(); }},
            {"nps_answers", K::Count, [=](const KpiFigures& f) { return n(f.recommendAnswers()); }},
            {"retention", K::Share, [](const KpiFigures& f) { return f.retentionRate(); }},
            {"retention_base", K::Count, [=](const KpiFigures& f) { return n(f.retention_base); }},
        };
        for (int ch = 0; ch < kContactChannelCount; ++ch) {
            const std::string_view w = toString(static_cast<ContactChannel>(ch));
            c.push_back({"contacts_" + std::string(w.empty() ? "unknown" : w), K::Count,
                         [ch](const KpiFigures& f) {
                             std::int64_t t = 0;
                             for (std::int64_t v : f.contact_grid[static_cast<std::size_t>(ch)])
                                 t += v;
                             return static_cast<double>(t);
                         }});
        }
        for (int o = 0; o < kOutcomeCount; ++o) {
            const std::string_view w = toString(static_cast<Outcome>(o));
            c.push_back({"outcome_" + std::string(w.empty() ? "unknown" : w), K::Count,
                         [o](const KpiFigures& f) {
                             std::int64_t t = 0;
                             for (const auto& row : f.contact_grid)
                                 t += row[static_cast<std::size_t>(o)];
                             return static_cast<double>(t);
                         }});
        }
        return c;
    }();
    return kColumns;
}

Result<KpiBoard> loadKpiBoard(storage::Database& db, std::optional<KpiMonth> month,
                              int trendMonths) {
    auto months = storage::storedKpiMonths(db);
    if (!months) return months.error();
    if (months->empty())
        return makeError(ErrorCode::NotFound, "no KPI history is stored: run a refresh");
    // Default: the latest whole month (an open month runs to its as-of day only).
    std::size_t at = months->size() - 1;
    if (at > 0) {
        int y = 0, m = 0, d = 0;
        (*months)[at].second.toYmd(y, m, d);
        if (d != daysInMonth(y, m)) --at;
    }
    if (month) {
        auto it = std::find_if(months->begin(), months->end(),
                               [&](const auto& m) { return m.first == *month; });
        if (it == months->end())
            return makeError(ErrorCode::InvalidInput,
                             "no KPI figures are stored for " + kpiMonthText(*month) + " (" +
                                 kpiMonthText(months->front().first) + " to " +
                                 kpiMonthText(months->back().first) + " are)");
        at = static_cast<std::size_t>(it - months->begin());
    }
    KpiBoard board;
    board.month = (*months)[at].first;
    board.as_of = (*months)[at].second;
    {
        int y = 0, m = 0, d = 0;
        board.as_of.toYmd(y, m, d);
        board.open = d != daysInMonth(y, m);
    }
    const std::size_t first = at + 1 > static_cast<std::size_t>(std::max(1, trendMonths))
                                  ? at + 1 - static_cast<std::size_t>(std::max(1, trendMonths))
                                  : 0;
    for (std::size_t k = first; k <= at; ++k) board.trend_months.push_back((*months)[k].first);
    KpiQuery q;
    q.from = board.trend_months.front();
    q.to = board.month;
    auto lines = loadKpiLines(db, q);
    if (!lines) return lines.error();
    const KpiMonth previous = at > 0 ? (*months)[at - 1].first : 0;
    std::map<std::pair<KpiScope, std::string>, KpiBoardLine> byScope;
    for (const auto& l : *lines) {
        KpiBoardLine& b = byScope[{l.row.scope, l.row.scope_id}];
        b.scope = l.row.scope;
        b.id = l.row.scope_id;
        b.name = l.name;
        b.branch_id = l.branch_id;
        const auto slot = static_cast<std::size_t>(
            std::find(board.trend_months.begin(), board.trend_months.end(), l.row.month) -
            board.trend_months.begin());
        b.trend_commission.resize(board.trend_months.size(), 0.0);
        b.trend_profit.resize(board.trend_months.size(), 0.0);
        if (slot < board.trend_months.size()) {
            b.trend_commission[slot] = Money::fromUnits(l.row.figures.commission).toDouble();
            b.trend_profit[slot] = Money::fromUnits(l.row.figures.profit_12m).toDouble();
        }
        if (l.row.month == board.month) b.now = l.row.figures;
        if (l.row.month == previous && previous != 0) b.before = l.row.figures;
    }
    for (auto& [key, line] : byScope) {
        if (key.first == KpiScope::Firm)
            board.firm = std::move(line);
        else
            (key.first == KpiScope::Broker ? board.brokers : board.branches)
                .push_back(std::move(line));
    }
    auto review = storage::loadVipReview(db, board.month);
    if (!review) return review.error();
    board.vip_review = std::move(*review);
    auto people = storage::listBrokers(db);
    if (!people) return people.error();
    for (auto& p : *people)
        if (std::none_of(board.brokers.begin(), board.brokers.end(),
                         [&](const KpiBoardLine& l) { return l.id == p.broker_id; }))
            board.without_clients.push_back(std::move(p));
    return board;
}

PeopleTable kpiReportTable(const KpiBoard& board, phrase::Lang lang) {
    PeopleTable t;
    // Headings and the firm's name are for people: display names in both languages.
    const auto label = [&](std::string_view id) {
        return std::string(phrase::columnTitle(id, lang));
    };
    t.title =
        std::string(phrase::label("Monthly branch report", lang)) + " " + kpiMonthText(board.month);
    t.columns = {{label("month"), ColumnKind::Text}, {label("as_of"), ColumnKind::Date},
                 {label("branch"), ColumnKind::Id},  {label("branch_name"), ColumnKind::Text},
                 {label("broker"), ColumnKind::Id},  {label("broker_name"), ColumnKind::Text}};
    const auto& cols = kpiColumns();
    for (const auto& c : cols) {
        PeopleColumn pc{label(c.id), ColumnKind::Number, 0};
        if (c.kind == KpiColumnKind::Money) pc = {label(c.id), ColumnKind::Money};
        if (c.kind == KpiColumnKind::Share) pc = {label(c.id), ColumnKind::Percent, 4};
        if (c.kind == KpiColumnKind::Mean) pc = {label(c.id), ColumnKind::Number, 2};
        t.columns.push_back(pc);
    }
    // Month-over-month change of the two money figures a manager steers by.
    t.columns.push_back({label("commission_change"), ColumnKind::Percent, 4});
    t.columns.push_back({label("profit_12m_change"), ColumnKind::Percent, 4});
    std::map<std::string, std::string> branchNames;
    for (const auto& b : board.branches) branchNames[b.id] = b.name;
    const auto growth = [](std::int64_t now, std::int64_t before) -> PeopleCell {
        if (before == 0) return std::monostate{};
        return static_cast<double>(now - before) / std::abs(static_cast<double>(before));
    };
    const auto add = [&](const KpiBoardLine& l, const std::string& branchId,
                         const std::string& brokerId, const std::string& brokerName) {
        std::vector<PeopleCell> row{
            kpiMonthText(board.month),
            board.as_of,
            branchId,
            branchId.empty() && l.scope == KpiScope::Firm ? label("firm") : branchNames[branchId],
            brokerId,
            brokerName};
        for (const auto& c : cols) {
            const double v = c.value(l.now);
            if (c.kind == KpiColumnKind::Money)
                row.emplace_back(Money::fromDouble(v));
            else
                row.emplace_back(v);
        }
        row.push_back(l.before ? growth(l.now.commission, l.before->commission)
                               : PeopleCell{std::monostate{}});
        row.push_back(l.before ? growth(l.now.profit_12m, l.before->profit_12m)
                               : PeopleCell{std::monostate{}});
        t.rows.push_back(std::move(row));
    };
    for (const auto& br : board.branches) {
        add(br, br.id, "", "");
        for (const auto& b : board.brokers)
            if (b.branch_id == br.id) add(b, br.id, b.id, b.name);
    }
    // Brokers without a branch, or of a branch with no row, are not lost.
    for (const auto& b : board.brokers)
        if (!branchNames.count(b.branch_id)) add(b, b.branch_id, b.id, b.name);
    if (board.firm) add(*board.firm, "", "", "");
    return t;
}

const KpiBoardLine* kpiHeadline(const KpiBoard& board) {
    if (board.firm) return &*board.firm;
    if (board.branches.size() == 1) return &board.branches.front();
    if (board.branches.empty() && board.brokers.size() == 1) return &board.brokers.front();
    return nullptr;
}

Result<std::vector<std::pair<KpiMonth, Date>>> kpiMonths(storage::Database& db) {
    return storage::storedKpiMonths(db);
}

Status ensureKpiHistory(storage::Database& db) {
    auto months = kpiMonths(db);
    if (!months) return months.error();
    if (!months->empty()) return Status::success();
    auto s = updateKpiHistory(db, {});
    if (!s) return s.error();
    return Status::success();
}

} // namespace bd::services
