#pragma once
// Per-client value-model features as of a date, read from the book in a few set-based passes
// (one scan per table, never one query per client). Plain data out: a column-major double
// matrix with named columns (map it with Eigen::Map) and the clients' trade-day sums.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// Columns of BookFeatures::values. Money is in CNY (exact integer sums converted once),
/// counts and days are whole numbers stored as double. W is the window A-365 < d <= A.
enum class Feature : int {
    Commission12m = 0, // sum of commission of trades in W
    Amount12m,         // sum of traded amount in W (for the handling cost)
    Trades12m,         // number of trades in W
    TradeDays12m,      // distinct trade dates in W
    AvgCash12m,        // mean cash of snapshots dated in W (0 if none)
    Snapshots12m,      // number of snapshots dated in W
    CoveredDays,       // A - max(open_date, A-365), clamped to [0, 365]
    ContactsUnknown,   // contacts in W per channel (ContactChannel order) ...
    ContactsPhone,
    ContactsSms,
    ContactsWechat,
    ContactsEmail,
    ContactsVisit,
    ContactsSeminar,
    ContactsOther,
    ContactsTotal,    // all contacts in W
    DaysSinceContact, // A - date of the latest contact <= A; tenure days when never contacted
    MeanSatisfaction, // mean satisfaction of contacts in W that have one (0 if none)
    AumNow,           // cash + market value of the latest snapshot <= A (0 if none)
    Aum3m,            // ... latest snapshot <= A-90
    Aum6m,            // ... latest snapshot <= A-180
    Aum12m,           // ... latest snapshot <= A-365
    NetInflow12m,     // sum of net_inflow of snapshots in W (missing = 0)
    RecencyDays,      // A - latest trade date <= A; tenure days when never traded
    Frequency,        // = TradeDays12m (RFM frequency)
    Monetary,         // commission per trade day in W (0 without trades)
    TenureDays,       // A - open_date, at least 0
    Count
};
inline constexpr int kFeatureCount = static_cast<int>(Feature::Count);

/// Stable snake_case name of a feature column ("commission_12m", ...).
std::string_view featureName(Feature f);
/// The feature column counting contacts of `channel`.
inline Feature contactFeature(ContactChannel channel) {
    return static_cast<Feature>(static_cast<int>(Feature::ContactsUnknown) +
                                static_cast<int>(channel));
}

/// Each client's trade days (dates with at least one trade) over the whole history up to A,
/// summed to what the lifetime-value models need: BG/NBD the count and the first and last
/// date, Gamma-Gamma the value of the repeat days (all days' commission minus the first's).
/// Sums, not the days themselves: a 10M-trade book has about 6M trade days, and carrying each
/// of them out of the store cost more than everything the models do with them.
struct TradeDays {
    std::vector<std::int32_t> days;             // trade days up to A
    std::vector<std::int32_t> first, last;      // Date::days; 0 while days == 0
    std::vector<std::int64_t> first_commission; // 0.0001 CNY: the first trade day's
    std::vector<std::int64_t> commission;       // 0.0001 CNY: all trade days'

    std::size_t clients() const { return days.size(); }
    std::size_t count(std::size_t client) const { return static_cast<std::size_t>(days[client]); }
    void resize(std::size_t clients) {
        days.assign(clients, 0);
        first.assign(clients, 0);
        last.assign(clients, 0);
        first_commission.assign(clients, 0);
        commission.assign(clients, 0);
    }
    /// Adds a trade day of `client` later than any added before (commission in 0.0001 CNY).
    void add(std::size_t client, std::int32_t day, std::int64_t dayCommission) {
        if (days[client]++ == 0) {
            first[client] = day;
            first_commission[client] = dayCommission;
        }
        last[client] = day;
        commission[client] += dayCommission;
    }
    bool operator==(const TradeDays&) const = default;
};

/// Features of every client of the book, in client_ref order.
struct BookFeatures {
    Date as_of;
    std::vector<std::int64_t> client_ref;
    std::vector<std::string> client_id;
    std::vector<std::string> broker_id;
    std::vector<std::string> branch_id; // the client's branch, else its broker's ("" if none)
    std::vector<std::int32_t> open_date;
    std::vector<double> values; // column-major: rows() x kFeatureCount
    TradeDays trade_days;
    bool has_trades = false; // any trade was read (up to A when A was given)

    std::size_t rows() const { return client_ref.size(); }
    double& at(std::size_t row, Feature f) {
        return values[static_cast<std::size_t>(f) * rows() + row];
    }
    double at(std::size_t row, Feature f) const {
        return values[static_cast<std::size_t>(f) * rows() + row];
    }
    /// Pointer to a column's rows() contiguous values.
    const double* column(Feature f) const {
        return values.data() + static_cast<std::size_t>(f) * rows();
    }
    /// Column names in matrix order.
    static std::vector<std::string> columnNames();
};

/// Timings of the feature passes in milliseconds (clients, trades, assets, contacts).
struct FeatureTimings {
    double clients_ms = 0, trades_ms = 0, assets_ms = 0, contacts_ms = 0;
};

/// Which as-of date to use.
struct FeatureOptions {
    std::optional<Date> as_of; // nullopt: the latest trade date, found by the same trades scan
    Date fallback_as_of;       // used when as_of is nullopt and the book has no trades
    /// Books with at least this many clients are read on two connections in two threads
    /// (file books only); the result is the same either way.
    std::size_t parallel_min_clients = 20000;
    /// Called once the trade days, as_of and the trade features are final, before the asset
    /// and contact passes (which leave them alone), so a caller can start work that needs only
    /// those while the rest is read. The arguments are valid during the call only.
    std::function<void(const TradeDays& days, Date asOf)> on_trade_days;
};

/// Bytes of the book mapped into memory by the refresh's reading connections: its scans read
/// pages in place instead of copying each into the page cache (about 10 % less CPU on a
/// 10M-trade book). SQLite caps it at its compile-time maximum (2 GB on Debian).
inline constexpr std::int64_t kRefreshMmapBytes = std::int64_t{2} << 30;

/// Reads the features of all clients as of A (trades, snapshots and contacts after A are
/// ignored); BookFeatures::as_of tells which A was used.
Result<BookFeatures> readFeatures(Database& db, const FeatureOptions& options,
                                  FeatureTimings* timings = nullptr);
/// Same with a given as-of date.
Result<BookFeatures> readFeatures(Database& db, Date asOf, FeatureTimings* timings = nullptr);

/// The date of the latest trade in the book, nullopt when it has none.
Result<std::optional<Date>> latestTradeDate(Database& db);

} // namespace bd::storage
