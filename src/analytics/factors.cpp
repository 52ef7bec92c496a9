#include "analytics/factors.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <Eigen/Eigenvalues>

namespace bd::analytics {

namespace {

// Feature name keyword -> theme. Checked in this order on the lower-cased name; the first
// keyword contained in the name decides (so "days_since_last_trade" is inactivity, not
// activity, and "aum_trend" is growth, not assets).
struct ThemeKeyword {
    const char* keyword;
    const char* theme;
};
constexpr ThemeKeyword kThemeKeywords[] = {
    {"days_since", "inactivity"},
    {"since_last", "inactivity"},
    {"recency", "inactivity"},
    {"inactive", "inactivity"},
    {"dormant", "inactivity"},
    {"trend", "growth"},
    {"growth", "growth"},
    {"clv", "profitability"},
    {"profit", "profitability"},
    {"margin", "profitability"},
    {"market_value", "assets"},
    {"value", "profitability"},
    {"contribution", "profitability"},
    {"trade", "activity"},
    {"trading", "activity"},
    {"commission", "activity"},
    {"turnover", "activity"},
    {"volume", "activity"},
    {"frequency", "activity"},
    {"order", "activity"},
    {"aum", "assets"},
    {"asset", "assets"},
    {"cash", "assets"},
    {"balance", "assets"},
    {"deposit", "assets"},
    {"tenure", "tenure"},
    {"open_days", "tenure"},
    {"account_age", "tenure"},
    {"contact", "service"},
    {"service", "service"},
    {"visit", "service"},
    {"call", "service"},
    {"risk", "risk"},
    {"position", "diversification"},
    {"holding", "diversification"},
    {"securities", "diversification"},
    {"diversif", "diversification"},
    {"client_age", "age"},
    {"age_years", "age"},
};

// Flip columns so that each column's largest-magnitude entry is positive.
Eigen::VectorXd positiveSigns(const Eigen::MatrixXd& m) {
    Eigen::VectorXd s = Eigen::VectorXd::Ones(m.cols());
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
        Eigen::Index top = 0;
        m.col(j).cwiseAbs().maxCoeff(&top);
        if (m(top, j) < 0.0) s(j) = -1.0;
    }
    return s;
}

} // namespace

Result<PcaResult> pca(const Eigen::MatrixXd& x, bool use_correlation) {
    const Eigen::Index n = x.rows(), p = x.cols();
    if (n < 2 || p < 1) return makeError(ErrorCode::InvalidInput, "PCA needs 2 rows and 1 column");
    if (!x.allFinite()) return makeError(ErrorCode::InvalidInput, "non-finite value in PCA input");

    PcaResult r;
    r.mean = x.colwise().mean().transpose();
    // Covariance accumulated over row blocks: no n x p temporary for a million clients.
    Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(p, p);
    constexpr Eigen::Index kBlock = 65536;
    for (Eigen::Index r0 = 0; r0 < n; r0 += kBlock) {
        const Eigen::Index rows = std::min(kBlock, n - r0);
        const Eigen::MatrixXd centred = x.middleRows(r0, rows).rowwise() - r.mean.transpose();
        cov.noalias() += centred.transpose() * centred;
    }
    cov /= static_cast<double>(n - 1);
    r.scale = Eigen::VectorXd::Ones(p);
    if (use_correlation) {
        for (Eigen::Index j = 0; j < p; ++j) {
            const double sd = std::sqrt(cov(j, j));
            r.scale(j) = sd > 0.0 ? sd : 1.0;
        }
        const Eigen::VectorXd inv = r.scale.cwiseInverse();
        cov = inv.asDiagonal() * cov * inv.asDiagonal();
    }

    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(cov);
    if (solver.info() != Eigen::Success)
        return makeError(ErrorCode::Internal, "eigen decomposition did not converge");
    // Eigen returns ascending eigenvalues: reverse to descending.
    r.eigenvalues = solver.eigenvalues().reverse().cwiseMax(0.0);
    r.eigenvectors = solver.eigenvectors().rowwise().reverse();
    r.eigenvectors = r.eigenvectors * positiveSigns(r.eigenvectors).asDiagonal();
    const double total = r.eigenvalues.sum();
    r.explained_ratio =
        total > 0.0 ? Eigen::VectorXd(r.eigenvalues / total) : Eigen::VectorXd::Zero(p).eval();
    return r;
}

