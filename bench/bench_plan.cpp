// The follow-up plan through the service, on a synthetic book of 100,000 clients and 250 brokers
// in 10 branches (built once by SQL into a temp file, deterministic). Targets (issue #5): the
// planner on prepared signals <= 1 s for the branch; one broker's day <= 20 ms; a 30-call list
// to CSV / XLSX <= 200 ms. The full path from the book (SQL adapter + triggers + planner + save)
// is reported separately. Figures: docs/performance.md (scheduling).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <stdexcept>

#include "analytics/scheduler.h"
#include "analytics/triggers.h"
#include "services/calllistexport.h"
#include "services/calllistrows.h"
#include "services/planinputs.h"
#include "services/planitems.h"
#include "services/planrebuild.h"
#include "storage/schema/schema.h"

using namespace bd;

namespace {

constexpr int kClients = 100000;
const Date kAsOf = Date::fromYmd(2026, 11, 20);

std::string bookPath() {
    return (std::filesystem::temp_directory_path() / "bd_bench_plan_100k.bdbook").string();
}

void check(const Status& s) {
    if (!s) throw std::runtime_error(s.error().toString());
}

template <typename T>
T must(Result<T> r) {
    if (!r) throw std::runtime_error(r.error().toString());
    return std::move(*r);
}

/// The synthetic book: hashes of the client number stand in for randomness.
void buildBook(storage::Database& db) {
    const std::string a = std::to_string(kAsOf.days);
    const std::string sql =
        "BEGIN;"
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9) "
        "INSERT INTO branches(branch_id, name) SELECT 'BR' || i, 'Branch ' || i FROM n;"
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 249) "
        "INSERT INTO brokers(broker_id, name, branch_id) SELECT printf('B%03d', i), 'Broker ' || "
        "i, 'BR' || (i % 10) FROM n;"
        "INSERT INTO securities(security_code, name, board, risk_level) VALUES ('600000.SH', "
        "'Bank', 1, 2), ('300750.SZ', 'Battery', 2, 4);"
        "CREATE TEMP TABLE h AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
        "WHERE i < " +
        std::to_string(kClients) +
        ") SELECT i, (i * 2654435761) % 1000003 AS h1, (i * 40503 + 7) % 999983 AS h2 FROM n;"
        "INSERT INTO clients(id, client_id, name, phone, broker_id, open_date, birth_date, "
        "risk_level, preferred_channel) SELECT i, printf('C%06d', i), 'Client ' || i, '138' || "
        "printf('%08d', i), printf('B%03d', i % 250), " +
        a + " - 20 - h1 % 3000, " + std::to_string(Date::fromYmd(1960, 1, 1).days) +
        " + h2 % 14600, 1 + i % 5, CASE WHEN i % 23 = 0 THEN 5 WHEN i % 7 = 0 THEN 3 ELSE 1 END "
        "FROM h;"
        "INSERT INTO analytics_runs(id, kind, started_at, parameters) VALUES (1, 'value', "
        "'2026-11-20 08:00:00', '{}');"
        "INSERT INTO client_scores(run_id, client_ref, aum, trades_12m, commission_12m, "
        "interest_12m, handling_cost_12m, service_cost_12m, maintenance_12m, profit_12m, "
        "recency_days, frequency, p_alive, expected_trades_12m, "
        "expected_commission_per_trade_day, clv_12m, value_score, value_rank, vip, churn_risk) "
        "SELECT 1, i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (h2 % 100) / 100.0, 0, 0, 0, h1 % 1000, i, "
        "i % 50 = 0, 0 FROM h;"
        "INSERT INTO segment_runs(run_id, clients, k) VALUES (1, " +
        std::to_string(kClients) +
        ", 5);"
        "INSERT INTO segments(run_id, segment_id, name_zh, name_en, relationship_type, "
        "client_level, margin_level, size, client_share) VALUES (1, 0, '基本', 'Basic', 0, 2, 0, "
        "0, 0.2), (1, 1, '被动', 'Reactive', 1, 2, 1, 0, 0.2), (1, 2, '负责', 'Accountable', 2, "
        "1, 1, 0, 0.2), (1, 3, '能动', 'Proactive', 3, 1, 2, 0, 0.2), (1, 4, '伙伴', "
        "'Partnership', 4, 0, 2, 0, 0.2);"
        "INSERT INTO segment_labels(run_id, client_ref, segment_id) SELECT 1, i, h1 % 5 FROM h;"
        "INSERT INTO assets(client_ref, date, cash, market_value, net_inflow) SELECT i, " +
        a +
        " - 35, (100000 + h1 % 900000) * 10000, 0, NULL FROM h;"
        "INSERT INTO assets(client_ref, date, cash, market_value, net_inflow) SELECT i, " +
        a +
        " - 5, (100000 + h1 % 900000) * (70 + h2 % 60) * 100, 0, CASE WHEN i % 2 = 0 THEN NULL "
        "ELSE -(100000 + h1 % 900000) * (h2 % 40) * 100 END FROM h;"
        "INSERT INTO contacts(client_ref, broker_id, contact_time, channel, outcome, "
        "satisfaction, next_follow_up) SELECT i, printf('B%03d', i % 250), (" +
        a +
        " - h2 % 120) * 86400 + 36000, 1, CASE WHEN i % 97 = 0 THEN 4 WHEN i % 13 = 0 THEN 2 "
        "ELSE 1 END, CASE WHEN i % 3 = 0 THEN 1 + h1 % 5 END, CASE WHEN i % 11 = 0 THEN " +
        a +
        " + h1 % 15 END FROM h;"
        "INSERT INTO positions(client_ref, date, security_code, quantity, close_price) SELECT i, " +
        a +
        " - 1, '600000.SH', 100, 100000 FROM h WHERE i % 5 = 0;"
        "INSERT INTO positions(client_ref, date, security_code, quantity, close_price) SELECT i, " +
        a +
        " - 1, '300750.SZ', 100, 2000000 FROM h WHERE i % 5 = 0;"
        "DROP TABLE h;"
        "COMMIT;";
    check(db.exec(sql));
}

