// brokerdesk-cli evaluate: the CRM's own evaluation (docs/kpi.md "Evaluating the CRM").
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/readbook.h"
#include "core/enumkeys.h"
#include "core/json.h"
#include "services/evaluation.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

// The keys of the JSON output, in each enum's order.
constexpr auto kOutcomeKeys =
    enumKeys<EvalOutcome>("active", "aum", "commission", "satisfaction", "coverage");
constexpr auto kVerdictKeys =
    enumKeys<EvalVerdict>("not_enough_data", "rose", "fell", "no_clear_change");
constexpr auto kCaveatKeys = enumKeys<EvalCaveat>("no_comparison_group", "small_comparison_group");

void printJson(const services::EvalReport& rep, phrase::Lang lang) {
    const EvalResult& r = rep.result;
    std::cout << "{\"before\": [" << jsonString(r.before_from.toString()) << ", "
              << jsonString(r.before_to.toString()) << "], \"after\": ["
              << jsonString(r.after_from.toString()) << ", " << jsonString(r.after_to.toString())
              << "], \"comparison\": " << (r.has_comparison ? "true" : "false")
              << ", \"treated_clients\": " << r.treated_clients
              << ", \"comparison_clients\": " << r.comparison_clients
              << ", \"resamples\": " << r.resamples << ", \"seed\": " << r.seed
              << ", \"confidence\": " << jsonNumber(r.confidence) << ",\n \"caveats\": [";
    for (std::size_t i = 0; i < r.caveats.size(); ++i)
        std::cout << (i ? ", " : "") << "{\"kind\": " << jsonString(kCaveatKeys(r.caveats[i]))
                  << ", \"text\": " << jsonString(phrase::evalCaveat(r.caveats[i], lang)) << "}";
    std::cout << "],\n \"outcomes\": [";
    for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
        const auto& o = r.outcomes[i];
        const bool num = o.verdict != EvalVerdict::NotEnoughData;
        const auto n = [&](double v) { return num ? jsonNumber(v, 6) : std::string("null"); };
        const auto c = [&](double v) {
            return num && r.has_comparison ? jsonNumber(v, 6) : std::string("null");
        };
        std::cout << (i ? ",\n  " : "\n  ")
                  << "{\"outcome\": " << jsonString(kOutcomeKeys(o.outcome))
                  << ", \"name\": " << jsonString(phrase::name(o.outcome, lang))
                  << ", \"n_treated\": " << o.n_treated << ", \"n_comparison\": " << o.n_comparison
                  << ", \"treated_before\": " << n(o.treated_before)
                  << ", \"treated_after\": " << n(o.treated_after)
                  << ", \"treated_change\": " << n(o.treated_change)
                  << ", \"comparison_before\": " << c(o.comparison_before)
                  << ", \"comparison_after\": " << c(o.comparison_after)
                  << ", \"comparison_change\": " << c(o.comparison_change)
                  << ", \"estimate\": " << n(o.estimate) << ", \"ci_low\": " << n(o.ci_low)
                  << ", \"ci_high\": " << n(o.ci_high)
                  << ", \"verdict\": " << jsonString(kVerdictKeys(o.verdict))
                  << ", \"conclusion\": "
                  << jsonString(phrase::evalConclusion(o, r.has_comparison, r.confidence, lang))
                  << "}";
    }
    std::cout << "\n ]}\n";
}

void printText(const services::EvalReport& rep, phrase::Lang lang) {
    const EvalResult& r = rep.result;
    std::cout << phrase::evalSummary(r, lang) << "\n";
    for (EvalCaveat c : r.caveats) std::cout << phrase::evalCaveat(c, lang) << "\n";
    for (const auto& o : r.outcomes) {
        std::cout << "\n" << phrase::name(o.outcome, lang) << "\n";
        for (const auto& line : phrase::evalFigures(o, r, lang)) std::cout << "  " << line << "\n";
        std::cout << "  " << phrase::evalConclusion(o, r.has_comparison, r.confidence, lang)
                  << "\n";
    }
}

int runEvaluate(const Args& a) {
    services::EvalOptionsIn o;
    const std::string startText = a.get("start", "");
    auto start = parseDate(startText);
    if (!start) return reportError(expects("start", "YYYY-MM-DD", startText));
    o.start = *start;
    auto months = a.getInt("months", 6);
    if (!months) return reportError(months.error());
    o.months = static_cast<int>(*months);
    auto resamples = a.getInt("resamples", 1000);
    if (!resamples) return reportError(resamples.error());
    if (*resamples < 0 || *resamples > 100000)
        return reportError(makeError(ErrorCode::Usage, "--resamples takes 0 to 100000"));
    o.resamples = static_cast<int>(*resamples);
    auto seed = a.getInt("seed", 20261206);
    if (!seed) return reportError(seed.error());
    o.seed = static_cast<std::uint64_t>(*seed);
    if (auto s = optionInto(o.treated, a, "treated", services::parseEvalSelector); !s)
        return reportError(s.error());
    // Alone, --compare names the clients not yet on the programme: everyone else is on it.
    if (auto s = optionInto(o.comparison, a, "compare", services::parseEvalSelector); !s)
        return reportError(s.error());
    auto lang = langOption(a);
    if (!lang) return reportError(lang.error());
    // On a server: every trade the login sees (a manager's branch), from one snapshot.
    auto book = ReadBook::open(*a.get("db"), services::everyTrade());
    if (!book) return reportError(book.error());
    auto rep = services::evaluateProgramme(book->db(), o);
    if (!rep) return reportError(rep.error());
    std::cerr << "evaluate: " << rep->result.treated_clients + rep->result.comparison_clients
              << " clients, read in " << static_cast<long long>(rep->read_ms) << " ms, "
              << rep->result.resamples << " resamples in "
              << static_cast<long long>(rep->compute_ms) << " ms\n";
    (a.has("json") ? printJson : printText)(*rep, *lang);
    return kOk;
}

} // namespace

Command makeEvaluateCommand() {
    return catalogued("evaluate", runEvaluate);
}

} // namespace bd::cli
