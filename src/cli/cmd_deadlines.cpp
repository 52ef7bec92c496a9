// `deadlines`: list or edit by when each kind of reason must be called (the planner meets these
// before anything else; docs/scheduling.md, "Deadlines"). Stored in the book's settings.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "phrasebook/phrasebook.h"
#include "services/commands/command.h"
#include "services/deadlinesettings.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

void printDeadlines(const analytics::DeadlineDays& days) {
    std::cout << fmt::format("{:<22} {:<30} {:>7} {:>7}  {}\n", "kind", "", "default", "current",
                             "counted as (allowed)");
    for (const auto& r : analytics::deadlineRules()) {
        const int now = days[static_cast<std::size_t>(r.kind)];
        const std::string how =
            r.dated ? fmt::format("working days after its date ({}..{}; 0 = on the day)",
                                  r.min_days, r.max_days)
                    : fmt::format("by working day N of the plan ({}..{}; 1 = the first day)",
                                  r.min_days, r.max_days);
        std::cout << fmt::format("{:<22} {:<30} {:>7} {:>7}  {}\n", factKey(r.kind),
                                 phrase::name(r.kind, phrase::Lang::En), r.default_days, now, how);
    }
}

int runDeadlines(const Args& a) {
    std::vector<std::pair<ReasonKind, int>> set;
    if (auto s = a.get("set")) {
        auto list = services::parseDeadlineList(*s);
        if (!list) return reportError(list.error());
        set = std::move(*list);
    }
    std::vector<ReasonKind> reset;
    if (auto r = a.get("reset")) {
        if (*r == "all") {
            for (const auto& rule : analytics::deadlineRules()) reset.push_back(rule.kind);
        } else {
            auto kind = services::deadlineKindNamed(*r);
            if (!kind) return reportError(kind.error());
            reset.push_back(*kind);
        }
    }
    auto db = storage::openBook(*a.get("db"), {.create = false});
    if (!db) return reportError(db.error());
    if (!set.empty() || !reset.empty()) {
        // Through the settings command: audited, undoable (`undo --operation N`).
        services::cmd::SaveSettings edit;
        for (ReasonKind k : reset) edit.values.push_back({services::deadlineSettingKey(k), {}});
        for (const auto& [k, n] : set) {
            const std::string key = services::deadlineSettingKey(k);
            std::erase_if(edit.values, [&](const auto& v) { return v.key == key; });
            edit.values.push_back({key, std::to_string(n)});
        }
        if (auto r = services::cmd::execute(*db, {{}, std::move(edit)}); !r)
            return reportError(r.error());
    }
    auto days = services::loadTriggerDeadlines(*db);
    if (!days) return reportError(days.error());
    printDeadlines(*days);
    return kOk;
}

} // namespace

Command makeDeadlinesCommand() {
    return {
        "deadlines",
        "deadlines --db F [--set K=N[,K=N]] [--reset K|all]",
        "List or edit the deadline of each kind of reason to call: the planner calls every "
        "item by its deadline before it fills the rest of the day, and reports each deadline "
        "it cannot meet.",
        {{"db", "F", "the book file", true},
         {"set", "K=N,...", "e.g. asset_outflow=1,large_loss=3 (each checked against its range)"},
         {"reset", "K|all", "restore a kind's default deadline, or every kind's"},
         {"lang", "L", "words of a refusal: zh or en (default en)"}},
        runDeadlines};
}

} // namespace bd::cli
