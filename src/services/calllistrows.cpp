#include "services/calllistrows.h"

#include "core/privacy.h"
#include "phrasebook/phrasebook.h"

namespace bd::services {

std::vector<CallListRow> callListRowsFor(const std::vector<PlanItem>& items,
                                         const CallListOptions& options) {
    const auto lang =
        options.language == CallListLanguage::Chinese ? phrase::Lang::Zh : phrase::Lang::En;
    std::vector<CallListRow> rows;
    rows.reserve(items.size());
    for (const auto& it : items) {
        CallListRow r;
        r.date = it.date;
        r.priority = it.priority;
        r.client_id = it.client_id;
        r.name = it.name;
        r.phone = options.mask_phone ? maskPhone(it.phone) : it.phone;
        r.channel = std::string(phrase::name(it.channel, lang));
        r.time_window = it.time_window;
        // Day counts taken to the call's day, as the last-contact column's (one date a row).
        r.reasons = phrase::reasons(it.reasons, lang, it.date);
        r.talking_points = phrase::points(phrase::countedTo(it.talking_points, it.date), lang);
        r.value_tier = it.value_tier;
        r.last_contact = it.last_contact;
        r.segment_name = phrase::segmentName(it.segment_fact, it.segment_zh, it.segment_en, lang);
        rows.push_back(std::move(r));
    }
    return rows;
}

} // namespace bd::services
