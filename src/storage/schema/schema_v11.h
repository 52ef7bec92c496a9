#pragma once
// Schema version 11: what changed after version 10 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

/// How sure a segmentation is of its k (issue 23): each candidate k keeps the standard error of
/// its silhouette across the samples and how far the samples' segments agree; a run that kept
/// the book as one segment keeps why (core/facts.h Unsegmented key, "" when split).
extern const std::string_view kSchemaV11SegmentCertainty; // the migration (schema_v11.cpp)

} // namespace bd::storage
