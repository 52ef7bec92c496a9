#include "storage/schema_v1.h"

namespace bd::storage {

// Tables for value-model results per analytics run.
const std::string_view kSchemaV1Analytics = R"SQL(
SELECT 1;
)SQL";

}  // namespace bd::storage
