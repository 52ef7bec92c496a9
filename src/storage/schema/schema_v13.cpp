#include "storage/schema/schema_v13.h"

namespace bd::storage {

// Version 13 (see schema_v13.h). `side`: 0 a row of the absorbed client (moved, or removed
// where it met one of the kept client's), 1 an absorbed contact removed because the kept
// client has the same contact (time and channel), 2 a row of the kept client as it was before
// an absorbed row was combined into it. `row`: the row's columns as a JSON array, in the order
// clientmerge.cpp writes them.
const std::string_view kSchemaV13Merge = R"SQL(
ALTER TABLE clients ADD COLUMN merged_into INTEGER REFERENCES clients(id);
CREATE TABLE client_merge_rows (
  id INTEGER PRIMARY KEY,
  operation INTEGER NOT NULL,
  tbl TEXT NOT NULL,
  side INTEGER NOT NULL,
  row TEXT NOT NULL
);
CREATE INDEX client_merge_rows_by_operation ON client_merge_rows(operation, tbl, side);
)SQL";

} // namespace bd::storage
