#pragma once
// The rows a query returns, as text (a line each, every column ended by '|', NULL as "NULL"):
// for tests that compare whole tables before and after.
#include <string>
#include <string_view>

#include "storage/db/database.h"

namespace bdtest {

inline std::string rowsText(bd::storage::Database& db, std::string_view sql) {
    auto st = db.prepare(sql);
    std::string out;
    if (!st) return "cannot prepare: " + st.error().toString();
    while (*st->step()) {
        for (int c = 0; c < st->columnCount(); ++c)
            out += (st->isNull(c) ? std::string("NULL") : st->text(c)) + "|";
        out += "\n";
    }
    return out;
}

} // namespace bdtest
