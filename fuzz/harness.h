#pragma once
// The fuzz harnesses of the import: set-up, one input and the invariant checks, as plain
// functions. The libFuzzer targets (fuzz/fuzz_*.cpp) and the regression test
// (tests/fuzz/test_fuzz_regressions.cpp) run the same code, so an input that ever tripped a
// harness stays checked by the normal test suite.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"
#include "storage/import/importer.h"

namespace bd::fuzz {

/// One harness per fuzz target; the name is the folder of its corpus under tests/data/fuzz/.
enum class Harness { Csv, Securities, Clients, Trades, Assets, Contacts, Positions };
inline constexpr Harness kHarnesses[] = {Harness::Csv,      Harness::Securities, Harness::Clients,
                                         Harness::Trades,   Harness::Assets,     Harness::Contacts,
                                         Harness::Positions};

std::string_view harnessName(Harness h);

/// What one input did: the invariants it broke (empty when all held) and, for an importer
/// harness, the report of its strict import.
struct Outcome {
    std::vector<std::string> broken;
    std::optional<storage::ImportReport> strict;
};

/// Runs inputs one by one. Files go to `workDir` (which the caller owns and removes); every
/// input starts from a copy of the same seeded in-memory book, so inputs do not affect each
/// other and referencing rows (clients, brokers, securities) get past their lookups.
class Runner {
  public:
    static Result<Runner> create(std::filesystem::path workDir);

    /// The CSV harness reads the input as a file would be read (encoding detection, GB18030
    /// conversion, records); an importer harness imports it strictly and leniently into fresh
    /// books and, when it is accepted, a second time. The trades harness starts an input of
    /// even length from a book without trades (the first load), of odd length from one with.
    Outcome run(Harness h, std::string_view input);

    /// A book an input starts from: its image, its dump, and connections to it that an input
    /// left unchanged (a rejected import rolls back), reused to spare the schema parse.
    struct SeedBook {
        std::string image; // the database file, as sqlite3_serialize gives it
        std::string dump;
        std::vector<storage::Database> spare;
    };

  private:
    Runner(std::filesystem::path workDir, SeedBook full, SeedBook noTrades)
        : m_dir(std::move(workDir)), m_full(std::move(full)), m_noTrades(std::move(noTrades)) {}
    /// Imports `input` as the `kind` file, which sits in `file` of ImportFiles.
    Outcome runImport(storage::ImportKind kind,
                      std::optional<std::string> storage::ImportFiles::*file,
                      std::string_view input);

    std::filesystem::path m_dir;
    SeedBook m_full;
    SeedBook m_noTrades; // the same without trades: a first load takes the bulk path
};

/// The libFuzzer entry of harness `h`: one Runner per process in a temporary directory of its
/// own; a broken invariant is printed and aborts, so libFuzzer keeps the input.
int fuzzOne(Harness h, const std::uint8_t* data, std::size_t size);

} // namespace bd::fuzz
