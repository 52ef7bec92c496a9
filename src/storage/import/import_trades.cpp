// trades.csv -> trades (natural key trade_id); the hot path of a nightly import.
#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <tuple>
#include <utility>

#include "core/domain.h"
#include "core/text.h"
#include "storage/import/import_kinds.h"
#include "storage/schema/schema_v5.h"
#include "storage/schema/tradelayout.h"

namespace bd::storage::imp {
namespace {

enum Col { kId, kClient, kTime, kCode, kSide, kQty, kPrice, kAmount, kCommission, kFees, kChannel };

/// A trade id held in the row itself when short (as ids are), else a view into the file: the
/// write reads the sorted rows one after another, and a view would send it to a random place
/// in a file of hundreds of MB for every row.
class TradeId {
  public:
    void set(std::string_view v) {
        if (v.size() <= m_buf.size()) {
            std::memcpy(m_buf.data(), v.data(), v.size());
            m_len = static_cast<std::uint8_t>(v.size());
            m_long = {};
        } else {
            m_len = kLong;
            m_long = v;
        }
    }
    std::string_view view() const {
        return m_len == kLong ? m_long : std::string_view(m_buf.data(), m_len);
    }
    /// `v` is held in the row itself (a longer one must be kept alive by the caller).
    static bool fits(std::string_view v) { return v.size() <= std::tuple_size_v<Buffer>; }

