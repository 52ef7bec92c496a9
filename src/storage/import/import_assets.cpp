// assets.csv -> assets (natural key client_id, date).
#include "storage/import/import_kinds.h"

namespace bd::storage::imp {
namespace {

enum Col { kClient, kDate, kCash, kMarketValue, kNetInflow };

struct AssetRow {
    AssetSnapshot a;
    std::int64_t client_ref = 0;
};

void parseRow(RowParser& p, AssetRow& r) {
    p.client(kClient, r.a.client_id, r.client_ref);
    std::optional<Date> d;
    if (p.date(kDate, true, d)) r.a.date = *d;
    std::optional<Money> cash, mv, inflow;
    if (p.money(kCash, true, Sign::NonNegative, cash)) r.a.cash = *cash;
    if (p.money(kMarketValue, true, Sign::NonNegative, mv)) r.a.market_value = *mv;
    if (p.money(kNetInflow, false, Sign::Any, inflow)) r.a.net_inflow = inflow;
}

void rowValues(const AssetRow& r, Values& v) {
    v[0] = Value::of(r.client_ref);
    v[1] = Value::of(r.a.date.days);
    v[2] = Value::of(r.a.cash.units);
    v[3] = Value::of(r.a.market_value.units);
    v[4] = r.a.net_inflow ? Value::of(r.a.net_inflow->units) : Value::null();
}

std::string rowKey(const AssetRow& r) {
    return r.a.client_id + ", " + r.a.date.toString();
}

const KindDef<AssetRow> kDef{
    .kind = ImportKind::Assets,
    .table = "assets",
    .columns = {{"client_id", {"客户号", "资金账号"}, true},
                {"date", {"日期"}, true},
                {"cash", {"资金余额"}, true},
                {"market_value", {"证券市值"}, true},
                {"net_inflow", {"净转入"}, false}},
    .dbColumns = {"client_ref", "date", "cash", "market_value", "net_inflow"},
    .keyCount = 2,
};

} // namespace

constinit const KindEntry kAssetsKind = kindEntryOf<kDef>();

} // namespace bd::storage::imp
