#include "analytics/featureprep.h"

#include "core/enumkeys.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <optional>
#include <thread>

namespace bd::analytics {

namespace {

// Consistency constants: for normal data 1.4826 * MAD and IQR / 1.349 both estimate sigma.
constexpr double kMadToSigma = 1.4826;
constexpr double kIqrToSigma = 1.0 / 1.349;

// Quantile by linear interpolation (numpy's default); reorders v (selection, no full sort).
double selectQuantile(std::vector<double>& v, double q) {
    if (v.empty()) return 0.0;
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto loIt = v.begin() + static_cast<std::ptrdiff_t>(lo);
    std::nth_element(v.begin(), loIt, v.end());
    const double a = *loIt;
    if (lo + 1 >= v.size()) return a;
    const double b = *std::min_element(loIt + 1, v.end());
    return a + (pos - static_cast<double>(lo)) * (b - a);
}

// Mid-rank quantiles (ties share their average rank), in (0, 1).
void rankTransform(std::vector<double>& v) {
    const std::size_t n = v.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> out(n);
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i;
        while (j + 1 < n && v[order[j + 1]] == v[order[i]]) ++j;
        // Ranks i+1 .. j+1 (1-based) share their mean.
        const double avgRank = 0.5 * static_cast<double>(i + j) + 1.0;
        for (std::size_t t = i; t <= j; ++t)
            out[order[t]] = (avgRank - 0.5) / static_cast<double>(n);
        i = j + 1;
    }
    v.swap(out);
}

Error columnError(const std::string& column, std::string message, std::string value = {}) {
    Error e = makeError(ErrorCode::InvalidInput, std::move(message));
    e.column_name = column;
    e.value = std::move(value);
    return e;
}

// Prepare one column (raw values in, prepared values out), recording how.
Result<ColumnInfo> prepareColumn(const double* raw, std::size_t n, const FeatureSpec& spec,
                                 const PrepOptions& options, double* out) {
    ColumnInfo info;
    info.name = spec.name;
    info.transform = spec.transform;

    std::vector<double> present;
    present.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double v = raw[i];
        if (std::isnan(v)) continue;
        if (std::isinf(v))
            return columnError(spec.name, "infinite value in row " + std::to_string(i + 1));
        if (spec.transform == Transform::Log1p && v < 0.0)
            return columnError(spec.name,
                               "negative value under log1p in row " + std::to_string(i + 1),
                               std::to_string(v));
        present.push_back(v);
    }
    info.missing = n - present.size();
    info.impute_value = median(std::move(present));

    std::vector<double> col(n);
    for (std::size_t i = 0; i < n; ++i) col[i] = std::isnan(raw[i]) ? info.impute_value : raw[i];
    switch (spec.transform) {
    case Transform::None:
        break;
    case Transform::Log1p:
        for (double& v : col) v = std::log1p(v);
        break;
    case Transform::SignedLog:
        for (double& v : col) v = std::copysign(std::log1p(std::fabs(v)), v);
        break;
    case Transform::Rank:
        rankTransform(col);
        break;
    }

    double mean = 0.0;
    for (double v : col) mean += v;
    mean /= static_cast<double>(n);
    double ss = 0.0;
    for (double v : col) ss += (v - mean) * (v - mean);
    const double sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;

    switch (options.scaling) {
    case Scaling::None:
        info.centre = 0.0;
        info.scale = 1.0;
        info.scale_kind = ScaleKind::Unit;
        break;
    case Scaling::Standard:
        info.centre = mean;
        info.scale = sd;
        info.scale_kind = ScaleKind::StdDev;
        break;
    case Scaling::Robust: {
        std::vector<double> work = col;
        info.centre = selectQuantile(work, 0.5);
        const double q1 = selectQuantile(work, 0.25);
        const double q3 = selectQuantile(work, 0.75);
        for (std::size_t i = 0; i < n; ++i) work[i] = std::fabs(col[i] - info.centre);
        const double mad = kMadToSigma * median(std::move(work));
        const double iqr = kIqrToSigma * (q3 - q1);
        // Zero-inflated columns (many clients with no trades) have MAD = 0: fall back.
        const ScaleKind order[2] = {options.prefer_iqr ? ScaleKind::Iqr : ScaleKind::Mad,
                                    options.prefer_iqr ? ScaleKind::Mad : ScaleKind::Iqr};
        info.scale = 0.0;
        for (ScaleKind kind : order) {
            const double s = kind == ScaleKind::Mad ? mad : iqr;
            if (s > 0.0) {
                info.scale = s;
                info.scale_kind = kind;
                break;
            }
        }
        if (info.scale <= 0.0) {
            info.scale = sd;
            info.scale_kind = ScaleKind::StdDev;
        }
        break;
    }
    }
    // A constant column: scale 1, so its prepared values are all (value - centre) = 0.
    if (!(info.scale > 0.0) || !std::isfinite(info.scale)) {
        info.scale = 1.0;
        info.scale_kind = ScaleKind::Unit;
    }
    const double inv = 1.0 / info.scale;
    for (std::size_t i = 0; i < n; ++i) {
        double z = (col[i] - info.centre) * inv;
        if (options.clip > 0.0) z = std::clamp(z, -options.clip, options.clip);
        out[i] = z;
    }
    return info;
}

} // namespace

constexpr auto kTransformKeys = enumKeys<Transform>("none", "log1p", "signed_log", "rank");

std::string_view toString(Transform t) {
    return kTransformKeys(t);
}

constexpr auto kScaleKindKeys = enumKeys<ScaleKind>("mad", "iqr", "std", "unit");

std::string_view toString(ScaleKind k) {
    return kScaleKindKeys(k, 3);
}

double median(std::vector<double> values) {
    if (values.empty()) return 0.0;
    const std::size_t n = values.size();
    const std::size_t mid = n / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid),
                     values.end());
    const double upper = values[mid];
    if (n % 2 == 1) return upper;
    const double lower =
        *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
    return 0.5 * (lower + upper);
}

Result<PreparedFeatures> prepareFeatures(const Eigen::MatrixXd& raw,
                                         const std::vector<FeatureSpec>& specs,
                                         const PrepOptions& options) {
    const auto n = static_cast<std::size_t>(raw.rows());
    const auto p = static_cast<std::size_t>(raw.cols());
    if (n == 0 || p == 0) return makeError(ErrorCode::InvalidInput, "no clients or no features");
    if (specs.size() != p)
        return makeError(ErrorCode::InvalidInput, "feature specs (" + std::to_string(specs.size()) +
                                                      ") do not match the matrix columns (" +
                                                      std::to_string(p) + ")");

    PreparedFeatures out;
    out.x.resize(raw.rows(), raw.cols());
    out.columns.resize(p);
    std::vector<std::optional<Error>> errors(p);
    // Columns are independent: prepare them on two threads (each writes only its own column,
    // so the result does not depend on the thread count).
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t c = next.fetch_add(1); c < p; c = next.fetch_add(1)) {
            auto r = prepareColumn(raw.col(static_cast<Eigen::Index>(c)).data(), n, specs[c],
                                   options, out.x.col(static_cast<Eigen::Index>(c)).data());
            if (r)
                out.columns[c] = std::move(*r);
            else
                errors[c] = r.error();
        }
    };
    const unsigned hw = std::thread::hardware_concurrency();
    std::thread helper;
    if (hw > 1 && p > 1 && n >= 20000) helper = std::thread(work);
    work();
    if (helper.joinable()) helper.join();
    for (auto& e : errors)
        if (e) return *e; // the first bad column, in column order
    return out;
}

} // namespace bd::analytics
