#pragma once
// Value-model parameters stored with the book (settings keys "value.<parameter>").
#include <string>

#include "analytics/profitmodel.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::services {

/// The book's parameters: spec defaults overridden by any stored "value.*" keys.
/// A stored key that is not a number or out of range is an InvalidInput error.
Result<analytics::ValueModelParams> loadValueModelParams(storage::Database& db);

/// Validates and stores every parameter (one key each) in one transaction.
Status saveValueModelParams(storage::Database& db, const analytics::ValueModelParams& p);

/// True when the book's parameters differ from those an analytics run used (its `parameters`
/// JSON): the run's scores and VIPs are then out of date until the next refresh.
Result<bool> valueModelChangedSince(storage::Database& db, const std::string& runParameters);

} // namespace bd::services
