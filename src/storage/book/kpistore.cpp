#include "storage/book/kpistore.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/survey.h"
#include "storage/db/columns.h"
#include "storage/schema/tradelayout.h"

namespace bd::storage {
namespace {

constexpr auto kKpiKeyColumns =
    columnList(column("month", &KpiRow::month), column("scope", &KpiRow::scope),
               column("scope_id", &KpiRow::scope_id), column("as_of", &KpiRow::as_of),
               column("computed_at", &KpiRow::computed_at));

constexpr auto kKpiFigureColumns = columnList(
    column("clients", &KpiFigures::clients), column("active", &KpiFigures::active),
    column("new_clients", &KpiFigures::new_clients), column("lost", &KpiFigures::lost),
    column("aum", &KpiFigures::aum), column("net_inflow", &KpiFigures::net_inflow),
    column("commission", &KpiFigures::commission), column("profit_12m", &KpiFigures::profit_12m),
    column("vips", &KpiFigures::vips), column("vips_entered", &KpiFigures::vips_entered),
    column("vips_left", &KpiFigures::vips_left),
    column("cadence_clients", &KpiFigures::cadence_clients),
    column("covered", &KpiFigures::covered), column("contacts", &KpiFigures::contacts),
    column("satisfaction_sum", &KpiFigures::satisfaction_sum),
    column("satisfaction_count", &KpiFigures::satisfaction_count),
    column("retention_base", &KpiFigures::retention_base),
    column("retained", &KpiFigures::retained), column("promoters", &KpiFigures::promoters),
    column("passives", &KpiFigures::passives), column("detractors", &KpiFigures::detractors));

constexpr auto kVipChangeColumns = columnList(
    column("client_ref", &VipChange::client_ref), column("kind", &VipChange::kind),
    column("profit_12m", &VipChange::profit_12m),
    column("prev_profit_12m", &VipChange::prev_profit_12m), column("cut_off", &VipChange::cut_off),
    column("prev_cut_off", &VipChange::prev_cut_off));

/// The WHERE clause of a query (parameters ?1 scope, ?2 scope_id, ?3 from, ?4 to).
constexpr std::string_view kQueryWhere =
    " WHERE (?1 = 0 OR scope = ?1) AND (?2 = '' OR scope_id = ?2) AND (?3 = 0 OR month >= ?3) "
    "AND (?4 = 0 OR month <= ?4)";

} // namespace

Result<std::vector<KpiClientRow>> loadKpiClients(Database& db) {
    return queryRows(
        db,
        "SELECT c.id, c.client_id, c.broker_id, COALESCE(c.branch_id, b.branch_id, ''), "
        "c.open_date, c.status FROM clients c LEFT JOIN brokers b ON b.broker_id = c.broker_id "
        "ORDER BY c.id",
        [](const Statement& r) {
            KpiClientRow c;
            c.ref = r.int64(0);
            c.client_id.assign(r.textView(1));
            c.broker_id.assign(r.textView(2));
            c.branch_id.assign(r.textView(3));
            c.open_date = Date{static_cast<std::int32_t>(r.int64(4))};
            c.status = enumFromCode<ClientStatus>(r.int64(5)).value_or(ClientStatus::Unknown);
            return c;
        });
}

Status loadKpiHistory(Database& db, std::int64_t lo, std::int64_t hi, KpiHistoryRows& out,
                      std::optional<Date> from) {
    out.days.clear();
    out.snapshots.clear();
    out.contacts.clear();
    auto days = loadTradeDays(db, lo, hi, from ? from->days : INT64_MIN);
    if (!days) return days.error();
    out.days = std::move(*days);
    // Driven by the clients: per client one seek for the latest row before `from` (its date
    // is the range's start), then the key range from there. Without `from`, everything.
    const std::int64_t fromDay = from ? from->days : INT64_MIN;
    auto snapshots = queryRows(
        db,
        "SELECT a.client_ref, a.date, a.cash, a.cash + a.market_value, COALESCE(a.net_inflow, 0) "
        "FROM clients c JOIN assets a ON a.client_ref = c.id AND a.date >= COALESCE((SELECT "
        "max(b.date) FROM assets b WHERE b.client_ref = c.id AND b.date < ?3), ?3) "
        "WHERE c.id BETWEEN ?1 AND ?2 ORDER BY c.id, a.date",
        [](const Statement& r) {
            return KpiSnapshotRow{r.int64(0), r.date(1), r.int64(2), r.int64(3), r.int64(4)};
        },
        lo, hi, fromDay);
    if (!snapshots) return snapshots.error();
    out.snapshots = std::move(*snapshots);
    // contacts_for_kpi (schema v9) covers this: no row with its notes is read.
    const std::int64_t fromTime = from ? static_cast<std::int64_t>(from->days) * 86400 : INT64_MIN;
    auto contacts = queryRows(
        db,
        "SELECT k.client_ref, k.contact_time, k.channel, k.outcome, COALESCE(k.satisfaction, 0), "
        "COALESCE((SELECT a.score FROM survey_answers a WHERE a.contact_id = k.id AND "
        "a.item = ?4), -1) FROM clients c JOIN contacts k ON k.client_ref = c.id AND k.void_reason "
        "IS NULL AND "
        "k.contact_time >= COALESCE((SELECT max(j.contact_time) FROM contacts j WHERE "
        "j.client_ref = c.id AND j.void_reason IS NULL AND j.contact_time < ?3), ?3) "
        "WHERE c.id BETWEEN ?1 AND ?2 ORDER BY c.id, k.contact_time",
        [](const Statement& r) {
            return KpiContactRow{r.int64(0), r.dateTime(1), r.int32(2),
                                 r.int32(3), r.int32(4),    r.int32(5)};
        },
        lo, hi, fromTime, kRecommendItem);
    if (!contacts) return contacts.error();
    out.contacts = std::move(*contacts);
    return {};
}

Result<std::optional<Date>> firstHistoryDate(Database& db) {
    auto st = db.prepare(kFirstTradeTimeSql);
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    if (*r && !st->isNull(0)) return std::optional<Date>{DateTime{st->int64(0)}.date()};
    auto sn = db.prepare("SELECT min(date) FROM assets");
    if (!sn) return sn.error();
    r = sn->step();
    if (!r) return r.error();
    if (*r && !sn->isNull(0))
        return std::optional<Date>{Date{static_cast<std::int32_t>(sn->int64(0))}};
    return std::optional<Date>{};
}

Status saveKpiMonths(Database& db, const std::vector<KpiRow>& rows,
                     const std::vector<KpiVipChangeRow>& changes, bool replaceAll) {
    std::vector<KpiMonth> months;
    for (const auto& r : rows) months.push_back(r.month);
    for (const auto& c : changes) months.push_back(c.month);
    std::sort(months.begin(), months.end());
    months.erase(std::unique(months.begin(), months.end()), months.end());
    Transaction tx(db);
    if (!tx.began()) return tx.began();
    if (replaceAll)
        if (auto s = db.exec("DELETE FROM kpi_months; DELETE FROM kpi_contacts; "
                             "DELETE FROM kpi_vip_changes;");
            !s)
            return s;
    for (const char* table : {"kpi_months", "kpi_contacts", "kpi_vip_changes"}) {
        auto del = db.prepare(std::string("DELETE FROM ") + table + " WHERE month = ?1");
        if (!del) return del.error();
        for (KpiMonth m : months) {
            del->reset();
            del->bind(1, static_cast<std::int64_t>(m));
            if (auto s = del->run(); !s) return s;
        }
    }
    // The key columns and the figures' columns, bound in that order (two lists, one table).
    std::string params;
    for (std::size_t i = 1; i <= kKpiKeyColumns.size + kKpiFigureColumns.size; ++i)
        params += (i > 1 ? ", ?" : "?") + std::to_string(i);
    auto ins = db.prepare("INSERT INTO kpi_months(" + selectList(kKpiKeyColumns) + ", " +
                          selectList(kKpiFigureColumns) + ") VALUES (" + params + ")");
    if (!ins) return ins.error();
    auto grid = db.prepare("INSERT INTO kpi_contacts(month, scope, scope_id, channel, outcome, "
                           "contacts) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!grid) return grid.error();
    for (const auto& r : rows) {
        ins->reset();
        bindColumns(*ins, bindColumns(*ins, 1, kKpiKeyColumns, r), kKpiFigureColumns, r.figures);
        if (auto s = ins->run(); !s) return s;
        for (std::size_t ch = 0; ch < r.figures.contact_grid.size(); ++ch)
            for (std::size_t o = 0; o < r.figures.contact_grid[ch].size(); ++o) {
                const std::int64_t n = r.figures.contact_grid[ch][o];
                if (n == 0) continue;
                grid->reset();
                grid->bindAll(static_cast<std::int64_t>(r.month), r.scope,
                              std::string_view(r.scope_id), static_cast<std::int64_t>(ch),
                              static_cast<std::int64_t>(o), n);
                if (auto s = grid->run(); !s) return s;
            }
    }
    auto vc = db.prepare(insertSql("kpi_vip_changes", kVipChangeColumns, {"month"}));
    if (!vc) return vc.error();
    for (const auto& c : changes) {
        vc->reset();
        vc->bind(1, static_cast<std::int64_t>(c.month));
        bindColumns(*vc, 2, kVipChangeColumns, c.change);
        if (auto s = vc->run(); !s) return s;
    }
    return tx.commit();
}

Result<std::vector<KpiRow>> loadKpiMonths(Database& db, const KpiQuery& q) {
    auto st = db.prepare("SELECT " + selectList(kKpiKeyColumns) + ", " +
                         selectList(kKpiFigureColumns) + " FROM kpi_months" +
                         std::string(kQueryWhere) + " ORDER BY month, scope, scope_id");
    if (!st) return st.error();
    auto bindQuery = [&](Statement& s) {
        s.bindAll(q.scope, std::string_view(q.scope_id), static_cast<std::int64_t>(q.from),
                  static_cast<std::int64_t>(q.to));
    };
    bindQuery(*st);
    std::vector<KpiRow> out;
    if (auto s = st->forEach([&](const Statement& r) {
            KpiRow row;
            readColumns(r, readColumns(r, 0, kKpiKeyColumns, row), kKpiFigureColumns, row.figures);
            out.push_back(std::move(row));
        });
        !s)
        return s.error();
    // The rows are in key order: each grid cell finds its row by binary search.
    auto grid = db.prepare("SELECT month, scope, scope_id, channel, outcome, contacts FROM "
                           "kpi_contacts" +
                           std::string(kQueryWhere));
    if (!grid) return grid.error();
    bindQuery(*grid);
    const auto key = [](const KpiRow& r) {
        return std::tuple<KpiMonth, int, std::string_view>(r.month, static_cast<int>(r.scope),
                                                           r.scope_id);
    };
    if (auto s = grid->forEach([&](const Statement& r) {
            const std::tuple<KpiMonth, int, std::string_view> k(static_cast<KpiMonth>(r.int64(0)),
                                                                r.int32(1), r.textView(2));
            auto it = std::lower_bound(out.begin(), out.end(), k,
                                       [&](const KpiRow& x, const auto& y) { return key(x) < y; });
            if (it == out.end() || key(*it) != k) return;
            const auto ch = static_cast<std::size_t>(r.int64(3));
            const auto o = static_cast<std::size_t>(r.int64(4));
            if (ch < it->figures.contact_grid.size() && o < it->figures.contact_grid[ch].size())
                it->figures.contact_grid[ch][o] = r.int64(5);
        });
        !s)
        return s.error();
    return out;
}

Result<std::vector<std::pair<KpiMonth, Date>>> storedKpiMonths(Database& db) {
    // Every scope of a month is written together, as of one day; any scope the book shows
    // names the month (a branch server's copy holds only the login's branch or broker rows).
    return queryRows(
        db, "SELECT month, min(as_of) FROM kpi_months GROUP BY month ORDER BY month",
        [](const Statement& r) { return std::pair(static_cast<KpiMonth>(r.int64(0)), r.date(1)); });
}

Result<std::vector<KpiScopeName>> loadKpiScopeNames(Database& db) {
    return queryRows(
        db,
        "SELECT ?1, broker_id, name, COALESCE(branch_id, '') FROM brokers "
        "UNION ALL SELECT ?2, branch_id, name, branch_id FROM branches ORDER BY 1 DESC, 2",
        [](const Statement& r) {
            return KpiScopeName{r.enumAt<KpiScope>(0), r.text(1), r.text(2), r.text(3)};
        },
        KpiScope::Broker, KpiScope::Branch);
}

Result<std::vector<KpiVipReviewRow>> loadVipReview(Database& db, KpiMonth month) {
    return queryRows(
        db,
        "SELECT " + selectList(kVipChangeColumns, "v.") +
            ", COALESCE(c.client_id, ''), COALESCE(c.name, ''), COALESCE(c.broker_id, '') "
            "FROM kpi_vip_changes v LEFT JOIN clients c ON c.id = v.client_ref WHERE v.month = ?1 "
            "ORDER BY v.kind >= ?2, v.profit_12m DESC, v.client_ref",
        [](const Statement& r) {
            KpiVipReviewRow row;
            const int next = readColumns(r, 0, kVipChangeColumns, row.change);
            row.client_id.assign(r.textView(next));
            row.name.assign(r.textView(next + 1));
            row.broker_id.assign(r.textView(next + 2));
            return row;
        },
        static_cast<std::int64_t>(month), VipChangeKind::LeftProfitFell);
}

} // namespace bd::storage
