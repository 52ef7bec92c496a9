#pragma once
// Internal to the storage layer: streams rows that are already in memory into a table with
// one INSERT ... SELECT over a virtual table, instead of binding and stepping a statement per
// row (or per few rows). SQLite then pulls the values itself, keeps one cursor on the target
// tree for the whole load, and no parameter binding (with its mutex round trips) is paid.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage::imp {

/// A column value to bind or compare: NULL, integer, text or blob (a view into the row).
struct Value {
    enum class Kind : std::uint8_t { Null, Int, Text, Blob } kind = Kind::Null;
    std::int64_t i = 0;
    std::string_view s;

    static Value null() { return {}; }
    static Value of(std::int64_t v) { return {Kind::Int, v, {}}; }
    static Value text(std::string_view v) { return {Kind::Text, 0, v}; }
    static Value blob(std::string_view v) { return {Kind::Blob, 0, v}; }
    /// Empty text is stored as NULL (unknown).
    static Value optText(std::string_view v) { return v.empty() ? null() : text(v); }
    static Value opt(const std::optional<std::int64_t>& v) { return v ? of(*v) : null(); }
};
inline constexpr int kMaxValues = 16;
using Values = std::array<Value, kMaxValues>;

/// Fills `out` (in column order) with row `index`; text views must stay valid until the
/// insert returns.
using RowFill = std::function<void(std::size_t index, Values& out)>;

/// Inserts rows 0 .. rowCount-1 into `table` (`columns`, at most kMaxValues) with a single
/// statement. Rows in the table's key order append at the right edge of its tree. Runs in the
/// caller's transaction; a failing row (a constraint) fails the whole statement.
Status insertRows(Database& db, std::string_view table,
                  const std::vector<std::string_view>& columns, std::size_t rowCount,
                  const RowFill& fill);
/// The same for a write whose failure ends the caller's transaction, as every failure of an
/// import run does (the run is rolled back whole): a failing row fails the statement but leaves
/// the rows before it (INSERT OR FAIL), so SQLite keeps no statement journal, a copy of every
/// stored page the statement changes (a nightly's trades change a month's worth of pages: 7 of
/// the 44 ms of CPU its 20,000 rows took).
Status insertRowsInRun(Database& db, std::string_view table,
                       const std::vector<std::string_view>& columns, std::size_t rowCount,
                       const RowFill& fill);
/// The same, a row whose key is stored replacing the stored one (INSERT OR REPLACE).
Status replaceRows(Database& db, std::string_view table,
                   const std::vector<std::string_view>& columns, std::size_t rowCount,
                   const RowFill& fill);

/// As insertRowsInRun (a failure ends the caller's transaction), a row whose key (its first
/// `keyColumns` columns, the table's primary key) is stored adding its other columns to the
/// stored row's.
Status addRows(Database& db, std::string_view table, const std::vector<std::string_view>& columns,
               std::size_t keyColumns, std::size_t rowCount, const RowFill& fill);

} // namespace bd::storage::imp