VarimaxResult varimax(const Eigen::MatrixXd& loadings, bool normalize, double tol, int max_iter) {
    const Eigen::Index p = loadings.rows(), m = loadings.cols();
    VarimaxResult out;
    out.rotation = Eigen::MatrixXd::Identity(m, m);
    out.loadings = loadings;
    if (m < 2) {
        out.converged = true;
        return out;
    }
    Eigen::VectorXd sc = Eigen::VectorXd::Ones(p);
    Eigen::MatrixXd a = loadings;
    if (normalize) {
        for (Eigen::Index i = 0; i < p; ++i) {
            const double h = a.row(i).norm();
            if (h > 0.0) sc(i) = h;
        }
        a = sc.cwiseInverse().asDiagonal() * a;
    }
    // Kaiser's pairwise algorithm: sweep over factor pairs, rotating each pair by the angle
    // that maximises the varimax criterion exactly (Kaiser 1959, Harman 1976 section 14.4).
    Eigen::MatrixXd t = Eigen::MatrixXd::Identity(m, m);
    const double pd = static_cast<double>(p);
    for (int sweep = 1; sweep <= max_iter; ++sweep) {
        double largest = 0.0;
        for (Eigen::Index j = 0; j < m - 1; ++j) {
            for (Eigen::Index k = j + 1; k < m; ++k) {
                double sa = 0.0, sb = 0.0, sc2 = 0.0, sd = 0.0;
                for (Eigen::Index i = 0; i < p; ++i) {
                    const double xj = a(i, j), xk = a(i, k);
                    const double u = xj * xj - xk * xk, v = 2.0 * xj * xk;
                    sa += u;
                    sb += v;
                    sc2 += u * u - v * v;
                    sd += 2.0 * u * v;
                }
                const double num = sd - 2.0 * sa * sb / pd;
                const double den = sc2 - (sa * sa - sb * sb) / pd;
                const double phi = 0.25 * std::atan2(num, den);
                largest = std::max(largest, std::fabs(phi));
                if (std::fabs(phi) < 1e-15) continue;
                const double c = std::cos(phi), s = std::sin(phi);
                for (Eigen::Index i = 0; i < p; ++i) {
                    const double xj = a(i, j), xk = a(i, k);
                    a(i, j) = c * xj + s * xk;
                    a(i, k) = -s * xj + c * xk;
                }
                for (Eigen::Index i = 0; i < m; ++i) {
                    const double tj = t(i, j), tk = t(i, k);
                    t(i, j) = c * tj + s * tk;
                    t(i, k) = -s * tj + c * tk;
                }
            }
        }
        out.iterations = sweep;
        if (largest < tol) {
            out.converged = true;
            break;
        }
    }
    out.rotation = t;
    out.loadings = sc.asDiagonal() * a;
    return out;
}

