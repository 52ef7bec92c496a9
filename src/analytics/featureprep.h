#pragma once
// Feature preparation for segmentation: per-column transforms, median imputation and robust
// standardisation, so that heavy-tailed money columns and counts can share one distance.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Dense>

#include "core/result.h"

namespace bd::analytics {

/// How a raw column is reshaped before standardisation.
enum class Transform {
    None,  // keep as is
    Log1p, // log(1 + x), for non-negative heavy-tailed amounts (AUM, commission); x < 0 rejected
    SignedLog, // sign(x) * log(1 + |x|), for heavy-tailed amounts that can be negative (profit)
    Rank,      // mid-rank quantile in (0, 1): (average rank - 0.5) / n, robust to any outlier
};

/// How a (transformed) column is centred and scaled.
enum class Scaling {
    Robust,   // centre = median; scale = 1.4826 * MAD, falling back to IQR / 1.349, then std
    Standard, // centre = mean; scale = standard deviation
    None,     // centre 0, scale 1
};

/// Which spread statistic was actually used for a column.
enum class ScaleKind { Mad, Iqr, StdDev, Unit };

/// English name of a transform ("none", "log1p", "signed_log", "rank").
std::string_view toString(Transform t);
/// English name of a scale kind ("mad", "iqr", "std", "unit").
std::string_view toString(ScaleKind k);

/// One input column: its name and the transform to apply.
struct FeatureSpec {
    std::string name;
    Transform transform = Transform::None;
};

/// Options of prepareFeatures().
struct PrepOptions {
    Scaling scaling = Scaling::Robust;
    /// With Robust scaling: use the IQR first instead of the MAD.
    bool prefer_iqr = false;
    /// If > 0, prepared values are clipped to [-clip, clip] (limits the pull of extreme clients
    /// on k-means). 0 = no clipping.
    double clip = 0.0;
};

/// How one column was prepared: prepared = clip((transform(impute(raw)) - centre) / scale).
struct ColumnInfo {
    std::string name;
    Transform transform = Transform::None;
    double impute_value = 0.0; // raw-unit median of the present values, used for NaN
    std::size_t missing = 0;   // number of NaN values imputed
    double centre = 0.0;       // in transformed units
    double scale = 1.0;        // in transformed units, always > 0
    ScaleKind scale_kind = ScaleKind::Unit;
};

/// The prepared matrix (n x p, column order as given) and a descriptor per column.
struct PreparedFeatures {
    Eigen::MatrixXd x;
    std::vector<ColumnInfo> columns;
};

/// Prepare a raw n x p matrix (rows = clients) column by column.
///
/// Missing values are NaN. Rules: a NaN is replaced by the median of the column's present raw
/// values (the median commutes with the monotone transforms, so this equals imputing after the
/// transform); a column with no present value is imputed with 0 and becomes constant; a constant
/// column gets scale 1 (its prepared values are all 0, so it does not affect distances).
/// Errors (InvalidInput, with the column name): +/-infinity anywhere, a negative value under
/// Log1p, a spec count different from the column count, or an empty matrix.
Result<PreparedFeatures> prepareFeatures(const Eigen::MatrixXd& raw,
                                         const std::vector<FeatureSpec>& specs,
                                         const PrepOptions& options = {});

/// Median of the values (copied; NaN must not be present). 0 for an empty input.
double median(std::vector<double> values);

} // namespace bd::analytics
