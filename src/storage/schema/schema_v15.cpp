#include "storage/schema/schema_v15.h"

namespace bd::storage {

// Version 15 (see schema_v15.h). A nightly import appends the newest date, so the index grows
// at its right edge: cheap to keep.
const std::string_view kSchemaV15Indexes = R"SQL(
CREATE INDEX assets_by_date ON assets(date);
CREATE INDEX clients_merged ON clients(id) WHERE merged_into IS NOT NULL;
CREATE INDEX clients_live_by_broker ON clients(broker_id) WHERE merged_into IS NULL;
)SQL";

} // namespace bd::storage
