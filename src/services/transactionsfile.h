#pragma once
// Reads a generic transactions CSV (`customer_id,date,amount`, header required) for the lifetime
// value models, e.g. the CDNOW reference data or an export from another system.
#include <cstdint>
#include <string>
#include <vector>

#include "analytics/clv.h"
#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace bd::services {

struct TransactionRow {
    std::string customer_id;
    Date date;
    Money amount;
    std::int64_t line = 0; // physical line in the file (1-based)
};

/// Parses the file: UTF-8 (BOM allowed), RFC 4180 quoting, header with the columns
/// customer_id, date, amount in any order (case-insensitive; other columns ignored); dates
/// YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD; amounts with up to 4 decimals. A malformed row is an
/// InvalidInput error located at file:line:column (column = 1-based field number).
Result<std::vector<TransactionRow>> readTransactionsCsv(const std::string& path);

/// Transactions grouped by customer, customers in order of first appearance.
struct CustomerTransactions {
    std::vector<std::string> customer_ids;
    std::vector<std::vector<analytics::Purchase>> purchases; // amount as double CNY/units
};

/// Groups rows per customer for analytics::summarizeCustomers.
CustomerTransactions groupByCustomer(const std::vector<TransactionRow>& rows);

} // namespace bd::services
