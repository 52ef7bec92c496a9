#include "services/refresh.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <optional>
#include <system_error>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "core/json.h"
#include "services/clvstage.h"
#include "services/kpi.h"
#include "services/segmentscatter.h"
#include "services/segmentstage.h"
#include "services/valueparams.h"
#include "storage/book/features.h"
#include "storage/book/segmentstore.h"
#include "storage/db/pagecache.h"

namespace bd::services {
namespace {

using Clock = std::chrono::steady_clock;
using storage::Feature;

double finite(double v) {
    return std::isfinite(v) ? v : 0.0;
}

/// Rounded once to the cent, kept in 0.0001 CNY units.
Money cents(double yuan) {
    return Money::fromUnits(static_cast<std::int64_t>(std::llround(finite(yuan) * 100.0)) * 100);
}

/// Times the pipeline's stages and reports progress.
class Stages {
  public:
    explicit Stages(const RefreshOptions& o) : m_options(o), m_start(Clock::now()) {}
    void begin(std::string name, double fraction) {
        m_name = std::move(name);
        m_t0 = Clock::now();
        if (m_options.progress) m_options.progress(m_name, fraction);
    }
    void end(double fraction) {
        m_timings.emplace_back(m_name, msSince(m_t0));
        if (m_options.progress) m_options.progress(m_name, fraction);
    }
    void add(std::string name, double msValue) { m_timings.emplace_back(std::move(name), msValue); }
    double total() const { return msSince(m_start); }
    std::vector<std::pair<std::string, double>> timings() const { return m_timings; }

