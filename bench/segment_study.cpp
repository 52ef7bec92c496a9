// Does the refresh's segmentation find the client types a book really has (issue #23)? On a
// demo book whose clients' planted archetypes were written beside it
// (`brokerdesk-cli demo ... --archetypes F`), this runs a refresh and reports the adjusted Rand
// index and adjusted mutual information of its segments against the archetypes, the k it
// chose, and the stability of the segmentation: the ARI between the segments of the whole book
// and those of a segmentation of a bootstrap resample of its clients (same options, k chosen
// again), on the clients drawn. Optionally writes per client the archetype, the segment and the
// raw features of the scikit-learn pipeline that bench/segment_study.py compares against.
//
// Usage: segment_study BOOK ARCHETYPES.csv [bootstraps=10] [rows.csv]
// BOOK is changed (a refresh is stored in it): use a scratch copy. Prints one line of
// key=value pairs for bench/segmentation_quality to tabulate.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "analytics/clustermetrics.h"
#include "analytics/segmentation.h"
#include "services/refresh.h"
#include "services/segmentstage.h"
#include "storage/schema/schema.h"

using namespace bd;

namespace {

/// client_id -> archetype name, from the demo's side file.
std::unordered_map<std::string, std::string> readArchetypes(const std::string& path) {
    std::unordered_map<std::string, std::string> out;
    std::ifstream in(path);
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        if (comma != std::string::npos) out[line.substr(0, comma)] = line.substr(comma + 1);
    }
    return out;
}

/// Rows `pick` of a segmentation input (every per-client vector that is given).
analytics::SegmentationInput subset(const analytics::SegmentationInput& in,
                                    const std::vector<std::size_t>& pick) {
    analytics::SegmentationInput out;
    out.features = in.features;
    out.values.resize(static_cast<Eigen::Index>(pick.size()), in.values.cols());
    const auto take = [&](const std::vector<double>& from, std::vector<double>& to) {
        if (from.empty()) return;
        to.reserve(pick.size());
        for (std::size_t i : pick) to.push_back(from[i]);
    };
    for (std::size_t r = 0; r < pick.size(); ++r)
        out.values.row(static_cast<Eigen::Index>(r)) =
            in.values.row(static_cast<Eigen::Index>(pick[r]));
    take(in.aum, out.aum);
    take(in.profit, out.profit);
    take(in.aum_trend, out.aum_trend);
    take(in.clv, out.clv);
    return out;
}

