#pragma once
// Per-client-per-day trade aggregates (table trade_days): what the value refresh needs from
// trades. Derived data, kept up to date by the bulk writers of trades (importer, demo book)
// through TradeDaysUpkeep and, for any other write to trades, by triggers that list the touched
// clients in trade_days_dirty; readers call syncTradeDays first.
//
// Stored packed: one row per client and block of 256 days (block = day >> 8), its days in one
// BLOB. A client's days are almost as many as its trades, and one SQLite row per day cost the
// first load of a trades file about a fifth of its time; a row per block is a few percent of the
// rows (2M trades: 1.7M days in 57,697 blocks), and the refresh reads 14x fewer rows.
//
// A nightly import's new trades do not rewrite their clients' blocks: their days go into
// trade_days_added (schema_v16.h), a row per client and day on top of the block, which
// syncTradeDays folds into the blocks. Readers sync first, so they read blocks only.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// One client's trades of one day (a row of trade_days).
struct TradeDayRow {
    std::int64_t client_ref = 0;
    std::int64_t day = 0; // Date::days of trade_time
    std::int64_t trades = 0;
    std::int64_t amount = 0;
    std::int64_t commission = 0;
};

/// Date::days of a trade_time in seconds (rounding down also before 1970, as DateTime::date).
inline std::int64_t tradeDayOf(std::int64_t secs) {
    return secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
}

/// The block of trade_days that holds `day` (floor of day / 256, also before 1970).
inline std::int64_t tradeDayBlockOf(std::int64_t day) {
    return day >= 0 ? day / 256 : (day - 255) / 256;
}

/// Sorts day rows by (client_ref, day) and merges the rows of one pair (rows gathered in
/// another order, say month by month).
void sortTradeDayRows(std::vector<TradeDayRow>& rows);

/// Packs the days of one client's block (ascending, distinct days, all in `block`): per day
/// the varint distance from the previous day (from block * 256 for the first), then varints of
/// trades and of the zigzagged amount and commission.
std::string packTradeDays(std::int64_t block, const TradeDayRow* days, std::size_t count);

/// One row of trade_days: a client's days of one block, packed.
struct TradeDayBlock {
    std::int64_t client_ref = 0;
    std::int64_t block = 0;
    std::int64_t day_count = 0;
    std::int64_t last_day = 0;
    std::string packed;
};

/// Cuts `days` (sorted by client_ref, day; one per pair) into packed blocks, in key order.
std::vector<TradeDayBlock> packTradeDayBlocks(const std::vector<TradeDayRow>& days);

/// The trade days of a bulk load, gathered trade by trade as the trades come in key order
/// month by month (trade_month, client_ref, trade_time): each client's days are packed into
/// its current block as they come, a few bytes a day instead of a TradeDayRow each (a load of
/// 9.4M trades has about 8M client days). A trade older than its client's latest day (rows
/// written out of month order) is kept aside and merged in at the end.
class TradeDayGatherer {
  public:
    void add(std::int64_t clientRef, std::int64_t day, std::int64_t amount,
             std::int64_t commission);
    /// Every block, in key order (client_ref, block); the gatherer is empty afterwards.
    std::vector<TradeDayBlock> finish();

  private:
    struct Open {
        std::int64_t client_ref = 0;
        std::int64_t block = 0;
        std::int64_t prev = 0; // the last day packed (block * 256 before the first)
        std::int64_t day_count = 0;
        TradeDayRow pending; // the latest day, still adding up
        bool hasPending = false;
        std::string packed;
    };
    void flush(Open& o);
    void close(Open& o);
    std::vector<Open> m_open;
    static constexpr std::int64_t kDenseClients = std::int64_t{1} << 22;
    std::vector<std::size_t> m_slot; // client_ref -> 1 + index into m_open (0: none)
    std::unordered_map<std::int64_t, std::size_t> m_far; // the same beyond kDenseClients
    std::vector<TradeDayBlock> m_done;
    std::vector<TradeDayRow> m_aside;
};

/// Unpacks a block of `clientRef` into `out` (appended). False when the bytes are not a valid
/// block (truncated, days out of order or outside the block, a day without trades).
bool unpackTradeDays(std::int64_t clientRef, std::int64_t block, std::string_view packed,
                     std::vector<TradeDayRow>& out);

