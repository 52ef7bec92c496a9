#pragma once
// brokerdesk-cli's commands. Each lives in its own cmd_*.cpp; the table is in commands.cpp.
#include <functional>
#include <string>
#include <vector>

#include "cli/args.h"
#include "phrasebook/phrasebook.h"
#include "services/clientlookup.h"
#include "services/listexports.h"
#include "services/peopletable.h"
#include "storage/db/database.h"

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

/// The items of a comma-separated list ("A,B,,C" -> A, B, C): client ids, filter terms.
std::vector<std::string> splitList(const std::string& s);

/// Maps an engine error to an exit code (InvalidInput -> 2, Usage -> 1, else 3).
int exitCodeFor(const Error& e);
/// Prints "brokerdesk-cli: <error>" to stderr and returns exitCodeFor(e).
int reportError(const Error& e);
/// The client `id` names now, following merges (services/clientlookup.h); a merged client's
/// id says on stderr, in the --lang, which client it was merged into.
Result<services::ClientLookup> lookupClientNamed(storage::RecordStore& store,
                                                 const std::string& id);

/// How long a command waits for another program's write to the book: BROKERDESK_WAIT seconds,
/// else this many (a batch job can afford to wait; the workstation waits kBusyTimeoutMs).
inline constexpr int kDefaultWaitSeconds = 30;
int waitSecondsFromEnvironment();

/// Usage error unless `out` names a .csv or .xlsx file (the exports for people).
Status requirePeopleOut(const std::string& out);
/// --lang zh|en as the phrasebook's language (default English); Usage error for any other.
Result<phrase::Lang> langOption(const Args& a);
/// What every export for people starts with: the --out file (.xlsx or .csv), the --lang, and
/// the book, opened.
struct PeopleExport {
    std::string out;
    phrase::Lang lang = phrase::Lang::En;
    storage::Database db;
    /// --headers ids: the lists' column ids and codes for scripts (services::ExportWording).
    bool ids = false;
    services::ExportWording wording() const { return {lang, ids}; }
};
Result<PeopleExport> openPeopleExport(const Args& a);
/// A column of an export for people: its header is the phrasebook's label of the column id
/// (the id itself in English).
services::PeopleColumn peopleColumn(std::string_view id, services::ColumnKind kind, phrase::Lang l,
                                    int decimals = 2, bool wrap = false);

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
Command makeDeadlinesCommand();  // cmd_deadlines.cpp
Command makeCalendarCommand();   // cmd_calendar.cpp
Command makeSettingsCommand();   // cmd_settings.cpp
Command makeCheckCommand();      // cmd_check.cpp
Command makeDuplicatesCommand(); // cmd_merge.cpp
Command makeMergeCommand();      // cmd_merge.cpp
Command makeReassignCommand();   // cmd_merge.cpp
Command makeServerCommand();     // cmd_server.cpp
Command makeKpiCommand();        // cmd_kpi.cpp
Command makeEvaluateCommand();   // cmd_evaluate.cpp
Command makeClientCommand();     // cmd_client.cpp
Command makeContactCommand();    // cmd_client.cpp
Command makeAuditCommand();      // cmd_client.cpp
Command makeUndoCommand();       // cmd_client.cpp
Command makeSearchCommand();     // cmd_search.cpp
Command makeBackupCommand();     // cmd_backup.cpp
Command makeRestoreCommand();    // cmd_backup.cpp
Command makeSurveyCommand();     // cmd_survey.cpp

/// Records an export in the audit trail (what, rows, masked, file); the exit code (0 or the
/// error's). Each export command calls it once after writing its file.
int recordExport(storage::Database& db, const std::string& what, std::int64_t rows, bool masked,
                 const std::string& file);

// Export kinds (one factory per kind; add yours to the list in cmd_export.cpp).
std::vector<ExportKind> makeInterchangeExports(); // clients, trades, assets, contacts, ...
std::vector<ExportKind> makeValueExports();       // scores, vip (export_value.cpp)
std::vector<ExportKind> makeSegmentExports();     // segments (export_segments.cpp)
std::vector<ExportKind> makePlanExports();        // calllist (cmd_plan.cpp)
std::vector<ExportKind> makeListExports();        // clientlist, coverage (export_lists.cpp)
std::vector<ExportKind> makeReviewExports();      // review PDF (export_review.cpp)
std::vector<ExportKind> makeReportExports();      // monthly branch report (cmd_kpi.cpp)

} // namespace bd::cli
