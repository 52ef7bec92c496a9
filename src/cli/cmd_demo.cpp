#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "demo/demogenerator.h"
#include "storage/book/clientsummary.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

/// "--mix": one non-negative weight per archetype, comma-separated, not all zero.
Result<std::array<double, demo::kDemoArchetypeCount>> parseMix(std::string_view text) {
    std::array<double, demo::kDemoArchetypeCount> w{};
    std::size_t parts = 0;
    double sum = 0;
    bool ok = true;
    std::size_t from = 0;
    for (std::size_t comma = 0; comma != std::string_view::npos && ok; from = comma + 1) {
        comma = text.find(',', from);
        const std::string part(text.substr(from, comma - from));
        char* end = nullptr;
        const double v = std::strtod(part.c_str(), &end);
        ok = parts < w.size() && !part.empty() && end == part.c_str() + part.size() && v >= 0 &&
             v <= 1e6;
        if (ok) sum += (w[parts++] = v);
    }
    if (!ok || parts != w.size() || !(sum > 0))
        return makeError(ErrorCode::Usage, "--mix takes " +
                                               std::to_string(demo::kDemoArchetypeCount) +
                                               " non-negative weights, not all zero, e.g. "
                                               "45,8,5,30,12");
    return w;
}

} // namespace

Command makeDemoCommand() {
    return catalogued("demo", [](const Args& a) {
        demo::DemoOptions o;
        auto clients = a.getInt("clients", o.clients);
        if (!clients) return reportError(clients.error());
        if (*clients < 1 || *clients > 5'000'000)
            return reportError(
                makeError(ErrorCode::Usage, "--clients must be between 1 and 5000000"));
        o.clients = static_cast<int>(*clients);
        auto seed = a.getInt("seed", 1);
        if (!seed) return reportError(seed.error());
        if (*seed < 0) return reportError(makeError(ErrorCode::Usage, "--seed must be >= 0"));
        o.seed = static_cast<std::uint64_t>(*seed);
        if (auto asOf = a.get("as-of")) {
            auto d = parseDate(*asOf);
            if (!d || d->year() < 2000 || d->year() > 2100)
                return reportError(
                    makeError(ErrorCode::Usage, "--as-of must be a date YYYY-MM-DD (2000-2100)"));
            o.as_of = *d;
        }
        auto years = a.getInt("years", o.history_years);
        if (!years) return reportError(years.error());
        if (*years < 1 || *years > 20)
            return reportError(makeError(ErrorCode::Usage, "--years must be between 1 and 20"));
        o.history_years = static_cast<int>(*years);
        if (auto mix = a.get("mix")) {
            auto shares = parseMix(*mix);
            if (!shares) return reportError(shares.error());
            o.archetype_shares = *shares;
        }
        const bool tty = isatty(STDERR_FILENO) != 0;
        int lastDecile = -1;
        o.progress = [&](std::int64_t done, std::int64_t total, std::int64_t trades) {
            const int pct = static_cast<int>(done * 100 / total);
            if (tty) {
                std::cerr << fmt::format("\rdemo: {:3d}% ({}/{} clients, {} trades)", pct, done,
                                         total, trades)
                          << (done == total ? "\n" : "") << std::flush;
            } else if (pct / 10 != lastDecile) {
                lastDecile = pct / 10;
                std::cerr << fmt::format("demo: {}% ({}/{} clients, {} trades)\n", pct, done, total,
                                         trades);
            }
        };
        o.survey_campaign = !a.has("no-survey");
        const std::string path = *a.get("db");
        auto sum = demo::createDemoBook(path, o, a.has("force"));
        if (!sum) return reportError(sum.error());
        if (auto out = a.get("archetypes"))
            if (auto s = demo::writeArchetypes(*sum, *out); !s) return reportError(s.error());
        // The workstation's client-list summary, built now rather than at first open.
        if (auto db = storage::openBook(path); db) {
            if (auto fresh = storage::ensureClientSummaryFresh(*db); !fresh)
                return reportError(fresh.error());
        }
        std::cout << fmt::format(
            "demo book {}: {} branches, {} brokers, {} securities, {} clients, {} trades, "
            "{} asset snapshots, {} positions, {} contacts in {:.1f} s (final indexing "
            "{:.1f} s; seed {}, as of {})\n",
            path, sum->branches, sum->brokers, sum->securities, sum->clients, sum->trades,
            sum->assets, sum->positions, sum->contacts, sum->seconds, sum->finish_seconds, o.seed,
            o.as_of.toString());
        if (sum->survey_calls > 0)
            std::cout << fmt::format("a finished survey campaign: {} return-visit calls, {} "
                                     "answered (brokerdesk-cli survey results)\n",
                                     sum->survey_calls, sum->survey_answers);
        return static_cast<int>(kOk);
    });
}

} // namespace bd::cli
