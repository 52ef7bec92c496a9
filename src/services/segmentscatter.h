#pragma once
// Per-client coordinates of a segmentation run in its first two factors, for the Segments
// view's scatter. Factor scores are not stored per client, so they are rebuilt from the book:
// the run's features as of its date, prepared with the run's stored column descriptors
// (impute, transform, centre, scale) and scored with W = C^-1 L (C: correlation of the prepared
// columns, L: the stored rotated loadings), which equals the pipeline's score weights.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/book/analyticsstore.h"
#include "storage/book/features.h"
#include "storage/db/database.h"

namespace bd::services {

/// Points of the scatter (one per sampled client) and the axes' names.
struct FactorScatter {
    /// What each axis is: a factor's themes or a feature id (phrase::factorName words either).
    std::string x_axis, y_axis;
    bool factors = true; // false: the run clustered raw features; axes are the first two
    std::vector<std::int64_t> client_ref;
    std::vector<double> x, y;
    std::vector<int> segment_id;
    std::size_t labelled = 0; // clients with a segment in the run (before sampling)
};

/// Deterministic sample: a client is kept when a hash of its client_ref falls below
/// maxPoints / labelled, so the same clients are drawn on every load and across refreshes.
bool keepInSample(std::int64_t clientRef, std::size_t labelled, std::size_t maxPoints);

/// Points the Segments page draws at most (the sample its scatter is kept for).
inline constexpr std::size_t kScatterPoints = 20000;

/// Scatter of run `runId` (NotFound without a segmentation); at most about `maxPoints` points.
/// Computed once per run and sample size, then read from the book's cache
/// (storage/book/scattercache.h).
Result<FactorScatter> loadFactorScatter(storage::Database& db, std::int64_t runId,
                                        std::size_t maxPoints = kScatterPoints);

/// Computes run `runId`'s scatter from a refresh's own features and score rows (in memory;
/// `scores[i]` is the score of `features`' row i) and keeps it in the book's cache, so the
/// Segments page's first open after a refresh only reads it (rebuilding it there read every
/// client's features again: about 4 s on 100,000 clients). Nothing when the run has no
/// segmentation.
Status keepFactorScatter(storage::Database& db, std::int64_t runId,
                         const storage::BookFeatures& features,
                         const std::vector<storage::ClientScoreRow>& scores,
                         std::size_t maxPoints = kScatterPoints);

} // namespace bd::services
