#include "services/calllistrows.h"

#include "core/privacy.h"

namespace bd::services {

std::vector<CallListRow> callListRowsFor(const std::vector<PlanItem>& items,
                                         const CallListOptions& options) {
    const bool zh = options.language == CallListLanguage::Chinese;
    std::vector<CallListRow> rows;
    rows.reserve(items.size());
    for (const auto& it : items) {
        CallListRow r;
        r.date = it.date;
        r.priority = it.priority;
        r.client_id = it.client_id;
        r.name = it.name;
        r.phone = options.mask_phone ? maskPhone(it.phone) : it.phone;
        r.channel = std::string(zh ? toChinese(it.channel) : toString(it.channel));
        r.time_window = it.time_window;
        r.reasons = zh ? it.reasons_zh : it.reasons_en;
        r.value_tier = it.value_tier;
        r.last_contact = it.last_contact;
        r.segment_name = zh ? (it.segment_zh.empty() ? it.segment_en : it.segment_zh)
                            : (it.segment_en.empty() ? it.segment_zh : it.segment_en);
        rows.push_back(std::move(r));
    }
    return rows;
}

} // namespace bd::services
