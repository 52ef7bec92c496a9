#include "services/riskassessment.h"

#include <cmath>
#include <string>

#include "services/booksettings.h"
#include "storage/book/settings.h"

namespace bd::services {

// The setting's range and its refusal are the settings catalogue's (booksettings).
Result<int> loadRiskAssessmentValidity(storage::Database& db) {
    return loadAssessmentValidityMonths(db);
}

Status saveRiskAssessmentValidity(storage::Database& db, int months) {
    auto checked = checkSetting(*settingSpec(kAssessmentValidityKey), std::to_string(months));
    if (!checked) return checked.error();
    return storage::setSetting(db, kAssessmentValidityKey, *checked);
}

Date riskAssessmentExpiry(Date assessedOn, int validityMonths) {
    return addMonths(assessedOn, validityMonths);
}

bool riskAssessmentExpired(const std::optional<Date>& assessedOn, int validityMonths, Date day) {
    return assessedOn && riskAssessmentExpiry(*assessedOn, validityMonths) <= day;
}

} // namespace bd::services
