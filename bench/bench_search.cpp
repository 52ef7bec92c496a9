// Instant client search (services/clientsearch.h) on the 100,000-client demo book: reading the
// clients, building the index (pinyin through ICU, Chinese collation), and one search per
// keystroke as a broker types. Targets (issue 18): index <= 1.5 s for 100,000 clients, a
// keystroke <= 30 ms. Figures: docs/performance.md.
//
// The book: $BD_BENCH_SEARCH_BOOK if set (e.g. one made by `brokerdesk-cli demo --db F
// --clients 100000`, refreshed or not), else a demo book of 100,000 clients (seed 1, 3 years)
// generated once at $TMPDIR/bd_bench_search_100k.bdbook (delete it to regenerate).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "demo/demogenerator.h"
#include "services/clientsearch.h"
#include "storage/schema/schema.h"

using namespace bd;

namespace {

double g_firstBuildMs = 0; // the first build of the book in the process

services::Database& book() {
    static services::Database* db = [] {
        std::string path;
        if (const char* env = std::getenv("BD_BENCH_SEARCH_BOOK"); env && *env) {
            path = env;
        } else {
            path =
                (std::filesystem::temp_directory_path() / "bd_bench_search_100k.bdbook").string();
            if (!std::filesystem::exists(path)) {
                std::fprintf(stderr, "generating the demo book %s (100,000 clients)...\n",
                             path.c_str());
                demo::DemoOptions o;
                o.clients = 100000;
                if (auto g = demo::createDemoBook(path, o, true); !g) {
                    std::fprintf(stderr, "%s\n", g.error().toString().c_str());
                    std::exit(1);
                }
            }
        }
        auto opened = storage::openBook(path, {.create = false});
        if (!opened) {
            std::fprintf(stderr, "%s\n", opened.error().toString().c_str());
            std::exit(1);
        }
        return new services::Database(std::move(*opened));
    }();
    return *db;
}

const services::ClientSearchIndex& index() {
    static const services::ClientSearchIndex* built = [] {
        const auto t0 = std::chrono::steady_clock::now();
        auto i = services::buildClientSearchIndex(book());
        g_firstBuildMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        if (!i) std::exit(1);
        return new services::ClientSearchIndex(std::move(*i));
    }();
    return *built;
}

// The worst first build: the process's first (ICU's transliterator created) over 100,000
// synthetic names drawn from 3,500 distinct characters (a real book's variety; the demo's names
// use about 200), each transliterated once. Runs first, once.
void BM_FirstBuildOf3500DistinctCharacters(benchmark::State& state) {
    std::vector<services::SearchClient> clients(100000);
    std::uint32_t x = 12345;
    auto next = [&x] { return x = x * 1664525u + 1013904223u; };
    for (std::size_t i = 0; i < clients.size(); ++i) {
        clients[i].ref = static_cast<std::int64_t>(i + 1);
        clients[i].client_id = std::to_string(310100000000 + i);
        for (int k = 0; k < 3; ++k) {
            // Every 6th code point of the common block U+4E00..U+9FA5: 3,500 characters.
            const char32_t c = 0x4E00 + 6 * ((next() >> 8) % 3500);
            clients[i].name += static_cast<char>(0xE0 | (c >> 12));
            clients[i].name += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            clients[i].name += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    for (auto _ : state) {
        auto copy = clients;
        benchmark::DoNotOptimize(services::ClientSearchIndex::build(std::move(copy)));
    }
}
BENCHMARK(BM_FirstBuildOf3500DistinctCharacters)->Unit(benchmark::kMillisecond)->Iterations(1);

// Reading the clients and their newest scores from the book.
void BM_ReadClients(benchmark::State& state) {
    for (auto _ : state) {
        auto rows = services::readSearchClients(book());
        if (!rows || rows->empty()) state.SkipWithError("no clients");
        benchmark::DoNotOptimize(rows);
    }
}
BENCHMARK(BM_ReadClients)->Unit(benchmark::kMillisecond)->Iterations(3);

// Reading and building, as the workstation does off its UI thread (pinyin cache warm: what a
// rebuild after a change costs; the book's first build is the first_build_ms counter).
void BM_BuildIndex(benchmark::State& state) {
    index();
    for (auto _ : state) {
        auto i = services::buildClientSearchIndex(book());
        if (!i) state.SkipWithError("build failed");
        benchmark::DoNotOptimize(i);
    }
    state.counters["first_build_ms"] = g_firstBuildMs;
    state.counters["clients"] = static_cast<double>(index().size());
}
BENCHMARK(BM_BuildIndex)->Unit(benchmark::kMillisecond)->Iterations(3);

// Building from rows already read (pinyin and collation only).
void BM_BuildFromRows(benchmark::State& state) {
    auto rows = services::readSearchClients(book());
    if (!rows) return state.SkipWithError("no clients");
    for (auto _ : state) {
        auto copy = *rows;
        benchmark::DoNotOptimize(services::ClientSearchIndex::build(std::move(copy)));
    }
}
BENCHMARK(BM_BuildFromRows)->Unit(benchmark::kMillisecond)->Iterations(3);

// One keystroke: the search the workstation runs for what is in the box (12 shown).
const std::vector<std::string> kTyped = {
    "z",        "zh",   "zha",  "zhang",        "zxr",          "zhangxiaorong", "xiao",
    "xiaorong", "张",   "晓蓉", "胡晓蓉",       "138",          "1380",          "13800",
    "4244",     "123X", "3101", "310100002099", "nobody-at-all"};

void BM_Keystroke(benchmark::State& state) {
    const auto& i = index();
    const std::string& q = kTyped[static_cast<std::size_t>(state.range(0))];
    std::size_t total = 0;
    for (auto _ : state) {
        auto r = i.search(q, 12);
        total = r.total;
        benchmark::DoNotOptimize(r);
    }
    state.SetLabel(q);
    state.counters["found"] = static_cast<double>(total);
}
BENCHMARK(BM_Keystroke)
    ->DenseRange(0, static_cast<int>(kTyped.size()) - 1)
    ->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
