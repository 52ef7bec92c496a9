#pragma once
// brokerdesk-cli's commands. Each lives in its own cmd_*.cpp; the table is in commands.cpp.
#include <functional>
#include <string>
#include <vector>

#include "cli/args.h"

namespace bd::cli {

/// Exit codes shared by every command.
enum ExitCode : int { kOk = 0, kUsage = 1, kRejected = 2, kFailure = 3 };

struct Command {
    std::string name;
    std::string synopsis; // "init --db F"
    std::string summary;  // one line
    std::vector<OptionSpec> options;
    std::function<int(const Args&)> run;
};

/// All commands, in the order `--help` lists them.
const std::vector<Command>& commands();

/// Entry point used by main(): dispatches, prints usage and errors, returns the exit code.
int runCli(const std::vector<std::string>& argv);

/// Maps an engine error to an exit code (InvalidInput -> 2, Usage -> 1, else 3).
int exitCodeFor(const Error& e);
/// Prints "brokerdesk-cli: <error>" to stderr and returns exitCodeFor(e).
int reportError(const Error& e);

/// How long a command waits for another program's write to the book: BROKERDESK_WAIT seconds,
/// else this many (a batch job can afford to wait; the workstation waits kBusyTimeoutMs).
inline constexpr int kDefaultWaitSeconds = 30;
int waitSecondsFromEnvironment();

/// Usage error unless `out` names a .csv file (for the exports that write CSV only).
Status requireCsvOut(const std::string& out);

/// One kind of `export` (clients, trades, scores, calllist, ...): see cmd_export.cpp.
struct ExportKind {
    std::string name;
    std::string summary;
    std::function<int(const Args&)> run;
};

// Command factories (one per cmd_*.cpp).
Command makeInitCommand();
Command makeStatsCommand();
Command makeExportCommand();
Command makeDemoCommand();
Command makeImportCommand();
Command makePortfolioCommand();
Command makeRefreshCommand();
Command makePolicyCommand();
Command makeClvFitCommand();
Command makePlanCommand();       // cmd_plan.cpp
Command makeLogContactCommand(); // cmd_plan.cpp
Command makeCoverageCommand();   // cmd_plan.cpp
Command makeCalendarCommand();   // cmd_calendar.cpp
Command makeCheckCommand();      // cmd_check.cpp
Command makeSearchCommand();     // cmd_search.cpp

// Export kinds (one factory per kind; add yours to the list in cmd_export.cpp).
std::vector<ExportKind> makeInterchangeExports(); // clients, trades, assets, contacts, ...
std::vector<ExportKind> makeValueExports();       // scores, vip (export_value.cpp)
std::vector<ExportKind> makeSegmentExports();     // segments (export_segments.cpp)
std::vector<ExportKind> makePlanExports();        // calllist (cmd_plan.cpp)
std::vector<ExportKind> makeReviewExports();      // review PDF (export_review.cpp)

} // namespace bd::cli
