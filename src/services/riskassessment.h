#pragma once
// How long a client's risk assessment (风险测评, clients.risk_assessed_on) stays valid: the
// book's setting "risk_assessment.validity_months" (default 24, allowed 1..120). An assessment
// made on D is valid up to the day before D + validity; on that day it has expired. The plan's
// triggers (analytics/triggers.h: RiskAssessmentExpiring within 30 days, RiskAssessmentExpired)
// and suitability (an expired assessment is a mismatch) read the expiry from here.
#include <optional>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::services {

inline constexpr std::string_view kRiskAssessmentValiditySetting =
    "risk_assessment.validity_months";
inline constexpr int kDefaultRiskAssessmentValidityMonths = 24;
inline constexpr int kMinRiskAssessmentValidityMonths = 1;
inline constexpr int kMaxRiskAssessmentValidityMonths = 120;

/// The book's validity in months (the default when not set); InvalidInput naming the key and
/// the range for a stored value that is not a whole number of 1 to 120.
Result<int> loadRiskAssessmentValidity(storage::Database& db);
/// Stores the validity; InvalidInput (nothing stored) outside 1..120.
Status saveRiskAssessmentValidity(storage::Database& db, int months);

/// The first day an assessment made on `assessedOn` is no longer valid.
Date riskAssessmentExpiry(Date assessedOn, int validityMonths);
/// Whether an assessment is expired on `day` (none: no date, never "expired").
bool riskAssessmentExpired(const std::optional<Date>& assessedOn, int validityMonths, Date day);

} // namespace bd::services
