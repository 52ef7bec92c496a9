#pragma once
// Client segmentation, the study's steps end to end: prepare features, extract factors, choose
// k, cluster, profile each segment (size, shares, traits, growth, margin, Kotler relationship),
// name it (a theme and distinguishing feature, core/facts.h; the phrasebook words it), and keep
// segment identities stable across refreshes.
#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "analytics/factors.h"
#include "analytics/featureprep.h"
#include "analytics/kmeans.h"
#include "analytics/relationship.h"
#include "core/facts.h"
#include "core/result.h"

namespace bd::analytics {

/// Per-client inputs, all in the same client order. Only `features` and `values` are required;
/// an empty optional vector means "not available" (its shares / means are reported as NaN).
struct SegmentationInput {
    std::vector<FeatureSpec> features; // p columns: names (themes come from them) + transforms
    Eigen::MatrixXd values;            // n x p raw values in original units, NaN = missing
    std::vector<double> aum;           // AUM per client (for AUM share)
    std::vector<double> profit;        // profit_12m per client (profit share, margin level)
    std::vector<double> aum_trend;     // AUM trend per client (growth potential)
    std::vector<double> clv;           // CLV per client (growth potential)
};

/// Options of segmentClients(). Defaults follow the product: robust prep, Kaiser factors with
/// varimax, k in 2..10 by silhouette on <= 5,000 sampled clients, k-means with 10 restarts.
struct SegmentationOptions {
    PrepOptions prep;
    bool use_factors = true; // false: cluster the prepared features directly
    FactorOptions factors;
    int kmin = 2;
    int kmax = 10;
    int fixed_k = 0; // > 0: use this k, no selection (unless score_fixed_k)
    /// With a fixed k, still score every candidate k (the criterion a manager compares their
    /// k against); the result's selection then holds them, and its best_k what it would choose.
    bool score_fixed_k = false;
    /// The columns (by feature name) whose factor scores choose k; empty = every column.
    std::vector<std::string> selection_features;
    /// The columns (by feature name) in which k-means assigns the clients once k is chosen,
    /// prepared with `cluster_scaling`; empty = the space k was chosen in (factor scores or
    /// prepared features). Unknown names are an InvalidInput error.
    std::vector<std::string> cluster_features;
    Scaling cluster_scaling = Scaling::Standard;
    std::size_t selection_sample = 5000;
    /// Samples the criterion is averaged over, and the one-standard-error rule
    /// (KSelectionOptions::repeats, within_se).
    int selection_repeats = 1;
    double selection_within_se = 0.0;
    /// Fewer clients than this are not split (Unsegmented::TooFewClients).
    std::size_t min_clients = 2;
    /// When k is chosen (not fixed) and the clusterings of the selection's samples agree less
    /// than this at the chosen k (KSelection::agreement), the book has no grouping worth
    /// acting on and stays one segment (Unsegmented::NoStableStructure). 0 = never.
    double min_agreement = 0.0;
    KMeansOptions kmeans; // n_init, max_iter, tol, seed, threads (k is set by the pipeline)
    /// Restarts of the final k-means on all clients; 0 = kmeans.n_init.
    int final_n_init = 0;
    KotlerThresholds kotler;
    /// Naming: a theme is high/low when the segment's mean is this many population standard
    /// deviations above / below the population mean (in the prepared feature space).
    double high_z = 0.5;
    double low_z = -0.5;
    /// Identity matching: a new cluster inherits an old segment when their client sets have a
    /// Jaccard index >= min_jaccard (labels given), or (centroids only) when the centroid moved
    /// by at most max_centroid_shift x the distance from the old centroid to its nearest other
    /// old centroid (scale-free: prepared units differ between books).
    double min_jaccard = 0.2;
    double max_centroid_shift = 0.5;
};

/// One segment of a run.
struct SegmentProfile {
    int id = 0;      // stable across refreshes
    int cluster = 0; // index into this run's clustering (SegmentationResult::labels)
    SegmentName name;
    bool inherited = false; // id and name were kept from the previous run
    std::size_t size = 0;
    double client_share = 0.0;
    double aum_share = 0.0;            // NaN without AUM input
    double profit_share = 0.0;         // NaN without profit input
    std::vector<double> feature_means; // per feature, original units, NaN values skipped
    /// Per feature: (segment mean - population mean) / population std dev, prepared space.
    std::vector<double> feature_z;
    Eigen::VectorXd centroid;    // mean of the members' prepared rows (store it for the next run)
    double mean_aum = 0.0;       // NaN without input
    double mean_profit = 0.0;    // profit per client; NaN without input
    double mean_aum_trend = 0.0; // NaN without input
    double mean_clv = 0.0;       // NaN without input
    Level client_level = Level::Medium; // High = many clients
    Level margin_level = Level::Medium; // Medium when no profit is given
    /// No value (analytics/relationship.h zeroValue): never a relationship with a broker cadence.
    bool zero_value = false;
    RelationshipType relationship = RelationshipType::Accountable;
};

/// A segment of the previous run, as stored.
struct PreviousSegment {
    int id = 0;
    /// Its generated name, kept when the segment is matched; Unknown theme when the user named
    /// it (the caller keeps such a name).
    SegmentName name;
    Eigen::VectorXd centroid; // prepared feature space (may be empty when labels are given)
};

/// The previous run: its segments and, optionally, each current client's previous segment id
/// (same order as the input; -1 = the client had none, e.g. a new client).
struct PreviousRun {
    std::vector<PreviousSegment> segments;
    std::vector<int> client_segment_ids; // empty = match by centroids
};

/// Client counts from old segment (rows) to new segment (columns). Row id -1 counts clients
/// without a previous segment.
struct MigrationMatrix {
    std::vector<int> from_ids;
    std::vector<int> to_ids;
    std::vector<std::vector<std::size_t>> counts; // [from][to]
};

/// Everything a segmentation run produces.
struct SegmentationResult {
    std::vector<ColumnInfo> columns; // how each feature was prepared
    bool used_factors = false;
    FactorModel factors;                      // when used_factors
    std::vector<FactorName> factor_names;     // one per factor
    std::vector<std::string> factor_features; // the loadings' rows (the selection columns)
    KSelection selection;                     // empty ks when k was fixed
    int k = 0;
    /// Why the book was kept as one segment (k = 1, named SegmentTheme::WholeBook), else No.
    Unsegmented unsegmented = Unsegmented::No;
    std::vector<int> labels;              // cluster index per client
    std::vector<int> segment_ids;         // stable segment id per client
    std::vector<SegmentProfile> segments; // ordered by id
    /// The columns k-means assigned the clients in (empty: the space k was chosen in).
    std::vector<std::string> cluster_features;
    double inertia = 0.0;      // in the clustering space (factor scores or prepared features)
    MigrationMatrix migration; // filled when previous client labels were given
    /// Wall milliseconds of the pipeline's parts (preparation + factors, choice of k, final
    /// k-means, profiles and matching).
    double prepare_ms = 0.0, selection_ms = 0.0, kmeans_ms = 0.0, profile_ms = 0.0;
};

/// Run the whole segmentation. `previous` (optional) keeps ids and names stable: new clusters
/// are matched to old segments by the Hungarian algorithm (maximum client overlap when labels
/// are given, else minimum centroid distance); unmatched clusters get ids above every previous
/// id. Errors: input sizes that disagree, bad values (see prepareFeatures), bad k range.
Result<SegmentationResult> segmentClients(const SegmentationInput& input,
                                          const SegmentationOptions& options = {},
                                          const PreviousRun* previous = nullptr);

/// Generated segment theme from per-feature z values and feature names, by the rules
/// documented in segmentation.cpp (HighValueActive, Dormant, ...). Not unique by itself;
/// segmentClients() adds the distinguishing feature or a number.
SegmentTheme segmentTheme(const std::vector<double>& feature_z,
                          const std::vector<std::string>& feature_names, double high_z = 0.5,
                          double low_z = -0.5);

/// Match new clusters to previous segments: for each new cluster, the index into `previous`
/// it inherits or -1. `overlap` (old x new client counts) is used when non-empty, else
/// centroid distances; thresholds as in SegmentationOptions.
std::vector<int> matchSegments(const std::vector<PreviousSegment>& previous,
                               const std::vector<Eigen::VectorXd>& new_centroids,
                               const Eigen::MatrixXd& overlap,
                               const std::vector<std::size_t>& old_sizes,
                               const std::vector<std::size_t>& new_sizes, double min_jaccard,
                               double max_centroid_shift);

} // namespace bd::analytics
