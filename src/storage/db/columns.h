#pragma once
// Column lists: one list per stored struct names each column with the member it holds, and
// both the struct's INSERT and its SELECT are made from it, so adding a column is one edit and
// an INSERT cannot disagree with a SELECT about what column k is. After Qt Creator's typed
// statements; KMyMoney's "schema as data".
//
//     constexpr auto kRunColumns = columnList(column("created_at", &Run::created_at),
//                                             column("warnings", &Run::warnings, kEmptyIsNull));
//     db.prepare(insertSql("runs", kRunColumns));         // INSERT INTO runs(created_at, ...
//     bindColumns(st, 1, kRunColumns, run);               // ?1, ?2, ... from the members
//     "SELECT " + selectList(kRunColumns, "r.") + ...     // r.created_at, r.warnings
//     readColumns(st, 0, kRunColumns, run);               // columns 0, 1, ... into the members
//
// A member's C++ type says how it is stored (database.h): integers, bool, double, text, Date,
// DateTime, Money, a domain enum (read back checked) and std::optional of any of them (NULL).
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "storage/db/bulkinsert.h"
#include "storage/db/database.h"
#include "storage/db/query.h"

namespace bd::storage {

/// How a column of a list is written.
enum ColumnFlags : unsigned {
    kPlainColumn = 0,
    kEmptyIsNull = 1, // an empty string is stored as NULL (and NULL reads back as "")
    kGenerated = 2,   // written by SQLite (a rowid): selected, never inserted
};

/// One column: its name in the table and the member of `S` that holds it.
template <typename S, typename M>
struct Column {
    std::string_view name;
    M S::*member;
    unsigned flags = kPlainColumn;
    constexpr bool inserted() const { return (flags & kGenerated) == 0; }
};

template <typename S, typename M>
constexpr Column<S, M> column(std::string_view name, M S::*member, unsigned flags = kPlainColumn) {
    return {name, member, flags};
}

/// The column list of struct `S`, in the table's order.
template <typename S, typename... Ms>
struct ColumnList {
    using Struct = S;
    std::tuple<Column<S, Ms>...> columns;
    static constexpr std::size_t size = sizeof...(Ms);

    template <typename F>
    constexpr void each(F&& f) const {
        std::apply([&](const auto&... c) { (f(c), ...); }, columns);
    }
    /// How many columns an INSERT writes (all but the generated ones).
    constexpr int insertedCount() const {
        int n = 0;
        each([&](const auto& c) { n += c.inserted() ? 1 : 0; });
        return n;
    }
    /// The position of `name` among the inserted columns (0-based), -1 when absent.
    constexpr int insertedIndex(std::string_view name) const {
        int k = 0, found = -1;
        each([&](const auto& c) {
            if (!c.inserted()) return;
            if (c.name == name) found = k;
            ++k;
        });
        return found;
    }
};

template <typename S, typename... Ms>
constexpr ColumnList<S, Ms...> columnList(Column<S, Ms>... columns) {
    return {{columns...}};
}

namespace col {

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <typename T>
void bindValue(Statement& st, int index, const T& v, unsigned flags) {
    if constexpr (std::is_same_v<T, std::string>) {
        if ((flags & kEmptyIsNull) && v.empty())
            st.bindNull(index);
        else
            st.bind(index, std::string_view(v));
    } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        st.bind(index, static_cast<std::int64_t>(v));
    } else {
        st.bind(index, v);
    }
}

/// Reads column `c` of a row (a Statement, or any row with its accessors, as the server's PgRow).
template <typename Row, typename T>
void readValue(const Row& st, int c, T& out) {
    if constexpr (IsOptional<T>::value) {
        if (st.isNull(c)) {
            out.reset();
        } else {
            typename T::value_type v{};
            readValue(st, c, v);
            out = std::move(v);
        }
    } else if constexpr (std::is_same_v<T, std::string>) {
        out.assign(st.textView(c));
    } else if constexpr (std::is_same_v<T, bool>) {
        out = st.boolean(c);
    } else if constexpr (std::is_integral_v<T>) {
        out = static_cast<T>(st.int64(c));
    } else if constexpr (std::is_floating_point_v<T>) {
        out = st.real(c);
    } else if constexpr (std::is_same_v<T, Date>) {
        out = st.date(c);
    } else if constexpr (std::is_same_v<T, DateTime>) {
        out = st.dateTime(c);
    } else if constexpr (std::is_same_v<T, Money>) {
        out = st.money(c);
    } else {
        static_assert(StoredEnum<T>, "no stored form for this member type");
        out = st.template enumAt<T>(c);
    }
}

/// A member as a bulk-insert value (text is a view into the member).
template <typename T>
BulkValue bulkValue(const T& v, unsigned flags) {
    if constexpr (IsOptional<T>::value) {
        return v ? bulkValue(*v, flags) : BulkValue::null();
    } else if constexpr (std::is_same_v<T, std::string>) {
        return (flags & kEmptyIsNull) && v.empty() ? BulkValue::null() : BulkValue::text(v);
    } else if constexpr (std::is_floating_point_v<T>) {
        return BulkValue::real(v);
    } else if constexpr (std::is_same_v<T, Date>) {
        return BulkValue::of(v.days);
    } else if constexpr (std::is_same_v<T, DateTime>) {
        return BulkValue::of(v.secs);
    } else if constexpr (std::is_same_v<T, Money>) {
        return BulkValue::of(v.units);
    } else {
        return BulkValue::of(static_cast<std::int64_t>(v));
    }
}

} // namespace col

