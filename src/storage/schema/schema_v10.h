#pragma once
// Schema version 10: what changed after version 9 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

/// Why a segmentation has its k (issue 23): `segment_k_choices` keeps, per segmentation run, the
/// mean silhouette and the inertia of every candidate k on the sample k was chosen on, for the
/// Segments page's chart of the criterion.
extern const std::string_view kSchemaV10KChoices; // the migration (schema_v10.cpp)

} // namespace bd::storage
