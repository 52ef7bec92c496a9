// Call-list export speed: a 30-row list (one broker's day) to CSV and XLSX; target <= 200 ms each.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "services/calllistexport.h"

using namespace bd;
using namespace bd::services;

namespace {

std::vector<CallListRow> thirtyRows() {
    std::vector<CallListRow> rows;
    for (int i = 0; i < 30; ++i) {
        CallListRow r;
        r.date = Date::fromYmd(2025, 10, 9);
        r.priority = 3.0 - i * 0.05;
        r.client_id = "C" + std::to_string(100000 + i);
        r.name = "客户" + std::to_string(i);
        r.phone = "138****" + std::to_string(1000 + i);
        r.channel = "电话";
        r.time_window = "09:30-10:00";
        r.reasons = "总资产自2025-09-01以来−45%（净流出400,000.00元）；上次联系93天前";
        r.value_tier = i < 3 ? "VIP" : "A";
        r.last_contact = Date::fromYmd(2025, 6, 28);
        r.segment_name = "活跃交易者";
        rows.push_back(std::move(r));
    }
    return rows;
}

void BM_CallListCsv30(benchmark::State& state) {
    const auto rows = thirtyRows();
    const auto path = (std::filesystem::temp_directory_path() / "bd_bench_calllist.csv").string();
    for (auto _ : state) benchmark::DoNotOptimize(writeCallListCsv(path, rows));
    std::filesystem::remove(path);
}
BENCHMARK(BM_CallListCsv30)->Unit(benchmark::kMillisecond);

void BM_CallListXlsx30(benchmark::State& state) {
    const auto rows = thirtyRows();
    const auto path = (std::filesystem::temp_directory_path() / "bd_bench_calllist.xlsx").string();
    for (auto _ : state) benchmark::DoNotOptimize(writeCallListXlsx(path, rows));
    std::filesystem::remove(path);
}
BENCHMARK(BM_CallListXlsx30)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
