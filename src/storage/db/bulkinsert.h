#pragma once
// Streams rows that are already in memory into a table with one INSERT ... SELECT over an
// eponymous virtual table, instead of binding and stepping a statement per row: SQLite pulls
// the values itself and keeps one cursor on the target tree for the whole write. Unlike the
// importer's row source (import_rowsource.h) it carries REAL values and up to 32 columns, for
// the analytics results (scores, segment labels).
#include <array>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// One column value: NULL, integer, real or text (a view that must outlive the insert).
struct BulkValue {
    enum class Kind : std::uint8_t { Null, Int, Real, Text } kind = Kind::Null;
    std::int64_t i = 0;
    double d = 0.0;
    std::string_view s;

    static BulkValue null() { return {}; }
    static BulkValue of(std::int64_t v) { return {Kind::Int, v, 0.0, {}}; }
    static BulkValue real(double v) { return {Kind::Real, 0, v, {}}; }
    static BulkValue text(std::string_view v) { return {Kind::Text, 0, 0.0, v}; }
};
inline constexpr std::size_t kMaxBulkColumns = 32;
using BulkRow = std::array<BulkValue, kMaxBulkColumns>;

/// Fills `out` (in column order) with row `index`.
using BulkFill = std::function<void(std::size_t index, BulkRow& out)>;

/// Inserts rows 0 .. rowCount-1 into `table` (`columns`, at most kMaxBulkColumns; fixed names
/// from the storage layer, never input) with a single statement, in the caller's transaction.
/// A failing row (a constraint) fails the whole statement.
Status bulkInsert(Database& db, std::string_view table,
                  const std::vector<std::string_view>& columns, std::size_t rowCount,
                  const BulkFill& fill);

} // namespace bd::storage
