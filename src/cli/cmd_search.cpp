// `search`: instant client search (services/clientsearch.h) from the command line: ranked
// clients with why each was found; phones and ID numbers masked, as in the workstation.
#include <fmt/format.h>

#include <iostream>
#include <string>

#include "cli/commands.h"
#include "core/json.h"
#include "phrasebook/phrasebook.h"
#include "services/clientsearch.h"
#include "storage/schema/schema.h"

namespace bd::cli {

namespace {

std::string toJson(const std::string& query, const services::SearchResult& r, phrase::Lang lang) {
    std::string out =
        fmt::format("{{\"query\": {}, \"total\": {}, \"hits\": ", jsonString(query), r.total);
    out += jsonArray(r.hits, [lang](const services::SearchHit& h) {
        return fmt::format(
            "{{\"client_id\": {}, \"name\": {}, \"phone\": {}, \"id_number\": {}, "
            "\"broker_id\": {}, \"broker_name\": {}, \"match\": \"{}\", \"why\": {}, "
            "\"tag\": {}, \"vip\": {}, \"value_rank\": {}}}",
            jsonString(h.client_id), jsonString(h.name), jsonString(h.phone_masked),
            jsonString(h.id_masked), jsonString(h.broker_id), jsonString(h.broker_name),
            toKey(h.match), jsonString(phrase::name(h.match, lang)),
            h.tag.empty() ? "null" : jsonString(h.tag), h.vip ? "true" : "false",
            h.value_rank > 0 ? std::to_string(h.value_rank) : "null");
    });
    return out + "}";
}

} // namespace

Command makeSearchCommand() {
    return catalogued("search", [](const Args& a) {
        if (a.positionals().size() != 1) {
            std::cerr << "brokerdesk-cli search: give one QUERY (quote it if it has "
                         "spaces)\n";
            return static_cast<int>(kUsage);
        }
        auto limit = intOption(a, "limit", 20, 1);
        if (!limit) return reportError(limit.error());
        const auto lang = langOption(a);
        if (!lang) return reportError(lang.error());
        auto book = ReadBook::open(*a.get("db"));
        if (!book) return reportError(book.error());
        auto index = services::buildClientSearchIndex(book->db());
        if (!index) return reportError(index.error());
        const std::string& query = a.positionals()[0];
        const auto r = index->search(query, static_cast<std::size_t>(*limit));
        if (a.has("json")) {
            std::cout << toJson(query, r, *lang) << "\n";
            return static_cast<int>(kOk);
        }
        for (const auto& h : r.hits)
            std::cout << fmt::format("{}\t{}\t{}\t{} {}\t{}{}{}\n", h.client_id, h.name,
                                     h.phone_masked, h.broker_id, h.broker_name,
                                     phrase::name(h.match, *lang), h.tag.empty() ? "" : " ", h.tag);
        if (r.total > r.hits.size())
            std::cout << phrase::moreHits(r.total - r.hits.size(), *lang) << "\n";
        return static_cast<int>(kOk);
    });
}

} // namespace bd::cli
