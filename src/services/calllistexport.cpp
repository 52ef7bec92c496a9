#include "services/calllistexport.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "core/enums.h"
#include "core/privacy.h"
#include "phrasebook/phrasebook.h"
#include "services/csvwriter.h"

namespace bd::services {
namespace {

std::string formatPriority(double p) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", p);
    return buf;
}

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

std::vector<std::string> fields(const CallListRow& r) {
    return {r.date.toString(), formatPriority(r.priority),
            r.client_id,       r.name,
            r.phone,           r.channel,
            r.time_window,     r.reasons,
            r.value_tier,      r.last_contact ? r.last_contact->toString() : std::string(),
            r.segment_name};
}

constexpr int kPriorityColumn = 1;

phrase::Lang callListLang(CallListLanguage language) {
    return language == CallListLanguage::Chinese ? phrase::Lang::Zh : phrase::Lang::En;
}

} // namespace

std::vector<std::string> callListHeader(CallListLanguage language) {
    // The English header is the file's column ids; the phrasebook has their Chinese names.
    std::vector<std::string> header{"date",       "priority",     "client_id",   "name",
                                    "phone",      "channel",      "time_window", "reasons",
                                    "value_tier", "last_contact", "segment_name"};
    for (auto& h : header) h = std::string(phrase::label(h, callListLang(language)));
    return header;
}

std::vector<CallListRow>
callListRows(const analytics::Plan& plan, const std::vector<analytics::CallItem>& items,
             const std::unordered_map<std::int64_t, CallListClient>& clients,
             const CallListOptions& options) {
    const phrase::Lang lang = callListLang(options.language);
    std::vector<CallListRow> rows;
    rows.reserve(plan.calls.size());
    for (const auto& call : plan.calls) {
        CallListRow r;
        r.date = call.date;
        r.priority = call.priority;
        r.client_id = call.client_id;
        if (auto it = clients.find(call.client_ref); it != clients.end()) {
            r.name = it->second.name;
            r.phone = options.mask_phone ? maskPhone(it->second.phone) : it->second.phone;
            r.segment_name = it->second.segment_name;
        }
        r.channel = std::string(phrase::name(call.channel, lang));
        r.time_window = call.time_window;
        if (call.item_index < items.size()) {
            const auto& item = items[call.item_index];
            r.reasons = phrase::reasons(item.reasons(), lang, call.date); // counted to the day

            r.value_tier = item.value_tier;
            r.last_contact = item.last_contact;
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

std::string neutraliseFormula(std::string_view field) {
    if (!field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' ||
                           field[0] == '@' || field[0] == '\t' || field[0] == '\r'))
        return "'" + std::string(field);
    return std::string(field);
}

std::string renderCallListCsv(const std::vector<CallListRow>& rows, CallListLanguage language) {
    std::string out = "\xEF\xBB\xBF";
    auto line = [&out](const std::vector<std::string>& values) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) out += ',';
            out += CsvWriter::escape(neutraliseFormula(values[i]));
        }
        out += "\r\n";
    };
    line(callListHeader(language));
    for (const auto& r : rows) line(fields(r));
    return out;
}

Status writeCallListCsv(const std::string& path, const std::vector<CallListRow>& rows,
                        CallListLanguage language) {
    const std::string bytes = renderCallListCsv(rows, language);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        Error e = makeError(ErrorCode::Io, "cannot write the call list");
        e.file = path;
        return e;
    }
    return {};
}

Status writeCallListXlsx(const std::string& path, const std::vector<CallListRow>& rows,
                         CallListLanguage language) {
    lxw_workbook* wb = workbook_new(path.c_str());
    if (wb == nullptr) {
        Error e = makeError(ErrorCode::Io, "cannot create the workbook");
        e.file = path;
        return e;
    }
    lxw_worksheet* ws = workbook_add_worksheet(
        wb, std::string(phrase::label("Call list", callListLang(language))).c_str());
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* number = workbook_add_format(wb);
    format_set_num_format(number, "0.00");

    const auto header = callListHeader(language);
    std::vector<double> width(header.size());
    lxw_error err = LXW_NO_ERROR;
    auto keep = [&err](lxw_error e) {
        if (err == LXW_NO_ERROR) err = e;
    };
    for (std::size_t c = 0; c < header.size(); ++c) {
        keep(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold));
        width[c] = displayWidth(header[c]);
    }
    lxw_row_t row = 1;
    for (const auto& r : rows) {
        const auto values = fields(r);
        for (std::size_t c = 0; c < values.size(); ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            // Cells are written as text, never as formulas, so no quote prefix is needed here.
            if (c == kPriorityColumn)
                keep(worksheet_write_number(ws, row, col, r.priority, number));
            else if (!values[c].empty())
                keep(worksheet_write_string(ws, row, col, values[c].c_str(), nullptr));
            width[c] = std::max(width[c], displayWidth(values[c]));
        }
        ++row;
    }
    for (std::size_t c = 0; c < width.size(); ++c)
        keep(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                  std::min(60.0, width[c] + 2.0), nullptr));
    worksheet_freeze_panes(ws, 1, 0);
    const lxw_error closed = workbook_close(wb);
    if (err != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
        Error e = makeError(ErrorCode::Io, std::string("cannot write the workbook: ") +
                                               lxw_strerror(err != LXW_NO_ERROR ? err : closed));
        e.file = path;
        return e;
    }
    return {};
}

} // namespace bd::services
