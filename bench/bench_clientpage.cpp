// Client book paging on a 100,000-client book: first page per sort key, a deep page, search,
// count, one client's detail and the summary refresh. The book is generated once into
// $TMPDIR/bd_bench_clients_100k.bdbook (delete it to regenerate).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>

#include "../tests/support/syntheticbook.h"
#include "storage/book/clientqueries.h"
#include "storage/book/clientsummary.h"
#include "storage/schema/schema.h"

using namespace bd;
using namespace bd::storage;

namespace {

constexpr int kClients = 100000;

Database& book() {
    static Database* db = [] {
        const auto path =
            (std::filesystem::temp_directory_path() / "bd_bench_clients_100k.bdbook").string();
        const bool exists = std::filesystem::exists(path);
        auto opened = openBook(path);
        if (!opened) {
            std::fprintf(stderr, "%s\n", opened.error().toString().c_str());
            std::exit(1);
        }
        auto* d = new Database(std::move(*opened));
        if (!exists) {
            bdtest::SyntheticBookSpec spec;
            spec.clients = kClients;
            spec.brokers = 80;
            spec.trades_per_client = 10;
            spec.contacts_per_client = 3;
            spec.snapshots_per_client = 3;
            if (!bdtest::fillSyntheticBook(*d, spec)) std::exit(1);
        }
        if (!ensureClientSummaryFresh(*d)) std::exit(1);
        return d;
    }();
    return *db;
}

void firstPage(benchmark::State& state, ClientSortKey key, bool desc) {
    auto& db = book();
    ClientQuery q;
    q.sort = key;
    q.descending = desc;
    for (auto _ : state) {
        auto page = fetchClientPage(db, q, std::nullopt);
        if (!page || page->size() != 200u) state.SkipWithError("bad page");
        benchmark::DoNotOptimize(page);
    }
}

void BM_FirstPage(benchmark::State& state) {
    firstPage(state, static_cast<ClientSortKey>(state.range(0)), state.range(1) != 0);
}
// ClientId, Name, Broker, Branch, OpenDate, Aum, Trades12m, LastContact x asc/desc.
BENCHMARK(BM_FirstPage)
    ->ArgsProduct({{0, 1, 2, 3, 4, 5, 6, 7}, {0, 1}})
    ->Unit(benchmark::kMillisecond);

// The page after row 20,000 (a user who scrolled through 100 pages).
void BM_DeepPage(benchmark::State& state) {
    auto& db = book();
    ClientQuery q;
    q.sort = static_cast<ClientSortKey>(state.range(0));
    q.descending = true;
    q.page_size = 20000;
    auto skip = fetchClientPage(db, q, std::nullopt);
    const auto cursor = cursorAfter(skip->back(), q.sort);
    q.page_size = 200;
    for (auto _ : state) {
        auto page = fetchClientPage(db, q, cursor);
        if (!page || page->size() != 200u) state.SkipWithError("bad page");
        benchmark::DoNotOptimize(page);
    }
}
BENCHMARK(BM_DeepPage)->Arg(1)->Arg(4)->Arg(5)->Unit(benchmark::kMillisecond);

void BM_SearchAndCount(benchmark::State& state) {
    auto& db = book();
    static const char* kSearch[] = {"王", "C00123", "138", "c0099999"};
    ClientQuery q;
    q.search = kSearch[state.range(0)];
    q.sort = ClientSortKey::Aum;
    q.descending = true;
    for (auto _ : state) {
        auto page = fetchClientPage(db, q, std::nullopt);
        auto n = countClients(db, q);
        benchmark::DoNotOptimize(page);
        benchmark::DoNotOptimize(n);
    }
}
BENCHMARK(BM_SearchAndCount)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

void BM_BrokerFilterSortedByAum(benchmark::State& state) {
    auto& db = book();
    ClientQuery q;
    q.broker_id = "B007";
    q.sort = ClientSortKey::Aum;
    q.descending = true;
    for (auto _ : state) {
        auto page = fetchClientPage(db, q, std::nullopt);
        auto n = countClients(db, q);
        benchmark::DoNotOptimize(page);
        benchmark::DoNotOptimize(n);
    }
}
BENCHMARK(BM_BrokerFilterSortedByAum)->Unit(benchmark::kMillisecond);

void BM_CountAll(benchmark::State& state) {
    auto& db = book();
    for (auto _ : state) benchmark::DoNotOptimize(countClients(db, ClientQuery{}));
}
BENCHMARK(BM_CountAll)->Unit(benchmark::kMillisecond);

void BM_ClientDetail(benchmark::State& state) {
    auto& db = book();
    std::int64_t ref = 1;
    for (auto _ : state) {
        auto d = loadClientDetail(db, ref);
        if (!d) state.SkipWithError("detail");
        ref = (ref + 7919) % kClients + 1;
        benchmark::DoNotOptimize(d);
    }
}
BENCHMARK(BM_ClientDetail)->Unit(benchmark::kMillisecond);

void BM_ListBrokers(benchmark::State& state) {
    auto& db = book();
    for (auto _ : state) benchmark::DoNotOptimize(listBrokers(db));
}
BENCHMARK(BM_ListBrokers)->Unit(benchmark::kMillisecond);

void BM_SummaryRefresh(benchmark::State& state) {
    auto& db = book();
    for (auto _ : state) {
        if (!refreshClientSummary(db)) state.SkipWithError("refresh");
    }
}
BENCHMARK(BM_SummaryRefresh)->Iterations(2)->Unit(benchmark::kMillisecond);

void BM_SummaryFingerprint(benchmark::State& state) {
    auto& db = book();
    for (auto _ : state) benchmark::DoNotOptimize(clientSummaryFingerprint(db));
}
BENCHMARK(BM_SummaryFingerprint)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
