#pragma once
// trade_days as stored, unpacked: one line per client and day, the values
// "client_ref day trades amount commission" joined by `sep` (and ended by it too when
// `trailing`), for comparing with the same aggregate computed from trades in SQL.
#include <gtest/gtest.h>

#include <string>

#include "storage/book/tradedays.h"

namespace bdtest {

inline std::string dumpTradeDays(bd::storage::Database& db, char sep, bool trailing) {
    auto days = bd::storage::loadTradeDays(db);
    EXPECT_TRUE(days.ok());
    std::string out;
    if (!days) return out;
    for (const auto& d : *days) {
        for (std::int64_t v : {d.client_ref, d.day, d.trades, d.amount})
            out += std::to_string(v) + sep;
        out += std::to_string(d.commission);
        if (trailing) out += sep;
        out += '\n';
    }
    return out;
}

} // namespace bdtest
