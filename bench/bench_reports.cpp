// PDF report speed: a 30-call sheet (one broker's day, Chinese) and a portfolio review with
// 20 holdings and 250 snapshots; target <= 200 ms for the call sheet (issue #5). The first
// iteration pays for Qt's start-up and font loading; the state keeps it out of the timing.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "analytics/portfolio.h"
#include "reports/callsheetpdf.h"
#include "reports/reviewpdf.h"

using namespace bd;

namespace {

std::vector<services::CallListRow> thirtyRows() {
    std::vector<services::CallListRow> rows;
    for (int i = 0; i < 30; ++i) {
        services::CallListRow r;
        r.date = Date::fromYmd(2025, 10, 9);
        r.priority = 95.0 - i * 1.5;
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

reports::CallSheetOptions sheetOptions() {
    reports::CallSheetOptions o;
    o.broker_id = "EBR01";
    o.broker_name = "王芳";
    o.branch = "BR01 上海浦东营业部";
    o.language = services::CallListLanguage::Chinese;
    return o;
}

void BM_CallSheetPdf30(benchmark::State& state) {
    const auto rows = thirtyRows();
    const auto options = sheetOptions();
    const auto path = (std::filesystem::temp_directory_path() / "bd_bench_callsheet.pdf").string();
    (void)reports::writeCallSheetPdf(path, rows, options); // Qt start-up and font scan
    for (auto _ : state) benchmark::DoNotOptimize(reports::writeCallSheetPdf(path, rows, options));
    std::filesystem::remove(path);
}
BENCHMARK(BM_CallSheetPdf30)->Unit(benchmark::kMillisecond);

void BM_ReviewPdf(benchmark::State& state) {
    analytics::PortfolioInput in;
    in.client_id = "C001";
    in.client_name = "欧阳明月";
    in.client_risk_level = 3;
    in.as_of = Date::fromYmd(2025, 12, 31);
    std::vector<AssetSnapshot> snaps;
    for (int i = 0; i < 20; ++i) {
        const std::string code = std::to_string(600100 + i) + ".SH";
        in.securities.push_back({code, "测试股份" + std::to_string(i), Board::Main, 1 + i % 5, ""});
        Trade t;
        t.trade_id = "T" + std::to_string(i);
        t.trade_time = DateTime::fromParts(Date::fromYmd(2025, 1, 6), 10, 0, 0);
        t.security_code = code;
        t.side = Side::Buy;
        t.quantity = 1000;
        t.price = Money::fromYuan(10 + i);
        t.amount = Money::fromYuan((10 + i) * 1000);
        in.trades.push_back(t);
        in.positions.push_back(
            {"C001", in.as_of, code, 1000, std::nullopt, Money::fromYuan(11 + i)});
    }
    double v = 300000.0;
    for (int d = 0; d < 250; ++d) {
        v *= 1.0 + 0.01 * ((d * 37 % 11) - 5) / 5.0;
        snaps.push_back({"C001", Date::fromYmd(2025, 1, 1).addDays(d * 365 / 250),
                         Money::fromDouble(v * 0.1), Money::fromDouble(v * 0.9), std::nullopt});
    }
    in.snapshots = snaps;
    const auto report = analytics::computePortfolio(in);
    reports::ReviewOptions o;
    o.language = reports::ReviewLanguage::Chinese;
    o.account_values = snaps;
    const auto path = (std::filesystem::temp_directory_path() / "bd_bench_review.pdf").string();
    (void)reports::writePortfolioReviewPdf(path, report, o);
    for (auto _ : state)
        benchmark::DoNotOptimize(reports::writePortfolioReviewPdf(path, report, o));
    std::filesystem::remove(path);
}
BENCHMARK(BM_ReviewPdf)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
