#pragma once
// The call list as CSV for Excel and as XLSX: one row per planned call, written by the shared
// writer for people's tables (services/peopletable.h: BOM, formula guard, phones as digits;
// typed, wrapped, printable workbook). The PDF call sheet is in reports/.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analytics/scheduler.h"
#include "analytics/triggers.h"
#include "core/date.h"
#include "core/result.h"
#include "services/peopletable.h"

namespace bd::services {

enum class CallListLanguage { English, Chinese };

/// One line of the call list, ready to print.
struct CallListRow {
    Date date;
    double priority = 0.0;
    std::string client_id;
    std::string name;
    std::string phone; // as it will appear (masked by callListRows unless asked otherwise)
    std::string channel;
    std::string time_window;
    std::string reasons; // day counts ("19 days ago") taken to `date`, as last_contact's
    std::string value_tier;
    std::optional<Date> last_contact;
    std::string segment_name;
    std::string talking_points; // phrase::points, day counts taken to `date`
};

/// What the plan does not know about a client (from the book).
struct CallListClient {
    std::string name;
    std::string phone;
    std::string segment_name;
};

struct CallListOptions {
    CallListLanguage language = CallListLanguage::English; // header, channel and reason words
    bool mask_phone = true;                                // 13812345678 -> 138****5678
};

/// The header: date, priority, client_id, name, phone, channel, time_window, reasons,
/// value_tier, last_contact, segment_name, talking_points (or their Chinese names).
std::vector<std::string> callListHeader(CallListLanguage language);

/// Rows for the plan's calls in plan order; `items` are the plan's input, `clients` by client_ref.
std::vector<CallListRow>
callListRows(const analytics::Plan& plan, const std::vector<analytics::CallItem>& items,
             const std::unordered_map<std::int64_t, CallListClient>& clients,
             const CallListOptions& options = {});

/// The rows as a table for people: typed columns (dates, priority, id and phone as text,
/// reasons and segment wrapped), headers and title in the language.
PeopleTable callListTable(const std::vector<CallListRow>& rows,
                          CallListLanguage language = CallListLanguage::English);

/// The CSV bytes: BOM, header, rows, CRLF line ends.
std::string renderCallListCsv(const std::vector<CallListRow>& rows,
                              CallListLanguage language = CallListLanguage::English);

/// Writes the CSV file (Io error when it cannot be written).
Status writeCallListCsv(const std::string& path, const std::vector<CallListRow>& rows,
                        CallListLanguage language = CallListLanguage::English);

/// Writes an .xlsx workbook (services/peopletable.h: typed cells, print set-up, autofilter).
Status writeCallListXlsx(const std::string& path, const std::vector<CallListRow>& rows,
                         CallListLanguage language = CallListLanguage::English);

} // namespace bd::services
