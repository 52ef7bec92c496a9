// Refresh speed: `refresh` (features -> profit -> CLV -> score -> persist + segmentation) on a
// demo book, stage by stage, median of a few runs. The target: <= 3 s for 100,000
// clients on a 2-core machine.
//
// Usage: bench_refresh [--db BOOK] [--clients N] [--years Y] [--runs R] [--seed S] [--work PATH]
//   --db BOOK    refresh a copy of an existing book (BOOK and its -wal are copied to PATH)
//   otherwise    a demo book of N clients (default 100000, seed S) with Y years of history
//                (default 6: about 9.9M trades, the "about 10M") is generated at
//                /tmp/bd_bench_refresh_<N>_<Y>y.bdbook once and reused by later runs
//   --runs R     timed runs after one untimed warm-up run (default 5)
//   --work PATH  working copy for --db (default /tmp/bd_bench_refresh_work.bdbook)
// A plain timed program (not Google Benchmark): one refresh is the number a user waits for.
// Prints wall time per stage (median), CPU time (user + sys) per run and the load average, so
// figures from a shared machine can be judged.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "benchutil.h"
#include "services/refresh.h"
#include "storage/schema/schema.h"

using namespace bd;
using bdbench::cpuSeconds;
using bdbench::loadAverage;
using bdbench::median;
namespace fs = std::filesystem;

namespace {

bool copyBook(const std::string& from, const std::string& to) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(to + suffix, ec);
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec) return false;
    if (fs::exists(from + "-wal")) fs::copy_file(from + "-wal", to + "-wal", ec);
    return !ec;
}

} // namespace

int main(int argc, char** argv) {
    std::string db, work = "/tmp/bd_bench_refresh_work.bdbook";
    int clients = 100000, runs = 5, years = 6;
    std::uint64_t seed = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--db")
            db = v;
        else if (a == "--clients")
            clients = std::atoi(v.c_str());
        else if (a == "--years")
            years = std::clamp(std::atoi(v.c_str()), 1, 20);
        else if (a == "--runs")
            runs = std::max(1, std::atoi(v.c_str()));
        else if (a == "--seed")
            seed = std::strtoull(v.c_str(), nullptr, 10);
        else if (a == "--work")
            work = v;
        else {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            return 1;
        }
    }
    std::string path;
    if (!db.empty()) {
        if (!copyBook(db, work)) {
            std::fprintf(stderr, "cannot copy %s to %s\n", db.c_str(), work.c_str());
            return 3;
        }
        path = work;
    } else {
        path = bdbench::cachedDemoBook("refresh", clients, years, seed);
        if (path.empty()) return 3;
    }
    auto book = storage::openBook(path);
    if (!book) {
        std::fprintf(stderr, "%s\n", book.error().toString().c_str());
        return 3;
    }
    std::printf("book %s, load average before: %s\n", path.c_str(), loadAverage().c_str());

    std::vector<std::string> order;
    std::map<std::string, std::vector<double>> stage;
    std::vector<double> totals, cpus;
    services::RefreshSummary last;
    for (int r = 0; r <= runs; ++r) {
        const double cpu0 = cpuSeconds();
        auto s = services::refreshBook(*book);
        const double cpu = cpuSeconds() - cpu0;
        if (!s) {
            std::fprintf(stderr, "%s\n", s.error().toString().c_str());
            return 3;
        }
        std::printf("%s %d: total %.0f ms, CPU %.0f ms\n", r == 0 ? "warm-up" : "run", r,
                    s->total_ms, 1000 * cpu);
        if (r == 0) continue; // the first run pays for the page cache
        for (const auto& [name, ms] : s->stage_ms) {
            if (!stage.count(name)) order.push_back(name);
            stage[name].push_back(ms);
        }
        totals.push_back(s->total_ms);
        cpus.push_back(1000 * cpu);
        last = std::move(*s);
    }
    std::printf("\nrefresh of %lld clients (%lld with trades), median of %d runs:\n",
                static_cast<long long>(last.clients),
                static_cast<long long>(last.clients_with_trades), runs);
    for (const auto& name : order)
        std::printf("  %-26s %8.0f ms\n", name.c_str(), median(stage[name]));
    std::printf("  %-26s %8.0f ms  (target <= 3000 ms for 100,000 clients)\n", "total",
                median(totals));
    std::printf("  %-26s %8.0f ms\n", "CPU (user + sys)", median(cpus));
    std::printf("future value: %s; total profit_12m %.2f; load average after: %s\n",
                last.clv_method.c_str(), last.total_profit_12m, loadAverage().c_str());
    for (const auto& m : last.clv_models)
        std::printf("  %s: %s\n", m.model.c_str(), m.parameters.c_str());
    return 0;
}
