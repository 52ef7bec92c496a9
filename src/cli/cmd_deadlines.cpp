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

void printDeadlines(const analytics::DeadlineDays& days, phrase::Lang l) {
    using W = phrase::DeadlineWord;
    std::cout << fmt::format("{:<22} {:<30} {:>7} {:>7}  {}\n", phrase::name(W::Kind, l), "",
                             phrase::name(W::Default, l), phrase::name(W::Current, l),
                             phrase::name(W::CountedAs, l));
    // The kind's key stays in either language: it is what --set and --reset take.
    for (const auto& r : analytics::deadlineRules()) {
        const int now = days[static_cast<std::size_t>(r.kind)];
        std::cout << fmt::format("{:<22} {:<30} {:>7} {:>7}  {}\n", factKey(r.kind),
                                 phrase::name(r.kind, l), r.default_days, now,
                                 phrase::deadlineCounted(r.dated, r.min_days, r.max_days, l));
    }
}

int runDeadlines(const Args& a) {
    const auto lang = langOption(a);
    if (!lang) return reportError(lang.error());
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
    auto book = SettingsBook::open(*a.get("db"));
    if (!book) return reportError(book.error());
    if (!set.empty() || !reset.empty()) {
        // Through the settings command: audited, undoable (`undo --operation N`).
        services::cmd::SaveSettings edit;
        for (ReasonKind k : reset) edit.values.push_back({services::deadlineSettingKey(k), {}});
        for (const auto& [k, n] : set) {
            const std::string key = services::deadlineSettingKey(k);
            std::erase_if(edit.values, [&](const auto& v) { return v.key == key; });
            edit.values.push_back({key, std::to_string(n)});
        }
        if (auto r = book->execute({{}, std::move(edit)}); !r) return reportError(r.error());
    }
    auto days = services::loadTriggerDeadlines(book->db());
    if (!days) return reportError(days.error());
    printDeadlines(*days, *lang);
    return kOk;
}

} // namespace

Command makeDeadlinesCommand() {
    return catalogued("deadlines", runDeadlines);
}

} // namespace bd::cli
