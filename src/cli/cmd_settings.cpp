// `settings`: list every setting of the book (current value, default, allowed range) or change
// some through the settings command (validated, one transaction, audited, undoable).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "core/text.h"
#include "services/booksettings.h"
#include "services/commands/command.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

std::vector<std::string> splitCommas(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t at = 0;;) {
        const auto comma = text.find(',', at);
        out.emplace_back(text.substr(at, comma == std::string_view::npos ? comma : comma - at));
        if (comma == std::string_view::npos) return out;
        at = comma + 1;
    }
}

/// "K=V,K=V" -> its pairs; Usage error for an entry without '='.
Result<std::vector<services::SettingValue>> parseAssignments(std::string_view text) {
    std::vector<services::SettingValue> out;
    for (const std::string& entry : splitCommas(text)) {
        const std::string_view e = trim(entry);
        if (e.empty()) continue;
        const auto eq = e.find('=');
        if (eq == std::string_view::npos)
            return makeError(ErrorCode::Usage,
                             fmt::format("expected KEY=VALUE such as value.vip_percent=5, got "
                                         "'{}'",
                                         e));
        out.push_back({std::string(trim(e.substr(0, eq))), std::string(trim(e.substr(eq + 1)))});
    }
    return out;
}

int runSettings(const Args& a) {
    services::cmd::SaveSettings edit;
    if (auto s = a.get("set")) {
        auto list = parseAssignments(*s);
        if (!list) return reportError(list.error());
        edit.values = std::move(*list);
    }
    if (auto r = a.get("reset"))
        for (const std::string& key : splitCommas(*r))
            if (!trim(key).empty()) edit.values.push_back({std::string(trim(key)), {}});
    auto db = storage::openBook(*a.get("db"), {.create = false});
    if (!db) return reportError(db.error());
    if (!edit.values.empty()) {
        auto r = services::cmd::execute(*db, {{}, std::move(edit)});
        if (!r) return reportError(r.error());
        if (r->operation) std::cout << fmt::format("operation {}\n", r->operation);
    }
    auto values = services::loadBookSettings(*db);
    if (!values) return reportError(values.error());
    std::cout << fmt::format("{:<44} {:>10} {:>10}  {}\n", "key", "current", "default", "allowed");
    for (std::size_t i = 0; i < values->size(); ++i) {
        const auto& spec = services::settingSpecs()[i];
        const std::string def = spec.default_value.empty() ? "-" : spec.default_value;
        std::cout << fmt::format("{:<44} {:>10} {:>10}  {}\n", spec.key,
                                 (*values)[i].value.value_or(def), def,
                                 services::allowedText(spec));
    }
    auto capacities = services::loadBrokerCapacities(*db);
    if (!capacities) return reportError(capacities.error());
    for (const auto& c : *capacities)
        std::cout << fmt::format("{:<44} {:>10} {:>10}  {}\n", c.key, c.value.value_or("-"), "-",
                                 services::allowedText(*services::findSetting(c.key)));
    return kOk;
}

} // namespace

Command makeSettingsCommand() {
    return {"settings",
            "settings --db F [--set K=V[,K=V]] [--reset K[,K]]",
            "List the book's settings (value model, VIP %, each broker's capacity, channel limits, "
            "deadlines, portfolio thresholds, cost method, assessment validity) or change some; "
            "each value is checked against its allowed range, the change is audited and undoable.",
            {{"db", "F", "the book file", true},
             {"set", "K=V,...", "e.g. value.vip_percent=8,portfolio.cost_method=fifo"},
             {"reset", "K,...", "put settings back to their defaults"},
             {"lang", "L", "words of a refusal: zh or en (default en)"}},
            runSettings};
}

} // namespace bd::cli
