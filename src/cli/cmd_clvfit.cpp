#include <fmt/format.h>

#include <iostream>

#include "analytics/clv.h"
#include "cli/commands.h"
#include "core/date.h"
#include "services/transactionsfile.h"

namespace bd::cli {

namespace {

int usage(const std::string& message) {
    std::cerr << "brokerdesk-cli clv-fit: " << message
              << "\nusage: brokerdesk-cli clv-fit --transactions F --calibration-end D "
                 "[--time-unit week|day]\n";
    return kUsage;
}

std::string number(double v) {
    return fmt::format("{:.10g}", v);
}

} // namespace

Command makeClvFitCommand() {
    return catalogued("clv-fit", [](const Args& args) {
        const auto end = parseDate(*args.get("calibration-end"));
        if (!end) return usage("invalid --calibration-end date: " + *args.get("calibration-end"));
        const std::string unitText = args.get("time-unit", "week");
        analytics::TimeUnit unit;
        if (unitText == "week")
            unit = analytics::TimeUnit::Week;
        else if (unitText == "day")
            unit = analytics::TimeUnit::Day;
        else
            return usage("--time-unit must be week or day, not '" + unitText + "'");

        auto rows = services::readTransactionsCsv(*args.get("transactions"));
        if (!rows) return reportError(rows.error());
        const auto grouped = services::groupByCustomer(*rows);
        auto summary = analytics::summarizeCustomers(grouped.purchases, *end, unit);
        if (!summary) return reportError(summary.error());
        auto models = analytics::fitClvModels(*summary);
        if (!models) return reportError(models.error());
        const auto& bg = models->bgnbd;
        const auto& gg = models->gamma_gamma;
        std::cout << fmt::format(
            "{{\"r\": {}, \"alpha\": {}, \"a\": {}, \"b\": {}, \"loglik\": {}, "
            "\"customers\": {}, \"repeat_customers\": {}, \"iterations\": {}, "
            "\"converged\": {}, \"gg_p\": {}, \"gg_q\": {}, \"gg_gamma\": {}, "
            "\"gg_loglik\": {}, \"gg_customers\": {}, \"gg_iterations\": {}, "
            "\"gg_converged\": {}, \"time_unit\": \"{}\", \"calibration_end\": \"{}\", "
            "\"rows_read\": {}}}\n",
            number(bg.params.r), number(bg.params.alpha), number(bg.params.a), number(bg.params.b),
            number(bg.loglik), number(bg.customers), number(bg.repeat_customers), bg.iterations,
            bg.converged, number(gg.params.p), number(gg.params.q), number(gg.params.gamma),
            number(gg.loglik), number(gg.customers), gg.iterations, gg.converged, unitText,
            end->toString(), rows->size());
        return static_cast<int>(kOk);
    });
}

} // namespace bd::cli
