#pragma once
// Bulk insertion of a generated (demo) book: one transaction, one prepared statement per table
// reused for every row, rows already in the book's integer encoding. Used by the demo generator;
// everything SQL about it lives here.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/result.h"
#include "storage/book/tradedays.h"
#include "storage/db/database.h"

namespace bd::storage {

/// A trade row in the stored encoding (money in 0.0001 CNY units, time in seconds). Rows of
/// one client must come in (trade_time, trade_id) order: the table is clustered by that key.
struct TradeRow {
    std::string_view trade_id;
    std::int64_t client_ref = 0;
    std::int64_t trade_time = 0;
    std::string_view security_code;
    int side = 0;
    std::int64_t quantity = 0;
    std::int64_t price = 0;
    std::int64_t amount = 0;
    std::int64_t commission = 0;
    std::optional<std::int64_t> fees;
    int channel = 0;
};

/// An asset snapshot row (stored encoding).
struct AssetRow {
    std::int64_t client_ref = 0;
    std::int32_t date = 0;
    std::int64_t cash = 0;
    std::int64_t market_value = 0;
    std::optional<std::int64_t> net_inflow;
};

/// A position row (stored encoding).
struct PositionRow {
    std::int64_t client_ref = 0;
    std::int32_t date = 0;
    std::string_view security_code;
    std::int64_t quantity = 0;
    std::optional<std::int64_t> cost_price;
    std::int64_t close_price = 0;
};

/// A contact row (stored encoding).
struct ContactRow {
    std::int64_t client_ref = 0;
    std::string_view broker_id;
    std::int64_t contact_time = 0;
    int channel = 0;
    int direction = 0;
    int outcome = 0;
    std::optional<int> satisfaction;
    std::string_view notes;
    std::optional<std::int32_t> next_follow_up;
};

/// True when the book holds no clients, trades, securities, brokers or branches.
Result<bool> bookIsEmpty(Database& db);

/// Writes a whole book in one transaction. While open, the connection runs with a rollback
/// journal, synchronous=OFF and foreign-key checks off (the generator guarantees references);
/// secondary indexes of the bulk tables are dropped and rebuilt at finish() when that is
/// cheaper than maintaining them row by row. finish() commits and restores WAL and the checks;
/// destroying an unfinished writer rolls everything back.
class DemoBookWriter {
  public:
    /// Starts the bulk transaction on an empty book.
    static Result<std::unique_ptr<DemoBookWriter>> begin(Database& db);

    /// Only begin() can make the key, so writers always come out started.
    class Key {
        friend class DemoBookWriter;
        Key() = default;
    };
    DemoBookWriter(Key, Database& db) : m_db(db) {}
    ~DemoBookWriter();
    DemoBookWriter(const DemoBookWriter&) = delete;
    DemoBookWriter& operator=(const DemoBookWriter&) = delete;

    Status branch(const Branch& b);
    Status broker(const Broker& b);
    Status security(const Security& s);
    /// Inserts a client with its integer id (client_ref) and contact-hours text.
    Status client(std::int64_t id, const Client& c, std::string_view contactHours);
    /// Trades, assets, positions and contacts are buffered and inserted many rows per
    /// statement; the strings their views point to must stay valid until flush() returns.
    Status trade(const TradeRow& t);
    Status asset(const AssetRow& a);
    Status position(const PositionRow& p);
    Status contact(const ContactRow& c);
    /// Inserts the buffered rows.
    Status flush();

    /// Flushes, rebuilds dropped indexes, commits, restores the connection's normal settings.
    Status finish();

  private:
    Status start();
    void restoreSettings();

    Database& m_db;
    std::optional<Transaction> m_tx;
    std::vector<std::string> m_droppedIndexSql;
    std::optional<TradeDaysUpkeep> m_tradeDays; // trade_days rebuilt once at finish()
    // A table filled in bulk: rows wait in `rows` until a multi-row INSERT (`many`) takes a
    // full chunk; flush() sends the rest through the one-row INSERT (`one`).
    template <typename Row>
    struct Buffered {
        std::vector<Row> rows;
        std::optional<Statement> one, many;
    };
    template <typename Row>
    Status add(Buffered<Row>& b, const Row& row);
    template <typename Row>
    Status drain(Buffered<Row>& b);
    template <typename Row>
    Status prepareBuffered(Buffered<Row>& b, std::string_view head, int columns);
    void releaseStatements();

    std::optional<Statement> m_branch, m_broker, m_security, m_client;
    Buffered<TradeRow> m_trades;
    Buffered<AssetRow> m_assets;
    Buffered<PositionRow> m_positions;
    Buffered<ContactRow> m_contacts;
    bool m_settingsChanged = false;
    bool m_finished = false;
};

} // namespace bd::storage
