#include <iostream>

#include "cli/commands.h"
#include "services/listexports.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

const std::vector<ExportKind>& exportKinds() {
    static const std::vector<ExportKind> kKinds = [] {
        std::vector<ExportKind> k;
        for (auto& e : makeInterchangeExports()) k.push_back(std::move(e));
        for (auto& e : makeValueExports()) k.push_back(std::move(e));
        for (auto& e : makeSegmentExports()) k.push_back(std::move(e));
        for (auto& e : makePlanExports()) k.push_back(std::move(e));
        for (auto& e : makeListExports()) k.push_back(std::move(e));
        for (auto& e : makeReviewExports()) k.push_back(std::move(e));
        for (auto& e : makeReportExports()) k.push_back(std::move(e));
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

Status requirePeopleOut(const std::string& out) {
    if (services::peopleFormatFor(out)) return {};
    return makeError(ErrorCode::Usage, "name the --out file *.xlsx (for Excel) or *.csv");
}

Result<phrase::Lang> langOption(const Args& a) {
    const std::string lang = a.get("lang", "en");
    if (lang == "en") return phrase::Lang::En;
    if (lang == "zh") return phrase::Lang::Zh;
    return makeError(ErrorCode::Usage, "--lang expects zh or en, got '" + lang + "'");
}

Result<PeopleExport> openPeopleExport(const Args& a) {
    const std::string out = *a.get("out");
    if (auto s = requirePeopleOut(out); !s) return s.error();
    const auto lang = langOption(a);
    if (!lang) return lang.error();
    const std::string headers = a.get("headers", "words");
    if (headers != "words" && headers != "ids")
        return makeError(ErrorCode::Usage, "--headers expects words or ids, got '" + headers + "'");
    auto db = storage::openBook(*a.get("db"), {.create = false});
    if (!db) return db.error();
    return PeopleExport{out, *lang, std::move(*db), headers == "ids"};
}

services::PeopleColumn peopleColumn(std::string_view id, services::ColumnKind kind, phrase::Lang l,
                                    int decimals, bool wrap) {
    return services::labelledColumn(id, kind, l, decimals, wrap);
}

Command makeExportCommand() {
    std::string summary = "Write part of the book to a file. Kinds:\n";
    for (const auto& k : exportKinds()) summary += "  " + k.name + ": " + k.summary + "\n";
    // The union of every kind's options; each kind checks the ones it needs.
    return {
        "export",
        "export <" + kindList() + "> --db F --out F [options]",
        summary,
        {{"db", "F", "the book file", true},
         {"out", "F",
          "output file: .xlsx (for Excel: ids, phones and dates keep their type), .csv, or "
          ".pdf where the kind supports it",
          true},
         {"scope", "S", "firm | branch:ID | broker:ID (vip)"},
         {"top-percent", "P", "VIP share in percent (vip; default: the book's vip_percent)"},
         {"broker", "ID", "broker id (calllist)"},
         {"client", "ID", "client id (review)"},
         {"copy", "C",
          "client | broker (review; default client): the broker's copy adds the data-quality "
          "remarks"},
         {"date", "D", "YYYY-MM-DD: first day (calllist), as-of date (coverage); default today"},
         {"days", "N", "number of working days (calllist)"},
         {"mask", "", "mask phone numbers as 138****5678"},
         {"lang", "L", "zh | en: words and headings of every export for people (default en)"},
         {"headers", "H",
          "words | ids (vip, coverage, clientlist, scores, segments): headings and coded values "
          "in words of --lang (default), or the column ids and codes for scripts"},
         {"as-of", "D", "as-of date YYYY-MM-DD"},
         {"month", "YYYY-MM",
          "the month of the branch report (report; default the latest whole "
          "month)"}},
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
