#include "storage/schema/schema_v10.h"

namespace bd::storage {

// Version 10 (see schema_v10.h). Derived data, written with the run's segments.
const std::string_view kSchemaV10KChoices = R"SQL(
CREATE TABLE segment_k_choices (
  run_id INTEGER NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  k INTEGER NOT NULL,
  silhouette REAL NOT NULL,
  inertia REAL NOT NULL,
  sample_rows INTEGER NOT NULL,
  PRIMARY KEY (run_id, k)
) WITHOUT ROWID;
)SQL";

} // namespace bd::storage
