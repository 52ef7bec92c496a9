#include "services/deadlinesettings.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "core/text.h"
#include "services/booksettings.h"
#include "storage/book/settings.h"

namespace bd::services {
namespace {

constexpr std::string_view kPrefix = "plan.deadline.";

} // namespace

std::string deadlineSettingKey(ReasonKind kind) {
    return std::string(kPrefix) + std::string(factKey(kind));
}

Result<ReasonKind> deadlineKindNamed(std::string_view key) {
    const ReasonKind k = reasonKindOf(key);
    if (analytics::deadlineRule(k)) return k;
    std::string kinds;
    for (const auto& r : analytics::deadlineRules())
        kinds += (kinds.empty() ? "" : ", ") + std::string(factKey(r.kind));
    return makeError(ErrorCode::Usage,
                     fmt::format("unknown trigger kind '{}' (expected one of {})", key, kinds));
}

Status checkDeadline(ReasonKind kind, int days) {
    const analytics::DeadlineRule* r = analytics::deadlineRule(kind);
    if (!r) return makeError(ErrorCode::Usage, "not a trigger kind");
    if (auto ok = checkSetting(*settingSpec(deadlineSettingKey(kind)), std::to_string(days)); !ok)
        return ok.error();
    return {};
}

Result<analytics::DeadlineDays> loadTriggerDeadlines(storage::Database& db) {
    analytics::DeadlineDays days = analytics::defaultDeadlineDays();
    for (const auto& r : analytics::deadlineRules()) {
        auto v = loadCheckedNumber(db, deadlineSettingKey(r.kind)); // a whole number in range
        if (!v) return v.error();
        if (*v) days[static_cast<std::size_t>(r.kind)] = static_cast<int>(**v);
    }
    return days;
}

Status saveTriggerDeadline(storage::Database& db, ReasonKind kind, int days) {
    if (auto ok = checkDeadline(kind, days); !ok) return ok;
    return storage::setSetting(db, deadlineSettingKey(kind), std::to_string(days));
}

Status resetTriggerDeadline(storage::Database& db, ReasonKind kind) {
    if (!analytics::deadlineRule(kind)) return makeError(ErrorCode::Usage, "not a trigger kind");
    return storage::removeSetting(db, deadlineSettingKey(kind));
}

Status editTriggerDeadlines(storage::Database& db,
                            const std::vector<std::pair<ReasonKind, int>>& set,
                            const std::vector<ReasonKind>& reset) {
    storage::Transaction tx(db);
    if (!tx.began()) return tx.began();
    for (ReasonKind k : reset)
        if (auto st = resetTriggerDeadline(db, k); !st) return st;
    for (const auto& [k, n] : set)
        if (auto st = saveTriggerDeadline(db, k, n); !st) return st;
    return tx.commit();
}

Result<std::vector<std::pair<ReasonKind, int>>> parseDeadlineList(std::string_view text) {
    std::vector<std::pair<ReasonKind, int>> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const std::string_view entry = trim(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        if (entry.empty()) continue;
        const auto eq = entry.find('=');
        int n = 0;
        const std::string_view value =
            eq == std::string_view::npos ? "" : trim(entry.substr(eq + 1));
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (eq == std::string_view::npos || value.empty() || ec != std::errc() ||
            ptr != value.data() + value.size())
            return makeError(
                ErrorCode::Usage,
                fmt::format("expected KIND=N such as asset_outflow=1, got '{}'", entry));
        auto kind = deadlineKindNamed(trim(entry.substr(0, eq)));
        if (!kind) return kind.error();
        if (auto ok = checkDeadline(*kind, n); !ok) return ok.error();
        out.emplace_back(*kind, n);
    }
    return out;
}

Result<analytics::DeadlineDays>
withDeadlines(analytics::DeadlineDays days,
              const std::vector<std::pair<ReasonKind, int>>& overrides) {
    for (const auto& [kind, n] : overrides) {
        if (auto ok = checkDeadline(kind, n); !ok) return ok.error();
        days[static_cast<std::size_t>(kind)] = n;
    }
    return days;
}

} // namespace bd::services
