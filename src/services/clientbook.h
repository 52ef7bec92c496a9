#pragma once
// The client book's reads for the workstation: the keyset-paged client list with search,
// broker filter and sorting done in SQL (a list of row ids re-reads changed rows), brokers and
// branches, and one client's detail.
#include "services/book.h"
#include "storage/book/clientqueries.h"
#include "storage/book/valuequeries.h"

namespace bd::services {

using storage::ClientCursor;
using storage::ClientQuery;
using storage::ClientRow;
using storage::ClientSortKey;
/// The cursor that continues after a row under a sort key.
using storage::cursorAfter;
/// One page of the client list (ClientQuery::refs: only those clients).
using storage::fetchClientPage;
/// Clients matching a query's filters.
using storage::countClients;
/// Every client matching a query's filters (a bulk action on all filtered rows).
using storage::matchingClients;

using storage::BranchEntry;
using storage::BrokerEntry;
/// Brokers by id with the size of their books; branches by id.
using storage::listBranches;
using storage::listBranchNames;
using storage::listBrokers;
/// Every tag of the book (name, colour), by name.
using storage::listTags;

using storage::ClientDetail;
using storage::ContactLine;
using storage::TradeLine;
/// A client's profile, latest snapshot, newest trades and contacts (NotFound when absent).
using storage::loadClientDetail;

} // namespace bd::services
