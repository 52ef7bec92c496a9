// Placeholder list until the interchange exporters land (import/export work owns this file).
#include "cli/commands.h"

namespace bd::cli {

std::vector<ExportKind> makeInterchangeExports() { return {}; }

}  // namespace bd::cli
