#include "storage/schema_v1.h"

namespace bd::storage {

// Tables for segments, their profiles and service policies.
const std::string_view kSchemaV1Segments = R"SQL(
SELECT 1;
)SQL";

}  // namespace bd::storage
