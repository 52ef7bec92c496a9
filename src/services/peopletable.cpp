#include "services/peopletable.h"

#include "core/fileerror.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "services/csvwriter.h"

namespace bd::services {
namespace {

/// Rows a worksheet holds below its header.
constexpr std::size_t kMaxXlsxRows = 1048575;
/// Column widths in characters: fitted to the content, bounded; wrapped columns narrower.
constexpr double kMaxWidth = 60.0, kMaxWrappedWidth = 48.0, kMinWidth = 6.0;

/// Display width of UTF-8 text: CJK and other wide characters count double.
double displayWidth(std::string_view s) {
    double w = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        w += len >= 3 ? 2.0 : 1.0;
        i += len;
    }
    return w;
}

std::string money2(Money m) {
    const std::int64_t fen = m.roundedFen();
    const std::int64_t a = fen < 0 ? -fen : fen;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%lld.%02lld", fen < 0 ? "-" : "",
                  static_cast<long long>(a / 100), static_cast<long long>(a % 100));
    return buf;
}

/// A value rounded to `decimals` as a spreadsheet shows it (no negative zero).
double rounded(double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const double r = std::round(v * scale) / scale;
    return r == 0.0 ? 0.0 : r;
}

/// The cell's text as CSV writes it (before quoting).
std::string csvText(const PeopleColumn& col, const PeopleCell& cell) {
    if (const auto* s = std::get_if<std::string>(&cell)) {
        if (col.kind == ColumnKind::Phone) return neutraliseFormula(phoneForCsv(*s));
        return neutraliseFormula(*s);
    }
    if (const auto* d = std::get_if<double>(&cell))
        return std::isfinite(*d) ? formatFixed(*d, col.decimals) : std::string();
    if (const auto* m = std::get_if<Money>(&cell)) return money2(*m);
    if (const auto* d = std::get_if<Date>(&cell)) return d->toString();
    if (const auto* t = std::get_if<DateTime>(&cell)) return t->toString();
    return {};
}

/// A worksheet name Excel accepts: at most 31 characters, none of []:*?/\.
std::string sheetName(std::string_view title) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < title.size() && chars < 31;) {
        const auto c = static_cast<unsigned char>(title[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        const std::string_view ch = title.substr(i, len);
        out += ch.find_first_of("[]:*?/\\") == std::string_view::npos ? std::string(ch) : " ";
        i += len;
        ++chars;
    }
    return out.empty() ? "Sheet1" : out;
}

/// Footer text: the title on the left, "page / pages" on the right (& doubled in the title).
std::string footer(std::string_view title) {
    std::string t;
    for (char c : title) {
        if (c == '&') t += '&';
        t += c;
    }
    return "&L" + t + "&R&P / &N";
}

std::string numberFormat(const PeopleColumn& col) {
    // A percentage shows two decimals fewer than its fraction has.
    const int shown = col.kind == ColumnKind::Percent ? col.decimals - 2 : col.decimals;
    const std::string decimals =
        shown > 0 ? "." + std::string(static_cast<std::size_t>(shown), '0') : "";
    switch (col.kind) {
    case ColumnKind::Money:
        return "#,##0.00";
    case ColumnKind::Percent:
        return "0" + decimals + "%";
    case ColumnKind::Number:
        return "0" + decimals;
    case ColumnKind::Date:
        return "yyyy-mm-dd";
    case ColumnKind::DateTime:
        return "yyyy-mm-dd hh:mm:ss";
    default:
        return "@";
    }
}

/// The width a cell needs, in characters.
double cellWidth(const PeopleColumn& col, const PeopleCell& cell) {
    switch (col.kind) {
    case ColumnKind::Date:
        return 10.0;
    case ColumnKind::DateTime:
        return 19.0;
    case ColumnKind::Percent:
        return std::holds_alternative<double>(cell) ? 3.0 + col.decimals : 0.0;
    case ColumnKind::Money: {
        const auto* m = std::get_if<Money>(&cell);
        if (!m) return 0.0;
        const double digits = static_cast<double>(money2(*m).size());
        return digits + std::floor((digits - 4) / 3); // thousands separators
    }
    default:
        return displayWidth(csvText(col, cell));
    }
}

Error xlsxError(const std::string& path, lxw_error err) {
    return fileError(ErrorCode::Io, std::string("cannot write the workbook: ") + lxw_strerror(err),
                     path);
}

} // namespace