  private:
    const RefreshOptions& m_options;
    Clock::time_point m_start, m_t0;
    std::string m_name;
    std::vector<std::pair<std::string, double>> m_timings;
};

/// Raises the connection's page cache while the refresh runs: the score rows of a large book
/// are tens of MB, and the default 2 MB cache spills dirty pages to the WAL in the middle of
/// the write transaction. It also maps the book into memory (storage::kRefreshMmapBytes), so
/// the feature scans read pages in place instead of copying each one. Both are restored
/// afterwards.
struct CacheBoost {
    explicit CacheBoost(storage::Database& db)
        : cache(db, 131072), mapped(db, storage::kRefreshMmapBytes) {} // 128 MiB
    storage::LargerPageCache cache;
    storage::MappedPages mapped;
};

std::string summaryJson(const RefreshSummary& s) {
    std::string curve;
    for (std::size_t k = 0; k < s.concentration.curve.size(); ++k)
        curve += fmt::format("{}{:.6f}", k ? ", " : "", s.concentration.curve[k]);
    std::string notes;
    for (std::size_t k = 0; k < s.notes.size(); ++k)
        notes += (k ? ", " : "") + jsonString(s.notes[k]);
    return fmt::format(
        "{{\"clients\": {}, \"clients_with_trades\": {}, \"clients_with_snapshots\": {}, "
        "\"vips\": {}, \"aum_rich_low_value\": {}, \"total_profit_12m\": {:.2f}, "
        "\"total_clv_12m\": {:.2f}, \"concentration\": {{\"defined\": {}, \"top1\": {:.6f}, "
        "\"top5\": {:.6f}, \"top20\": {:.6f}, \"curve\": [{}]}}, \"clv_method\": {}, "
        "\"notes\": [{}]}}",
        s.clients, s.clients_with_trades, s.clients_with_snapshots, s.vips, s.aum_rich_low_value,
        s.total_profit_12m, s.total_clv_12m, s.concentration.defined ? "true" : "false",
        s.concentration.top1, s.concentration.top5, s.concentration.top20, curve,
        jsonString(s.clv_method), notes);
}

} // namespace

Result<RefreshSummary> refreshBook(storage::Database& db, const RefreshOptions& options) {
    Stages stages(options);
    const CacheBoost cache(db);
    RefreshSummary sum;
    sum.started_at = nowIso(' ');
    // Checked between stages; a cancelled run returns before the next one, and whatever it wrote
    // is rolled back with the run's transaction (opened before the first write).
    const auto stop = [&options] { return options.cancel && options.cancel->load(); };
    const auto cancelled = [&sum] {
        RefreshSummary c;
        c.started_at = sum.started_at;
        c.cancelled = true;
        spdlog::info("refresh: cancelled");
        return c;
    };

    stages.begin("params", 0.0);
    if (options.params) {
        if (auto s = analytics::validate(*options.params); !s) return s.error();
        sum.params = *options.params;
    } else {
        auto p = loadValueModelParams(db);
        if (!p) return p.error();
        sum.params = *p;
    }
    const analytics::ValueModelParams& params = sum.params;
    stages.end(0.02);
    if (stop()) return cancelled();

    stages.begin("features", 0.02);
    storage::FeatureTimings ft;
    storage::FeatureOptions fo;
    fo.as_of = options.as_of; // nullopt: the latest trade date, found by the same scan
    fo.fallback_as_of = localToday();
    // The future-value stage needs only the trade days and A: on a large book it runs on its
    // own thread (with a copy of the days) while the asset and contact passes read the rest.
    std::future<ClvStageOutput> clvEarly;
    fo.on_trade_days = [&](const storage::TradeDays& days, Date asOf) {
        if (days.clients() < 20000 || std::thread::hardware_concurrency() < 2) return;
        try {
            clvEarly = std::async(std::launch::async,
                                  [copy = days, asOf, weeks = params.clv_horizon_weeks] {
                                      return runClvStage(copy, asOf, weeks);
                                  });
        } catch (const std::system_error& e) { // no thread: the stage runs after the features
            spdlog::debug("refresh: clv on this thread ({})", e.what());
        }
    };
    auto featuresR = storage::readFeatures(db, fo, &ft);
    if (!featuresR) return featuresR.error();
    const storage::BookFeatures& f = *featuresR;
    sum.as_of = f.as_of;
    if (!options.as_of && !f.has_trades)
        sum.notes.push_back("the book has no trades; as-of date is today");
    stages.end(0.55);
    if (stop()) return cancelled();
    const std::size_t n = f.rows();
    sum.clients = static_cast<std::int64_t>(n);

    stages.begin("profit", 0.55);
    std::vector<analytics::ProfitBreakdown> profit(n);
    for (std::size_t i = 0; i < n; ++i) {
        analytics::ProfitInput in;
        in.commission_12m = f.at(i, Feature::Commission12m);
        in.amount_12m = f.at(i, Feature::Amount12m);
        in.avg_cash_12m = f.at(i, Feature::AvgCash12m);
        in.covered_days = f.at(i, Feature::CoveredDays);
        in.aum = f.at(i, Feature::AumNow);
        for (int c = 0; c < kContactChannelCount; ++c)
            in.contacts[static_cast<std::size_t>(c)] =
                f.at(i, storage::contactFeature(static_cast<ContactChannel>(c)));
        profit[i] = analytics::computeProfit(in, params);
        if (f.trade_days.count(i) > 0) ++sum.clients_with_trades;
        if (f.at(i, Feature::AumNow) != 0 || f.at(i, Feature::Snapshots12m) > 0 ||
            f.at(i, Feature::Aum12m) != 0)
            ++sum.clients_with_snapshots;
    }
    stages.end(0.6);
    if (stop()) return cancelled();

    stages.begin("clv", 0.6);
    // With the early start this is the wait for it (its own sub-stage timings are kept).
    ClvStageOutput clv = clvEarly.valid()
                             ? clvEarly.get()
                             : runClvStage(f.trade_days, sum.as_of, params.clv_horizon_weeks);
    sum.clv_method = clv.method;
    sum.clv_models = clv.models;
    if (!clv.note.empty()) sum.notes.push_back(clv.note);
    stages.end(0.75);
    if (stop()) return cancelled();

    stages.begin("score", 0.75);
    std::vector<analytics::ValueInput> vin(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& v = vin[i];
        v.client_id = f.client_id[i];
        v.profit = profit[i];
        v.clv = clv.clients[i];
        v.clv.p_alive = std::clamp(finite(v.clv.p_alive), 0.0, 1.0);
        v.clv.expected_trades = std::max(0.0, finite(v.clv.expected_trades));
        v.clv.expected_value_per_trade = finite(v.clv.expected_value_per_trade);
        v.clv.clv_12m = finite(analytics::clvFromParts(
            v.clv.expected_trades, v.clv.expected_value_per_trade, v.clv.p_alive, profit[i]));
        v.trade_days_12m = f.at(i, Feature::TradeDays12m);
        v.avg_cash_12m = f.at(i, Feature::AvgCash12m);
    }
    std::vector<analytics::ValueResult> scored = analytics::scoreClients(vin, params);
    std::vector<double> profits(n);
    for (std::size_t i = 0; i < n; ++i) {
        profits[i] = profit[i].profit_12m;
        sum.total_profit_12m += profit[i].profit_12m;
        sum.total_clv_12m += vin[i].clv.clv_12m;
        sum.vips += scored[i].vip ? 1 : 0;
        sum.aum_rich_low_value += scored[i].aum_rich_low_value ? 1 : 0;
    }
    sum.concentration = analytics::profitConcentration(profits, 100);
    if (n > 0 && !sum.concentration.defined)
        sum.notes.push_back("total profit is not positive; concentration shares reported as 0");
    if (n == 0) sum.notes.push_back("the book has no clients");
    stages.end(0.85);
    if (stop()) return cancelled();

    stages.begin("persist", 0.85);
    // The segmentation reads what it needs from the book now, then clusters (CPU only) on this
    // thread while a second thread writes the run (SQLite, one core): the two longest stages
    // overlap. Its results are stored once the run exists (segments reference it).
    auto seg = SegmentStage::prepare(db, f, vin, std::nullopt);
    if (!seg) return seg.error();
    std::vector<storage::ClientScoreRow> rows(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& b = profit[i];
        const auto& v = vin[i];
        auto& r = scored[i];
        auto& row = rows[i];
        row.client_ref = f.client_ref[i];
        row.aum = cents(b.aum);
        row.trades_12m = static_cast<std::int64_t>(f.at(i, Feature::Trades12m));
        // Sums of stored amounts are exact to 0.0001 CNY; derived amounts are rounded to the cent.
        row.commission_12m = Money::fromDouble(b.commission_12m);
        row.interest_12m = cents(b.interest_12m);
        row.handling_cost_12m = cents(b.handling_cost_12m);
        row.service_cost_12m = Money::fromDouble(b.service_cost_12m);
        row.maintenance_12m = cents(b.maintenance_12m);
        row.profit_12m = cents(b.profit_12m);
        row.recency_days = static_cast<std::int64_t>(f.at(i, Feature::RecencyDays));
        row.frequency = static_cast<std::int64_t>(f.at(i, Feature::Frequency));
        row.p_alive = v.clv.p_alive;
        row.expected_trades_12m = v.clv.expected_trades;
        row.expected_commission_per_trade_day = cents(v.clv.expected_value_per_trade);
        row.clv_12m = cents(v.clv.clv_12m);
        row.value_score = finite(r.value_score);
        row.value_rank = r.value_rank;
        row.vip = r.vip;
        row.aum_rich_low_value = r.aum_rich_low_value;
        row.churn_risk = finite(r.churn_risk);
        row.explanation_code = std::move(r.explanation_code);
        row.flag_reason = r.aum_rich_low_value ? analytics::flagReasonCodes(r.flag_reasons) : "";
    }
    storage::AnalyticsRunRecord run;
    run.kind = "value";
    run.started_at = sum.started_at;
    run.as_of = sum.as_of;
    run.parameters = analytics::toJson(params);
    run.summary = summaryJson(sum);
    // Timings recorded with the run cover everything up to the write itself; the write and the
    // segmentation add theirs when they are done.
    std::vector<std::pair<std::string, double>> timings = stages.timings();
    timings.emplace_back("features.clients", ft.clients_ms);
    timings.emplace_back("features.trades", ft.trades_ms);
    timings.emplace_back("features.assets", ft.assets_ms);
    timings.emplace_back("features.contacts", ft.contacts_ms);
    for (const auto& t : clv.timings) timings.push_back(t);
    std::string tj = "{";
    for (std::size_t k = 0; k < timings.size(); ++k)
        tj += fmt::format("{}{}: {:.1f}", k ? ", " : "", jsonString(timings[k].first),
                          timings[k].second);
    run.stage_timings = tj + "}";
    run.duration_ms = stages.total();
    // Everything the run writes (scores, segments, KPI history) is one transaction: a cancel
    // or an error leaves the book as it was. (Inside it the score insert keeps its foreign-key
    // checks: SQLite cannot switch them off within a transaction.)
    storage::Transaction tx(db);
    if (!tx.began()) return tx.began().error();
    const auto persistStart = Clock::now();
    Result<std::int64_t> id = std::int64_t{0};
    double persistMs = 0;
    auto persist = [&] {
        id = storage::saveAnalyticsRun(db, run, rows, clv.models, options.keep_scored_runs);
        persistMs = msSince(persistStart);
    };
    const bool overlap = n >= 20000 && std::thread::hardware_concurrency() > 1;
    std::thread writer;
    if (overlap)
        writer = std::thread(persist);
    else
        persist();
    if (options.progress) options.progress("segmentation", 0.9);
    Status clustered = seg->compute();
    if (writer.joinable()) writer.join();
    if (!id) return id.error();
    if (!clustered) return clustered.error();
    if (stop()) return cancelled();
    if (options.on_segmentation_input)
        options.on_segmentation_input(seg->input(), seg->options(), f.client_ref);
    sum.run_id = *id;
    stages.add("persist", persistMs);

    auto segSum = seg->store(db, sum.run_id);
    if (!segSum) return segSum.error();
    if (stop()) return cancelled();
    stages.add("segmentation", segSum->ms);
    // Wall time of the two together (less than their sum when they overlapped).
    const double bothMs = msSince(persistStart);
    // The Segments page's factor scatter, from the features and scores in memory.
    const auto scatterStart = Clock::now();
    if (auto s = keepFactorScatter(db, sum.run_id, f, rows); !s) return s.error();
    stages.add("scatter", msSince(scatterStart));
    if (options.progress) options.progress("segmentation", 1.0);
    std::vector<std::pair<std::string, double>> late{{"persist", persistMs},
                                                     {"persist+segmentation", bothMs}};
    if (auto s = storage::appendRunStageTimings(db, sum.run_id, late, 0.0); !s) return s.error();
    if (auto s = storage::setAnalyticsRunDuration(db, sum.run_id, stages.total()); !s)
        return s.error();
    sum.stage_ms = stages.timings();
    sum.stage_ms.emplace_back("features.clients", ft.clients_ms);
    sum.stage_ms.emplace_back("features.trades", ft.trades_ms);
    sum.stage_ms.emplace_back("features.assets", ft.assets_ms);
    sum.stage_ms.emplace_back("features.contacts", ft.contacts_ms);
    for (const auto& t : clv.timings) sum.stage_ms.push_back(t);
    sum.stage_ms.emplace_back("persist+segmentation", bothMs);
    if (options.kpi_history) {
        // After the segmentation: the coverage figures use the cadences of the new segments.
        KpiUpdateOptions ko;
        ko.as_of = sum.as_of;
        ko.params = params;
        auto kpi = updateKpiHistory(db, ko);
        if (!kpi) return kpi.error();
        sum.stage_ms.emplace_back("kpi", kpi->total_ms);
        sum.kpi_months_written = kpi->months_written;
    }
    if (stop()) return cancelled();
    if (auto s = tx.commit(); !s) return s.error();
    sum.total_ms = stages.total();
    spdlog::info("refresh: {} clients as of {} in {:.0f} ms (run {})", sum.clients,
                 sum.as_of.toString(), sum.total_ms, sum.run_id);
    return sum;
}

std::string formatRefreshSummary(const RefreshSummary& s) {
    std::string out;
    out += fmt::format("Refreshed value as of {} (run {})\n", s.as_of.toString(), s.run_id);
    out += fmt::format("clients: {} ({} with trades, {} with asset snapshots)\n", s.clients,
                       s.clients_with_trades, s.clients_with_snapshots);
    out += fmt::format("VIPs (firm, top {}%): {}\n", s.params.vip_percent, s.vips);
    out += fmt::format("AUM-rich, low value: {}\n", s.aum_rich_low_value);
    out += fmt::format("total profit 12m: {}  total CLV 12m: {}\n",
                       formatMoneyGrouped(Money::fromDouble(s.total_profit_12m)),
                       formatMoneyGrouped(Money::fromDouble(s.total_clv_12m)));
    if (s.concentration.defined)
        out += fmt::format(
            "profit concentration: top 1% {:.1f}%, top 5% {:.1f}%, top 20% {:.1f}%\n",
            100 * s.concentration.top1, 100 * s.concentration.top5, 100 * s.concentration.top20);
    else
        out += "profit concentration: n/a (total profit is not positive)\n";
    out += fmt::format("future value: {}\n", s.clv_method);
    for (const auto& m : s.clv_models)
        out += fmt::format("  {} [{}]: {} ({} clients, {} repeat){}\n", m.model, m.scope,
                           m.parameters, m.clients, m.repeat_clients,
                           m.log_likelihood ? fmt::format(", LL {:.2f}", *m.log_likelihood) : "");
    for (const auto& note : s.notes) out += "note: " + note + "\n";
    out += "stage timings (ms):";
    for (const auto& [name, ms] : s.stage_ms) out += fmt::format(" {} {:.0f};", name, ms);
    out += fmt::format(" total {:.0f}\n", s.total_ms);
    return out;
}

} // namespace bd::services
