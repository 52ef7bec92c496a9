#pragma once
// Typed queries over database.h: a query that reads a list prepares, binds ?1, ?2, ... and
// turns each row into a value through a row reader (a function of `const Statement&`), so the
// prepare / bind / step loop is written once. After Qt Creator's typed statements.
//
//     return queryRows(db, "SELECT id, name FROM brokers WHERE branch_id = ?1",
//                      [](const Statement& r) { return Broker{r.text(0), r.text(1)}; }, branch);
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// What a row reader `ReadRow` makes of one row.
template <typename ReadRow>
using RowOf = std::decay_t<std::invoke_result_t<ReadRow&, const Statement&>>;

/// Steps `st` (bound by the caller) to the end and returns `readRow(row)` for every row.
template <typename ReadRow>
auto collectRows(Statement& st, ReadRow&& readRow) -> Result<std::vector<RowOf<ReadRow>>> {
    std::vector<RowOf<ReadRow>> out;
    if (auto s = st.forEach([&](const Statement& row) { out.push_back(readRow(row)); }); !s)
        return s.error();
    return out;
}

/// A row reader: the row's first column as an integer (an id, a count).
inline std::int64_t firstInt64(const Statement& row) {
    return row.int64(0);
}

/// `sql` prepared, with `params` bound to ?1, ?2, ...
template <typename... Ts>
Result<Statement> prepareBound(Database& db, std::string_view sql, const Ts&... params) {
    auto st = db.prepare(sql);
    if (st) st->bindAll(params...);
    return st;
}

/// Prepares `sql`, binds `params` to ?1, ?2, ... and returns `readRow(row)` for every row, in
/// order: the one row loop of a query that reads a list.
template <typename ReadRow, typename... Ts>
auto queryRows(Database& db, std::string_view sql, ReadRow&& readRow, const Ts&... params)
    -> Result<std::vector<RowOf<ReadRow>>> {
    auto st = prepareBound(db, sql, params...);
    if (!st) return st.error();
    return collectRows(*st, readRow);
}

/// As queryRows, for a query that reads at most one row: its `readRow(row)`, or nothing.
template <typename ReadRow, typename... Ts>
auto queryFirst(Database& db, std::string_view sql, ReadRow&& readRow, const Ts&... params)
    -> Result<std::optional<RowOf<ReadRow>>> {
    auto st = prepareBound(db, sql, params...);
    if (!st) return st.error();
    std::optional<RowOf<ReadRow>> out;
    if (auto found = st->first([&](const Statement& row) { out = readRow(row); }); !found)
        return found.error();
    return out;
}

} // namespace bd::storage
