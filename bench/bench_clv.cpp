// Lifetime-value fits at book scale: 100,000 simulated clients with integer trade days.
// Run: build/<dir>/bench/bench_clv
#include <benchmark/benchmark.h>

#include <random>

#include "analytics/clv.h"

namespace {

using namespace bd::analytics;

/// Clients with first trades spread over two years before the calibration end, trading as
/// BG/NBD customers (rates per day) with Gamma-Gamma values per trade day.
std::vector<std::vector<Purchase>> simulateBook(int clients, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::gamma_distribution<double> lambdaDist(0.6, 1.0 / 30.0); // mean one trade / 50 days
    std::gamma_distribution<double> ga(0.8, 1.0), gb(3.0, 1.0);
    std::gamma_distribution<double> nuDist(4.0, 1.0 / 150.0);
    std::uniform_int_distribution<int> start(0, 729);
    std::uniform_real_distribution<double> unif(0.0, 1.0);
    std::vector<std::vector<Purchase>> book(static_cast<std::size_t>(clients));
    for (auto& days : book) {
        const double lambda = lambdaDist(rng), u = ga(rng), v = gb(rng), drop = u / (u + v);
        std::gamma_distribution<double> value(6.0, 1.0 / nuDist(rng));
        const int first = start(rng);
        double t = first;
        days.push_back({first, value(rng)});
        std::exponential_distribution<double> gap(lambda);
        while (true) {
            t += gap(rng);
            if (t >= 730) break;
            days.push_back({static_cast<std::int32_t>(t), value(rng)});
            if (unif(rng) < drop) break;
        }
    }
    return book;
}

void BM_ClvFit(benchmark::State& state, TimeUnit unit) {
    const auto book = simulateBook(static_cast<int>(state.range(0)), 42);
    const bd::Date end{729};
    for (auto _ : state) {
        auto summary = summarizeCustomers(book, end, unit);
        auto models = fitClvModels(*summary);
        if (!models) {
            state.SkipWithError(models.error().message.c_str());
            return;
        }
        auto pred = predictClv(summary->rfm, summary->m_x, models->bgnbd.params,
                               models->gamma_gamma.params, horizonUnits(unit, 52));
        benchmark::DoNotOptimize(pred);
        state.counters["distinct_rows"] = static_cast<double>(models->bgnbd.distinct_rows);
        state.counters["bg_evals"] = models->bgnbd.evaluations;
        state.counters["gg_iters"] = models->gamma_gamma.iterations;
    }
}

void BM_BgNbdFitOnly(benchmark::State& state) {
    const auto book = simulateBook(static_cast<int>(state.range(0)), 42);
    auto summary = summarizeCustomers(book, bd::Date{729}, TimeUnit::Day);
    for (auto _ : state) benchmark::DoNotOptimize(fitBgNbd(summary->rfm));
}

} // namespace

BENCHMARK_CAPTURE(BM_ClvFit, days, TimeUnit::Day)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_ClvFit, weeks, TimeUnit::Week)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK(BM_BgNbdFitOnly)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
