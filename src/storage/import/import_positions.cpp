// positions.csv -> positions (natural key client_id, date, security_code).
#include "storage/import/import_kinds.h"

namespace bd::storage::imp {
namespace {

enum Col { kClient, kDate, kCode, kQty, kCost, kClose };

struct PositionRow {
    Position p;
    std::int64_t client_ref = 0;
};

void parseRow(RowParser& p, PositionRow& r) {
    p.client(kClient, r.p.client_id, r.client_ref);
    std::optional<Date> d;
    if (p.date(kDate, true, d)) r.p.date = *d;
    p.security(kCode, true, r.p.security_code);
    std::optional<std::int64_t> qty;
    if (p.integer(kQty, true, 0, INT64_MAX, qty)) r.p.quantity = *qty;
    std::optional<Money> cost, close;
    if (p.money(kCost, false, Sign::NonNegative, cost)) r.p.cost_price = cost;
    if (p.money(kClose, true, Sign::NonNegative, close)) r.p.close_price = *close;
}

void rowValues(const PositionRow& r, Values& v) {
    v[0] = Value::of(r.client_ref);
    v[1] = Value::of(r.p.date.days);
    v[2] = Value::text(r.p.security_code);
    v[3] = Value::of(r.p.quantity);
    v[4] = r.p.cost_price ? Value::of(r.p.cost_price->units) : Value::null();
    v[5] = Value::of(r.p.close_price.units);
}

std::string rowKey(const PositionRow& r) {
    return r.p.client_id + ", " + r.p.date.toString() + ", " + r.p.security_code;
}

const KindDef<PositionRow> kDef{
    .kind = ImportKind::Positions,
    .table = "positions",
    .columns = {{"client_id", {"客户号", "资金账号"}, true},
                {"date", {"日期"}, true},
                {"security_code", {"证券代码"}, true},
                {"quantity", {"持仓数量"}, true},
                {"cost_price", {"成本价"}, false},
                {"close_price", {"收盘价"}, true}},
    .dbColumns = {"client_ref", "date", "security_code", "quantity", "cost_price", "close_price"},
    .keyCount = 3,
};

} // namespace

constinit const KindEntry kPositionsKind = kindEntryOf<kDef>();

} // namespace bd::storage::imp
