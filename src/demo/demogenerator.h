#pragma once
// The demo book: a realistic, seed-reproducible branch network (branches, brokers, securities,
// clients, three years of trades, month-end assets, positions and contact history) written
// straight into a book. Trading follows a BG/NBD-like repeat-purchase process so the value
// model finds real signal, and brokers over-serve large passive accounts as the domain study
// describes.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::demo {

/// The kinds of client a real branch has; each follows its own trading and service pattern.
enum class DemoArchetype : std::uint8_t {
    ActiveTrader = 0, // small accounts that trade often
    AffluentTrader,   // large accounts that trade often
    PassiveWealthy,   // large AUM, rare trades, heavily served
    Dormant,          // stopped trading (some before the history starts), some closed
    Newcomer,         // opened in the last six months
};
inline constexpr int kDemoArchetypeCount = 5;

/// English name of an archetype ("active_trader", ...).
std::string_view toString(DemoArchetype a);

/// Target share of each archetype among generated clients (sums to 1).
const std::array<double, kDemoArchetypeCount>& demoArchetypeShares();

struct DemoOptions {
    int clients = 5000;
    std::uint64_t seed = 1;
    Date as_of = Date::fromYmd(2026, 11, 20);
    int history_years = 3;
    /// Share of each archetype (in DemoArchetype order; any positive weights) instead of
    /// demoArchetypeShares(): books of another mix, e.g. for the segmentation benchmark.
    std::optional<std::array<double, kDemoArchetypeCount>> archetype_shares;
    /// Whether createDemoBook adds the finished survey campaign (demo/demosurvey.h): the CLI's
    /// demo books have it; tests and benchmarks that count contacts leave it out.
    bool survey_campaign = false;
    /// Called from the writing thread about every 1% of clients: (done, total, trades so far).
    std::function<void(std::int64_t, std::int64_t, std::int64_t)> progress;
};

struct DemoSummary {
    std::int64_t branches = 0, brokers = 0, securities = 0, clients = 0, trades = 0, assets = 0,
                 positions = 0, contacts = 0;
    std::array<std::int64_t, kDemoArchetypeCount> archetype_counts{};
    /// Archetype of each client, indexed by client_ref - 1 (not stored in the book).
    std::vector<DemoArchetype> archetypes;
    std::vector<std::string> client_ids; // the same order
    double seconds = 0;                  // wall time of the whole generation
    double finish_seconds = 0;           // of which: index rebuilds, derived tables, commit
    std::int64_t survey_calls = 0, survey_answers = 0; // the survey campaign (survey_campaign)
};

/// Writes each client's archetype ("client_id,archetype", a line each) to `path`: the planted
/// truth a segmentation can be measured against (bench/segment_study). Not stored in the book.
Status writeArchetypes(const DemoSummary& summary, const std::string& path);

/// Fills an open, empty book with a demo book (one transaction; nothing is left on failure).
Result<DemoSummary> generateDemoBook(storage::Database& db, const DemoOptions& options);

/// Opens or creates the book at `path` and fills it. A book holding data is refused with
/// InvalidInput unless `force`, which replaces it; a file that is not a book is always refused.
Result<DemoSummary> createDemoBook(const std::string& path, const DemoOptions& options, bool force);

} // namespace bd::demo