  private:
    using Buffer = std::array<char, 23>;
    static constexpr std::uint8_t kLong = 0xFF;
    Buffer m_buf{};
    std::uint8_t m_len = 0;
    std::string_view m_long; // kept alive by the file's TextStore
};

// Compact (views, integers) because a bulk load holds every row of the file until it is sorted.
struct TradeRow {
    TradeId trade_id;
    std::string_view security_code; // interned: kept alive by the file's TextStore
    std::int64_t client_ref = 0;
    std::int64_t trade_time = 0;
    std::int64_t trade_month = 0; // tradeMonthOf(trade_time): the table's first key column
    std::int64_t quantity = 0;
    std::int64_t price = 0, amount = 0, commission = 0, fees = 0;
    bool hasFees = false;
    Side side = Side::Unknown;
    OrderChannel channel = OrderChannel::Unknown;
};

/// amount = quantity x price, within 0.01 CNY plus 1e-6 relative (rounding upstream). Sets
/// `expected` (in money units) for the message.
bool amountMatches(std::int64_t quantity, std::int64_t price, std::int64_t amount,
                   long double& expected) {
    expected = static_cast<long double>(quantity) * static_cast<long double>(price);
    const long double diff = std::fabs(static_cast<long double>(amount) - expected);
    return diff <= 100.0L + 1e-6L * expected;
}

/// A product of quantity and price for a message; one beyond the range of Money (a quantity
/// of 10^18, say) is written in yuan without rounding it into that range.
std::string formatUnits(long double units) {
    if (std::fabs(units) < 9.0e18L)
        return formatMoney(Money::fromUnits(static_cast<std::int64_t>(std::llroundl(units))));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2Lf", units / static_cast<long double>(kMoneyScale));
    return buf;
}

/// As written: not empty, and nothing that trim() would take off.
bool plain(std::string_view v) {
    return !v.empty() && trim(v).size() == v.size();
}

/// `v` is the word `w` (compared in line: a library call per word would cost more).
template <std::size_t N>
bool is(std::string_view v, const char (&w)[N]) {
    if (v.size() != N - 1) return false;
    for (std::size_t i = 0; i + 1 < N; ++i)
        if (v[i] != w[i]) return false;
    return true;
}

std::optional<std::int64_t> plainMoney(std::string_view v) {
    if (!plain(v)) return std::nullopt;
    const auto m = parseMoney(v, true);
    return m ? std::optional<std::int64_t>(m->units) : std::nullopt;
}

/// Tests switch the plain path off to compare it with the general one.
std::atomic<bool> g_plainRows{true};

/// The usual row, read without the general machinery (no trimming, no error bookkeeping):
/// every field as written, a known client, the export's date-time form, a security code in
/// stored form, English words, whole quantities, plain amounts that match. Whatever else
/// (every row with a problem among it) returns false, leaving `t` untouched, and is read the
/// general way, which reaches the same values for the rows taken here and says what is wrong
/// with the rest.
bool parsePlain(const RowParser& p, TextStore& store, TradeRow& t) {
    const std::string_view client = p.field(kClient);
    if (!plain(client)) return false;
    p.clients().prefetch(client); // looked up last: the rest of the row hides the wait
    const std::string_view id = p.field(kId), code = p.field(kCode), time = p.field(kTime);
    if (!plain(id) || !isNormalisedCode(code) || !plain(time)) return false;
    const auto when = parseDateTime(time);
    if (!when) return false;
    const std::string_view side = p.field(kSide);
    Side sideOf = Side::Unknown;
    if (is(side, "buy"))
        sideOf = Side::Buy;
    else if (is(side, "sell"))
        sideOf = Side::Sell;
    else
        return false;
    const std::string_view qty = p.field(kQty);
    if (qty.empty() || qty.size() > 18) return false;
    std::int64_t quantity = 0;
    for (const char c : qty) {
        if (c < '0' || c > '9') return false;
        quantity = quantity * 10 + (c - '0');
    }
    const auto price = plainMoney(p.field(kPrice)), amount = plainMoney(p.field(kAmount)),
               commission = plainMoney(p.field(kCommission));
    long double expected = 0;
    if (quantity < 1 || !price || *price <= 0 || !amount || *amount < 0 || !commission ||
        *commission < 0 || !amountMatches(quantity, *price, *amount, expected))
        return false;
    const std::string_view fees = p.field(kFees), channel = p.field(kChannel);
    std::optional<std::int64_t> feeUnits;
    if (!fees.empty()) {
        feeUnits = plainMoney(fees);
        if (!feeUnits || *feeUnits < 0) return false;
    }
    OrderChannel channelOf = OrderChannel::Unknown;
    if (!channel.empty()) {
        if (is(channel, "online"))
            channelOf = OrderChannel::Online;
        else if (is(channel, "mobile"))
            channelOf = OrderChannel::Mobile;
        else if (is(channel, "phone"))
            channelOf = OrderChannel::Phone;
        else if (is(channel, "counter"))
            channelOf = OrderChannel::Counter;
        else
            return false;
    }
    const std::int64_t* ref = p.clients().find(client);
    if (ref == nullptr) return false;
    t.trade_id.set(store.keep(id));
    t.client_ref = *ref;
    t.trade_time = when->secs;
    t.trade_month = tradeMonthOf(when->secs);
    t.security_code = store.intern(code);
    t.side = sideOf;
    t.quantity = quantity;
    t.price = *price;
    t.amount = *amount;
    t.commission = *commission;
    t.fees = feeUnits.value_or(0);
    t.hasFees = feeUnits.has_value();
    t.channel = channelOf;
    return true;
}

void parseRow(RowParser& p, TextStore& store, TradeRow& t) {
    if (g_plainRows.load(std::memory_order_relaxed) && parsePlain(p, store, t)) return;
    // The client is looked up last (its error keeps its place): the prefetch has the rest of
    // the row to arrive.
    p.prefetchClient(kClient);
    std::string_view id;
    if (p.str(kId, true, store, id)) t.trade_id.set(id);
    const std::size_t clientErrorAt = p.errorCount();
    std::optional<DateTime> time;
    if (p.dateTime(kTime, true, time)) {
        t.trade_time = time->secs;
        t.trade_month = tradeMonthOf(time->secs);
    }
    p.security(kCode, true, store, t.security_code);
    p.enumeration(kSide, true, parseSide, FileWords::Side, t.side);
    std::optional<std::int64_t> qty;
    const bool qtyOk = p.integer(kQty, true, 1, INT64_MAX, qty);
    if (qtyOk) t.quantity = *qty;
    std::optional<Money> price, amount, commission, fees;
    const bool priceOk = p.money(kPrice, true, Sign::Positive, price);
    if (priceOk) t.price = price->units;
    if (p.money(kAmount, true, Sign::NonNegative, amount)) {
        t.amount = amount->units;
        long double expected = 0;
        if (qtyOk && priceOk) {
            if (!amountMatches(t.quantity, t.price, t.amount, expected))
                p.fail(kAmount, RefusalKind::ImportAmountMismatch,
                       "amount differs from quantity x price (" + formatUnits(expected) + ")",
                       p.text(kAmount), formatUnits(expected));
        }
    }
    if (p.money(kCommission, true, Sign::NonNegative, commission)) t.commission = commission->units;
    if (p.money(kFees, false, Sign::NonNegative, fees) && fees) {
        t.fees = fees->units;
        t.hasFees = true;
    }
    p.enumeration(kChannel, false, parseOrderChannel, FileWords::OrderChannel, t.channel);
    p.client(kClient, t.client_ref, clientErrorAt);
}

void rowValues(const TradeRow& t, Values& v) {
    v[0] = Value::text(t.trade_id.view());
    v[1] = Value::of(t.client_ref);
    v[2] = Value::of(t.trade_time);
    v[3] = Value::text(t.security_code);
    v[4] = Value::of(static_cast<int>(t.side));
    v[5] = Value::of(t.quantity);
    v[6] = Value::of(t.price);
    v[7] = Value::of(t.amount);
    v[8] = Value::of(t.commission);
    v[9] = t.hasFees ? Value::of(t.fees) : Value::null();
    v[10] = Value::of(static_cast<int>(t.channel));
    v[11] = Value::of(t.trade_month);
}

std::string rowKey(const TradeRow& r) {
    return std::string(r.trade_id.view());
}

/// The table's primary-key order (trade_month, client_ref, trade_time, trade_id; BINARY text
/// order).
bool keyLess(const TradeRow& a, const TradeRow& b) {
    if (a.trade_month != b.trade_month) return a.trade_month < b.trade_month;
    if (a.client_ref != b.client_ref) return a.client_ref < b.client_ref;
    if (a.trade_time != b.trade_time) return a.trade_time < b.trade_time;
    return a.trade_id.view() < b.trade_id.view();
}

std::int64_t clientOf(const TradeRow& r) {
    return r.client_ref;
}

std::int64_t monthOf(const TradeRow& r) {
    return r.trade_month;
}

/// trade_days of a bulk load, from the rows themselves, so the upkeep need not read the whole
/// table back: each chunk (in key order: month, client, time) adds its client days as it goes
/// to the writer. Runs on the ordering thread and touches no database.
void chunkDays(ImportContext& ctx, const std::vector<TradeRow>& rows) {
    if (ctx.tradeDays == nullptr || !ctx.tradeDays->bulk()) return;
    for (const TradeRow& r : rows)
        ctx.bulkDays.add(r.client_ref, tradeDayOf(r.trade_time), r.amount, r.commission);
}

/// A row for a sorted run on disk: the integers, the flags, then the id and the security code
/// (each after its length).
void spillRow(const TradeRow& t, std::string& out) {
    const std::int64_t ints[] = {t.client_ref, t.trade_time, t.trade_month, t.quantity,
                                 t.price,      t.amount,     t.commission,  t.fees};
    out.append(reinterpret_cast<const char*>(ints), sizeof ints);
    out += static_cast<char>(t.hasFees);
    out += static_cast<char>(t.side);
    out += static_cast<char>(t.channel);
    for (const std::string_view v : {t.trade_id.view(), t.security_code}) {
        const auto length = static_cast<std::uint32_t>(v.size());
        out.append(reinterpret_cast<const char*>(&length), sizeof length);
        out += v;
    }
}

bool unspillRow(std::string_view& in, TextStore& store, TradeRow& t) {
    std::int64_t ints[8];
    if (in.size() < sizeof ints + 3) return false;
    std::memcpy(ints, in.data(), sizeof ints);
    t.client_ref = ints[0];
    t.trade_time = ints[1];
    t.trade_month = ints[2];
    t.quantity = ints[3];
    t.price = ints[4];
    t.amount = ints[5];
    t.commission = ints[6];
    t.fees = ints[7];
    t.hasFees = in[sizeof ints] != 0;
    t.side = static_cast<Side>(in[sizeof ints + 1]);
    t.channel = static_cast<OrderChannel>(in[sizeof ints + 2]);
    in.remove_prefix(sizeof ints + 3);
    std::string_view text[2];
    for (std::string_view& v : text) {
        std::uint32_t length = 0;
        if (in.size() < sizeof length) return false;
        std::memcpy(&length, in.data(), sizeof length);
        if (in.size() - sizeof length < length) return false;
        v = in.substr(sizeof length, length);
        in.remove_prefix(sizeof length + length);
    }
    t.trade_id.set(TradeId::fits(text[0]) ? text[0] : store.keep(text[0]));
    t.security_code = store.intern(text[1]);
    return true;
}

/// Over a stored book: the days a written trade changes (its own, and the one it moved from),
/// so that the upkeep re-aggregates those days only (tradedays.h).
void touchDays(ImportContext& ctx, const Values& row, const Statement* stored) {
    if (ctx.tradeDays == nullptr) return;
    const std::int64_t day = tradeDayOf(row[2].i);
    if (stored == nullptr) { // values: amount 7, commission 8
        ctx.tradeDays->touchNew(row[1].i, day, row[7].i, row[8].i);
        return;
    }
    ctx.tradeDays->touch(row[1].i, day);
    // The select lists the non-key columns: client_ref, then trade_time.
    ctx.tradeDays->touch(stored->int64(0), tradeDayOf(stored->int64(1)));
}

/// After the last chunk: the packed days, in key order.
Status provideDays(ImportContext& ctx) {
    if (ctx.tradeDays == nullptr || !ctx.tradeDays->bulk()) return {};
    ctx.tradeDays->provideBulkBlocks(ctx.bulkDays.finish());
    return {};
}

const KindDef<TradeRow> kDef{
    .kind = ImportKind::Trades,
    .table = "trades",
    .columns = {{"trade_id", {"成交编号"}, true},
                {"client_id", {"客户号", "资金账号"}, true},
                {"trade_time", {"成交时间"}, true},
                {"security_code", {"证券代码"}, true},
                {"side", {"买卖方向"}, true},
                {"quantity", {"成交数量"}, true},
                {"price", {"成交价格"}, true},
                {"amount", {"成交金额"}, true},
                {"commission", {"佣金"}, true},
                {"fees", {"其他费用"}, false},
                {"channel", {"委托方式"}, false}},
    .dbColumns = {"trade_id", "client_ref", "trade_time", "security_code", "side", "quantity",
                  "price", "amount", "commission", "fees", "channel", "trade_month"},
    .keyCount = 1,
    // Into an empty table: written month by month while the file is parsed, each month in
    // primary-key order at the right edge of the table's tree (the table is its only
    // index; import_stream.h).
    .bulkBucket = monthOf,
    .bulkClient = clientOf,
    .keyLess = keyLess,
    // Over a stored book a trade is found by its id (trades_by_id, a lookup per row of the
    // file whatever the size of the book) and updated by its primary key, which a change of
    // client or time moves. A first load builds the index once, after the table.
    .dropIndexes = kDropTradesByIdIndex,
    .createIndexes = kTradesByIdIndex,
    .written = touchDays,
    // Exchange trade ids ascend: a nightly's ids come after every stored one.
    .keysAscend = true,
    .locatorColumns = {"trade_month", "client_ref", "trade_time"},
    // The bulk load's chunks also give trade_days; its sorted runs go to disk as bytes.
    .bulkChunk = chunkDays,
    .afterBulk = provideDays,
    .spill = spillRow,
    .unspill = unspillRow,
};

} // namespace

constinit const KindEntry kTradesKind = kindEntryOf<kDef>();

void setPlainTradeRows(bool on) {
    g_plainRows.store(on, std::memory_order_relaxed);
}

void setStreamSplitFrom(std::size_t bytes) {
    g_streamSplitFrom.store(bytes, std::memory_order_relaxed);
}

} // namespace bd::storage::imp
