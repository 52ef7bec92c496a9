// trades.csv -> trades (natural key trade_id); the hot path of a nightly import.
#include <cmath>

#include "core/domain.h"
#include "storage/import_kinds.h"

namespace bd::storage::imp {
namespace {

enum Col { kId, kClient, kTime, kCode, kSide, kQty, kPrice, kAmount, kCommission, kFees, kChannel };

struct TradeRow {
    Trade t;
    std::int64_t client_ref = 0;
};

void parse(RowParser& p, TradeRow& r) {
    Trade& t = r.t;
    p.str(kId, true, t.trade_id);
    p.client(kClient, t.client_id, r.client_ref);
    std::optional<DateTime> time;
    if (p.dateTime(kTime, true, time)) t.trade_time = *time;
    p.security(kCode, true, t.security_code);
    p.enumeration(kSide, true, parseSide, "buy, sell (买入, 卖出)", t.side);
    std::optional<std::int64_t> qty;
    const bool qtyOk = p.integer(kQty, true, 1, INT64_MAX, qty);
    if (qtyOk) t.quantity = *qty;
    std::optional<Money> price, amount, commission, fees;
    const bool priceOk = p.money(kPrice, true, Sign::Positive, price);
    if (priceOk) t.price = *price;
    if (p.money(kAmount, true, Sign::NonNegative, amount)) {
        t.amount = *amount;
        if (qtyOk && priceOk) {
            // amount = quantity x price, within 0.01 CNY plus 1e-6 relative (rounding upstream).
            const long double expected =
                static_cast<long double>(t.quantity) * static_cast<long double>(t.price.units);
            const long double diff = std::fabs(static_cast<long double>(t.amount.units) - expected);
            const long double tolerance = 100.0L + 1e-6L * expected;
            if (diff > tolerance)
                p.fail(kAmount,
                       "amount differs from quantity x price (" +
                           formatMoney(Money::fromUnits(static_cast<std::int64_t>(
                               std::llround(static_cast<double>(expected))))) +
                           ")",
                       p.text(kAmount));
        }
    }
    if (p.money(kCommission, true, Sign::NonNegative, commission)) t.commission = *commission;
    if (p.money(kFees, false, Sign::NonNegative, fees)) t.fees = fees;
    p.enumeration(kChannel, false, parseOrderChannel,
                  "online, mobile, phone, counter (网上, 手机, 电话, 柜台)", t.channel);
}

void values(const TradeRow& r, Values& v) {
    const Trade& t = r.t;
    v[0] = Value::text(t.trade_id);
    v[1] = Value::of(r.client_ref);
    v[2] = Value::of(t.trade_time.secs);
    v[3] = Value::text(t.security_code);
    v[4] = Value::of(static_cast<int>(t.side));
    v[5] = Value::of(t.quantity);
    v[6] = Value::of(t.price.units);
    v[7] = Value::of(t.amount.units);
    v[8] = Value::of(t.commission.units);
    v[9] = t.fees ? Value::of(t.fees->units) : Value::null();
    v[10] = Value::of(static_cast<int>(t.channel));
}

std::string key(const TradeRow& r) {
    return r.t.trade_id;
}

const KindDef<TradeRow>& def() {
    static const KindDef<TradeRow> d = [] {
        KindDef<TradeRow> k;
        k.kind = ImportKind::Trades;
        k.table = "trades";
        k.columns = {
            {"trade_id", {"成交编号"}, true},   {"client_id", {"客户号", "资金账号"}, true},
            {"trade_time", {"成交时间"}, true}, {"security_code", {"证券代码"}, true},
            {"side", {"买卖方向"}, true},       {"quantity", {"成交数量"}, true},
            {"price", {"成交价格"}, true},      {"amount", {"成交金额"}, true},
            {"commission", {"佣金"}, true},     {"fees", {"其他费用"}, false},
            {"channel", {"委托方式"}, false}};
        k.dbColumns = {"trade_id",   "client_ref", "trade_time", "security_code",
                       "side",       "quantity",   "price",      "amount",
                       "commission", "fees",       "channel"};
        k.keyCount = 1;
        k.keyColumn = kId;
        k.needsClients = true;
        k.parse = parse;
        k.values = values;
        k.key = key;
        // Into an empty table, building the indexes once after the load is much faster than
        // maintaining them row by row; inside the transaction, so a rollback restores them.
        k.dropIndexes =
            "DROP INDEX IF EXISTS trades_by_trade_id; DROP INDEX IF EXISTS trades_by_client_time;";
        k.createIndexes = "CREATE UNIQUE INDEX trades_by_trade_id ON trades(trade_id);"
                          "CREATE INDEX trades_by_client_time ON trades(client_ref, trade_time);";
        return k;
    }();
    return d;
}

} // namespace

Status importTrades(ImportContext& ctx, const std::string& path, FileReport& report) {
    return runKind(def(), ctx, path, report);
}

} // namespace bd::storage::imp
