#include "services/calllistexport.h"

#include "core/enums.h"
#include "core/privacy.h"
#include "phrasebook/phrasebook.h"

namespace bd::services {
namespace {

phrase::Lang callListLang(CallListLanguage language) {
    return language == CallListLanguage::Chinese ? phrase::Lang::Zh : phrase::Lang::En;
}

} // namespace

std::vector<std::string> callListHeader(CallListLanguage language) {
    // The English header is the file's column ids; the phrasebook has their Chinese names.
    std::vector<std::string> header{"date",       "priority",     "client_id",    "name",
                                    "phone",      "channel",      "time_window",  "reasons",
                                    "value_tier", "last_contact", "segment_name", "talking_points"};
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
            r.talking_points =
                phrase::points(phrase::countedTo(item.talking_points, call.date), lang);
            r.value_tier = item.value_tier;
            r.last_contact = item.last_contact;
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

PeopleTable callListTable(const std::vector<CallListRow>& rows, CallListLanguage language) {
    using K = ColumnKind;
    const auto header = callListHeader(language);
    const K kinds[] = {K::Date, K::Number, K::Id,   K::Text, K::Phone, K::Text,
                       K::Text, K::Text,   K::Text, K::Date, K::Text,  K::Text};
    PeopleTable t;
    t.title = std::string(phrase::label("Call list", callListLang(language)));
    for (std::size_t c = 0; c < header.size(); ++c)
        t.columns.push_back({header[c], kinds[c], 2, /*wrap=*/c == 7 || c == 10 || c == 11});
    t.rows.reserve(rows.size());
    for (const auto& r : rows) {
        auto& row = t.rows.emplace_back();
        row = {r.date,       r.priority,   r.client_id,    r.name,
               r.phone,      r.channel,    r.time_window,  r.reasons,
               r.value_tier, PeopleCell{}, r.segment_name, r.talking_points};
        if (r.last_contact) row[9] = *r.last_contact;
    }
    return t;
}

std::string renderCallListCsv(const std::vector<CallListRow>& rows, CallListLanguage language) {
    return renderPeopleCsv(callListTable(rows, language));
}

Status writeCallListCsv(const std::string& path, const std::vector<CallListRow>& rows,
                        CallListLanguage language) {
    return writePeopleCsv(path, callListTable(rows, language));
}

Status writeCallListXlsx(const std::string& path, const std::vector<CallListRow>& rows,
                         CallListLanguage language) {
    return writePeopleXlsx(path, callListTable(rows, language));
}

} // namespace bd::services
