#pragma once
// What the plain timed benchmarks share: the CPU time, load average and medians they print
// beside their wall times (so a figure from a shared machine can be judged), and the demo book
// they generate once and reuse.
#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "demo/demogenerator.h"

namespace bdbench {

/// User + system CPU seconds of this process so far.
inline double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// The 1, 5 and 15 minute load averages as /proc/loadavg gives them.
inline std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

inline double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

/// /tmp/bd_bench_<name>_<clients>_<years>y.bdbook, generated first when it does not exist;
/// "" (the error printed) when it cannot be.
inline std::string cachedDemoBook(const std::string& name, int clients, int years,
                                  std::uint64_t seed = 1) {
    const std::string path = "/tmp/bd_bench_" + name + "_" + std::to_string(clients) + "_" +
                             std::to_string(years) + "y.bdbook";
    if (std::filesystem::exists(path)) return path;
    bd::demo::DemoOptions o;
    o.clients = clients;
    o.seed = seed;
    o.history_years = years;
    std::printf("generating a demo book of %d clients, %d years, at %s ...\n", clients, years,
                path.c_str());
    auto g = bd::demo::createDemoBook(path, o, true);
    if (!g) {
        std::fprintf(stderr, "%s\n", g.error().toString().c_str());
        return {};
    }
    std::printf("  %lld trades, %lld snapshots, %lld contacts in %.1f s\n",
                static_cast<long long>(g->trades), static_cast<long long>(g->assets),
                static_cast<long long>(g->contacts), g->seconds);
    return path;
}

} // namespace bdbench
