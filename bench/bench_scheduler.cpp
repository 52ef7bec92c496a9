// Planner speed on a synthetic branch: 100,000 clients, 250 brokers, 10 working days.
// Targets: the whole branch <= 1 s, one broker's day <= 20 ms.
#include <benchmark/benchmark.h>

#include <random>

#include "analytics/scheduler.h"
#include "analytics/triggers.h"

using namespace bd;
using namespace bd::analytics;

namespace {

const Date kStart = Date::fromYmd(2025, 9, 26);

/// One CallItem per client: mixed channels, deadlines and contact hours, fixed seed.
std::vector<CallItem> syntheticItems(int clients, int brokers) {
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> dueOffset(-20, 20);
    std::uniform_real_distribution<double> prio(0.05, 6.0);
    const char* hours[] = {
        "", "", "09:30-11:30", "14:00-17:00", "19:00-21:00", "09:00-10:00,16:00-17:00"};
    std::vector<CallItem> items;
    items.reserve(static_cast<std::size_t>(clients));
    for (int i = 0; i < clients; ++i) {
        CallItem it;
        it.client_ref = i + 1;
        it.client_id = "C" + std::to_string(i + 1);
        it.broker_id = "B" + std::to_string(i % brokers);
        it.earliest = rng() % 10 == 0 ? kStart.addDays(static_cast<int>(rng() % 10)) : kStart;
        it.due = kStart.addDays(dueOffset(rng));
        if (it.due < it.earliest) it.due = it.earliest;
        it.priority = prio(rng);
        it.cadence_days = 30;
        const auto ch = rng() % 10;
        it.channel = ch == 0   ? ContactChannel::Visit
                     : ch == 1 ? ContactChannel::Wechat
                               : ContactChannel::Phone;
        it.contact_hours = hours[rng() % 6];
        items.push_back(std::move(it));
    }
    return items;
}

void BM_PlanBranch(benchmark::State& state) {
    const auto items = syntheticItems(100000, 250);
    const Calendar& cal = Calendar::builtinChina();
    std::size_t planned = 0, dropped = 0;
    for (auto _ : state) {
        auto plan = planCalls(items, {}, {}, kStart, cal, {});
        planned = plan->calls.size();
        dropped = plan->dropped.size();
        benchmark::DoNotOptimize(plan);
    }
    state.counters["planned"] = static_cast<double>(planned);
    state.counters["dropped"] = static_cast<double>(dropped);
}
BENCHMARK(BM_PlanBranch)->Unit(benchmark::kMillisecond);

/// The same branch with a deadline on every item due on or after the first day (its due date,
/// as the triggers set it): the deadlines-first passes and the shortfalls at full size.
void BM_PlanBranchWithDeadlines(benchmark::State& state) {
    auto items = syntheticItems(100000, 250);
    for (auto& it : items)
        if (it.due >= kStart) {
            it.deadline = it.due;
            it.deadline_kind = ReasonKind::AssetOutflow;
        }
    const Calendar& cal = Calendar::builtinChina();
    std::size_t planned = 0, missed = 0;
    for (auto _ : state) {
        auto plan = planCalls(items, {}, {}, kStart, cal, {});
        planned = plan->calls.size();
        missed = plan->shortfalls.size();
        benchmark::DoNotOptimize(plan);
    }
    state.counters["planned"] = static_cast<double>(planned);
    state.counters["missed"] = static_cast<double>(missed);
}
BENCHMARK(BM_PlanBranchWithDeadlines)->Unit(benchmark::kMillisecond);

void BM_PlanOneBrokerDay(benchmark::State& state) {
    const auto items = syntheticItems(400, 1);
    const Calendar& cal = Calendar::builtinChina();
    SchedulerConfig cfg;
    cfg.horizon_working_days = 1;
    for (auto _ : state) {
        auto plan = planCalls(items, {}, {}, kStart, cal, cfg);
        benchmark::DoNotOptimize(plan);
    }
}
BENCHMARK(BM_PlanOneBrokerDay)->Unit(benchmark::kMillisecond);

void BM_BuildCallItems(benchmark::State& state) {
    std::mt19937 rng(7);
    std::vector<ClientSignals> clients(100000);
    for (std::size_t i = 0; i < clients.size(); ++i) {
        ClientSignals& c = clients[i];
        c.client_ref = static_cast<std::int64_t>(i + 1);
        c.broker_id = "B" + std::to_string(i % 250);
        c.value_score = static_cast<double>(rng() % 1000);
        c.open_date = kStart.addDays(-static_cast<int>(rng() % 2000));
        c.cadence_days = 30;
        c.last_contact = kStart.addDays(-static_cast<int>(rng() % 120));
        c.p_alive = static_cast<double>(rng() % 100) / 100.0;
        c.birth_date =
            Date::fromYmd(1960 + static_cast<int>(rng() % 40), 1 + static_cast<int>(rng() % 12),
                          1 + static_cast<int>(rng() % 28));
        c.aum_previous = Money::fromYuan(100000 + static_cast<int>(rng() % 900000));
        c.aum_current = Money::fromYuan(100000 + static_cast<int>(rng() % 900000));
    }
    assignValuePercentiles(clients);
    const Calendar& cal = Calendar::builtinChina();
    std::size_t n = 0;
    for (auto _ : state) {
        auto items = buildCallItems(clients, kStart, cal);
        n = items.size();
        benchmark::DoNotOptimize(items);
    }
    state.counters["items"] = static_cast<double>(n);
}
BENCHMARK(BM_BuildCallItems)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
