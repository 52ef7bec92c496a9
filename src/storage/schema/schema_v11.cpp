#include "storage/schema/schema_v11.h"

namespace bd::storage {

// Version 11 (see schema_v11.h). Derived data: NULL where a run chose k on one sample.
const std::string_view kSchemaV11SegmentCertainty = R"SQL(
ALTER TABLE segment_k_choices ADD COLUMN silhouette_se REAL;
ALTER TABLE segment_k_choices ADD COLUMN agreement REAL;
ALTER TABLE segment_runs ADD COLUMN unsegmented TEXT NOT NULL DEFAULT '';
)SQL";

} // namespace bd::storage
