#include "services/riskassessment.h"

#include <cmath>
#include <string>

#include "storage/book/settings.h"

namespace bd::services {
namespace {

Error outOfRange(std::string value) {
    Error e = makeError(ErrorCode::InvalidInput,
                        std::string(kRiskAssessmentValiditySetting) +
                            ": the validity of a risk assessment is a whole number of " +
                            std::to_string(kMinRiskAssessmentValidityMonths) + " to " +
                            std::to_string(kMaxRiskAssessmentValidityMonths) + " months");
    e.column_name = std::string(kRiskAssessmentValiditySetting);
    e.value = std::move(value);
    return e;
}

bool inRange(double months) {
    return std::floor(months) == months && months >= kMinRiskAssessmentValidityMonths &&
           months <= kMaxRiskAssessmentValidityMonths;
}

} // namespace

Result<int> loadRiskAssessmentValidity(storage::Database& db) {
    auto stored = storage::getSetting(db, kRiskAssessmentValiditySetting);
    if (!stored) return stored.error();
    if (!*stored) return kDefaultRiskAssessmentValidityMonths;
    try {
        std::size_t used = 0;
        const double v = std::stod(**stored, &used);
        if (used == (*stored)->size() && inRange(v)) return static_cast<int>(v);
    } catch (const std::exception&) {
        // not a number: refused below
    }
    return outOfRange(**stored);
}

Status saveRiskAssessmentValidity(storage::Database& db, int months) {
    if (!inRange(months)) return outOfRange(std::to_string(months));
    return storage::setSetting(db, kRiskAssessmentValiditySetting, std::to_string(months));
}

Date riskAssessmentExpiry(Date assessedOn, int validityMonths) {
    return addMonths(assessedOn, validityMonths);
}

bool riskAssessmentExpired(const std::optional<Date>& assessedOn, int validityMonths, Date day) {
    return assessedOn && riskAssessmentExpiry(*assessedOn, validityMonths) <= day;
}

} // namespace bd::services
