#include "analytics/segmentation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "analytics/hungarian.h"
#include "core/clock.h"

namespace bd::analytics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Mean of the finite values of v over the members of a cluster (NaN when v is empty).
std::vector<double> clusterMeans(const std::vector<double>& v, const std::vector<int>& labels,
                                 int k, double* population) {
    std::vector<double> out(static_cast<std::size_t>(k), kNaN);
    if (v.empty()) {
        *population = kNaN;
        return out;
    }
    std::vector<double> sum(static_cast<std::size_t>(k), 0.0),
        cnt(static_cast<std::size_t>(k), 0.0);
    double all = 0.0, allCnt = 0.0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (!std::isfinite(v[i])) continue;
        sum[static_cast<std::size_t>(labels[i])] += v[i];
        cnt[static_cast<std::size_t>(labels[i])] += 1.0;
        all += v[i];
        allCnt += 1.0;
    }
    for (std::size_t j = 0; j < out.size(); ++j)
        if (cnt[j] > 0.0) out[j] = sum[j] / cnt[j];
    *population = allCnt > 0.0 ? all / allCnt : kNaN;
    return out;
}

// Share of the population total held by each cluster (NaN when v is empty or sums to 0).
std::vector<double> clusterShares(const std::vector<double>& v, const std::vector<int>& labels,
                                  int k) {
    std::vector<double> out(static_cast<std::size_t>(k), kNaN);
    if (v.empty()) return out;
    std::vector<double> sum(static_cast<std::size_t>(k), 0.0);
    double total = 0.0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (!std::isfinite(v[i])) continue;
        sum[static_cast<std::size_t>(labels[i])] += v[i];
        total += v[i];
    }
    if (total == 0.0) return out;
    for (std::size_t j = 0; j < out.size(); ++j) out[j] = sum[j] / total;
    return out;
}

// Indices of the named columns; an unknown name is an error.
Result<std::vector<Eigen::Index>> columnsNamed(const std::vector<std::string>& wanted,
                                               const std::vector<FeatureSpec>& features) {
    std::vector<Eigen::Index> out;
    for (const std::string& w : wanted) {
        const auto it = std::find_if(features.begin(), features.end(),
                                     [&](const FeatureSpec& f) { return f.name == w; });
        if (it == features.end())
            return makeError(ErrorCode::InvalidInput, "no segmentation feature named " + w);
        out.push_back(static_cast<Eigen::Index>(it - features.begin()));
    }
    return out;
}

Status checkLength(const std::vector<double>& v, std::size_t n, const char* what) {
    if (v.empty() || v.size() == n) return Status::success();
    return makeError(ErrorCode::InvalidInput, std::string(what) + " has " +
                                                  std::to_string(v.size()) + " values for " +
                                                  std::to_string(n) + " clients");
}

} // namespace

// Naming rules, on theme scores (mean z of the features of each theme, see featureTheme()):
// A activity, S assets, V profitability, T tenure, I inactivity, G growth; hi = z >= high_z,
// lo = z <= low_z; a theme without features is neither. First rule that applies:
//   T <= 2 low_z and hi A  -> ActiveNewcomers
//   T <= 2 low_z           -> Newcomers
//   (lo A or hi I), not hi S, not hi V -> Dormant
//   hi A and (hi S or hi V)            -> HighValueActive (high-value active traders)
//   hi S and (lo A or hi I)            -> AssetRichInactive
//   hi A -> ActiveTraders;  hi S -> AssetRich;  hi V -> HighContributors;  hi G -> Growing;
//   lo S and lo V -> Small;  otherwise Mainstream.
SegmentTheme segmentTheme(const std::vector<double>& feature_z,
                          const std::vector<std::string>& feature_names, double high_z,
                          double low_z) {
    std::map<std::string, std::pair<double, int>> acc;
    for (std::size_t f = 0; f < feature_z.size() && f < feature_names.size(); ++f) {
        const std::string theme = featureTheme(feature_names[f]);
        if (theme.empty() || !std::isfinite(feature_z[f])) continue;
        acc[theme].first += feature_z[f];
        acc[theme].second += 1;
    }
    auto z = [&](const char* theme) {
        auto it = acc.find(theme);
        return it == acc.end() ? kNaN : it->second.first / it->second.second;
    };
    auto hi = [&](const char* t) { return z(t) >= high_z; }; // NaN compares false
    auto lo = [&](const char* t) { return z(t) <= low_z; };

    // Newcomers must stand out clearly (twice the low threshold): a mixed segment of new and
    // established clients is younger than average without being "new".
    const bool recent = z("tenure") <= 2.0 * low_z;
    if (recent && hi("activity")) return SegmentTheme::ActiveNewcomers;
    if (recent) return SegmentTheme::Newcomers;
    if ((lo("activity") || hi("inactivity")) && !hi("assets") && !hi("profitability"))
        return SegmentTheme::Dormant;
    if (hi("activity") && (hi("assets") || hi("profitability")))
        return SegmentTheme::HighValueActive;
    if (hi("assets") && (lo("activity") || hi("inactivity")))
        return SegmentTheme::AssetRichInactive;
    if (hi("activity")) return SegmentTheme::ActiveTraders;
    if (hi("assets")) return SegmentTheme::AssetRich;
    if (hi("profitability")) return SegmentTheme::HighContributors;
    if (hi("growth")) return SegmentTheme::Growing;
    if (lo("assets") && lo("profitability")) return SegmentTheme::Small;
    return SegmentTheme::Mainstream;
}