std::optional<PeopleFormat> peopleFormatFor(std::string_view path) {
    auto endsWith = [path](std::string_view ext) {
        if (path.size() < ext.size()) return false;
        const std::string_view tail = path.substr(path.size() - ext.size());
        return std::equal(tail.begin(), tail.end(), ext.begin(), [](char a, char b) {
            return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
        });
    };
    if (endsWith(".csv")) return PeopleFormat::Csv;
    if (endsWith(".xlsx")) return PeopleFormat::Xlsx;
    return std::nullopt;
}

std::string neutraliseFormula(std::string_view field) {
    if (!field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' ||
                           field[0] == '@' || field[0] == '\t' || field[0] == '\r'))
        return "'" + std::string(field);
    return std::string(field);
}

std::string phoneForCsv(std::string_view phone) {
    if (!phone.empty() && phone[0] == '+') return "00" + std::string(phone.substr(1));
    return std::string(phone);
}

std::string formatFixed(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string s = buf;
    if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
    return s;
}

std::string renderPeopleCsv(const PeopleTable& table) {
    std::string out = "\xEF\xBB\xBF";
    auto field = [&out](std::size_t i, const std::string& text) {
        if (i) out += ',';
        out += CsvWriter::escape(text);
    };
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        field(c, neutraliseFormula(table.columns[c].header));
    out += "\r\n";
    for (const auto& row : table.rows) {
        for (std::size_t c = 0; c < table.columns.size(); ++c)
            field(c, c < row.size() ? csvText(table.columns[c], row[c]) : std::string());
        out += "\r\n";
    }
    return out;
}

Status writePeopleCsv(const std::string& path, const PeopleTable& table) {
    const std::string bytes = renderPeopleCsv(table);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return fileError(ErrorCode::Io, "cannot write the file", path);
    return {};
}

