#pragma once
// How the stores read an assets row (date, cash, market_value, net_inflow, in that order) into
// an AssetSnapshot: one reader for the client pane's latest snapshot and the portfolio history.
#include <string>
#include <utility>

#include "core/domain.h"
#include "storage/db/database.h"

namespace bd::storage {

/// A row reader for queryRows/queryFirst: columns 0..3 as a snapshot of `clientId`'s assets.
inline auto assetSnapshotOf(std::string clientId) {
    return [clientId = std::move(clientId)](const Statement& r) {
        AssetSnapshot a;
        a.client_id = clientId;
        a.date = r.date(0);
        a.cash = r.money(1);
        a.market_value = r.money(2);
        a.net_inflow = r.optMoney(3);
        return a;
    };
}

} // namespace bd::storage