storage::Database& book() {
    static std::optional<storage::Database> db = [] {
        const std::string path = bookPath();
        for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
        auto d = storage::openBook(path);
        if (!d) throw std::runtime_error(d.error().toString());
        buildBook(*d);
        return std::optional<storage::Database>(std::move(*d));
    }();
    return *db;
}

services::PlanOptions options() {
    services::PlanOptions o;
    o.as_of = kAsOf;
    return o;
}

/// Triggers + planner for the whole book on signals already read (what the 1 s target is for).
void BM_PlanFromSignals(benchmark::State& state) {
    const auto in = must(services::loadPlanInputs(book(), options()));
    std::size_t planned = 0, dropped = 0, items = 0;
    for (auto _ : state) {
        auto callItems = analytics::buildCallItems(in.client_signals, in.as_of, in.calendar);
        auto plan = analytics::planCalls(callItems, in.brokers, in.booked, in.as_of, in.calendar,
                                         in.scheduler);
        items = callItems.size();
        planned = plan->calls.size();
        dropped = plan->dropped.size();
        benchmark::DoNotOptimize(plan);
    }
    state.counters["clients"] = static_cast<double>(in.client_signals.size());
    state.counters["items"] = static_cast<double>(items);
    state.counters["planned"] = static_cast<double>(planned);
    state.counters["dropped"] = static_cast<double>(dropped);
}
BENCHMARK(BM_PlanFromSignals)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

/// The SQL adapter alone: one set-based query per kind of data.
void BM_LoadPlanInputs(benchmark::State& state) {
    book();
    for (auto _ : state) {
        auto in = services::loadPlanInputs(book(), options());
        benchmark::DoNotOptimize(in);
    }
}
BENCHMARK(BM_LoadPlanInputs)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

/// The full service path from the book: read, triggers, plan, replace the stored plan.
void BM_RebuildPlanFromBook(benchmark::State& state) {
    book();
    services::PlanSummary last;
    for (auto _ : state) {
        last = must(services::rebuildPlan(book(), options()));
    }
    state.counters["load_ms"] = last.timings.load_ms;
    state.counters["triggers_ms"] = last.timings.triggers_ms;
    state.counters["plan_ms"] = last.timings.plan_ms;
    state.counters["save_ms"] = last.timings.save_ms;
    state.counters["planned"] = static_cast<double>(last.planned);
}
BENCHMARK(BM_RebuildPlanFromBook)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

/// One broker's day from the stored plan, as the Today view reads it.
void BM_LoadBrokerDay(benchmark::State& state) {
    must(services::rebuildPlan(book(), options()));
    std::size_t n = 0;
    for (auto _ : state) {
        auto items = services::loadBrokerPlan(book(), "B007", kAsOf, kAsOf);
        n = items->size();
        benchmark::DoNotOptimize(items);
    }
    state.counters["items"] = static_cast<double>(n);
}
BENCHMARK(BM_LoadBrokerDay)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Planning one broker's day from its clients' signals (400 clients, capacity 30).
void BM_PlanOneBrokerDayFromSignals(benchmark::State& state) {
    auto in = services::loadPlanInputs(book(), options());
    std::vector<analytics::ClientSignals> mine;
    for (const auto& s : in->client_signals)
        if (s.broker_id == "B007") mine.push_back(s);
    auto cfg = in->scheduler;
    cfg.horizon_working_days = 1;
    analytics::TriggerConfig tcfg;
    tcfg.horizon_working_days = 1;
    for (auto _ : state) {
        auto items = analytics::buildCallItems(mine, in->as_of, in->calendar, tcfg);
        auto plan =
            analytics::planCalls(items, in->brokers, in->booked, in->as_of, in->calendar, cfg);
        benchmark::DoNotOptimize(plan);
    }
    state.counters["clients"] = static_cast<double>(mine.size());
}
BENCHMARK(BM_PlanOneBrokerDayFromSignals)->Unit(benchmark::kMillisecond)->UseRealTime();

/// A 30-call list from the stored plan to a file (read + rows + write).
void exportList(benchmark::State& state, bool xlsx) {
    must(services::rebuildPlan(book(), options()));
    const std::string out = (std::filesystem::temp_directory_path() /
                             (xlsx ? "bd_bench_plan_list.xlsx" : "bd_bench_plan_list.csv"))
                                .string();
    std::size_t n = 0;
    for (auto _ : state) {
        auto items = services::loadBrokerPlan(book(), "B007", kAsOf, kAsOf);
        services::CallListOptions o;
        o.mask_phone = true;
        const auto rows = services::callListRowsFor(*items, o);
        n = rows.size();
        check(xlsx ? services::writeCallListXlsx(out, rows)
                   : services::writeCallListCsv(out, rows));
    }
    state.counters["rows"] = static_cast<double>(n);
}
void BM_ExportCallListCsv(benchmark::State& state) {
    exportList(state, false);
}
void BM_ExportCallListXlsx(benchmark::State& state) {
    exportList(state, true);
}
BENCHMARK(BM_ExportCallListCsv)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ExportCallListXlsx)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
