#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "phrasebook/phrasebook.h"
#include "services/commands/command.h"
#include "services/servicepolicies.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

void printPolicies(const std::vector<analytics::ServicePolicy>& policies) {
    std::cout << fmt::format("{:<12} {:<6} {:>8}  {:<10} {:<18} {}\n", "type", "", "cadence",
                             "proactive", "served by", "channels");
    for (const auto& p : policies)
        std::cout << fmt::format(
            "{:<12} {:<6} {:>5} d  {:<10} {:<18} {}\n", analytics::toString(p.type),
            phrase::name(p.type, phrase::Lang::Zh), p.contact_cadence_days,
            p.proactive_contact ? "yes" : "no", analytics::toString(p.served_by),
            services::formatChannels(p.channels));
}

Result<bool> parseYesNo(const std::string& v) {
    if (v == "yes" || v == "true" || v == "1" || v == "on") return true;
    if (v == "no" || v == "false" || v == "0" || v == "off") return false;
    return expects("proactive", "yes or no", v);
}

} // namespace

Command makePolicyCommand() {
    return catalogued("policy", [](const Args& a) {
        const bool edits = a.has("cadence-days") || a.has("channels") || a.has("served-by") ||
                           a.has("proactive") || a.has("reset");
        std::optional<analytics::RelationshipType> type;
        if (auto t = a.get("type")) {
            type = services::parseRelationshipType(*t);
            if (!type)
                return reportError(
                    expects("type", "basic, reactive, accountable, proactive or partnership", *t));
        } else if (edits) {
            return reportError(
                makeError(ErrorCode::Usage, "name the relationship type to edit (--type)"));
        }
        auto book = SettingsBook::open(*a.get("db"));
        if (!book) return reportError(book.error());
        auto policies = services::loadServicePolicies(book->db());
        if (!policies) return reportError(policies.error());
        if (!type) {
            printPolicies(*policies);
            return static_cast<int>(kOk);
        }
        analytics::ServicePolicy p = (*policies)[static_cast<std::size_t>(*type)];
        if (edits) {
            if (a.has("reset")) p = analytics::defaultServicePolicy(*type);
            auto days = a.getInt("cadence-days", p.contact_cadence_days);
            if (!days) return reportError(days.error());
            if (*days < 1 || *days > 3660)
                return reportError(
                    makeError(ErrorCode::Usage, "--cadence-days must be 1 to 3660 days"));
            p.contact_cadence_days = static_cast<int>(*days);
            if (auto s = optionInto(p.channels, a, "channels", services::parseChannels); !s)
                return reportError(s.error());
            if (auto s = a.get("served-by")) {
                auto by = services::parseServedBy(*s);
                if (!by)
                    return reportError(expects(
                        "served-by", "senior_broker, broker, service_desk or automated", *s));
                p.served_by = *by;
            }
            if (auto s = optionInto(p.proactive_contact, a, "proactive", parseYesNo); !s)
                return reportError(s.error());
            // Through the command layer: validated, audited (policy.edit).
            if (auto s = book->execute({{}, services::cmd::SaveServicePolicies{{p}}}); !s)
                return reportError(s.error());
        }
        printPolicies({p});
        return static_cast<int>(kOk);
    });
}

} // namespace bd::cli