/// The stored blocks of trade_days in (client_ref, block) order, for the clients and blocks of
/// a range. The table is keyed by block first (schema_v6.h), so this holds one cursor per
/// stored block, each in client order, and merges them: a pass over the table reads each
/// block's pages in order, and one client costs a seek per block.
class TradeDayBlockScan {
  public:
    struct Range {
        std::int64_t client_lo = INT64_MIN;
        std::int64_t client_hi = INT64_MAX;
        std::int64_t block_lo = INT64_MIN;
        std::int64_t block_hi = INT64_MAX;
    };
    static Result<TradeDayBlockScan> open(Database& db, const Range& range);
    /// Moves to the next block row; false after the last one.
    Result<bool> next();
    std::int64_t clientRef() const { return m_cursors[m_at].int64(0); }
    std::int64_t block() const { return m_blocks[m_at]; }
    std::int64_t dayCount() const { return m_cursors[m_at].int64(1); }
    std::int64_t lastDay() const { return m_cursors[m_at].int64(2); }
    std::string_view packed() const { return m_cursors[m_at].blob(3); } // until next()
    /// Moves through the remaining block rows, calling `fn()` at each (the accessors above read
    /// it); stops at an error of the scan or one that `fn` returns (when it returns a Status).
    template <typename Fn>
    Status forEach(Fn&& fn) {
        for (;;) {
            auto r = next();
            if (!r) return r.error();
            if (!*r) return {};
            if constexpr (std::is_void_v<decltype(fn())>)
                fn();
            else if (auto s = fn(); !s)
                return s;
        }
    }

  private:
    TradeDayBlockScan() = default;
    std::vector<std::int64_t> m_blocks; // ascending
    std::vector<Statement> m_cursors;   // one per block
    std::vector<char> m_live;           // the cursor holds a row
    std::size_t m_at = 0;
    bool m_started = false;
};

/// The blocks trade_days holds rows for, ascending (a seek each).
Result<std::vector<std::int64_t>> storedTradeDayBlocks(Database& db);

/// Every stored day of clients lo..hi, in (client_ref, day) order, unpacked, with the days
/// added on top of the blocks; with `fromDay`, only the blocks that can hold a day on or after
/// it (earlier days of those blocks included).
Result<std::vector<TradeDayRow>> loadTradeDays(Database& db, std::int64_t lo = INT64_MIN,
                                               std::int64_t hi = INT64_MAX,
                                               std::int64_t fromDay = INT64_MIN);

/// Adds to `days` (sorted by client_ref, day) the days added on top of the blocks and not yet
/// folded in (trade_days_added), but those `skip` returns true for; `days` stays sorted, a day
/// in both summed.
Status addAddedTradeDays(Database& db, std::vector<TradeDayRow>& days,
                         const std::function<bool(const TradeDayRow&)>& skip = {});

/// The SQL of the dirty-marking triggers on trades (part of the schema; defined with it).
extern const std::string_view kTradeDaysTriggers;

/// The clients listed in trade_days_dirty (trades changed, days not yet re-aggregated), ascending.
Result<std::vector<std::int64_t>> dirtyTradeDayClients(Database& db);

/// The dirty-marking triggers missing from trades, by name (none in a sound book).
Result<std::vector<std::string>> missingTradeDaysTriggers(Database& db);

/// What trade_days should hold: every client's days aggregated from the whole trades table,
/// sorted by (client_ref, day). Reads only.
Result<std::vector<TradeDayRow>> aggregateTradeDays(Database& db);

/// Rebuilds trade_days from the whole trades table in one pass and empties the dirty list.
/// Runs in the caller's transaction when one is open, else in its own.
Status rebuildTradeDays(Database& db);

/// Replaces trade_days with `days` (sorted by client_ref, day; one row per pair), packed, and
/// empties the dirty list: for a book whose days come from elsewhere (the branch server's batch
/// copies a server's trades as days, storage/pg/pgbatch.cpp). In the caller's transaction.
Status replaceTradeDays(Database& db, const std::vector<TradeDayRow>& days);