std::vector<int> matchSegments(const std::vector<PreviousSegment>& previous,
                               const std::vector<Eigen::VectorXd>& new_centroids,
                               const Eigen::MatrixXd& overlap,
                               const std::vector<std::size_t>& old_sizes,
                               const std::vector<std::size_t>& new_sizes, double min_jaccard,
                               double max_centroid_shift) {
    const auto kOld = static_cast<Eigen::Index>(previous.size());
    const auto kNew = static_cast<Eigen::Index>(new_centroids.size());
    std::vector<int> out(static_cast<std::size_t>(kNew), -1);
    if (kOld == 0 || kNew == 0) return out;
    const bool byOverlap = overlap.rows() == kOld && overlap.cols() == kNew;
    Eigen::MatrixXd cost(kOld, kNew);
    for (Eigen::Index o = 0; o < kOld; ++o) {
        for (Eigen::Index c = 0; c < kNew; ++c) {
            if (byOverlap) {
                cost(o, c) = -overlap(o, c); // maximise the clients kept together
            } else {
                const Eigen::VectorXd& a = previous[static_cast<std::size_t>(o)].centroid;
                const Eigen::VectorXd& b = new_centroids[static_cast<std::size_t>(c)];
                cost(o, c) = a.size() == b.size() ? (a - b).norm() : 1e12;
            }
        }
    }
    const std::vector<int> assignment = hungarian(cost);
    for (Eigen::Index o = 0; o < kOld; ++o) {
        const int c = assignment[static_cast<std::size_t>(o)];
        if (c < 0) continue;
        bool accept = false;
        if (byOverlap) {
            const double inter = overlap(o, c);
            const double uni = static_cast<double>(old_sizes[static_cast<std::size_t>(o)] +
                                                   new_sizes[static_cast<std::size_t>(c)]) -
                               inter;
            accept = inter > 0.0 && uni > 0.0 && inter / uni >= min_jaccard;
        } else {
            double gap = std::numeric_limits<double>::infinity();
            for (Eigen::Index o2 = 0; o2 < kOld; ++o2) {
                const Eigen::VectorXd& a = previous[static_cast<std::size_t>(o)].centroid;
                const Eigen::VectorXd& b = previous[static_cast<std::size_t>(o2)].centroid;
                if (o2 != o && a.size() == b.size()) gap = std::min(gap, (a - b).norm());
            }
            accept = cost(o, c) < 1e12 && cost(o, c) <= max_centroid_shift * gap;
        }
        if (accept) out[static_cast<std::size_t>(c)] = static_cast<int>(o);
    }
    return out;
}