/// "p.a, p.b, ..." (`prefix` before each name; generated columns included).
template <typename L>
std::string selectList(const L& list, std::string_view prefix = {}) {
    std::string out;
    list.each([&](const auto& c) {
        if (!out.empty()) out += ", ";
        out += prefix;
        out += c.name;
    });
    return out;
}

/// "INSERT INTO table(lead..., columns..., trail...) VALUES (?1, ..., ?n)": `lead` columns take
/// the first parameters, the list's inserted columns the next ones, `trail` the last ones.
template <typename L>
std::string
insertSql(std::string_view table, const L& list, std::initializer_list<std::string_view> lead = {},
          std::initializer_list<std::string_view> trail = {}, std::string_view verb = "INSERT") {
    std::string names;
    int n = 0;
    auto add = [&](std::string_view name) {
        names += n++ ? ", " : "";
        names += name;
    };
    for (auto name : lead) add(name);
    list.each([&](const auto& c) {
        if (c.inserted()) add(c.name);
    });
    for (auto name : trail) add(name);
    std::string sql =
        std::string(verb) + " INTO " + std::string(table) + "(" + names + ") VALUES (";
    for (int i = 1; i <= n; ++i) sql += (i > 1 ? ", ?" : "?") + std::to_string(i);
    return sql + ")";
}

/// Binds the inserted columns of `row` to parameters first, first + 1, ...; returns the next.
template <typename L>
int bindColumns(Statement& st, int first, const L& list, const typename L::Struct& row) {
    list.each([&](const auto& c) {
        if (c.inserted()) col::bindValue(st, first++, row.*(c.member), c.flags);
    });
    return first;
}

/// Reads result columns first, first + 1, ... into the members of `row` (every column of the
/// list, in order, as selectList names them); returns the next column.
template <typename Row, typename L>
int readColumns(const Row& st, int first, const L& list, typename L::Struct& row) {
    list.each([&](const auto& c) { col::readValue(st, first++, row.*(c.member)); });
    return first;
}

/// Reads result columns first, first + 1, ... into `outs`, in order, each by its C++ type as
/// readColumns reads a member (a Statement, or any row with its accessors, as PgRow); returns
/// the next column.
template <typename Row, typename... Ts>
int readInto(const Row& st, int first, Ts&... outs) {
    (col::readValue(st, first++, outs), ...);
    return first;
}

/// A row reader (for collectRows, queryRows, queryFirst) of a row that selects
/// `selectList(list)` first: those columns read into a new struct.
template <typename L>
auto rowReader(const L& list) {
    return [&list](const Statement& row) {
        typename L::Struct out{};
        readColumns(row, 0, list, out);
        return out;
    };
}

/// Runs `st` (which selects `selectList(list)` first) and reads each row into a new struct.
template <typename L>
Result<std::vector<typename L::Struct>> readRows(Statement& st, const L& list) {
    return collectRows(st, rowReader(list));
}

/// "SELECT <the list's columns> <from>" with `params` bound to ?1, ?2, ...: every row.
template <typename L, typename... Ts>
Result<std::vector<typename L::Struct>> selectRows(Database& db, const L& list,
                                                   std::string_view from, const Ts&... params) {
    return queryRows(db, "SELECT " + selectList(list) + " " + std::string(from), rowReader(list),
                     params...);
}

/// As selectRows, for at most one row.
template <typename L, typename... Ts>
Result<std::optional<typename L::Struct>> selectFirst(Database& db, const L& list,
                                                      std::string_view from, const Ts&... params) {
    return queryFirst(db, "SELECT " + selectList(list) + " " + std::string(from), rowReader(list),
                      params...);
}

/// The inserted column names after `lead` (for bulkInsert).
template <typename L>
std::vector<std::string_view> bulkColumns(const L& list,
                                          std::initializer_list<std::string_view> lead = {}) {
    std::vector<std::string_view> out(lead);
    list.each([&](const auto& c) {
        if (c.inserted()) out.push_back(c.name);
    });
    return out;
}

/// Fills `out` from `first` on with the inserted columns of `row`; returns the next slot.
template <typename L>
std::size_t fillBulk(BulkRow& out, std::size_t first, const L& list,
                     const typename L::Struct& row) {
    list.each([&](const auto& c) {
        if (c.inserted()) out[first++] = col::bulkValue(row.*(c.member), c.flags);
    });
    return first;
}

} // namespace bd::storage
