// The book as a system of record on the 100,000-client demo book: an edit committed through
// the command layer (validated, one transaction, audited), a tag set, and one client's audit
// history (the History tab). The book is the demo book `brokerdesk-cli demo --clients 100000`
// writes, generated once into $TMPDIR/bd_bench_record_100k.bdbook (delete it to regenerate),
// or the book named by BD_BENCH_BOOK. Every edit made here is audited, so the trail grows with
// each run: the history figure is for a client with many rows in a long trail.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "demo/demogenerator.h"
#include "services/commands/command.h"
#include "services/commands/records.h"
#include "storage/schema/schema.h"

using namespace bd;
namespace cmd = bd::services::cmd;

namespace {

storage::Database& book() {
    static storage::Database* db = [] {
        const char* named = std::getenv("BD_BENCH_BOOK");
        const std::string path =
            named
                ? named
                : (std::filesystem::temp_directory_path() / "bd_bench_record_100k.bdbook").string();
        if (!std::filesystem::exists(path)) {
            demo::DemoOptions o;
            o.clients = 100000;
            if (auto s = demo::createDemoBook(path, o, false); !s) {
                std::fprintf(stderr, "%s\n", s.error().toString().c_str());
                std::exit(1);
            }
        }
        auto opened = storage::openBook(path);
        if (!opened) {
            std::fprintf(stderr, "%s\n", opened.error().toString().c_str());
            std::exit(1);
        }
        return new storage::Database(std::move(*opened));
    }();
    return *db;
}

/// A client in the middle of the book.
std::string someClient() {
    auto store = services::sqliteRecordStore(book());
    auto r = store->loadClientByRef(50000);
    if (!r) std::exit(1);
    return r->client.client_id;
}

void BM_EditClient(benchmark::State& state) {
    const std::string id = someClient();
    static int n = 0; // across runs, so every edit changes the row
    for (auto _ : state) {
        const std::string phone = "139" + std::to_string(10000000 + (n++ % 89999999));
        auto r = cmd::execute(
            book(),
            {"bench", cmd::EditClient{id, std::nullopt, {{cmd::ClientField::Phone, phone}}}});
        if (!r || r->operation == 0) state.SkipWithError("edit failed");
    }
}
BENCHMARK(BM_EditClient)->Unit(benchmark::kMillisecond);

void BM_TagClient(benchmark::State& state) {
    const std::string id = someClient();
    int n = 0;
    for (auto _ : state) {
        auto r =
            cmd::execute(book(), {"bench", cmd::TagClients{{id}, "bench", "", (n++ % 2) != 0}});
        if (!r) state.SkipWithError("tag failed");
    }
}
BENCHMARK(BM_TagClient)->Unit(benchmark::kMillisecond);

void BM_ClientAuditHistory(benchmark::State& state) {
    auto store = services::sqliteRecordStore(book());
    auto r = store->loadClient(someClient());
    if (!r) std::exit(1);
    services::AuditFilter f;
    f.client_ref = r->ref;
    f.limit = 500;
    std::size_t rows = 0;
    for (auto _ : state) {
        auto list = store->listAudit(f);
        if (!list) state.SkipWithError("history failed");
        rows = list->size();
        benchmark::DoNotOptimize(list);
    }
    state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ClientAuditHistory)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
