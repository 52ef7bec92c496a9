#include "services/segmentscatter.h"

#include <Eigen/Dense>

#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "services/segmentstage.h"
#include "storage/book/analyticsstore.h"
#include "storage/book/features.h"
#include "storage/book/scattercache.h"
#include "storage/book/segmentstore.h"

namespace bd::services {

namespace {

struct StoredColumn {
    std::string name;
    std::string transform;
    double impute = 0, centre = 0, scale = 1;
};

// Value of "key": in one flat JSON object (the format segmentstage writes).
std::string field(std::string_view obj, std::string_view key) {
    const std::string pat = "\"" + std::string(key) + "\":";
    auto p = obj.find(pat);
    if (p == std::string_view::npos) return {};
    p += pat.size();
    while (p < obj.size() && obj[p] == ' ') ++p;
    if (p < obj.size() && obj[p] == '"') {
        const auto e = obj.find('"', p + 1);
        return std::string(obj.substr(p + 1, e - p - 1));
    }
    auto e = p;
    while (e < obj.size() && obj[e] != ',' && obj[e] != '}') ++e;
    return std::string(obj.substr(p, e - p));
}

double number(const std::string& s, double fallback) {
    if (s.empty() || s == "null") return fallback;
    try {
        return std::stod(s);
    } catch (const std::exception&) {
        return fallback;
    }
}

std::vector<StoredColumn> parseColumns(std::string_view json) {
    std::vector<StoredColumn> out;
    std::size_t p = 0;
    while ((p = json.find('{', p)) != std::string_view::npos) {
        const auto e = json.find('}', p);
        if (e == std::string_view::npos) break;
        const auto obj = json.substr(p, e - p + 1);
        StoredColumn c;
        c.name = field(obj, "name");
        c.transform = field(obj, "transform");
        c.impute = number(field(obj, "impute"), 0.0);
        c.centre = number(field(obj, "centre"), 0.0);
        c.scale = number(field(obj, "scale"), 1.0);
        if (!(c.scale > 0)) c.scale = 1.0;
        out.push_back(std::move(c));
        p = e + 1;
    }
    return out;
}

double prepare(double raw, const StoredColumn& c) {
    double v = std::isfinite(raw) ? raw : c.impute;
    if (c.transform == "log1p")
        v = std::log1p(std::max(0.0, v));
    else if (c.transform == "signed_log")
        v = std::copysign(std::log1p(std::fabs(v)), v);
    return (v - c.centre) / c.scale;
}

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

} // namespace

bool keepInSample(std::int64_t clientRef, std::size_t labelled, std::size_t maxPoints) {
    if (labelled <= maxPoints) return true;
    const double u = static_cast<double>(splitmix(static_cast<std::uint64_t>(clientRef)) >> 11) *
                     (1.0 / 9007199254740992.0);
    return u < static_cast<double>(maxPoints) / static_cast<double>(labelled);
}

namespace {

/// The value inputs the segmentation saw, rebuilt from stored scores (`scoreOf(ref)`: the
/// client's score, null when it has none) for each row of `features`.
template <class ScoreOf>
std::vector<analytics::ValueInput> valuesOf(const storage::BookFeatures& features,
                                            ScoreOf scoreOf) {
    std::vector<analytics::ValueInput> values(features.rows());
    for (std::size_t i = 0; i < features.rows(); ++i) {
        const storage::ClientScoreRow* s = scoreOf(features.client_ref[i], i);
        if (!s) {
            values[i].profit.profit_12m = std::numeric_limits<double>::quiet_NaN();
            values[i].clv.clv_12m = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        values[i].profit.profit_12m = static_cast<double>(s->profit_12m.units) / 10000.0;
        values[i].clv.clv_12m = static_cast<double>(s->clv_12m.units) / 10000.0;
        values[i].profit.service_cost_12m =
            static_cast<double>(s->service_cost_12m.units) / 10000.0;
    }
    return values;
}

/// The scatter of run `runId` from every client's features as of the run's date and the value
/// inputs of each feature row.
Result<FactorScatter> scatterOf(storage::Database& db, std::int64_t runId,
                                const storage::SegmentRunRow& segRun,
                                const storage::BookFeatures& features,
                                const std::vector<analytics::ValueInput>& values,
                                std::size_t maxPoints) {
    auto labels = storage::loadSegmentLabels(db, runId);
    if (!labels) return labels.error();
    auto factors = storage::loadSegmentFactors(db, runId);
    if (!factors) return factors.error();

    const auto columns = parseColumns(segRun.features_json);
    const auto specs = segmentFeatureSpecs();
    const auto input = buildSegmentationInput(features, values);

    // Column j of the input -> its stored descriptor (matched by name).
    const auto p = static_cast<Eigen::Index>(specs.size());
    std::vector<const StoredColumn*> col(specs.size(), nullptr);
    for (std::size_t j = 0; j < specs.size(); ++j)
        for (const auto& c : columns)
            if (c.name == specs[j].name) col[j] = &c;

    std::unordered_map<std::int64_t, std::size_t> rowOf;
    for (std::size_t i = 0; i < features.rows(); ++i) rowOf[features.client_ref[i]] = i;

    // Prepared rows of the labelled clients.
    FactorScatter out;
    out.labelled = labels->size();
    Eigen::MatrixXd z(static_cast<Eigen::Index>(labels->size()), p);
    std::vector<int> seg(labels->size());
    std::vector<std::int64_t> refs(labels->size());
    Eigen::Index n = 0;
    for (const auto& [ref, segment] : *labels) {
        auto it = rowOf.find(ref);
        if (it == rowOf.end()) continue;
        const auto r = static_cast<Eigen::Index>(it->second);
        for (Eigen::Index j = 0; j < p; ++j) {
            const auto* c = col[static_cast<std::size_t>(j)];
            z(n, j) = c ? prepare(input.values(r, j), *c) : 0.0;
        }
        seg[static_cast<std::size_t>(n)] = segment;
        refs[static_cast<std::size_t>(n)] = ref;
        ++n;
    }
    z.conservativeResize(n, p);
    if (n == 0) return out;

    Eigen::MatrixXd coords(n, 2);
    if (segRun.used_factors && !factors->empty()) {
        // Standardise as the PCA did (correlation), then W = C^+ L.
        const Eigen::RowVectorXd mean = z.colwise().mean();
        Eigen::MatrixXd zc = z.rowwise() - mean;
        Eigen::RowVectorXd sd =
            (zc.colwise().squaredNorm() / std::max<double>(1.0, static_cast<double>(n - 1)))
                .cwiseSqrt();
        for (Eigen::Index j = 0; j < p; ++j)
            if (!(sd(j) > 1e-12)) sd(j) = 1.0;
        zc = zc.array().rowwise() / sd.array();
        const Eigen::MatrixXd corr =
            (zc.transpose() * zc) / std::max<double>(1.0, static_cast<double>(n - 1));
        const Eigen::Index m =
            std::min<Eigen::Index>(2, static_cast<Eigen::Index>(factors->size()));
        Eigen::MatrixXd loadings = Eigen::MatrixXd::Zero(p, 2);
        for (Eigen::Index f = 0; f < m; ++f)
            for (const auto& [name, value] : (*factors)[static_cast<std::size_t>(f)].loadings)
                for (Eigen::Index j = 0; j < p; ++j)
                    if (specs[static_cast<std::size_t>(j)].name == name) loadings(j, f) = value;
        const Eigen::MatrixXd w = corr.completeOrthogonalDecomposition().solve(loadings);
        coords = zc * w;
        out.x_axis = (*factors)[0].theme;
        if (m > 1) out.y_axis = (*factors)[1].theme;
    } else {
        out.factors = false;
        coords.col(0) = z.col(0);
        coords.col(1) = p > 1 ? Eigen::VectorXd(z.col(1)) : Eigen::VectorXd::Zero(n);
        out.x_axis = specs[0].name;
        out.y_axis = p > 1 ? specs[1].name : std::string();
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto ref = refs[static_cast<std::size_t>(i)];
        if (!keepInSample(ref, static_cast<std::size_t>(n), maxPoints)) continue;
        out.client_ref.push_back(ref);
        out.x.push_back(coords(i, 0));
        out.y.push_back(coords(i, 1));
        out.segment_id.push_back(seg[static_cast<std::size_t>(i)]);
    }
    return out;
}

/// The scatter rebuilt from the book (every client's features as of the run's date).
Result<FactorScatter> computeFactorScatter(storage::Database& db, std::int64_t runId,
                                           std::size_t maxPoints) {
    auto segRun = storage::loadSegmentRun(db, runId);
    if (!segRun) return segRun.error();
    auto run = storage::readAnalyticsRun(db, runId);
    if (!run) return run.error();
    if (!run->as_of) return makeError(ErrorCode::InvalidInput, "the run has no as-of date");
    auto scores = storage::readScores(db, runId);
    if (!scores) return scores.error();
    auto features = storage::readFeatures(db, *run->as_of);
    if (!features) return features.error();
    std::unordered_map<std::int64_t, std::size_t> scoreOf;
    for (std::size_t i = 0; i < scores->size(); ++i) scoreOf[(*scores)[i].score.client_ref] = i;
    const auto values =
        valuesOf(*features, [&](std::int64_t ref, std::size_t) -> const storage::ClientScoreRow* {
            auto it = scoreOf.find(ref);
            return it == scoreOf.end() ? nullptr : &(*scores)[it->second].score;
        });
    return scatterOf(db, runId, *segRun, *features, values, maxPoints);
}

Status keep(storage::Database& db, std::int64_t runId, std::size_t maxPoints,
            const FactorScatter& s) {
    return storage::saveFactorScatterCache(
        db, {runId, static_cast<std::int64_t>(maxPoints), s.x_axis, s.y_axis, s.factors,
             static_cast<std::int64_t>(s.labelled), s.client_ref, s.x, s.y, s.segment_id});
}

} // namespace

Status keepFactorScatter(storage::Database& db, std::int64_t runId,
                         const storage::BookFeatures& features,
                         const std::vector<storage::ClientScoreRow>& scores,
                         std::size_t maxPoints) {
    auto segRun = storage::loadSegmentRun(db, runId);
    if (!segRun) return segRun.error().code == ErrorCode::NotFound ? Status{} : segRun.error();
    const auto values = valuesOf(features, [&](std::int64_t, std::size_t i) {
        return i < scores.size() ? &scores[i] : nullptr;
    });
    auto scatter = scatterOf(db, runId, *segRun, features, values, maxPoints);
    if (!scatter) return scatter.error();
    return keep(db, runId, maxPoints, *scatter);
}

Result<FactorScatter> loadFactorScatter(storage::Database& db, std::int64_t runId,
                                        std::size_t maxPoints) {
    const auto points = static_cast<std::int64_t>(maxPoints);
    auto kept = storage::loadFactorScatterCache(db, runId, points);
    if (!kept) return kept.error();
    if (*kept) {
        auto& k = **kept;
        FactorScatter out;
        out.x_axis = std::move(k.x_axis);
        out.y_axis = std::move(k.y_axis);
        out.factors = k.factors;
        out.client_ref = std::move(k.client_ref);
        out.x = std::move(k.x);
        out.y = std::move(k.y);
        out.segment_id = std::move(k.segment_id);
        out.labelled = static_cast<std::size_t>(k.labelled);
        return out;
    }
    auto computed = computeFactorScatter(db, runId, maxPoints);
    if (!computed) return computed;
    // Kept for the next load; a book that cannot be written to (busy) computes it again then.
    (void)keep(db, runId, maxPoints, *computed);
    return computed;
}

} // namespace bd::services