/// Re-aggregates the trade days of the given clients from trades (clients without trades lose
/// their rows). Runs in the caller's transaction when one is open, else in its own.
Status refreshTradeDays(Database& db, const std::vector<std::int64_t>& clientRefs);

/// Brings trade_days up to date: rebuilds it when it is empty while trades is not (a book
/// written before it existed), else folds trade_days_added into the blocks and re-aggregates
/// the clients listed as dirty. Cheap (a few lookups) when nothing changed.
Status syncTradeDays(Database& db);

/// For a writer that loads many trades in one transaction: begin() before the first trade,
/// finish() after the last one, both inside that transaction. Into an empty trades table the
/// per-row triggers are dropped for the load and trade_days is rebuilt in one pass at finish();
/// otherwise the triggers list the touched clients and finish() re-aggregates just those.
/// A rollback of the writer's transaction restores everything.
/// A day a writer changed (TradeDaysUpkeep::touch): the trades it added, and whether that is
/// all that changed on the day (`exact`; else the day is read back from trades).
struct TradeDayTouch {
    TradeDayRow added;
    bool exact = false;
};

class TradeDaysUpkeep {
  public:
    static Result<TradeDaysUpkeep> begin(Database& db);
    /// Brings trade_days up to date with the writes and restores the triggers.
    Status finish();
    /// True when trades was empty at begin() (full rebuild at finish()).
    bool bulk() const { return m_bulk; }
    /// Bulk load only: a writer that wrote every trade of the load itself hands over their
    /// per-day aggregate (sorted by client_ref, day; one row per pair), so finish() writes it
    /// instead of reading the whole trades table back. Packs the blocks here and touches no
    /// database, so it may run on another thread while the trades are being written.
    void provideBulkDays(const std::vector<TradeDayRow>& days);
    /// The same, already packed (TradeDayGatherer::finish).
    void provideBulkBlocks(std::vector<TradeDayBlock> blocks);
    /// Over stored trades: a writer that tells every day it changes (of each trade written,
    /// the day it lies on and the day it was moved from) has finish() re-aggregate just those
    /// days, a lookup each, instead of the whole history of every touched client. A client
    /// that the triggers mark but no touch names (written by someone else) is re-aggregated
    /// whole, as before.
    void touch(std::int64_t clientRef, std::int64_t day) {
        m_touched.push_back({{clientRef, day, 0, 0, 0}, false});
    }
    /// A new trade on `day`: a day that no other write changes is its stored totals plus its
    /// new trades, with no reading back from trades. When every touch of a watching writer is
    /// such, finish() adds the days to trade_days_added and leaves the blocks as they are.
    void touchNew(std::int64_t clientRef, std::int64_t day, std::int64_t amount,
                  std::int64_t commission) {
        m_touched.push_back({{clientRef, day, 1, amount, commission}, true});
    }
    /// Over stored trades, before the first write of a writer that touches every day it
    /// changes: the dirty-marking triggers are dropped until finish() (a row each in
    /// trade_days_dirty and its removal afterwards would cost about as much as the writes).
    Status watchWrites();
    /// After finish(): when all the writer did was add new trades (their days went on top of
    /// the blocks, trade_days_added), those days (one row per client and day, the trades, amount
    /// and commission added; sorted by client and day); nullptr otherwise.
    const std::vector<TradeDayRow>* addedDays() const { return m_addedOnly ? &m_added : nullptr; }

  private:
    Status refreshTouched();
    TradeDaysUpkeep(Database& db, bool bulk, std::vector<std::int64_t> dirtyBefore)
        : m_db(&db), m_bulk(bulk), m_dirtyBefore(std::move(dirtyBefore)) {}
    Database* m_db;
    bool m_bulk;
    bool m_provided = false;
    std::vector<TradeDayBlock> m_blocks;
    std::vector<std::int64_t> m_dirtyBefore; // clients marked before the writer began, sorted
    bool m_watching = false;                 // watchWrites() dropped the triggers
    std::vector<TradeDayTouch> m_touched;
    bool m_addedOnly = false;         // finish() only added days (addedDays())
    std::vector<TradeDayRow> m_added; // those days
};

} // namespace bd::storage
