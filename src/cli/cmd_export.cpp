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

namespace {
Result<PeopleExport> openPeopleExport(const Args& a) {
    const std::string out = *a.get("out");
    if (auto s = requirePeopleOut(out); !s) return s.error();
    const auto lang = langOption(a);
    if (!lang) return lang.error();
    const std::string headers = a.get("headers", "words");
    if (headers != "words" && headers != "ids") return expects("headers", "words or ids", headers);
    auto book = ReadBook::open(*a.get("db"));
    if (!book) return book.error();
    return PeopleExport{out, *lang, std::move(*book), headers == "ids"};
}
} // namespace

int writePeopleExport(const Args& a, const std::string& what,
                      const std::function<Result<PeopleExportTable>(PeopleExport&)>& build) {
    auto ex = openPeopleExport(a);
    if (!ex) return reportError(ex.error());
    auto t = build(*ex);
    if (!t) return reportError(t.error());
    if (auto s = services::writePeopleTable(ex->out, t->table); !s) return reportError(s.error());
    if (int rc = recordExport(ex->book, what, t->rows, false, ex->out)) return rc;
    std::cout << t->said;
    return kOk;
}

int writePeopleExport(const Args& a, const std::string& what,
                      Result<services::PeopleTable> (*table)(storage::Database&,
                                                             services::ExportWording),
                      std::string_view noun) {
    return writePeopleExport(a, what, [&](PeopleExport& ex) -> Result<PeopleExportTable> {
        auto t = table(ex.book.db(), ex.wording());
        if (!t) return t.error();
        const auto rows = std::ssize(t->rows);
        return PeopleExportTable{std::move(*t), rows,
                                 "exported " + std::to_string(rows) + " " + std::string(noun) +
                                     " to " + ex.out + "\n"};
    });
}

services::PeopleColumn peopleColumn(std::string_view id, services::ColumnKind kind, phrase::Lang l,
                                    int decimals, bool wrap) {
    return services::labelledColumn(id, kind, l, decimals, wrap);
}

Command makeExportCommand() {
    // The catalogue holds the options (the union of every kind's; each kind checks the ones it
    // needs); the synopsis and summary name the kinds this build has.
    Command c = catalogued("export", [](const Args& a) {
        if (a.positionals().size() != 1) {
            std::cerr << "brokerdesk-cli export: name one kind: " << kindList() << "\n";
            return static_cast<int>(kUsage);
        }
        for (const auto& k : exportKinds())
            if (k.name == a.positionals()[0]) return k.run(a);
        std::cerr << "brokerdesk-cli export: unknown kind '" << a.positionals()[0] << "' (one of "
                  << kindList() << ")\n";
        return static_cast<int>(kUsage);
    });
    const auto at = c.synopsis.find("{kinds}");
    c.synopsis.replace(at, std::string_view("{kinds}").size(), kindList());
    for (const auto& k : exportKinds()) c.summary += "  " + k.name + ": " + k.summary + "\n";
    return c;
}

} // namespace bd::cli
