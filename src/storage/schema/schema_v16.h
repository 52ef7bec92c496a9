#pragma once
// Schema version 16: what changed after version 15 (conventions as in schema_v1.h).
#include <string_view>

namespace bd::storage {

/// `trade_days_added`: trades added to a day on top of what trade_days' packed block holds,
/// keyed by (day, client_ref). A nightly import adds the new trades' days here instead of
/// rewriting each touched client's stored block among the latest block's rows: its days all lie
/// on one or a few days, so the rows append at the right edge of the tree. A day's totals are
/// its block's plus its row here; syncTradeDays folds these rows into the blocks (tradedays.h),
/// so readers, which sync first, see blocks only.
extern const std::string_view kSchemaV16TradeDaysAdded; // the migration (schema_v16.cpp)

} // namespace bd::storage
