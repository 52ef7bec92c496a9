#pragma once
// A table meant for people (opened in Excel, LibreOffice, WPS; printed), as opposed to the
// interchange CSV meant for programs: typed columns and rows, written by ONE writer as
//  - CSV for Excel: UTF-8 with a BOM (Excel on a Chinese Windows reads GBK otherwise), CRLF,
//    RFC 4180 quoting; text that a spreadsheet would run as a formula (leading = + - @ tab CR)
//    gets a leading apostrophe; phones are written as digits (a leading + becomes 00, the
//    international prefix) so they never need that guard; numbers are never guarded and never
//    print a negative zero. CSV carries no types: Excel still drops leading zeros of ids and
//    phones and turns 18-digit numbers into 1.1E+17. Hence
//  - XLSX: ids and phones as text (Excel's "number stored as text" marker suppressed on those
//    columns), dates as dates (yyyy-mm-dd), money and numbers as numbers with their format,
//    percentages as percentages, long text wrapped, a bold frozen header row with an
//    autofilter, and a print set-up: A4 landscape, fitted to the page width, header row
//    repeated on every page, margins, a footer with the title and "page / pages".
// Every export for people (call lists, VIPs, scores, segments, coverage, client lists) goes
// through here; headers come from the caller in the chosen language (src/phrasebook).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace bd::services {

/// What a column holds, which decides how each format writes it.
enum class ColumnKind {
    Text,     // words: formula-guarded in CSV; wrapped in XLSX when the column says so
    Id,       // an identifier of digits or letters (client id, id number): text, never a number
    Phone,    // a phone number: text; in CSV "+86..." is written "0086..."
    Date,     // a calendar date: YYYY-MM-DD in CSV, a date cell in XLSX
    DateTime, // exchange local time: YYYY-MM-DD HH:MM:SS in CSV, a date-time cell in XLSX
    Money,    // CNY: 2 decimals in CSV, #,##0.00 in XLSX
    Number,   // a number with `decimals` decimals (0: a count)
    Percent,  // a fraction (0.2512): with `decimals` decimals in CSV; in XLSX a percentage with
              // two decimals fewer (25.12%)
};

struct PeopleColumn {
    std::string header; // in the chosen language
    ColumnKind kind = ColumnKind::Text;
    int decimals = 2;  // Number and Percent (the fraction's)
    bool wrap = false; // long text (reasons, explanations): wrapped at a bounded width in XLSX
};

/// One cell: empty, text (Text, Id, Phone), a number (Number, Percent), money, a date or a
/// date-time.
using PeopleCell = std::variant<std::monostate, std::string, double, Money, Date, DateTime>;

struct PeopleTable {
    std::string title; // the sheet's name and the printed footer, in the chosen language
    std::vector<PeopleColumn> columns;
    std::vector<std::vector<PeopleCell>> rows; // each as long as `columns`
};

enum class PeopleFormat { Csv, Xlsx };

/// The format an output path asks for by its extension (.csv, .xlsx; any case); nullopt else.
std::optional<PeopleFormat> peopleFormatFor(std::string_view path);

/// Prefixes text that a spreadsheet would evaluate (leading = + - @ tab CR) with '.
std::string neutraliseFormula(std::string_view field);

/// A phone number as CSV writes it: a leading + becomes 00 (0086 13812345678 dials the same
/// from China), so the field starts with a digit and needs no formula guard.
std::string phoneForCsv(std::string_view phone);

/// A number with `decimals` decimals; a value that rounds to zero prints without a sign.
std::string formatFixed(double value, int decimals);

/// The CSV bytes: BOM, header, rows, CRLF line ends.
std::string renderPeopleCsv(const PeopleTable& table);

/// Writes the CSV file (Io error when it cannot be written).
Status writePeopleCsv(const std::string& path, const PeopleTable& table);

/// How far a long write is, 0..1 (called from the writing thread, every few thousand rows).
using WriteProgress = std::function<void(double)>;

/// Writes the XLSX workbook (Io error when it cannot be written; InvalidInput when the table
/// has more rows than a worksheet holds).
Status writePeopleXlsx(const std::string& path, const PeopleTable& table,
                       const WriteProgress& progress = {});

/// Writes CSV or XLSX by the path's extension (Usage error for any other).
Status writePeopleTable(const std::string& path, const PeopleTable& table,
                        const WriteProgress& progress = {});

} // namespace bd::services
