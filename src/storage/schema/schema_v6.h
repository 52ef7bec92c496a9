#pragma once
// Schema version 6: what changed after version 5 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

/// trade_days keyed by (block, client_ref) instead of (client_ref, block): the days a nightly
/// load adds all lie in the latest block, so they rewrite that block's few pages instead of a
/// page of every client's history (20,000 trades of one day into a 100,000-client book dirtied
/// 3,797 pages of trade_days, 62 MB; now about a tenth of that). Readers in client order merge
/// the blocks' key ranges (TradeDayBlockScan, tradedays.h).
extern const std::string_view kSchemaV6TradeDaysByBlock; // the migration (schema_v6.cpp)

} // namespace bd::storage
