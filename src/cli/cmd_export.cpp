#include <iostream>

#include "cli/commands.h"

namespace bd::cli {
namespace {

const std::vector<ExportKind>& exportKinds() {
    static const std::vector<ExportKind> kKinds = [] {
        std::vector<ExportKind> k;
        for (auto& e : makeInterchangeExports()) k.push_back(std::move(e));
        for (auto& e : makeValueExports()) k.push_back(std::move(e));
        for (auto& e : makeSegmentExports()) k.push_back(std::move(e));
        for (auto& e : makePlanExports()) k.push_back(std::move(e));
        for (auto& e : makeReviewExports()) k.push_back(std::move(e));
        return k;
    }();
    return kKinds;
}

std::string kindList() {
    std::string out;
    for (const auto& k : exportKinds()) out += (out.empty() ? "" : "|") + k.name;
    return out;
}

} // namespace

Status requireCsvOut(const std::string& out) {
    if (out.size() >= 4 && out.compare(out.size() - 4, 4, ".csv") == 0) return {};
    return makeError(ErrorCode::Usage, "this export writes CSV only; name the --out file *.csv");
}

Command makeExportCommand() {
    std::string summary = "Write part of the book to a file. Kinds:\n";
    for (const auto& k : exportKinds()) summary += "  " + k.name + ": " + k.summary + "\n";
    // The union of every kind's options; each kind checks the ones it needs.
    return {"export",
            "export <" + kindList() + "> --db F --out F [options]",
            summary,
            {{"db", "F", "the book file", true},
             {"out", "F", "output file (.csv, .xlsx or .pdf where the kind supports it)", true},
             {"scope", "S", "firm | branch:ID | broker:ID (vip)"},
             {"top-percent", "P", "VIP share in percent (vip; default: the book's vip_percent)"},
             {"broker", "ID", "broker id (calllist)"},
             {"client", "ID", "client id (review)"},
             {"copy", "C",
              "client | broker (review; default client): the broker's copy adds the "
              "data-quality remarks"},
             {"date", "D", "first day YYYY-MM-DD (calllist; default today)"},
             {"days", "N", "number of working days (calllist)"},
             {"mask", "", "mask phone numbers as 138****5678"},
             {"lang", "L", "zh | en: words and headings (calllist, review, vip; default en)"},
             {"as-of", "D", "as-of date YYYY-MM-DD"}},
            [](const Args& a) {
                if (a.positionals().size() != 1) {
                    std::cerr << "brokerdesk-cli export: name one kind: " << kindList() << "\n";
                    return static_cast<int>(kUsage);
                }
                for (const auto& k : exportKinds())
                    if (k.name == a.positionals()[0]) return k.run(a);
                std::cerr << "brokerdesk-cli export: unknown kind '" << a.positionals()[0]
                          << "' (one of " << kindList() << ")\n";
                return static_cast<int>(kUsage);
            }};
}

} // namespace bd::cli