Result<FactorModel> fitFactors(const Eigen::MatrixXd& x, const FactorOptions& options) {
    auto pr = pca(x, options.use_correlation);
    if (!pr) return pr.error();
    FactorModel fm;
    fm.pca = std::move(*pr);
    const PcaResult& pc = fm.pca;
    const auto p = static_cast<int>(pc.eigenvalues.size());

    int m = 0;
    switch (options.rule) {
    case FactorRule::Kaiser: {
        // Above the average eigenvalue (exactly 1 for a correlation matrix).
        const double threshold = pc.eigenvalues.mean();
        for (int j = 0; j < p; ++j)
            if (pc.eigenvalues(j) > threshold * (1.0 + 1e-12)) ++m;
        break;
    }
    case FactorRule::CumulativeVariance: {
        double cum = 0.0;
        while (m < p && cum < options.cumulative_target - 1e-12) cum += pc.explained_ratio(m++);
        break;
    }
    case FactorRule::Fixed:
        m = options.fixed_count;
        break;
    }
    const int upper = options.max_factors > 0 ? std::min(options.max_factors, p) : p;
    m = std::clamp(m, std::min(std::max(options.min_factors, 1), upper), upper);
    fm.factors = m;

    const Eigen::MatrixXd v = pc.eigenvectors.leftCols(m);
    const Eigen::VectorXd lambda = pc.eigenvalues.head(m);
    const Eigen::VectorXd rootLambda = lambda.cwiseSqrt();
    Eigen::MatrixXd loadings = v * rootLambda.asDiagonal();
    Eigen::MatrixXd rot = Eigen::MatrixXd::Identity(m, m);
    if (options.rotate && m > 1) {
        VarimaxResult vr = varimax(loadings, true, options.varimax_tol, options.varimax_max_iter);
        rot = vr.rotation;
        loadings = vr.loadings;
        fm.varimax_iterations = vr.iterations;
        fm.varimax_converged = vr.converged;
        // Order rotated factors by the variance they carry, largest first.
        const Eigen::VectorXd var = loadings.colwise().squaredNorm().transpose();
        std::vector<int> order(static_cast<std::size_t>(m));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return var(a) > var(b); });
        Eigen::MatrixXd l2(loadings.rows(), m), r2(m, m);
        for (int j = 0; j < m; ++j) {
            l2.col(j) = loadings.col(order[static_cast<std::size_t>(j)]);
            r2.col(j) = rot.col(order[static_cast<std::size_t>(j)]);
        }
        loadings = l2;
        rot = r2;
    }
    const Eigen::VectorXd signs = positiveSigns(loadings);
    loadings = loadings * signs.asDiagonal();
    rot = rot * signs.asDiagonal();

    // Unit-variance component scores: z V diag(1/sqrt(lambda)) R. Components with a zero
    // eigenvalue carry no information and get zero weight.
    Eigen::VectorXd w = Eigen::VectorXd::Ones(m);
    if (options.unit_scores)
        for (int j = 0; j < m; ++j) w(j) = lambda(j) > 1e-12 ? 1.0 / rootLambda(j) : 0.0;
    fm.score_weights = v * w.asDiagonal() * rot;
    fm.loadings = loadings;
    fm.rotation = rot;
    fm.communalities = loadings.rowwise().squaredNorm();
    fm.factor_variance = loadings.colwise().squaredNorm().transpose();
    const double total = pc.eigenvalues.sum();
    fm.explained_total = total > 0.0 ? lambda.sum() / total : 0.0;
    return fm;
}

Eigen::MatrixXd factorScores(const FactorModel& model, const Eigen::MatrixXd& x) {
    // ((x - mean) / scale) W = x (W / scale) - (mean / scale)' W, without an n x p temporary.
    const Eigen::MatrixXd w = model.pca.scale.cwiseInverse().asDiagonal() * model.score_weights;
    const Eigen::RowVectorXd offset = model.pca.mean.transpose() * w;
    Eigen::MatrixXd scores = x * w;
    scores.rowwise() -= offset;
    return scores;
}

std::string featureTheme(const std::string& feature_name) {
    std::string lower = feature_name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    for (const auto& kw : kThemeKeywords)
        if (lower.find(kw.keyword) != std::string::npos) return kw.theme;
    return {};
}

FactorName nameFactor(const Eigen::VectorXd& loadings, const std::vector<std::string>& names) {
    if (loadings.size() == 0 || names.size() != static_cast<std::size_t>(loadings.size()))
        return {};
    std::vector<Eigen::Index> order(static_cast<std::size_t>(loadings.size()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
        return std::fabs(loadings(a)) > std::fabs(loadings(b));
    });
    const std::string& topName = names[static_cast<std::size_t>(order[0])];
    const std::string topTheme = featureTheme(topName);
    if (topTheme.empty()) return {topName};
    FactorName out{topTheme};
    const double topAbs = std::fabs(loadings(order[0]));
    for (std::size_t i = 1; i < order.size(); ++i) {
        if (std::fabs(loadings(order[i])) < 0.8 * topAbs) break;
        const std::string t = featureTheme(names[static_cast<std::size_t>(order[i])]);
        if (!t.empty() && t != topTheme) {
            out.theme += "&" + t;
            break;
        }
    }
    return out;
}

} // namespace bd::analytics
