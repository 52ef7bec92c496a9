#pragma once
// A large trades file for the workstation's import tests: `n` rows spread over given clients.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "support/syntheticbook.h"
#include "support/tempdir.h"

namespace bdtest {

/// Writes `n` trades (UTF-8, ids `prefix` + 8 digits) over `clientIds` in turn to `name` in
/// `dir`; returns its path.
inline std::string writeTradesFile(const TempDir& dir, const std::string& name, int n,
                                   const std::vector<std::string>& clientIds,
                                   const char* prefix = "BT") {
    const std::string path = dir.file(name);
    std::ofstream out(path);
    out << "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,commission\n";
    for (int i = 0; i < n; ++i) {
        char row[200];
        std::snprintf(row, sizeof row,
                      "%s%08d,%s,2024-%02d-%02d 10:%02d:00,600519.SH,buy,100,12.5,1250,5\n", prefix,
                      i, clientIds[static_cast<std::size_t>(i) % clientIds.size()].c_str(),
                      i % 6 + 1, i % 28 + 1, i % 60);
        out << row;
    }
    return path;
}

/// The synthetic book's first `n` client ids.
inline std::vector<std::string> syntheticClientIds(int n) {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) ids.push_back(syntheticClientId(i));
    return ids;
}

} // namespace bdtest
