#pragma once
// Export of the book in the interchange CSV formats (English headers, UTF-8 without BOM,
// dates YYYY-MM-DD, money via formatMoney, enums in English) so that an export re-imports
// to the same rows.
#include <cstdint>
#include <string>

#include "core/result.h"
#include "storage/db/database.h"
#include "storage/import/importer.h"

namespace bd::storage {

/// Writes every row of `kind` to `path` in natural-key order; returns the number of rows.
Result<std::int64_t> exportInterchange(Database& db, ImportKind kind, const std::string& path);

/// Same, into a string (for tests and small exports).
Result<std::string> exportInterchangeText(Database& db, ImportKind kind);

} // namespace bd::storage