Status writePeopleXlsx(const std::string& path, const PeopleTable& table,
                       const WriteProgress& progress) {
    if (table.rows.size() > kMaxXlsxRows)
        return fileError(ErrorCode::InvalidInput,
                         "too many rows for a worksheet (" + std::to_string(table.rows.size()) +
                             ", at most " + std::to_string(kMaxXlsxRows) + "); write CSV",
                         path);
    lxw_workbook* wb = workbook_new(path.c_str());
    if (wb == nullptr) return fileError(ErrorCode::Io, "cannot create the workbook", path);
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheetName(table.title).c_str());
    lxw_error err = ws ? LXW_NO_ERROR : LXW_ERROR_PARAMETER_VALIDATION;
    auto keep = [&err](lxw_error e) {
        if (err == LXW_NO_ERROR) err = e;
    };

    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(header, LXW_BORDER_THIN);
    format_set_bg_color(header, 0xE8EEF4);
    // One cell format per column: the number format, text wrapped where asked, top-aligned.
    const std::size_t n = table.columns.size();
    std::vector<lxw_format*> formats(n);
    std::vector<double> width(n, kMinWidth);
    for (std::size_t c = 0; c < n; ++c) {
        const auto& col = table.columns[c];
        lxw_format* f = workbook_add_format(wb);
        format_set_num_format(f, numberFormat(col).c_str());
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        if (col.wrap) format_set_text_wrap(f);
        formats[c] = f;
        width[c] = std::max(width[c], displayWidth(col.header) + 2.0);
        for (const auto& row : table.rows)
            if (c < row.size()) width[c] = std::max(width[c], cellWidth(col, row[c]) + 2.0);
        width[c] = std::min(width[c], col.wrap ? kMaxWrappedWidth : kMaxWidth);
    }

    if (ws) {
        for (std::size_t c = 0; c < n; ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            keep(worksheet_set_column(ws, col, col, width[c], formats[c]));
            keep(worksheet_write_string(ws, 0, col, table.columns[c].header.c_str(), header));
        }
        lxw_row_t r = 1;
        // The rows are most of the work; the workbook's closing (zipping) the rest.
        const double rows = static_cast<double>(std::max<std::size_t>(1, table.rows.size()));
        for (const auto& row : table.rows) {
            if (progress && r % 4096 == 0) progress(0.8 * static_cast<double>(r) / rows);
            for (std::size_t c = 0; c < n && c < row.size(); ++c) {
                const auto col = static_cast<lxw_col_t>(c);
                const PeopleColumn& kind = table.columns[c];
                lxw_format* f = formats[c];
                const PeopleCell& cell = row[c];
                // Strings are never formulas in a workbook: no guard needed.
                if (const auto* s = std::get_if<std::string>(&cell)) {
                    if (!s->empty()) keep(worksheet_write_string(ws, r, col, s->c_str(), f));
                } else if (const auto* d = std::get_if<double>(&cell)) {
                    if (std::isfinite(*d))
                        keep(worksheet_write_number(ws, r, col, rounded(*d, kind.decimals), f));
                } else if (const auto* m = std::get_if<Money>(&cell)) {
                    keep(worksheet_write_number(
                        ws, r, col, rounded(static_cast<double>(m->roundedFen()) / 100.0, 2), f));
                } else if (const auto* day = std::get_if<Date>(&cell)) {
                    lxw_datetime dt{};
                    day->toYmd(dt.year, dt.month, dt.day);
                    keep(worksheet_write_datetime(ws, r, col, &dt, f));
                } else if (const auto* t = std::get_if<DateTime>(&cell)) {
                    lxw_datetime dt{};
                    t->date().toYmd(dt.year, dt.month, dt.day);
                    const auto secs = t->secs - static_cast<std::int64_t>(t->date().days) * 86400;
                    dt.hour = static_cast<int>(secs / 3600);
                    dt.min = static_cast<int>(secs / 60 % 60);
                    dt.sec = static_cast<double>(secs % 60);
                    keep(worksheet_write_datetime(ws, r, col, &dt, f));
                }
            }
            ++r;
        }
        const auto lastRow = static_cast<lxw_row_t>(table.rows.size());
        const auto lastCol = static_cast<lxw_col_t>(n ? n - 1 : 0);
        worksheet_freeze_panes(ws, 1, 0);
        keep(worksheet_autofilter(ws, 0, 0, lastRow, lastCol));
        // Ids and phones are text on purpose: no green "number stored as text" marker.
        std::string textColumns;
        for (std::size_t c = 0; c < n && !table.rows.empty(); ++c) {
            const auto kind = table.columns[c].kind;
            if (kind != ColumnKind::Id && kind != ColumnKind::Phone) continue;
            char range[64];
            lxw_rowcol_to_range(range, 1, static_cast<lxw_col_t>(c), lastRow,
                                static_cast<lxw_col_t>(c));
            textColumns += (textColumns.empty() ? "" : " ") + std::string(range);
        }
        if (!textColumns.empty())
            keep(
                worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, textColumns.c_str()));
        // Printing: A4 landscape, one page wide, the header row on every page, a footer.
        worksheet_set_paper(ws, 9);
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        keep(worksheet_repeat_rows(ws, 0, 0));
        worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.7);
        keep(worksheet_set_footer(ws, footer(table.title).c_str()));
    }
    if (progress) progress(0.8);
    const lxw_error closed = workbook_close(wb);
    if (progress) progress(1.0);
    if (err != LXW_NO_ERROR) return xlsxError(path, err);
    if (closed != LXW_NO_ERROR) return xlsxError(path, closed);
    return {};
}

Status writePeopleTable(const std::string& path, const PeopleTable& table,
                        const WriteProgress& progress) {
    const auto format = peopleFormatFor(path);
    if (!format) return makeError(ErrorCode::Usage, "name the output file *.csv or *.xlsx");
    return *format == PeopleFormat::Xlsx ? writePeopleXlsx(path, table, progress)
                                         : writePeopleCsv(path, table);
}

} // namespace bd::services
