#include "services/transactionsfile.h"

#include <array>
#include <unordered_map>

#include "core/text.h"
#include "core/textfile.h"
#include "storage/import/csvreader.h"

namespace bd::services {

namespace {

Error located(const std::string& path, std::int64_t line, int column, std::string column_name,
              std::string message, std::string value = {}) {
    Error e = makeError(ErrorCode::InvalidInput, std::move(message));
    e.file = path;
    e.line = line;
    e.column = column;
    e.column_name = std::move(column_name);
    e.value = std::move(value);
    return e;
}

} // namespace

Result<std::vector<TransactionRow>> readTransactionsCsv(const std::string& path) {
    auto read = readWholeFile(path, "cannot open the transactions file");
    if (!read) return read.error();
    std::string text = std::move(*read);
    std::string_view body = text;
    if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3); // UTF-8 BOM
    if (!isValidUtf8(body)) return located(path, 0, 0, {}, "the file is not valid UTF-8");

    storage::CsvReader reader(body);
    storage::CsvRecord rec;
    if (!reader.next(rec)) return located(path, 1, 0, {}, "empty file: a header is required");
    if (!rec.error.empty()) return located(path, rec.line, rec.errorField, {}, rec.error);
    // Column positions of customer_id, date, amount.
    const std::array<const char*, 3> names = {"customer_id", "date", "amount"};
    std::array<int, 3> col = {-1, -1, -1};
    for (std::size_t f = 0; f < rec.fields.size(); ++f)
        for (std::size_t k = 0; k < names.size(); ++k)
            if (equalsIgnoreCase(trim(rec.fields[f]), names[k])) {
                if (col[k] >= 0)
                    return located(path, rec.line, static_cast<int>(f + 1), names[k],
                                   "duplicate column in the header");
                col[k] = static_cast<int>(f);
            }
    for (std::size_t k = 0; k < names.size(); ++k)
        if (col[k] < 0)
            return located(path, rec.line, 0, names[k],
                           "missing column in the header (need customer_id,date,amount)",
                           std::string(rec.raw));
    const std::size_t width = rec.fields.size();

    std::vector<TransactionRow> rows;
    while (reader.next(rec)) {
        if (!rec.error.empty()) return located(path, rec.line, rec.errorField, {}, rec.error);
        if (rec.fields.size() != width)
            return located(path, rec.line, static_cast<int>(std::min(rec.fields.size(), width) + 1),
                           {},
                           "expected " + std::to_string(width) + " fields, found " +
                               std::to_string(rec.fields.size()),
                           std::string(rec.raw));
        // Column k of the row, and its refusal (names[k] at its column, with the value read).
        const auto field = [&](std::size_t k) {
            return trim(rec.fields[static_cast<std::size_t>(col[k])]);
        };
        const auto refuse = [&](std::size_t k, const char* message) {
            return located(path, rec.line, col[k] + 1, names[k], message, std::string(field(k)));
        };
        TransactionRow row;
        row.line = rec.line;
        row.customer_id = std::string(field(0));
        if (row.customer_id.empty()) return refuse(0, "empty customer id");
        auto date = parseDate(field(1));
        if (!date) return refuse(1, "invalid date (expected YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)");
        row.date = *date;
        auto amount = parseMoney(field(2));
        if (!amount) return refuse(2, "invalid amount (a decimal with up to 4 decimals)");
        row.amount = *amount;
        rows.push_back(std::move(row));
    }
    return rows;
}

CustomerTransactions groupByCustomer(const std::vector<TransactionRow>& rows) {
    CustomerTransactions out;
    std::unordered_map<std::string, std::size_t> index;
    for (const auto& r : rows) {
        auto [it, added] = index.try_emplace(r.customer_id, out.customer_ids.size());
        if (added) {
            out.customer_ids.push_back(r.customer_id);
            out.purchases.emplace_back();
        }
        out.purchases[it->second].push_back({r.date.days, r.amount.toDouble()});
    }
    return out;
}

} // namespace bd::services
