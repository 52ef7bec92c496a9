#pragma once
// Read queries behind the client book window: keyset-paged client lists with search, broker
// filter and sorting done in SQL, broker lists, and one client's detail. Sorting by AUM, trades
// in 12 months and last contact reads the client_summary cache (storage/book/clientsummary.h).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/domain.h"
#include "core/money.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// Columns the client book can be ordered by (each backed by an index).
enum class ClientSortKey { ClientId, Name, Broker, Branch, OpenDate, Aum, Trades12m, LastContact };

/// Filter and order of a client list. Search is a prefix of the name, the client id (ASCII
/// case-insensitive) or the phone number (digits only, separators ignored).
struct ClientQuery {
    std::string search;
    std::string broker_id;          // empty = all brokers
    std::vector<std::int64_t> refs; // non-empty: only these clients (re-reading changed rows)
    // Filters of the Clients table (issue 18 item 7); none / empty = all.
    std::string branch_id;
    std::optional<ClientStatus> status; // ClientStatus::Prospect: the prospects
    std::optional<int> risk_level;      // 1..5
    std::optional<int> segment_id;      // in the newest segmentation
    std::optional<bool> vip;            // in the newest value run
    std::string tag;
    ClientSortKey sort = ClientSortKey::Name;
    bool descending = false;
    int page_size = 200;
};

/// One line of the client book.
struct ClientRow {
    std::int64_t ref = 0; // clients.id
    std::string client_id;
    std::string name;
    std::string broker_id;
    std::string broker_name;
    std::string branch_id;   // empty when unknown
    bool branch_null = true; // branch_id is NULL in the book (sorts first)
    std::string branch_name;
    std::string phone;
    Date open_date;
    int risk_level = 0;
    ClientStatus status = ClientStatus::Unknown;
    std::optional<Money> aum; // cash + market value of the latest snapshot; none = no snapshot
    std::int64_t trades_12m = 0;
    std::optional<DateTime> last_contact;
};

/// Position after the last row of a page: that row's sort value (monostate = NULL) and ref.
struct ClientCursor {
    std::variant<std::monostate, std::int64_t, std::string> key;
    std::int64_t ref = 0;
};

/// The cursor that continues after `row` under `sort`.
ClientCursor cursorAfter(const ClientRow& row, ClientSortKey sort);

/// One page (at most query.page_size rows) in the query's order, starting after `after`.
Result<std::vector<ClientRow>> fetchClientPage(Database& db, const ClientQuery& query,
                                               const std::optional<ClientCursor>& after);

/// Number of clients matching the query's search and filters.
Result<std::int64_t> countClients(Database& db, const ClientQuery& query);

/// Every client matching the query's search and filters (no paging, no order): the clients a
/// bulk action on "all filtered rows" acts on. Row ids and client ids, by row id.
Result<std::vector<std::pair<std::int64_t, std::string>>> matchingClients(Database& db,
                                                                          const ClientQuery& query);

/// A broker with the size of their book.
struct BrokerEntry {
    std::string broker_id;
    std::string name;
    std::string branch_id;
    std::int64_t clients = 0;
};

/// All brokers ordered by id, with their client counts.
Result<std::vector<BrokerEntry>> listBrokers(Database& db);

/// Every tag of the book (name, colour), by name: the Clients table's tag filter.
Result<std::vector<std::pair<std::string, std::string>>> listTags(Database& db);

/// A trade as the detail pane lists it.
struct TradeLine {
    DateTime time;
    std::string security_code;
    std::string security_name; // empty when the security is not in the book
    Side side = Side::Unknown;
    std::int64_t quantity = 0;
    Money price;
    Money amount;
    Money commission;
    OrderChannel channel = OrderChannel::Unknown;
};

/// A contact as the detail pane lists it.
struct ContactLine {
    std::int64_t id = 0; // the contact's row, for correcting or voiding it
    DateTime time;
    std::string broker_id;
    ContactChannel channel = ContactChannel::Unknown;
    Direction direction = Direction::Unknown;
    Outcome outcome = Outcome::Unknown;
    int satisfaction = 0;
    std::string notes;
    std::optional<Date> next_follow_up;
    std::optional<std::string> void_reason; // set: voided (shown as void, kept in the book)
};

/// Everything the detail pane shows about one client.
struct ClientDetail {
    std::int64_t ref = 0;
    Client client;
    std::string contact_hours;
    std::string broker_name;
    std::string branch_name;
    std::optional<AssetSnapshot> latest_assets;
    std::int64_t trades_total = 0;
    std::int64_t contacts_total = 0;
    std::vector<TradeLine> recent_trades;     // newest first
    std::vector<ContactLine> recent_contacts; // newest first
};

/// Loads a client's profile, latest snapshot and the newest trades and contacts.
/// NotFound when `clientRef` does not exist.
Result<ClientDetail> loadClientDetail(Database& db, std::int64_t clientRef, int maxTrades = 50,
                                      int maxContacts = 20);

/// The row id of a client id, NotFound when absent.
Result<std::int64_t> findClientRef(Database& db, const std::string& clientId);

} // namespace bd::storage
