// brokerdesk-cli survey create|list|launch|results: satisfaction surveys and return visits.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/readbook.h"
#include "core/json.h"
#include "phrasebook/phrasebook.h"
#include "services/commands/command.h"
#include "services/recordbook.h"
#include "services/segmentation.h"
#include "services/surveys.h"

namespace bd::cli {
namespace {

using phrase::Lang;

std::string templateName(const services::SurveyTemplateRow& t, Lang l) {
    return t.standard != 0 ? std::string(phrase::name(static_cast<StandardSurvey>(t.standard), l))
                           : t.name;
}

std::string itemText(const services::SurveyItemRow& i, Lang l) {
    return i.standard_item != 0
               ? std::string(phrase::surveyItem(static_cast<StandardItem>(i.standard_item), l))
               : i.text;
}

std::string rounded(std::optional<double> v, int decimals) {
    return v ? jsonNumber(*v, decimals) : std::string("null");
}

std::string npsJson(const analytics::SurveyTally& t) {
    return fmt::format("\"respondents\": {}, \"promoters\": {}, \"passives\": {}, "
                       "\"detractors\": {}, \"nps\": {}, \"mean_item_score\": {}",
                       t.respondents, t.promoters, t.passives, t.detractors, rounded(t.nps(), 1),
                       rounded(t.meanItemScore(), 2));
}

std::string npsText(const analytics::SurveyTally& t, Lang l) {
    const auto mean = t.meanItemScore();
    return fmt::format("{:>5} NPS  {:>4} answers ({} promoters, {} passives, {} detractors)  "
                       "mean item {}",
                       phrase::nps(t.nps(), l), t.recommendAnswers(), t.promoters, t.passives,
                       t.detractors, mean ? fmt::format("{:.2f}", *mean) : std::string("-"));
}

/// Where a survey is created or launched: the desk's file or the branch server (a manager's,
/// the login's policies deciding), through the command layer.
Result<services::cmd::Applied> execute(const Args& a, const services::cmd::Command& command) {
    auto book = services::RecordBook::open(*a.get("db"));
    if (!book) return book.error();
    return book->execute(command);
}

int runCreate(const Args& a, Lang) {
    services::SurveyDraft d;
    d.name = a.get("name", "");
    d.items.assign(a.positionals().begin() + 1, a.positionals().end());
    auto applied = execute(a, {{}, services::cmd::CreateSurvey{d}});
    if (!applied) return reportError(applied.error());
    if (a.has("json"))
        std::cout << fmt::format("{{\"survey\": {}, \"items\": {}, \"operation\": {}}}\n",
                                 applied->survey_id, d.items.size(), applied->operation);
    else
        std::cout << fmt::format("survey {} created with {} items (operation {})\n",
                                 applied->survey_id, d.items.size(), applied->operation);
    return kOk;
}

int runList(const Args& a, Lang l) {
    // On a server: a working copy of what the login sees (every template and campaign; the
    // progress of the calls of its clients).
    auto book = ReadBook::open(*a.get("db"));
    if (!book) return reportError(book.error());
    auto templates = services::listSurveyTemplates(book->db());
    if (!templates) return reportError(templates.error());
    auto campaigns = services::listSurveyCampaigns(book->db());
    if (!campaigns) return reportError(campaigns.error());
    // A campaign without a name (the demo's) goes by its survey's.
    const auto campaignName = [&](const services::SurveyCampaignRow& c) {
        if (!c.name.empty()) return c.name;
        for (const auto& t : *templates)
            if (t.id == c.template_id) return templateName(t, l);
        return std::string();
    };
    const auto audience = [&](const services::SurveyCampaignRow& c) {
        return phrase::audience(static_cast<AudienceKind>(c.audience), c.audience_arg, l);
    };
    if (a.has("json")) {
        std::cout << "{\"surveys\": [";
        for (std::size_t i = 0; i < templates->size(); ++i) {
            const auto& t = (*templates)[i];
            std::cout << (i ? ",\n  " : "\n  ") << "{\"id\": " << t.id
                      << ", \"name\": " << jsonString(templateName(t, l))
                      << ", \"standard\": " << (t.standard != 0 ? "true" : "false")
                      << ", \"items\": [";
            for (std::size_t k = 0; k < t.items.size(); ++k)
                std::cout << (k ? ", " : "") << jsonString(itemText(t.items[k], l));
            std::cout << "]}";
        }
        std::cout << "],\n \"campaigns\": [";
        for (std::size_t i = 0; i < campaigns->size(); ++i) {
            const auto& c = (*campaigns)[i];
            std::cout << (i ? ",\n  " : "\n  ") << "{\"id\": " << c.id
                      << ", \"name\": " << jsonString(campaignName(c))
                      << ", \"survey\": " << c.template_id
                      << ", \"audience\": " << jsonString(audience(c))
                      << ", \"launch\": " << jsonString(c.launch_date.toString())
                      << ", \"deadline\": " << jsonString(c.deadline_date.toString())
                      << ", \"calls\": " << c.calls << ", \"made\": " << c.made
                      << ", \"answered\": " << c.answered << ", \"due\": " << (c.calls - c.answered)
                      << "}";
        }
        std::cout << "]}\n";
        return kOk;
    }
    std::cout << "surveys:\n";
    for (const auto& t : *templates) {
        std::cout << fmt::format("  {:>3}  {}\n", t.id, templateName(t, l));
        for (const auto& i : t.items)
            std::cout << fmt::format("         {}. {}\n", i.position, itemText(i, l));
    }
    std::cout << "campaigns:\n";
    if (campaigns->empty()) std::cout << "  (none)\n";
    for (const auto& c : *campaigns)
        std::cout << fmt::format("  {:>3}  {}  survey {}  {}  launched {}  deadline {}  calls {} "
                                 "made {} answered {} due {}\n",
                                 c.id, campaignName(c), c.template_id, audience(c),
                                 c.launch_date.toString(), c.deadline_date.toString(), c.calls,
                                 c.made, c.answered, c.calls - c.answered);
    return kOk;
}

int runLaunch(const Args& a, Lang l) {
    services::cmd::LaunchCampaign c;
    auto survey = a.getInt("survey", 0);
    if (!survey) return reportError(survey.error());
    c.template_id = *survey;
    auto audience = services::parseAudience(a.get("audience", ""));
    if (!audience) return reportError(audience.error());
    c.audience = *audience;
    const auto launch = dateOption(a, "launch");
    if (!launch) return reportError(launch.error());
    if (*launch) c.launch = **launch;
    auto days = a.getInt("deadline", 10);
    if (!days) return reportError(days.error());
    c.deadline_working_days = static_cast<int>(*days);
    c.name = a.get("name", phrase::audience(audience->kind, audience->arg, l));
    auto applied = execute(a, {{}, c});
    if (!applied) return reportError(applied.error());
    if (a.has("json"))
        std::cout << fmt::format("{{\"campaign\": {}, \"calls\": {}, \"service_desk_calls\": {}, "
                                 "\"operation\": {}}}\n",
                                 applied->campaign_id, applied->survey_calls, applied->desk_calls,
                                 applied->operation);
    else
        std::cout << fmt::format("campaign {} launched: {} survey calls ({} on the service desk's "
                                 "queue); they enter the next plan (operation {})\n",
                                 applied->campaign_id, applied->survey_calls, applied->desk_calls,
                                 applied->operation);
    return kOk;
}

int runResults(const Args& a, Lang l) {
    std::optional<std::int64_t> campaign;
    if (a.has("campaign")) {
        auto c = a.getInt("campaign", 0);
        if (!c) return reportError(c.error());
        campaign = *c;
    }
    const std::string by = a.get("by", "");
    if (!by.empty() && by != "segment" && by != "broker" && by != "month")
        return reportError(makeError(ErrorCode::Usage, "--by takes segment, broker or month"));
    // On a server: a working copy of what the login sees (a broker their own clients' answers,
    // a manager the branch's).
    auto book = ReadBook::open(*a.get("db"));
    if (!book) return reportError(book.error());
    auto r = services::surveyResults(book->db(), campaign);
    if (!r) return reportError(r.error());
    // Segments by their names in the chosen language (the engine keeps the segment id).
    auto seg = services::loadLatestSegmentation(book->db());
    if (!seg) return reportError(seg.error());
    if (*seg)
        for (auto& g : r->by_segment)
            for (const auto& x : (*seg)->segments)
                if (std::to_string(x.segment_id) == g.key)
                    g.name = phrase::segmentName(x.name_fact, x.name_zh, x.name_en, l);
    const std::vector<std::pair<std::string, const std::vector<services::SurveyGroup>*>> parts{
        {"segment", &r->by_segment}, {"broker", &r->by_broker}, {"month", &r->by_month}};
    if (a.has("json")) {
        std::cout << "{\"total\": {" << npsJson(r->total) << "}";
        for (const auto& [name, groups] : parts) {
            if (!by.empty() && by != name) continue;
            std::cout << ",\n \"by_" << name << "\": [";
            for (std::size_t i = 0; i < groups->size(); ++i)
                std::cout << (i ? ",\n  " : "\n  ") << "{\"" << name
                          << "\": " << jsonString((*groups)[i].key) << ", "
                          << ((*groups)[i].name.empty()
                                  ? std::string()
                                  : "\"name\": " + jsonString((*groups)[i].name) + ", ")
                          << npsJson((*groups)[i].tally) << "}";
            std::cout << "]";
        }
        std::cout << "}\n";
        return kOk;
    }
    if (r->total.recommendAnswers() == 0) {
        std::cout << "no survey answers yet" << (campaign ? " in that campaign" : "") << "\n";
        return kOk;
    }
    std::cout << "total    " << npsText(r->total, l) << "\n";
    for (const auto& [name, groups] : parts) {
        if (!by.empty() && by != name) continue;
        std::cout << "by " << name << ":\n";
        for (const auto& g : *groups)
            std::cout << fmt::format("  {:<14} {}\n", g.name.empty() ? g.key : g.key + " " + g.name,
                                     npsText(g.tally, l));
    }
    return kOk;
}

int runSurvey(const Args& a) {
    const auto& p = a.positionals();
    if (p.empty()) {
        std::cerr << "brokerdesk-cli survey: name one of create, list, launch, results\n";
        return kUsage;
    }
    auto lang = langOption(a);
    if (!lang) return reportError(lang.error());
    if (p[0] != "create" && p.size() > 1) {
        std::cerr << "brokerdesk-cli survey " << p[0] << ": unexpected '" << p[1] << "'\n";
        return kUsage;
    }
    if (p[0] == "create") return runCreate(a, *lang);
    if (p[0] == "list") return runList(a, *lang);
    if (p[0] == "launch") {
        if (!a.has("survey") || !a.has("audience")) {
            std::cerr << "brokerdesk-cli survey launch: needs --survey T and --audience A\n";
            return kUsage;
        }
        return runLaunch(a, *lang);
    }
    if (p[0] == "results") return runResults(a, *lang);
    std::cerr << "brokerdesk-cli survey: unknown subcommand '" << p[0]
              << "' (create, list, launch, results)\n";
    return kUsage;
}

} // namespace

Command makeSurveyCommand() {
    return catalogued("survey", runSurvey);
}

} // namespace bd::cli
