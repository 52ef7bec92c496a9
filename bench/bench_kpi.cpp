// KPI history speed (docs/kpi.md): the back-fill of every month-end of a demo book, and the
// update a nightly refresh makes (the open month again, a day later). The target: back-fill
// of all month-ends of the 100,000-client, 6-year demo book <= 30 s.
//
// Usage: bench_kpi [--db BOOK] [--clients N] [--years Y] [--runs R]
//   --db BOOK   use this book (its KPI history is rewritten: pass a copy)
//   otherwise   a demo book of N clients (default 100000) with Y years (default 6) is generated
//               at /tmp/bd_bench_kpi_<N>_<Y>y.bdbook once and reused by later runs
//   --runs R    timed back-fills (default 3), each followed by one timed update
// A plain timed program: prints wall and CPU time (user + sys) per run and the load average.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "benchutil.h"
#include "services/kpi.h"
#include "storage/book/features.h"
#include "storage/schema/schema.h"

using namespace bd;
using bdbench::cpuSeconds;
using bdbench::loadAverage;
using bdbench::median;

int main(int argc, char** argv) {
    std::string path;
    int clients = 100000, years = 6, runs = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--db")
            path = v;
        else if (a == "--clients")
            clients = std::max(1, std::atoi(v.c_str()));
        else if (a == "--years")
            years = std::clamp(std::atoi(v.c_str()), 1, 20);
        else if (a == "--runs")
            runs = std::max(1, std::atoi(v.c_str()));
        else {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            return 1;
        }
    }
    if (path.empty()) {
        path = bdbench::cachedDemoBook("kpi", clients, years);
        if (path.empty()) return 3;
    }
    auto book = storage::openBook(path);
    if (!book) {
        std::fprintf(stderr, "%s\n", book.error().toString().c_str());
        return 3;
    }
    std::printf("book %s, load average before: %s\n", path.c_str(), loadAverage().c_str());
    // The back-fill as of the day before the latest trade, so the update that follows is a
    // nightly refresh's: the open month computed again a day later.
    auto latest = storage::latestTradeDate(*book);
    if (!latest || !*latest) {
        std::fprintf(stderr, "the book has no trades\n");
        return 3;
    }
    const Date lastDay = **latest;
    std::vector<double> fill, fillCpu, update, updateCpu;
    services::KpiUpdateSummary last;
    for (int r = 0; r < runs; ++r) {
        services::KpiUpdateOptions o;
        o.rebuild = true;
        o.as_of = lastDay.addDays(-1);
        double cpu0 = cpuSeconds();
        auto s = services::updateKpiHistory(*book, o);
        if (!s) {
            std::fprintf(stderr, "%s\n", s.error().toString().c_str());
            return 3;
        }
        fillCpu.push_back(cpuSeconds() - cpu0);
        fill.push_back(s->total_ms / 1000);
        std::printf("back-fill %d: %zu month-ends of %zu clients, %.2f s wall (read %.2f, compute "
                    "%.2f, write %.2f), %.2f s CPU\n",
                    r + 1, s->months, s->clients, s->total_ms / 1000, s->read_ms / 1000,
                    s->compute_ms / 1000, s->write_ms / 1000, fillCpu.back());
        o.rebuild = false;
        o.as_of = lastDay;
        cpu0 = cpuSeconds();
        auto u = services::updateKpiHistory(*book, o);
        if (!u) {
            std::fprintf(stderr, "%s\n", u.error().toString().c_str());
            return 3;
        }
        updateCpu.push_back(cpuSeconds() - cpu0);
        update.push_back(u->total_ms / 1000);
        std::printf(
            "update %d (as a refresh makes it): %zu month(s) written, %.2f s wall (clients and "
            "cadences %.2f, read %.2f, compute %.2f), %.2f s CPU\n",
            r + 1, u->months_written, u->total_ms / 1000, u->inputs_ms / 1000, u->read_ms / 1000,
            u->compute_ms / 1000, updateCpu.back());
        last = *s;
    }
    std::printf("\nback-fill of %zu month-ends, %zu clients: median %.2f s wall, %.2f s CPU "
                "(target <= 30 s); update %.2f s wall; load average after: %s\n",
                last.months, last.clients, median(fill), median(fillCpu), median(update),
                loadAverage().c_str());
    return 0;
}
