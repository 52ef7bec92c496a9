// Segmentation speed: the full pipeline (prep -> factors -> k in 2..10 -> final k-means) on
// synthetic books with realistic heavy-tailed features, plus the final k-means alone on the
// same factor scores so it can be compared with scikit-learn (bench/compare_sklearn.py).
//
// Usage: bench_segmentation [clients=100000] [npy_out=""] [threads=0]
// A plain timed program (not Google Benchmark): one run of a multi-second pipeline is the
// number a user waits for; repetitions would only heat the machine shared with others.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "analytics/kmeans.h"
#include "analytics/random.h"
#include "analytics/segmentation.h"
#include "phrasebook/phrasebook.h"

using namespace bd::analytics;

namespace {

double normal(Rng& rng) {
    const double u1 = std::max(rng.uniform(), 1e-300);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * rng.uniform());
}

// Client archetypes: share of the book and log-scale means of activity, assets and tenure.
struct Archetype {
    double share;
    double trades;  // mean trades per year (log-normal)
    double aum;     // median AUM, CNY
    double tenure;  // median tenure, days
    double recency; // median days since last trade
    double contacts;
};
constexpr Archetype kArchetypes[] = {
    {0.35, 2, 20'000, 2500, 300, 0.5},   // dormant
    {0.30, 25, 150'000, 1800, 20, 2},    // mainstream
    {0.15, 220, 400'000, 1500, 2, 6},    // active traders
    {0.10, 6, 3'000'000, 3000, 90, 4},   // asset-rich, inactive
    {0.07, 30, 60'000, 90, 5, 3},        // newcomers
    {0.03, 400, 8'000'000, 2800, 1, 24}, // VIP partners
};

SegmentationInput makeBook(std::size_t n, std::uint64_t seed) {
    Rng rng(seed);
    SegmentationInput in;
    in.features = {{"trades_12m", Transform::Log1p},
                   {"trade_days_12m", Transform::Log1p},
                   {"commission_12m", Transform::Log1p},
                   {"turnover_12m", Transform::Log1p},
                   {"aum", Transform::Log1p},
                   {"avg_cash_12m", Transform::Log1p},
                   {"profit_12m", Transform::SignedLog},
                   {"tenure_days", Transform::None},
                   {"days_since_last_trade", Transform::Log1p},
                   {"contacts_12m", Transform::Log1p},
                   {"aum_trend", Transform::SignedLog},
                   {"risk_level", Transform::None}};
    in.values.resize(static_cast<Eigen::Index>(n), 12);
    in.aum.resize(n);
    in.profit.resize(n);
    in.aum_trend.resize(n);
    in.clv.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        double u = rng.uniform();
        std::size_t a = 0;
        while (a + 1 < std::size(kArchetypes) && u >= kArchetypes[a].share) {
            u -= kArchetypes[a].share;
            ++a;
        }
        const Archetype& t = kArchetypes[a];
        const double trades = std::floor(t.trades * std::exp(0.6 * normal(rng)));
        const double tradeDays = std::floor(std::min(trades, 245.0) * (0.5 + 0.4 * rng.uniform()));
        const double turnover = trades * 30'000.0 * std::exp(0.8 * normal(rng));
        const double commission = turnover * 0.00025;
        const double aum = t.aum * std::exp(0.9 * normal(rng));
        const double cash = aum * (0.05 + 0.4 * rng.uniform());
        const double contacts = std::floor(t.contacts * std::exp(0.5 * normal(rng)));
        const double profit =
            commission + 0.012 * cash - 0.0000341 * turnover - 15.0 * contacts - 60.0;
        const double tenure = std::max(1.0, t.tenure * std::exp(0.3 * normal(rng)));
        const double recency = std::min(tenure, t.recency * std::exp(0.5 * normal(rng)));
        const double trend = aum * 0.1 * normal(rng);
        const double risk = std::clamp(std::round(3.0 + normal(rng)), 1.0, 5.0);
        const double row[12] = {trades, tradeDays, commission, turnover, aum,   cash,
                                profit, tenure,    recency,    contacts, trend, risk};
        for (int f = 0; f < 12; ++f) in.values(static_cast<Eigen::Index>(i), f) = row[f];
        in.aum[i] = aum;
        in.profit[i] = profit;
        in.aum_trend[i] = trend;
        in.clv[i] = profit * 1.1;
    }
    return in;
}

void writeNpy(const std::string& path, const Eigen::MatrixXd& m) {
    std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" +
                         std::to_string(m.rows()) + ", " + std::to_string(m.cols()) + "), }";
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::ofstream out(path, std::ios::binary);
    out.write("\x93NUMPY\x01\x00", 8);
    const auto len = static_cast<std::uint16_t>(header.size());
    out.put(static_cast<char>(len & 0xff));
    out.put(static_cast<char>(len >> 8));
    out << header;
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = m;
    out.write(reinterpret_cast<const char*>(rows.data()),
              static_cast<std::streamsize>(rows.size() * sizeof(double)));
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? std::stoul(argv[1]) : 100'000;
    const std::string npy = argc > 2 ? argv[2] : "";
    const int threads = argc > 3 ? std::stoi(argv[3]) : 0;

    const SegmentationInput book = makeBook(n, 2024);
    SegmentationOptions opt;
    opt.kmeans.seed = 7;
    opt.kmeans.threads = threads;

    auto t0 = std::chrono::steady_clock::now();
    auto res = segmentClients(book, opt);
    const double full = secondsSince(t0);
    if (!res) {
        std::fprintf(stderr, "segmentation failed: %s\n", res.error().toString().c_str());
        return 3;
    }
    std::printf("clients=%zu features=12 factors=%d k=%d\n", n, res->factors.factors, res->k);
    std::printf("full segmentation (prep+factors+k 2..10+final n_init=10): %.3f s\n", full);
    for (std::size_t i = 0; i < res->selection.ks.size(); ++i)
        std::printf("  k=%d silhouette=%.4f\n", res->selection.ks[i], res->selection.silhouette[i]);
    for (const auto& s : res->segments)
        std::printf("  segment %d %-32s %-18s share=%.3f profit_share=%.3f %s\n", s.id,
                    bd::phrase::segmentName(s.name, bd::phrase::Lang::En).c_str(),
                    bd::phrase::segmentName(s.name, bd::phrase::Lang::Zh).c_str(), s.client_share,
                    s.profit_share, std::string(toString(s.relationship)).c_str());

    // The final clustering alone, on the same matrix scikit-learn gets.
    auto prep = prepareFeatures(book.values, book.features, opt.prep);
    auto fm = fitFactors(prep->x, opt.factors);
    const Eigen::MatrixXd scores = factorScores(*fm, prep->x);
    KMeansOptions ko = opt.kmeans;
    ko.k = res->k;
    t0 = std::chrono::steady_clock::now();
    auto km = kmeans(scores, ko);
    const double kmTime = secondsSince(t0);
    std::printf("BrokerDesk kmeans k=%d n_init=10: %.3f s inertia=%.6f iterations(best)=%d\n",
                res->k, kmTime, km->inertia, km->iterations);
    if (!npy.empty()) {
        writeNpy(npy, scores);
        std::printf("wrote %s (%lld x %lld)\n", npy.c_str(), static_cast<long long>(scores.rows()),
                    static_cast<long long>(scores.cols()));
    }
    return 0;
}
