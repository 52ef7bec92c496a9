#pragma once
// The book's trigger deadlines (analytics::deadlineRules(): by when each kind of reason must be
// called), stored under "plan.deadline.<kind>" keys in the settings table, e.g.
// "plan.deadline.asset_outflow" = "1"; a kind without a key keeps its default.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analytics/triggers.h"
#include "core/facts.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::services {

/// "plan.deadline." + the kind's key ("asset_outflow", "complaint", ...).
std::string deadlineSettingKey(ReasonKind kind);

/// The trigger kind named by a key such as "asset_outflow"; Usage error listing the kinds
/// otherwise.
Result<ReasonKind> deadlineKindNamed(std::string_view key);

/// Ok when `days` lies in the kind's allowed range; InvalidInput naming the range otherwise.
Status checkDeadline(ReasonKind kind, int days);

/// The defaults with the book's stored deadlines over them; InvalidInput (naming the key and the
/// allowed range) for a stored value that is not a whole number in range.
Result<analytics::DeadlineDays> loadTriggerDeadlines(storage::Database& db);

/// Checks and stores one deadline (nothing stored when it is out of range).
Status saveTriggerDeadline(storage::Database& db, ReasonKind kind, int days);

/// Removes a stored deadline: the kind goes back to its default.
Status resetTriggerDeadline(storage::Database& db, ReasonKind kind);

/// In one transaction: resets the kinds of `reset`, then stores `set` (all or nothing).
Status editTriggerDeadlines(storage::Database& db,
                            const std::vector<std::pair<ReasonKind, int>>& set,
                            const std::vector<ReasonKind>& reset);

/// "asset_outflow=2,complaint=1" -> its pairs, each checked; Usage error for a malformed or
/// unknown entry, InvalidInput (naming the allowed range) for a value out of range.
Result<std::vector<std::pair<ReasonKind, int>>> parseDeadlineList(std::string_view text);

/// `days` with `overrides` applied, each checked.
Result<analytics::DeadlineDays>
withDeadlines(analytics::DeadlineDays days,
              const std::vector<std::pair<ReasonKind, int>>& overrides);

} // namespace bd::services
