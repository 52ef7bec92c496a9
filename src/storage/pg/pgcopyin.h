#pragma once
// COPY ... FROM STDIN in text format, fed with the rows of a desk book's statement: the batch's
// write-back (pgbatch.cpp) and the first load of a server book (pgload.cpp).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "storage/db/database.h"
#include "storage/pg/pgconnection.h"

namespace bd::storage {

/// Appends a value in COPY's text format: backslash, tab, newline and carriage return escaped.
inline void escapeCopyValue(std::string& out, std::string_view v) {
    for (char ch : v) {
        if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
            out += '\\';
            out += ch == '\t' ? 't' : ch == '\n' ? 'n' : ch == '\r' ? 'r' : '\\';
        } else {
            out += ch;
        }
    }
}

/// Runs `copySql` (a COPY ... FROM STDIN in text format) and sends it the rows of `st`, a MiB at
/// a time: each column's value, NULL as \N, others as `put(buffer, row, column)` appends them.
/// The rows the server copied.
template <typename Put>
Result<std::int64_t> copyRowsIn(PgConnection& c, std::string_view copySql, Statement& st, Put put) {
    constexpr std::size_t kChunk = 1 << 20;
    if (auto s = c.copyBegin(copySql); !s) return s.error();
    std::string buffer;
    buffer.reserve(kChunk);
    auto rows = st.forEach([&](const Statement& r) -> Status {
        const int n = r.columnCount();
        for (int col = 0; col < n; ++col) {
            if (col > 0) buffer += '\t';
            if (r.isNull(col))
                buffer += "\\N";
            else
                put(buffer, r, col);
        }
        buffer += '\n';
        if (buffer.size() >= kChunk) {
            if (auto s = c.copyPut(buffer); !s) return s;
            buffer.clear();
        }
        return {};
    });
    if (rows && !buffer.empty()) rows = c.copyPut(buffer);
    auto copied = c.copyEnd();
    if (!rows) return rows.error();
    return copied;
}

} // namespace bd::storage