Result<SegmentationResult> segmentClients(const SegmentationInput& input,
                                          const SegmentationOptions& options,
                                          const PreviousRun* previous) {
    auto t0 = std::chrono::steady_clock::now();
    const auto n = static_cast<std::size_t>(input.values.rows());
    const auto p = static_cast<std::size_t>(input.values.cols());
    for (const auto& [v, what] :
         {std::pair{&input.aum, "aum"}, std::pair{&input.profit, "profit"},
          std::pair{&input.aum_trend, "aum_trend"}, std::pair{&input.clv, "clv"}}) {
        Status s = checkLength(*v, n, what);
        if (!s) return s.error();
    }
    if (previous && !previous->client_segment_ids.empty() &&
        previous->client_segment_ids.size() != n)
        return makeError(ErrorCode::InvalidInput,
                         "previous segment ids do not match the number of clients");
    if (n == 0) return makeError(ErrorCode::InvalidInput, "no clients to segment");

    SegmentationResult res;
    auto prep = prepareFeatures(input.values, input.features, options.prep);
    if (!prep) return prep.error();
    res.columns = prep->columns;
    const Eigen::MatrixXd& z = prep->x;
    std::vector<std::string> names;
    for (const auto& f : input.features) names.push_back(f.name);

    // The space k is chosen in: factor scores (or the prepared features) of the selection
    // columns.
    Eigen::MatrixXd selZ;
    std::vector<std::string> selNames;
    if (options.selection_features.empty()) {
        selZ = z;
        selNames = names;
    } else {
        auto cols = columnsNamed(options.selection_features, input.features);
        if (!cols) return cols.error();
        selZ.resize(z.rows(), static_cast<Eigen::Index>(cols->size()));
        for (std::size_t c = 0; c < cols->size(); ++c) {
            selZ.col(static_cast<Eigen::Index>(c)) = z.col((*cols)[c]);
            selNames.push_back(names[static_cast<std::size_t>((*cols)[c])]);
        }
    }
    // A book too small, or with no measure in which its clients differ, is one segment: any
    // split of it would be arbitrary (and factors of constant columns do not exist).
    if (n < std::max<std::size_t>(options.min_clients, 2))
        res.unsegmented = Unsegmented::TooFewClients;
    else if (selZ.cols() == 0 ||
             ((selZ.rowwise() - selZ.colwise().mean()).cwiseAbs().colwise().maxCoeff().maxCoeff() <
              1e-12))
        res.unsegmented = Unsegmented::NoVariation;
    Eigen::MatrixXd space;
    if (res.unsegmented != Unsegmented::No) {
        space = selZ;
    } else if (options.use_factors && selZ.cols() >= 2) {
        auto fm = fitFactors(selZ, options.factors);
        if (!fm) return fm.error();
        res.factors = std::move(*fm);
        res.used_factors = true;
        res.factor_features = selNames;
        for (Eigen::Index j = 0; j < res.factors.loadings.cols(); ++j)
            res.factor_names.push_back(nameFactor(res.factors.loadings.col(j), selNames));
        space = factorScores(res.factors, selZ);
    } else {
        space = selZ;
    }

    res.prepare_ms = msSince(t0);
    t0 = std::chrono::steady_clock::now();
    int k = res.unsegmented != Unsegmented::No ? 1 : options.fixed_k;
    if (res.unsegmented == Unsegmented::No && (k <= 0 || options.score_fixed_k)) {
        const KSelectionOptions so{.kmin = options.kmin,
                                   .kmax = options.kmax,
                                   .sample_size = options.selection_sample,
                                   .repeats = options.selection_repeats,
                                   .within_se = options.selection_within_se,
                                   .kmeans = options.kmeans};
        auto sel = selectK(space, so);
        if (!sel) return sel.error();
        res.selection = std::move(*sel);
        if (k <= 0) {
            k = res.selection.best_k;
            const auto& ag = res.selection.agreement;
            const auto at = static_cast<std::size_t>(k - res.selection.ks.front());
            if (options.min_agreement > 0.0 && at < ag.size() && ag[at] < options.min_agreement) {
                res.unsegmented = Unsegmented::NoStableStructure;
                k = 1;
            }
        }
    }
    res.selection_ms = msSince(t0);
    t0 = std::chrono::steady_clock::now();
    // The space the clients are assigned in, once k is known (docs/performance.md,
    // Segmentation: the factor scores tell how many types there are, the standard-scaled
    // behaviour features separate them better).
    if (!options.cluster_features.empty() && res.unsegmented == Unsegmented::No) {
        auto cols = columnsNamed(options.cluster_features, input.features);
        if (!cols) return cols.error();
        Eigen::MatrixXd raw(input.values.rows(), static_cast<Eigen::Index>(cols->size()));
        std::vector<FeatureSpec> specs;
        for (std::size_t c = 0; c < cols->size(); ++c) {
            raw.col(static_cast<Eigen::Index>(c)) = input.values.col((*cols)[c]);
            specs.push_back(input.features[static_cast<std::size_t>((*cols)[c])]);
            res.cluster_features.push_back(specs.back().name);
        }
        PrepOptions po = options.prep;
        po.scaling = options.cluster_scaling;
        auto cz = prepareFeatures(raw, specs, po);
        if (!cz) return cz.error();
        space = std::move(cz->x);
    }
    KMeansOptions ko = options.kmeans;
    ko.k = k;
    if (options.final_n_init > 0) ko.n_init = options.final_n_init;
    auto km = kmeans(space, ko);
    if (!km) return km.error();
    res.kmeans_ms = msSince(t0);
    t0 = std::chrono::steady_clock::now();
    res.k = k;
    res.inertia = km->inertia;
    res.labels = std::move(km->labels);
    const std::vector<int>& labels = res.labels;
    const auto ku = static_cast<std::size_t>(k);

    // Profiles in the prepared space and in original units.
    std::vector<std::size_t> sizes(ku, 0);
    for (int l : labels) ++sizes[static_cast<std::size_t>(l)];
    Eigen::MatrixXd centroid = Eigen::MatrixXd::Zero(k, static_cast<Eigen::Index>(p));
    Eigen::MatrixXd rawSum = Eigen::MatrixXd::Zero(k, static_cast<Eigen::Index>(p));
    Eigen::MatrixXd rawCnt = Eigen::MatrixXd::Zero(k, static_cast<Eigen::Index>(p));
    for (std::size_t i = 0; i < n; ++i) {
        const auto ii = static_cast<Eigen::Index>(i);
        const int l = labels[i];
        centroid.row(l) += z.row(ii);
        for (Eigen::Index f = 0; f < static_cast<Eigen::Index>(p); ++f) {
            const double v = input.values(ii, f);
            if (std::isnan(v)) continue;
            rawSum(l, f) += v;
            rawCnt(l, f) += 1.0;
        }
    }
    const Eigen::RowVectorXd popMean = z.colwise().mean();
    Eigen::RowVectorXd popSd = ((z.rowwise() - popMean).colwise().squaredNorm() /
                                static_cast<double>(std::max<std::size_t>(n, 1)))
                                   .cwiseSqrt();

    double popAum = 0.0, popProfit = 0.0, popTrend = 0.0, popClv = 0.0;
    const auto meanAum = clusterMeans(input.aum, labels, k, &popAum);
    const auto meanProfit = clusterMeans(input.profit, labels, k, &popProfit);
    const auto meanTrend = clusterMeans(input.aum_trend, labels, k, &popTrend);
    const auto meanClv = clusterMeans(input.clv, labels, k, &popClv);
    const auto aumShare = clusterShares(input.aum, labels, k);
    const auto profitShare = clusterShares(input.profit, labels, k);

    std::vector<SegmentProfile> profiles(ku);
    for (std::size_t j = 0; j < ku; ++j) {
        SegmentProfile& sp = profiles[j];
        const auto jj = static_cast<Eigen::Index>(j);
        sp.cluster = static_cast<int>(j);
        sp.size = sizes[j];
        sp.client_share = n ? static_cast<double>(sizes[j]) / static_cast<double>(n) : 0.0;
        sp.aum_share = aumShare[j];
        sp.profit_share = profitShare[j];
        sp.centroid =
            sizes[j] ? Eigen::VectorXd(centroid.row(jj).transpose() / static_cast<double>(sizes[j]))
                     : Eigen::VectorXd::Zero(static_cast<Eigen::Index>(p)).eval();
        for (std::size_t f = 0; f < p; ++f) {
            const auto ff = static_cast<Eigen::Index>(f);
            sp.feature_means.push_back(rawCnt(jj, ff) > 0 ? rawSum(jj, ff) / rawCnt(jj, ff) : kNaN);
            sp.feature_z.push_back(popSd(ff) > 0 ? (sp.centroid(ff) - popMean(ff)) / popSd(ff)
                                                 : 0.0);
        }
        sp.mean_aum = meanAum[j];
        sp.mean_profit = meanProfit[j];
        sp.mean_aum_trend = meanTrend[j];
        sp.mean_clv = meanClv[j];
        sp.client_level = clientLevel(sp.client_share, options.kotler);
        sp.margin_level = std::isfinite(sp.mean_profit) && std::isfinite(popProfit)
                              ? marginLevel(sp.mean_profit, popProfit, options.kotler)
                              : Level::Medium;
        sp.zero_value = std::isfinite(popProfit) &&
                        zeroValue(sp.mean_profit, popProfit, sp.mean_aum, popAum, options.kotler);
        sp.relationship = relationshipFor(sp.client_level, sp.margin_level, sp.zero_value);
    }

    // Stable identities.
    std::vector<int> inherit(ku, -1);
    int nextId = 1;
    if (previous)
        for (const auto& ps : previous->segments) nextId = std::max(nextId, ps.id + 1);
    // The whole book as one segment is new, whatever the previous run had: it inherits no
    // segment's name or policy.
    if (previous && !previous->segments.empty() && res.unsegmented == Unsegmented::No) {
        for (const auto& ps : previous->segments) nextId = std::max(nextId, ps.id + 1);
        Eigen::MatrixXd overlap;
        std::vector<std::size_t> oldSizes(previous->segments.size(), 0);
        if (!previous->client_segment_ids.empty()) {
            std::map<int, std::size_t> index;
            for (std::size_t o = 0; o < previous->segments.size(); ++o)
                index[previous->segments[o].id] = o;
            overlap =
                Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(previous->segments.size()), k);
            for (std::size_t i = 0; i < n; ++i) {
                auto it = index.find(previous->client_segment_ids[i]);
                if (it == index.end()) continue;
                overlap(static_cast<Eigen::Index>(it->second), labels[i]) += 1.0;
                ++oldSizes[it->second];
            }
        }
        std::vector<Eigen::VectorXd> cents;
        for (const auto& sp : profiles) cents.push_back(sp.centroid);
        inherit = matchSegments(previous->segments, cents, overlap, oldSizes, sizes,
                                options.min_jaccard, options.max_centroid_shift);
    }

    // Names: inherited segments keep theirs; the others get generated, unique names, the
    // largest segments first so they get the plain form.
    std::set<std::string> used;
    for (std::size_t j = 0; j < ku; ++j) {
        if (inherit[j] < 0) continue;
        const PreviousSegment& ps = previous->segments[static_cast<std::size_t>(inherit[j])];
        profiles[j].id = ps.id;
        profiles[j].name = ps.name;
        profiles[j].inherited = true;
        if (ps.name.theme != SegmentTheme::Unknown) used.insert(encodeSegmentName(ps.name));
    }
    std::vector<std::size_t> order(ku);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
    for (std::size_t j : order) {
        SegmentProfile& sp = profiles[j];
        if (sp.inherited) continue;
        sp.id = nextId++;
        SegmentName cand;
        cand.theme = res.unsegmented != Unsegmented::No
                         ? SegmentTheme::WholeBook
                         : segmentTheme(sp.feature_z, names, options.high_z, options.low_z);
        if (used.count(encodeSegmentName(cand))) {
            // Qualify by the feature theme (or, without one, the feature) that sets this segment
            // apart most.
            std::vector<std::size_t> fo(p);
            std::iota(fo.begin(), fo.end(), std::size_t{0});
            std::stable_sort(fo.begin(), fo.end(), [&](std::size_t a, std::size_t b) {
                return std::fabs(sp.feature_z[a]) > std::fabs(sp.feature_z[b]);
            });
            bool found = false;
            for (std::size_t f : fo) {
                const std::string theme = featureTheme(names[f]);
                cand.feature = theme.empty() ? names[f] : theme;
                cand.direction = sp.feature_z[f] > 0 ? 1 : -1;
                if (!used.count(encodeSegmentName(cand))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                cand.feature.clear();
                cand.direction = 0;
            }
            for (int s = 2; !found; ++s) {
                cand.number = s;
                found = !used.count(encodeSegmentName(cand));
            }
        }
        sp.name = cand;
        used.insert(encodeSegmentName(cand));
    }

    res.segment_ids.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        res.segment_ids[i] = profiles[static_cast<std::size_t>(labels[i])].id;

    // Migration matrix: previous segment (or -1) x new segment, client counts.
    if (previous && !previous->client_segment_ids.empty()) {
        std::set<int> from(previous->client_segment_ids.begin(),
                           previous->client_segment_ids.end());
        std::vector<int> fromIds;
        for (int id : from)
            if (id >= 0) fromIds.push_back(id);
        if (from.count(-1) || std::any_of(from.begin(), from.end(), [](int v) { return v < -1; }))
            fromIds.push_back(-1);
        std::vector<int> toIds;
        for (const auto& sp : profiles) toIds.push_back(sp.id);
        std::sort(toIds.begin(), toIds.end());
        std::map<int, std::size_t> fi, ti;
        for (std::size_t r = 0; r < fromIds.size(); ++r) fi[fromIds[r]] = r;
        for (std::size_t c = 0; c < toIds.size(); ++c) ti[toIds[c]] = c;
        res.migration.from_ids = fromIds;
        res.migration.to_ids = toIds;
        res.migration.counts.assign(fromIds.size(), std::vector<std::size_t>(toIds.size(), 0));
        for (std::size_t i = 0; i < n; ++i) {
            const int old =
                previous->client_segment_ids[i] < 0 ? -1 : previous->client_segment_ids[i];
            ++res.migration.counts[fi[old]][ti[res.segment_ids[i]]];
        }
    }

    std::sort(profiles.begin(), profiles.end(),
              [](const SegmentProfile& a, const SegmentProfile& b) { return a.id < b.id; });
    res.segments = std::move(profiles);
    res.profile_ms = msSince(t0);
    return res;
}

} // namespace bd::analytics