/// The input with only the named features (in the given order).
analytics::SegmentationInput onlyFeatures(const analytics::SegmentationInput& in,
                                          const std::vector<std::string>& names) {
    analytics::SegmentationInput out = in;
    out.features.clear();
    out.values.resize(in.values.rows(), static_cast<Eigen::Index>(names.size()));
    for (std::size_t c = 0; c < names.size(); ++c)
        for (std::size_t f = 0; f < in.features.size(); ++f)
            if (in.features[f].name == names[c]) {
                out.features.push_back(in.features[f]);
                out.values.col(static_cast<Eigen::Index>(c)) =
                    in.values.col(static_cast<Eigen::Index>(f));
            }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: segment_study BOOK ARCHETYPES.csv [bootstraps=10] [rows.csv]\n");
        return 2;
    }
    const std::string bookPath = argv[1];
    const int bootstraps = argc > 3 ? std::atoi(argv[3]) : 10;
    const std::string rowsPath = argc > 4 ? argv[4] : "";
    const auto archetypeOf = readArchetypes(argv[2]);
    auto db = storage::openBook(bookPath);
    if (!db) {
        std::fprintf(stderr, "%s\n", db.error().toString().c_str());
        return 1;
    }

    std::optional<analytics::SegmentationInput> input;
    analytics::SegmentationOptions options;
    std::vector<std::int64_t> refs;
    services::RefreshOptions ro;
    ro.on_segmentation_input = [&](const analytics::SegmentationInput& in,
                                   const analytics::SegmentationOptions& o,
                                   const std::vector<std::int64_t>& r) {
        input = in;
        options = o;
        refs = r;
    };
    const auto t0 = std::chrono::steady_clock::now();
    auto sum = services::refreshBook(*db, ro);
    const double refreshS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!sum || !input) {
        std::fprintf(stderr, "refresh: %s\n",
                     !sum ? sum.error().toString().c_str() : "no segmentation (book too small?)");
        return 1;
    }
    auto segments = services::loadClientSegments(*db, sum->run_id);
    if (!segments) {
        std::fprintf(stderr, "%s\n", segments.error().toString().c_str());
        return 1;
    }

    // The planted type and the segment of each segmented client, in the input's order.
    std::unordered_map<std::int64_t, std::string> clientIdOf;
    {
        auto st = db->prepare("SELECT id, client_id FROM clients");
        if (!st) return 1;
        while (*st->step()) clientIdOf[st->int64(0)] = st->text(1);
    }
    std::unordered_map<std::string, int> typeIndex;
    std::vector<int> truth(refs.size()), found(refs.size());
    std::vector<std::string> typeName(refs.size());
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const auto a = archetypeOf.find(clientIdOf[refs[i]]);
        const auto s = segments->find(refs[i]);
        if (a == archetypeOf.end() || s == segments->end()) {
            std::fprintf(stderr, "client %lld has no archetype or no segment\n",
                         static_cast<long long>(refs[i]));
            return 1;
        }
        typeName[i] = a->second;
        truth[i] = typeIndex.emplace(a->second, static_cast<int>(typeIndex.size())).first->second;
        found[i] = s->second.segment_id;
    }
    // Experiments on the choice of k (docs/performance.md, Segmentation): BD_STUDY_SAMPLE (sampled
    // clients) and BD_STUDY_KINIT (restarts per candidate k) change the refresh's options; the
    // whole book is then segmented again with them (a fresh demo book has no previous run, so
    // this is what its refresh would have stored).
    if (const char* v = std::getenv("BD_STUDY_SAMPLE"))
        options.selection_sample = static_cast<std::size_t>(std::atol(v));
    if (const char* v = std::getenv("BD_STUDY_KINIT")) options.kmeans.n_init = std::atoi(v);
    if (const char* v = std::getenv("BD_STUDY_REPEATS")) options.selection_repeats = std::atoi(v);
    if (const char* v = std::getenv("BD_STUDY_SE")) options.selection_within_se = std::atof(v);
    if (std::getenv("BD_STUDY_SAMPLE") || std::getenv("BD_STUDY_KINIT") ||
        std::getenv("BD_STUDY_REPEATS") || std::getenv("BD_STUDY_SE")) {
        auto again = analytics::segmentClients(*input, options);
        if (!again) {
            std::fprintf(stderr, "%s\n", again.error().toString().c_str());
            return 1;
        }
        found = again->labels;
        const auto& sel = again->selection;
        std::fprintf(stderr, "selection %.0f ms, %d sample(s):", again->selection_ms, sel.samples);
        for (std::size_t c = 0; c < sel.ks.size(); ++c)
            std::fprintf(stderr, " k=%d s=%.4f se=%.4f agree=%.3f;", sel.ks[c], sel.silhouette[c],
                         sel.silhouette_se.empty() ? 0.0 : sel.silhouette_se[c],
                         sel.agreement.empty() ? 1.0 : sel.agreement[c]);
        std::fprintf(stderr, "\n");
    }
    int k = 0;
    {
        std::vector<int> ids = found;
        std::sort(ids.begin(), ids.end());
        k = static_cast<int>(std::unique(ids.begin(), ids.end()) - ids.begin());
    }
    const double ari = analytics::adjustedRandIndex(truth, found);
    const double ami = analytics::adjustedMutualInformation(truth, found);

    // Stability: each resample segmented afresh; its clusters against the whole book's
    // segments, on the distinct clients drawn.
    std::vector<double> stab;
    std::vector<int> ks;
    const std::size_t n = refs.size();
    for (int b = 0; b < bootstraps; ++b) {
        std::mt19937_64 rng(static_cast<std::uint64_t>(b) + 1);
        std::uniform_int_distribution<std::size_t> draw(0, n - 1);
        std::vector<std::size_t> pick(n);
        for (auto& p : pick) p = draw(rng);
        auto res = analytics::segmentClients(subset(*input, pick), options);
        if (!res) {
            std::fprintf(stderr, "bootstrap %d: %s\n", b, res.error().toString().c_str());
            return 1;
        }
        std::vector<char> seen(n, 0);
        std::vector<int> whole, again;
        for (std::size_t r = 0; r < pick.size(); ++r) {
            if (seen[pick[r]]) continue;
            seen[pick[r]] = 1;
            whole.push_back(found[pick[r]]);
            again.push_back(res->labels[r]);
        }
        stab.push_back(analytics::adjustedRandIndex(whole, again));
        ks.push_back(res->k);
    }
    const double stabMean = stab.empty() ? NAN
                                         : std::accumulate(stab.begin(), stab.end(), 0.0) /
                                               static_cast<double>(stab.size());
    const double stabMin = stab.empty() ? NAN : *std::min_element(stab.begin(), stab.end());
    std::string kList;
    for (int v : ks) kList += (kList.empty() ? "" : "/") + std::to_string(v);
    std::printf("clients=%zu types=%zu k=%d ari=%.3f ami=%.3f stability_mean=%.3f "
                "stability_min=%.3f bootstrap_k=%s refresh_s=%.1f\n",
                n, typeIndex.size(), k, ari, ami, stabMean, stabMin,
                kList.empty() ? "-" : kList.c_str(), refreshS);

    if (std::getenv("BD_STUDY_VARIANTS")) {
        // Experiments (docs/performance.md, Segmentation): other options on the same clients.
        struct Variant {
            const char* name;
            std::function<void(analytics::SegmentationInput&, analytics::SegmentationOptions&)>
                change;
        };
        const std::vector<std::string> seven = {
            "aum",         "trades_12m",  "commission_12m", "days_since_trade",
            "tenure_days", "contacts_12m"};
        const std::vector<Variant> variants = {
            {"default", [](auto&, auto&) {}},
            {"no_factors", [](auto&, auto& o) { o.use_factors = false; }},
            {"no_rotation", [](auto&, auto& o) { o.factors.rotate = false; }},
            {"factor_variance", [](auto&, auto& o) { o.factors.unit_scores = false; }},
            {"standard_scaling",
             [](auto&, auto& o) { o.prep.scaling = analytics::Scaling::Standard; }},
            {"clip3", [](auto&, auto& o) { o.prep.clip = 3.0; }},
            {"six_features",
             [&](auto& in, auto& o) {
                 in = onlyFeatures(in, seven);
                 o.use_factors = false;
                 o.prep.scaling = analytics::Scaling::Standard;
             }},
            {"true_k", [&](auto&, auto& o) { o.fixed_k = static_cast<int>(typeIndex.size()); }},
            {"six_factors", [&](auto& in, auto&) { in = onlyFeatures(in, seven); }},
            {"cumulative80",
             [](auto&, auto& o) {
                 o.factors.rule = analytics::FactorRule::CumulativeVariance;
                 o.factors.cumulative_target = 0.8;
             }},
            {"cumulative90",
             [](auto&, auto& o) {
                 o.factors.rule = analytics::FactorRule::CumulativeVariance;
                 o.factors.cumulative_target = 0.9;
             }},
            {"factors3",
             [](auto&, auto& o) {
                 o.factors.rule = analytics::FactorRule::Fixed;
                 o.factors.fixed_count = 3;
             }},
            {"factors5",
             [](auto&, auto& o) {
                 o.factors.rule = analytics::FactorRule::Fixed;
                 o.factors.fixed_count = 5;
             }},
            {"sample20k", [](auto&, auto& o) { o.selection_sample = 20000; }},
            {"six_robust",
             [&](auto& in, auto& o) {
                 in = onlyFeatures(in, seven);
                 o.use_factors = false;
             }},
            {"core8_factors",
             [&](auto& in, auto&) {
                 in = onlyFeatures(in,
                                   {"aum", "commission_12m", "profit_12m", "clv_12m", "trades_12m",
                                    "contacts_12m", "days_since_trade", "tenure_days"});
             }},
            {"core8_robust",
             [&](auto& in, auto& o) {
                 in = onlyFeatures(in,
                                   {"aum", "commission_12m", "profit_12m", "clv_12m", "trades_12m",
                                    "contacts_12m", "days_since_trade", "tenure_days"});
                 o.use_factors = false;
             }},
            {"core8_factor_variance",
             [&](auto& in, auto& o) {
                 in = onlyFeatures(in,
                                   {"aum", "commission_12m", "profit_12m", "clv_12m", "trades_12m",
                                    "contacts_12m", "days_since_trade", "tenure_days"});
                 o.factors.unit_scores = false;
             }},
        };
        for (const Variant& v : variants) {
            analytics::SegmentationInput in = *input;
            analytics::SegmentationOptions o = options;
            v.change(in, o);
            auto res = analytics::segmentClients(in, o);
            if (!res) {
                std::printf("variant=%s error=%s\n", v.name, res.error().toString().c_str());
                continue;
            }
            std::printf("variant=%s k=%d ari=%.3f ami=%.3f\n", v.name, res->k,
                        analytics::adjustedRandIndex(truth, res->labels),
                        analytics::adjustedMutualInformation(truth, res->labels));
        }
    }

    if (!rowsPath.empty()) {
        // Every feature of the segmentation input (raw): the scikit-learn pipeline's seven
        // among them.
        std::ofstream out(rowsPath);
        out << "client_ref,archetype,segment";
        for (const auto& f : input->features) out << ',' << f.name;
        out << '\n';
        out.precision(10);
        for (std::size_t i = 0; i < n; ++i) {
            out << refs[i] << ',' << typeName[i] << ',' << found[i];
            for (Eigen::Index c = 0; c < input->values.cols(); ++c) {
                const double v = input->values(static_cast<Eigen::Index>(i), c);
                out << ',';
                if (std::isfinite(v)) out << v;
            }
            out << '\n';
        }
    }
    return 0;
}
